import { posix } from "node:path";
import type { Category } from "../classify/category.js";

/** What the verify commands need to know about the repository beyond the path. */
export interface VerifyContext {
  /** The chart directory (holding Chart.yaml) that contains the path, if any. */
  chartOf(path: string): string | null;
}

type Commands = (path: string, context: VerifyContext) => string[];

const dirOf = (path: string) => posix.dirname(path);

/** Category → the commands a person runs on the target after syncing. driftlog prints them, never runs them. */
export const VERIFY: Readonly<Record<string, Commands>> = {
  docker: (path) => {
    const name = posix.basename(path);
    if (/\.hcl$|bake\.json$/i.test(name)) return [`docker buildx bake -f ${quote(path)} --print`];
    // Ignore files and the shell scripts an image runs are not built on their own.
    if (/dockerignore$|\.(?:sh|bash)$/i.test(name)) return [];
    return [`docker build -f ${quote(path)} .`];
  },
  compose: (path) => [`docker compose -f ${quote(path)} config -q`],
  helm: (path, context) => {
    // Values for a chart kept elsewhere, and helmfiles, have no chart here to lint.
    const chart = context.chartOf(path);
    if (chart === null) return [];
    return [`helm lint ${quote(chart)}`, `helm template ${quote(chart)} > /dev/null`];
  },
  kubernetes: (path) =>
    /^kustomization\.ya?ml$|^Kustomization$/.test(posix.basename(path))
      ? [`kubectl kustomize ${quote(dirOf(path))} > /dev/null`]
      : [`kubectl apply --dry-run=client -f ${quote(path)}`],
  terraform: (path) => {
    const dir = quote(dirOf(path));
    return [`terraform -chdir=${dir} init -backend=false`, `terraform -chdir=${dir} validate`];
  },
};

/** `docker-compose.yml.j2`: a template is checked once rendered, which driftlog cannot do. */
const TEMPLATE = /\.(?:jinja2?|j2|tmpl)$/i;

export function verifyCommands(path: string, category: Category, context: VerifyContext): string[] {
  if (TEMPLATE.test(path)) return [];
  return VERIFY[category]?.(path, context) ?? [];
}

const SAFE = /^[\w@%+=:,./-]+$/;

/**
 * A POSIX shell word for a path: bare when it holds only safe characters,
 * otherwise single-quoted, so spaces, `$(...)`, backticks or `;` stay text.
 * A leading `-` gets `./` so no command reads the path as an option.
 */
export function quote(path: string): string {
  const word = path.startsWith("-") ? `./${path}` : path;
  return SAFE.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
