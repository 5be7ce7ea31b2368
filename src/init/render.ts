import type { BranchGuess } from "./branches.js";
import type { DetectedCategory } from "./detect.js";

export interface InitPlan {
  /** What the `yaml-language-server` comment points at: a path relative to the config or a URL. */
  schemaRef: string;
  branches: BranchGuess;
  categories: DetectedCategory[];
}

const EXAMPLES = 3;
/** Release branches named in the `targets:` hint; a repository with years of lines has dozens. */
const TARGET_CANDIDATES = 4;
/** YAML double-quoted scalars are JSON strings, so globs starting with `*` stay globs, not aliases. */
const quote = (text: string) => JSON.stringify(text);

/** The text of a commented `driftlog.config.yaml` for what was found in a repository. */
export function renderConfig(plan: InitPlan): string {
  const { branches, categories } = plan;
  const lines = [
    `# yaml-language-server: $schema=${plan.schemaRef}`,
    "# driftlog configuration, written by `driftlog init`. Every key is optional;",
    "# flags on the command line win over this file. Reference: README.md (Configuration).",
    "",
    "# The branch that gets Docker/IaC changes first.",
    ...(branches.source ? [`source: ${quote(branches.source)}`] : ["# No main, master or develop branch was found; name yours here.", "# source: main"]),
    "",
    "# The release branch to compare it with.",
    ...(branches.target ? [`target: ${quote(branches.target)}`] : ["# No stable or release branch was found; name it here once it exists.", "# target: stable"]),
    ...targetsHint(branches),
    "",
    "# Only source changes after this date (YYYY-MM-DD) or revision.",
    "# since: 2025-01-01",
    "",
    ...categoryLines(categories),
    "",
    "# Changes to leave out of the sync (they are reported as excluded).",
    "# exclude:",
    "#   paths: [\"deploy/experimental/**\"]",
    "#   scopes: [experimental]",
    "#   messagePatterns: [\"^wip\\\\b\"]",
    "",
    "# Vendored code (vendor/**, third_party/**, node_modules/**) and test fixtures",
    "# (**/testdata/**, **/fixtures/**, **/__snapshots__/**, test/**/data/**) are not",
    "# this project's deployment: they are set aside and counted in the report.",
    "# Set either to false to treat its Docker/IaC files as changes again.",
    "# ignore:",
    "#   vendored: true",
    "#   fixtures: true",
    "",
    "# Settings that exist only on the release branch on purpose.",
    "# keep:",
    "#   paths: [\"config/production.toml\"]",
    "",
    "# Folder of templates that override the built-in ones.",
    "# templates: .driftlog/templates",
    "",
  ];
  return `${lines.join("\n")}`;
}

function targetsHint({ target, otherTargets }: InitPlan["branches"]): string[] {
  if (otherTargets.length === 0) return [];
  const shown = [target, ...otherTargets].filter((ref): ref is string => ref !== null).slice(0, TARGET_CANDIDATES);
  const rest = otherTargets.length + (target ? 1 : 0) - shown.length;
  return [
    `# Other release branches seen${rest > 0 ? ` (newest ${shown.length} of ${shown.length + rest})` : ""}; list several to get one report per target:`,
    `# targets: [${shown.map(quote).join(", ")}]`,
  ];
}

function categoryLines(categories: readonly DetectedCategory[]): string[] {
  if (categories.length === 0) {
    return [
      "# No Docker/IaC files were found; the built-in categories apply once they appear.",
      "# categories:",
      "#   docker:",
      "#     paths: [\"**/Dockerfile\"]",
    ];
  }
  const lines = [
    "# Docker/IaC categories found in this repository. The built-in rules already",
    "# find these files; the paths pin them here and you can add your own globs",
    "# (or new categories: lower-case names, each with `paths:`).",
    "categories:",
  ];
  for (const { name, paths, files } of categories) {
    const more = files.length > EXAMPLES ? ` (and ${files.length - EXAMPLES} more)` : "";
    lines.push(`  # ${files.length} file${files.length === 1 ? "" : "s"}, e.g. ${files.slice(0, EXAMPLES).join(", ")}${more}`);
    lines.push(`  ${name}:`, "    paths:", ...paths.map((path) => `      - ${quote(path)}`));
  }
  return lines;
}
