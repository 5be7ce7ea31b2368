/**
 * The sync report model (JSON schemaVersion 1). Every renderer and every
 * consumer of `--format json` reads these shapes; change them only additively.
 */

import type { Category } from "./classify/category.js";
import type { FileDriftEntry, FileDriftSummary } from "./drift/types.js";

export type { Category };

export type ChangeStatus = "synced" | "partial" | "unsynced" | "superseded" | "excluded" | "reverted";
export type FileStatus = "synced" | "unsynced" | "superseded";
export type MatchMethod = "trailer" | "author" | "pr-number" | "patch-id" | "content";
export type PickPrediction = "clean" | "conflict";

export const CHANGE_STATUSES: readonly ChangeStatus[] = [
  "unsynced",
  "partial",
  "synced",
  "superseded",
  "excluded",
  "reverted",
];
export const MATCH_METHODS: readonly MatchMethod[] = ["trailer", "author", "pr-number", "patch-id", "content"];

/** Whether a change with this status still has to be picked onto the target: unsynced, or partly synced. */
export const isStillToPick = (status: ChangeStatus | null): boolean => status === "unsynced" || status === "partial";

export interface Person {
  name: string;
  email: string;
}

export interface FileChange {
  path: string;
  category: Category;
  status: FileStatus;
  /** The strongest evidence that put this file on target, or null when it is not there. */
  method: MatchMethod | null;
  targetShas: string[];
  /**
   * Set only when part of this file change could not be read (a partial
   * clone or a mirror lacking blobs; driftlog never fetches them):
   * `renames`, the history was read without rename detection and this
   * deletion or addition may be one side of a rename; `content`, a blob of
   * the change or of its target counterpart is missing, so its content
   * evidence is unknown (taken neither way), and so is its pick prediction
   * unless the blob ids alone decide it.
   */
  unread?: UnreadPart[];
}

export type UnreadPart = "renames" | "content";

/** What a run could not read, and what that cost; {@link SyncReport.unread}. */
export interface Unread {
  /** Ids of the objects the run needed that the repository lacks, sorted. */
  missingObjects: string[];
  /** Possible renames read as a deletion and an addition, because detecting them needed a missing blob. */
  renamesNotFollowed: number;
  /** File changes whose content could not be read (marked `content`). */
  filesWithoutContent: number;
  /** Changes still to pick whose pick prediction is unknown (`pick` null) for a missing blob. */
  picksUnknown: number;
}

export interface Exclusion {
  /** The config rule that matched, e.g. `exclude.paths: deploy/experimental/**`. */
  rule: string;
  reason: string;
}

export interface Change {
  sha: string;
  shortSha: string;
  subject: string;
  /** The commit message after the subject line, trimmed; empty when there is none. */
  body: string;
  author: Person;
  /** Commit date, ISO 8601. */
  date: string;
  ageDays: number;
  categories: Category[];
  status: ChangeStatus;
  /** For a change still to pick; null otherwise, and when a missing blob leaves it unknown (see {@link FileChange.unread}). */
  pick: PickPrediction | null;
  files: FileChange[];
  matchedBy: MatchMethod[];
  targetShas: string[];
  /** Date of the earliest target commit that carried this change, when it is (partly) on target. */
  syncedAt: string | null;
  /** For a predicted conflict: per file, the closest earlier change still to pick that touched it (follow transitively for the chain). */
  dependsOn: string[];
  exclusion: Exclusion | null;
  revertedBy: string | null;
  /**
   * For a change with superseded files: the later source changes, already on
   * target, that replaced what those files added (or deleted them), in
   * history order. Always set by the sync pipeline; missing in reports from
   * before it was recorded.
   */
  supersededBy?: string[];
  /**
   * For a change still to pick with a prediction: the paths of the commit
   * (Docker/IaC or not) that `git cherry-pick` would leave conflicted, sorted.
   * Missing in reports from before it was recorded.
   */
  conflictFiles?: string[];
  /**
   * For a change still to pick: the predicted pick of its Docker/IaC files
   * alone (the commit without its other paths); null otherwise and when a
   * missing blob leaves it unknown.
   */
  iacPick?: PickPrediction | null;
  /** For a change still to pick: the paths the commit changes besides its Docker/IaC files, sorted (what a Docker/IaC-only pick leaves out). */
  otherPaths?: string[];
  /** Set when a dependency bot (Dependabot, Renovate) made the change, or its subject is a dependency bump. */
  bump?: DependencyBump;
}

/** What a dependency bump bumps; {@link Change.bump}. */
export interface DependencyBump {
  /** The dependency as the subject names it (`actions/checkout`, `rust in /docker`). */
  dependency: string;
  from: string | null;
  to: string | null;
  /** For a bump still to pick: the newest bump of the same dependency still to pick, when that is another change (pick it instead). */
  supersededBy: string | null;
}

export interface TargetOnlyFile {
  path: string;
  category: Category;
  kept: boolean;
}

export interface TargetOnlyChange {
  sha: string;
  subject: string;
  date: string;
  files: TargetOnlyFile[];
}

export interface Summary {
  total: number;
  synced: number;
  partial: number;
  unsynced: number;
  superseded: number;
  excluded: number;
  reverted: number;
  conflicts: number;
  /** Counts of {@link SyncReport.fileDrift}; set by the sync pipeline. */
  fileDrift?: FileDriftSummary;
}

export interface RefInfo {
  ref: string;
  sha: string;
}

export interface SyncReport {
  schemaVersion: 1;
  tool: { name: "driftlog"; version: string };
  generatedAt: string;
  repository: { path: string; remoteUrl: string | null };
  source: RefInfo;
  target: RefInfo;
  mergeBase: string;
  summary: Summary;
  changes: Change[];
  targetOnly: TargetOnlyChange[];
  /** Classified files whose content differs between the two tips (or that one tip lacks), in each file type's terms. Always set by the sync pipeline. */
  fileDrift?: FileDriftEntry[];
  /** Set only when the repository lacks objects the run needed (a partial clone, a mirror missing blobs): the run finishes without them. */
  unread?: Unread;
  /**
   * Vendored code (`vendor/**`, `third_party/**`, `node_modules/**`) and test
   * fixtures (`testdata`, `fixtures`, `__snapshots__`, `data` folders under `test/`) are
   * not the project's own deployment: their files are set aside (config
   * `ignore` turns each kind off). Always set by the sync pipeline.
   */
  setAside?: SetAside;
}

/** What {@link SyncReport.setAside} counts. */
export interface SetAside {
  /** Source commits whose only Docker/IaC-looking files were set aside. */
  commits: number;
  /** Distinct set-aside files that source commits touched or that differ between the tips. */
  files: number;
  /** Those files, sorted. */
  paths: string[];
}

/**
 * The JSON of `driftlog sync` with more than one target: one full sync
 * report per target, in the order the targets were given. With one target
 * the output stays the plain {@link SyncReport}.
 */
export interface MultiSyncReport {
  schemaVersion: 1;
  tool: SyncReport["tool"];
  generatedAt: string;
  targets: SyncReport[];
}

/** What `sync` produces: one report, or one per target. */
export type SyncOutput = SyncReport | MultiSyncReport;

export const isMultiTarget = (output: SyncOutput): output is MultiSyncReport => "targets" in output;

/** The per-target reports of either shape. */
export const reportsOf = (output: SyncOutput): SyncReport[] => (isMultiTarget(output) ? output.targets : [output]);
