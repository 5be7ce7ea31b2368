import type { RawCommit } from "../git/log.js";

/** A `Merge pull request #N from ...` merged into the history described. */
export interface MergedPullRequest {
  number: number;
  merge: RawCommit;
  /** The PR's title: the first line after the merge message's own; null when there is none. */
  title: string | null;
  /** What follows the title in the merge message. */
  body: string;
  /** The commits the merge brought in (reachable from its other parents, not from its first), newest first; PRs merged into it included. */
  commits: RawCommit[];
}

/** The PRs of a history, by merge structure. */
export interface PullRequests {
  /** The outermost PR merges (not inside another PR) by merge SHA: one entry each with `--entries-from pull-requests`. */
  outermost: Map<string, MergedPullRequest>;
  /** Commit → the number of the innermost PR that brought it in. */
  numberOf: Map<string, number>;
}

const MERGE_PULL_REQUEST = /^Merge pull request #(\d+) from \S/;

interface Context {
  inner: MergedPullRequest | null;
  outer: MergedPullRequest | null;
}

/**
 * The pull requests merged into `tip`, with the commits each brought in.
 * From the tip's first-parent line down: each merge on a line, oldest first,
 * claims the first-parent line of each other parent (what nothing older
 * claimed) and then, the same way, what the merges on that line brought in.
 * By induction a merge claims exactly what its first parent does not reach,
 * so PRs merged into a release branch that was merged as a plain branch keep
 * their numbers. Every commit is visited once (linear, no git process, no recursion).
 */
export function mergedPullRequests(history: readonly RawCommit[], tip: string): PullRequests {
  const result: PullRequests = { outermost: new Map(), numberOf: new Map() };
  if (!history.some((commit) => commit.parents.length > 1 && MERGE_PULL_REQUEST.test(commit.message))) return result;
  const byId = new Map(history.map((commit) => [commit.sha, commit]));
  const claimed = new Map<string, Context>();
  // Frames: a line to claim from `tip`, then its merges (oldest first) to open one by one.
  const stack: { tip: string; context: Context; merges: RawCommit[] | null }[] = [{ tip, context: { inner: null, outer: null }, merges: null }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.merges === null) {
      const line: RawCommit[] = [];
      for (let commit = byId.get(frame.tip); commit && !claimed.has(commit.sha); commit = byId.get(commit.parents[0] ?? "")) {
        claimed.set(commit.sha, frame.context);
        if (commit.parents.length > 1) line.push(commit);
      }
      frame.merges = line;
    }
    const merge = frame.merges.pop();
    if (!merge) {
      stack.pop();
      continue;
    }
    const number = MERGE_PULL_REQUEST.exec(merge.message)?.[1];
    const pr = number === undefined ? null : { number: Number(number), merge, ...titleOf(merge.message), commits: [] };
    if (pr && frame.context.outer === null) result.outermost.set(merge.sha, pr);
    const context = pr ? { inner: pr, outer: frame.context.outer ?? pr } : frame.context;
    // The other parents in order: the last pushed is opened first.
    for (const parent of merge.parents.slice(1).reverse()) stack.push({ tip: parent, context, merges: null });
  }
  // One pass in history order, so each PR's commits are newest first without sorting.
  for (const commit of history) {
    const context = claimed.get(commit.sha);
    if (context?.inner) result.numberOf.set(commit.sha, context.inner.number);
    if (context?.outer) context.outer.commits.push(commit);
  }
  return result;
}

function titleOf(message: string): { title: string | null; body: string } {
  const lines = message.split(/\r?\n/).slice(1);
  const at = lines.findIndex((line) => line.trim() !== "");
  if (at < 0) return { title: null, body: "" };
  return { title: lines[at]!.trim(), body: lines.slice(at + 1).join("\n").trim() };
}
