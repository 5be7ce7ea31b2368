import type { ChangelogConfig } from "../config/schema.js";
import type { EntriesFrom } from "./changes.js";
import { DEFAULT_TAG_PATTERN } from "./tags.js";
import { configError } from "../errors.js";

/** Groups in their default order; `changelog.types` in the config replaces the list. */
export const DEFAULT_TYPES: readonly { type: string; title: string }[] = [
  { type: "feat", title: "Features" },
  { type: "fix", title: "Bug Fixes" },
  { type: "perf", title: "Performance" },
  { type: "security", title: "Security" },
  { type: "refactor", title: "Refactors" },
  { type: "docs", title: "Documentation" },
  { type: "build", title: "Build" },
  { type: "ci", title: "CI" },
  { type: "test", title: "Tests" },
  { type: "chore", title: "Chores" },
  { type: "revert", title: "Reverts" },
  { type: "other", title: "Other" },
];

/** The `changelog:` config section, normalised. */
export interface ChangelogSettings {
  types: { type: string; title: string }[];
  hidden: Set<string>;
  /** Scope renames: `{ k8s: kubernetes }`. */
  scopes: Record<string, string>;
  includeOther: boolean;
  tagPattern: RegExp;
  remoteUrl: string | null;
  /** Entries from every commit, or from each merged PR's title. */
  entriesFrom: EntriesFrom;
}

export function changelogSettings(config: ChangelogConfig | undefined, tagPattern?: string, entriesFrom?: EntriesFrom): ChangelogSettings {
  const source = tagPattern ?? config?.tagPattern ?? DEFAULT_TAG_PATTERN;
  let pattern: RegExp;
  try {
    pattern = new RegExp(source);
  } catch (error) {
    throw configError("E_TAG_PATTERN", `tag pattern ${JSON.stringify(source)} is not a valid regular expression: ${(error as Error).message}`, "fix --tag-pattern or changelog.tagPattern");
  }
  const types = config?.types ?? [...DEFAULT_TYPES];
  return {
    types: types.some((entry) => entry.type === "other") ? types : [...types, { type: "other", title: "Other" }],
    hidden: new Set(config?.hidden ?? []),
    scopes: config?.scopes ?? {},
    includeOther: config?.includeOther ?? true,
    tagPattern: pattern,
    remoteUrl: config?.remoteUrl ?? null,
    entriesFrom: entriesFrom ?? config?.entriesFrom ?? "commits",
  };
}
