import type { RawCommit } from "../git/log.js";

/** A `Merge pull request #N from ...` on the first-parent line of the history described. */
export interface MergedPullRequest {
  number: number;
  merge: RawCommit;
  /** The PR's title: the first line after the merge message's own; null when there is none. */
  title: string | null;
  /** What follows the title in the merge message. */
  body: string;
  /** The commits the merge brought in (reachable from its other parents, not from its first), newest first. */
  commits: RawCommit[];
}

const MERGE_PULL_REQUEST = /^Merge pull request #(\d+) from \S/;

/**
 * The pull requests merged into `tip`'s first-parent line, each with the
 * commits it brought in. Each first-parent merge, oldest first, claims what
 * its other parents reach that nothing older claimed: by induction that is
 * exactly what its first parent does not reach, and every commit is visited
 * once (linear in the history, no git process). Merges of branches that are
 * not pull requests claim their commits too, for no PR.
 */
export function mergedPullRequests(history: readonly RawCommit[], tip: string): Map<string, MergedPullRequest> {
  const byMerge = new Map<string, MergedPullRequest>();
  if (!history.some((commit) => commit.parents.length > 1 && MERGE_PULL_REQUEST.test(commit.message))) return byMerge;
  const byId = new Map(history.map((commit) => [commit.sha, commit]));
  const mainline: RawCommit[] = [];
  // Commit → the first-parent merge that brought it in (or the mainline itself, null).
  const claimedBy = new Map<string, RawCommit | null>();
  for (let commit = byId.get(tip); commit && !claimedBy.has(commit.sha); commit = byId.get(commit.parents[0] ?? "")) {
    mainline.push(commit);
    claimedBy.set(commit.sha, null);
  }
  for (const merge of mainline.reverse()) {
    if (merge.parents.length < 2) continue;
    const number = MERGE_PULL_REQUEST.exec(merge.message)?.[1];
    if (number !== undefined) byMerge.set(merge.sha, { number: Number(number), merge, ...titleOf(merge.message), commits: [] });
    const stack = merge.parents.slice(1);
    while (stack.length > 0) {
      const sha = stack.pop()!;
      const commit = byId.get(sha);
      if (!commit || claimedBy.has(sha)) continue;
      claimedBy.set(sha, merge);
      stack.push(...commit.parents);
    }
  }
  // One pass in history order, so each PR's commits are newest first without sorting.
  for (const commit of history) {
    const merge = claimedBy.get(commit.sha);
    if (merge) byMerge.get(merge.sha)?.commits.push(commit);
  }
  return byMerge;
}

/** The commit → PR map of {@link mergedPullRequests}. */
export function pullRequestOfCommit(merged: ReadonlyMap<string, MergedPullRequest>): Map<string, MergedPullRequest> {
  const out = new Map<string, MergedPullRequest>();
  for (const pr of merged.values()) for (const commit of pr.commits) out.set(commit.sha, pr);
  return out;
}

function titleOf(message: string): { title: string | null; body: string } {
  const lines = message.split(/\r?\n/).slice(1);
  const at = lines.findIndex((line) => line.trim() !== "");
  if (at < 0) return { title: null, body: "" };
  return { title: lines[at]!.trim(), body: lines.slice(at + 1).join("\n").trim() };
}
