import type { Rules } from "../config/rules.js";
import type { ClassifiedFile, Commit } from "../match/types.js";
import type { Change, TargetOnlyChange } from "../model.js";

/**
 * Target commits with Docker/IaC files that no source change accounts for:
 * release-line-only work (version pins, production settings), each file
 * marked when `keep.paths` says it is meant to stay.
 */
export function targetOnly(
  commits: readonly Commit[],
  files: ReadonlyMap<string, readonly ClassifiedFile[]>,
  changes: readonly Change[],
  rules: Pick<Rules, "isKept">,
): TargetOnlyChange[] {
  const accounted = new Set(changes.flatMap((change) => change.targetShas));
  return commits
    .filter((commit) => !accounted.has(commit.sha) && (files.get(commit.sha)?.length ?? 0) > 0)
    .map((commit) => ({
      sha: commit.sha,
      subject: commit.subject,
      date: commit.date,
      files: (files.get(commit.sha) ?? []).map((file) => ({ path: file.path, category: file.category, kept: rules.isKept(file.path) })),
    }));
}
