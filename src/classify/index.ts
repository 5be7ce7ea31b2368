import { posix } from "node:path";
import picomatch from "picomatch";
import type { Category } from "./category.js";
import { CHART_FILE_GLOBS, MANIFEST_CANDIDATE_GLOBS, PATH_RULES, TEMPLATE_SUFFIX } from "./rules.js";

export { composeMounts } from "./compose.js";
export { looksLikeManifest } from "./rules.js";

/** What the classifier knows beyond a path: facts read from the trees and file contents. */
export interface ClassifierContext {
  /** Extra or extended categories from config: name → globs. */
  custom?: Record<string, readonly string[]>;
  /** Directories that hold a `Chart.yaml`. */
  chartDirs?: Iterable<string>;
  /** Files (or directories) that compose files mount as volumes, env_file, configs or secrets. */
  mounted?: Iterable<string>;
  /** YAML files whose content is a Kubernetes manifest. */
  manifests?: Iterable<string>;
  /** Values files that a `helmfile.yaml` names. */
  helmValues?: Iterable<string>;
}

export type Classify = (path: string) => Category | null;

const GLOB_OPTIONS = { dot: true } as const;
const isChartFile = picomatch([...CHART_FILE_GLOBS], GLOB_OPTIONS);
const isManifestCandidate = picomatch([...MANIFEST_CANDIDATE_GLOBS], GLOB_OPTIONS);
const builtIn = PATH_RULES.map(({ category, globs }) => ({ category, test: picomatch([...globs], GLOB_OPTIONS) }));

/** Builds the path → category function. Config categories win over built-in ones; results are memoised. */
export function createClassifier(context: ClassifierContext = {}): Classify {
  const custom = Object.entries(context.custom ?? {}).map(([category, globs]) => ({
    category,
    test: picomatch([...globs], GLOB_OPTIONS),
  }));
  const chartDirs = [...new Set(context.chartDirs ?? [])];
  const mounted = [...new Set(context.mounted ?? [])];
  const manifests = new Set(context.manifests ?? []);
  const helmValues = new Set(context.helmValues ?? []);
  const memo = new Map<string, Category | null>();

  const decide = (path: string): Category | null => {
    for (const rule of custom) if (rule.test(path)) return rule.category;
    for (const rule of builtIn) if (rule.test(path)) return rule.category;
    if (helmValues.has(path)) return "helm";
    const rendered = path.replace(TEMPLATE_SUFFIX, "");
    if (rendered !== path) for (const rule of builtIn) if (rule.test(rendered)) return rule.category;
    if (chartDirs.some((dir) => isInside(path, dir)) && isChartFile(path)) return "helm";
    if (manifests.has(path)) return "kubernetes";
    if (mounted.some((mount) => path === mount || (isInside(path, mount) && !isSourceCode(path)))) return "config";
    return null;
  };
  return (path) => {
    let category = memo.get(path);
    if (category === undefined) {
      category = decide(path);
      memo.set(path, category);
    }
    return category;
  };
}

/** Chart directories: every folder with a `Chart.yaml`. */
export function chartDirsOf(paths: Iterable<string>): string[] {
  const dirs: string[] = [];
  for (const path of paths) if (posix.basename(path) === "Chart.yaml") dirs.push(posix.dirname(path));
  return dirs;
}

/** Whether a path is a helmfile, whose `values:` entries name values files. */
export const isHelmfile = (path: string): boolean => /^helmfile\.ya?ml$/.test(posix.basename(path)) || posix.basename(posix.dirname(path)) === "helmfile.d";

/** YAML files that a path rule does not already place, whose content decides whether they are manifests. */
export function needsContentSniff(path: string, classify: Classify): boolean {
  return isManifestCandidate(path) && classify(path) === null;
}

// Mounting a folder into a container for live reload (`./src:/app/src`) does not make its code
// configuration: of a mounted folder, only files that are not source code count.
const SOURCE_CODE = /\.(?:[cm]?[jt]sx?|py|go|rs|java|kt|kts|scala|rb|php|cs|fs|c|cc|cpp|h|hpp|swift|m|dart|ex|exs|erl|clj|lua|r|vue|svelte|css|scss|less|html?|md|mdx|rst|txt|png|jpe?g|gif|svg|ico|woff2?|lock)$/i;
const isSourceCode = (path: string) => SOURCE_CODE.test(path);

function isInside(path: string, dir: string): boolean {
  return dir === "." || dir === "" ? true : path.startsWith(`${dir}/`);
}
