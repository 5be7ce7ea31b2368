import type { Category } from "./category.js";

/**
 * Path rules for the built-in categories, in the order they are tried. Helm
 * charts, Kubernetes manifests and mounted config files need more than a path
 * and are decided in `classify/index.ts` from the trees and file contents.
 */
export const PATH_RULES: readonly { category: Category; globs: readonly string[] }[] = [
  {
    category: "docker",
    globs: [
      "**/Dockerfile",
      "**/Dockerfile.*",
      "**/*.Dockerfile",
      "**/*.dockerfile",
      "**/Containerfile",
      "**/Containerfile.*",
      "**/.dockerignore",
      "**/*.dockerignore",
      "**/docker-bake.hcl",
      "**/docker-bake.json",
      // Scripts an image runs: a top-level docker/ folder's, and entrypoints wherever they live.
      "{docker,.docker}/**/*.sh",
      "**/*entrypoint*.sh",
    ],
  },
  { category: "compose", globs: ["**/docker-compose*.{yml,yaml}", "**/compose*.{yml,yaml}"] },
  { category: "env", globs: ["**/.env", "**/.env.*", "**/*.env"] },
  {
    category: "ci",
    globs: [
      ".github/workflows/**/*.{yml,yaml}",
      ".github/actions/**/action.{yml,yaml}",
      "**/.gitlab-ci.yml",
      ".gitlab/ci/**/*.{yml,yaml}",
      "**/Jenkinsfile",
      "**/Jenkinsfile.*",
      ".circleci/config.{yml,yaml}",
      "azure-pipelines.{yml,yaml}",
      ".azure-pipelines/**/*.{yml,yaml}",
      ".drone.{yml,yaml}",
      "bitbucket-pipelines.yml",
      ".travis.yml",
      ".buildkite/**/*.{yml,yaml}",
      ".woodpecker.{yml,yaml}",
      ".woodpecker/**/*.{yml,yaml}",
    ],
  },
  { category: "terraform", globs: ["**/*.tf", "**/*.tfvars", "**/*.tf.json", "**/*.tfvars.json", "**/.terraform.lock.hcl"] },
  { category: "kubernetes", globs: ["**/kustomization.{yml,yaml}", "**/Kustomization"] },
  // Values for a chart kept elsewhere (another repository, a registry): no Chart.yaml beside them.
  { category: "helm", globs: ["**/{helm,charts}/**/values*.{yml,yaml}", "**/helmfile.{yml,yaml}", "**/helmfile.d/*.{yml,yaml}"] },
];

/**
 * Suffixes of templates that render to a file of the name before them
 * (`docker-compose.yml.j2` → `docker-compose.yml`): they classify as that file.
 */
export const TEMPLATE_SUFFIX = /\.(?:jinja2?|j2|tmpl)$/i;

/** Files that belong to a Helm chart when they sit in its directory (code files there are not chart files); `charts/*.tgz` are packaged dependencies. */
export const CHART_FILE_GLOBS: readonly string[] = ["**/*.{yaml,yml,tpl,json,txt,lock}", "**/.helmignore", "**/charts/*.tgz"];

/** YAML files whose content is read to see whether they are Kubernetes manifests. */
export const MANIFEST_CANDIDATE_GLOBS: readonly string[] = ["**/*.{yml,yaml}"];

/** A YAML document with top-level `apiVersion:` and `kind:` is a Kubernetes manifest. */
export function looksLikeManifest(text: string): boolean {
  return /^apiVersion:[ \t]*\S/m.test(text) && /^kind:[ \t]*\S/m.test(text);
}

/**
 * Paths that are not the project's own deployment: other projects' code
 * vendored in, and test fixtures. Their Docker/IaC files are set aside by
 * default (`ignore.vendored`, `ignore.fixtures` turn each off).
 */
export const SET_ASIDE_GLOBS = {
  vendored: ["vendor/**", "third_party/**", "**/node_modules/**"],
  fixtures: ["**/testdata/**", "**/fixtures/**", "**/__snapshots__/**", "test/**/data/**"],
} as const satisfies Record<string, readonly string[]>;

export type SetAsideKind = keyof typeof SET_ASIDE_GLOBS;
