import type { Classify } from "../classify/index.js";
import type { Rules } from "../config/rules.js";
import { TargetIndex } from "./evidence.js";
import type { RawFileChange } from "../git/log.js";
import type { ClassifiedFile, Commit, SourceChange } from "./types.js";

/**
 * The target's side of a sync, built once: its commits since the fork point
 * with their Docker/IaC files, its tip, the renames it made, and the indexes
 * matching queries. Every stage after reading history takes this one value.
 */
export interface TargetSide {
  commits: readonly Commit[];
  /** Classified files of each target commit, by SHA. */
  files: ReadonlyMap<string, readonly ClassifiedFile[]>;
  /** Blob id of each path at the target tip (submodules included: a pick bumps them). */
  tip: ReadonlyMap<string, string>;
  /** Paths renamed on target since the fork point, old → newest name. */
  renames: ReadonlyMap<string, string>;
  index: TargetIndex;
  /** The target tip's blob of a source path, following the target's renames. */
  blobOf(path: string): string | undefined;
}

export function targetSide(commits: readonly Commit[], classify: Classify, tip: ReadonlyMap<string, string>): TargetSide {
  const renames = renamesOf(commits);
  return {
    commits,
    files: new Map(commits.map((commit) => [commit.sha, classifiedFiles(commit, classify)])),
    tip,
    renames,
    index: new TargetIndex(commits),
    blobOf: (path) => tip.get(renames.get(path) ?? path),
  };
}

/** The files of a commit that are Docker/IaC, with their category (a rename counts by either name). */
export function classifiedFiles(commit: Commit, classify: Classify): ClassifiedFile[] {
  return commit.files.flatMap((file) => {
    const category = classify(file.path) ?? classify(file.oldPath);
    return category ? [{ ...file, category }] : [];
  });
}

/** A source commit as a Docker/IaC change, or null when it touches no classified file. */
export function sourceChange(commit: Commit, classify: Classify, rules: Pick<Rules, "excludedBy" | "messageExclusion"> & Partial<Pick<Rules, "botExclusion">>): SourceChange | null {
  const classified = classifiedFiles(commit, classify);
  if (classified.length === 0) return null;
  const counted = classified.filter((file) => rules.excludedBy(file.path) === null);
  const byMessage = rules.botExclusion?.(commit.author, commit.subject) ?? rules.messageExclusion(commit.subject, commit.message);
  const exclusion =
    byMessage ??
    (counted.length === 0
      ? { rule: `exclude.paths: ${rules.excludedBy(classified[0]!.path)}`, reason: "every Docker/IaC file it changes is under an excluded path" }
      : null);
  return { commit, files: counted.length > 0 ? counted : classified, exclusion };
}

/** Paths renamed by these commits (oldest first), each name a file had after a rename → its name before the first. */
export function renameOrigins(commits: readonly { files: readonly RawFileChange[] }[]): Map<string, string> {
  const origins = new Map<string, string>();
  for (const commit of commits) {
    for (const file of commit.files) if (file.status === "R") origins.set(file.path, origins.get(file.oldPath) ?? file.oldPath);
  }
  return origins;
}

/** Paths renamed by these commits (oldest first), old → newest name. */
function renamesOf(commits: readonly Commit[]): Map<string, string> {
  const renames = new Map<string, string>();
  for (const commit of commits) {
    for (const file of commit.files) {
      if (file.status !== "R") continue;
      for (const [old, current] of renames) if (current === file.oldPath) renames.set(old, file.path);
      renames.set(file.oldPath, file.path);
    }
  }
  return renames;
}
