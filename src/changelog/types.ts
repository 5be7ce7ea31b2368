import type { Category, Person } from "../model.js";

/**
 * The changelog model (JSON schemaVersion 1, schema/changelog.schema.json).
 * Templates and `--format json` consumers read these shapes; change them only additively.
 */
export interface Changelog {
  schemaVersion: 1;
  releases: Release[];
}

export type Bump = "major" | "minor" | "patch";

export interface Release {
  /** The tag without its prefix (`v1.2.0` → `1.2.0`); null for the unreleased section. */
  version: string | null;
  tag: string | null;
  /** The tag's date (tagger date, or commit date for a lightweight tag), YYYY-MM-DD; null when unreleased. */
  date: string | null;
  previousTag: string | null;
  compareUrl: string | null;
  /** Only for the unreleased section; null elsewhere. */
  recommendedBump: Bump | null;
  groups: Group[];
  breaking: BreakingChange[];
  /** Deployment (Docker/IaC) category → SHAs of the entries touching it. */
  deployment: Record<string, string[]>;
  contributors: Person[];
}

export interface Group {
  type: string;
  title: string;
  commits: Entry[];
}

export interface Entry {
  sha: string;
  shortSha: string;
  type: string;
  scope: string | null;
  subject: string;
  breaking: boolean;
  /** `#12`, `owner/repo#3`. */
  references: string[];
  author: Person;
  /** Docker/IaC categories of the files it changes, sorted. */
  deployment: Category[];
  /** On a stable branch: the source-branch commit this one was backported from. */
  backportOf: string | null;
  /**
   * The pull request that landed it: the `Merge pull request #N` that brought
   * it in, else the last `(#N)` its subject ends with. Also in `references`.
   */
  pullRequest: number | null;
}

export interface BreakingChange {
  sha: string;
  scope: string | null;
  subject: string;
  note: string;
}
