import { posix } from "node:path";
import type { Category } from "../classify/category.js";
import { diffCompose } from "./compose.js";
import { diffDockerfile } from "./dockerfile.js";
import { diffDotenv, diffIni } from "./env.js";
import { diffManifests } from "./kubernetes.js";
import { diffLineCount } from "./lines.js";
import { structuredDiffer } from "./structured.js";
import { diffTerraform } from "./terraform.js";
import { diffWorkflow } from "./workflow.js";
import type { Differ } from "./types.js";

interface DifferRule {
  /** Tested against the file's base name; omitted means every file of the category. */
  name?: RegExp;
  differ: Differ;
}

const toml = structuredDiffer("toml");
const yaml = structuredDiffer("yaml");
const json = structuredDiffer("json");

/** Config files by extension, for mounted config and any category that holds them. */
const BY_EXTENSION: readonly DifferRule[] = [
  { name: /\.toml$/i, differ: toml },
  { name: /\.ya?ml$/i, differ: yaml },
  { name: /\.json$/i, differ: json },
  { name: /(?:^\.env$|^\.env\.|\.env$)/i, differ: diffDotenv },
  { name: /\.(?:ini|cfg|conf|properties)$/i, differ: diffIni },
];

/** Category → differs in order; the first whose name test passes wins, and `diffLineCount` is the fallback. */
export const DIFFERS: Readonly<Record<string, readonly DifferRule[]>> = {
  docker: [
    { name: /dockerignore$/i, differ: diffLineCount },
    // An entrypoint is a shell script the image runs, not a Dockerfile.
    { name: /\.(?:sh|bash)$/i, differ: diffLineCount },
    { name: /\.hcl$/i, differ: diffTerraform },
    { name: /\.json$/i, differ: json },
    { differ: diffDockerfile },
  ],
  compose: [{ differ: diffCompose }],
  env: [{ differ: diffDotenv }],
  config: BY_EXTENSION,
  kubernetes: [{ name: /^kustomization\.ya?ml$|^Kustomization$/, differ: yaml }, { differ: diffManifests }],
  // Values files and Chart.yaml are YAML data; templates are not YAML until rendered.
  helm: [{ name: /^(?:values.*|Chart)\.ya?ml$/i, differ: yaml }, { name: /\.json$/i, differ: json }],
  terraform: [{ name: /\.json$/i, differ: json }, { differ: diffTerraform }],
  ci: [{ name: /\.ya?ml$/i, differ: diffWorkflow }],
};

/** `docker-compose.yml.j2`, `app.env.tmpl`: a template is not its rendered file's syntax until rendered. */
const TEMPLATE = /\.(?:jinja2?|j2|tmpl|tpl|gotmpl)$/i;

/** The differ for a classified file. */
export function differFor(path: string, category: Category): Differ {
  const name = posix.basename(path);
  if (TEMPLATE.test(name)) return diffLineCount;
  const rule = (DIFFERS[category] ?? []).find((candidate) => !candidate.name || candidate.name.test(name));
  return rule?.differ ?? diffLineCount;
}
