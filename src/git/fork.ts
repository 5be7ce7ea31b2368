import { gitRaw } from "./exec.js";
import { mergeBase, type Repository } from "./repo.js";

/** Where the source branch left the target, and their merge base. */
export interface Fork {
  /** The newest commit of the source's first-parent line that the target also has. */
  fork: string;
  /** `git merge-base source target`. */
  base: string;
}

/**
 * Where the source branch left the target: the newest commit of the source's
 * first-parent line that the target also has. Without merges between the
 * branches this is their merge base. When the target has been merged back
 * into the source (a back-merge of stable into main) the merge base moves up
 * to the target's tip at that merge, but picks made on the target before it
 * still carry source changes made after the fork; reading the target's side
 * from the fork point keeps them.
 *
 * `known`, an earlier run's answer, is reused while it holds (see
 * {@link stillForks}). Otherwise one `git rev-list`; `git merge-base` runs
 * only when the source's line since the fork has a merge or reaches a root
 * (a shallow or unrelated history, which merge-base reports). A line of
 * single-parent commits whose oldest parent the target has can have no
 * other common ancestor newer than that parent, so then the fork point is
 * the merge base (at 100k commits merge-base reads the whole pack: about
 * 0.4 s and 300 MB of mapped memory).
 */
export async function forkAndBase(repo: Repository, sourceSha: string, targetSha: string, known?: KnownFork): Promise<Fork> {
  if (known && (await stillForks(repo, sourceSha, targetSha, known))) return { fork: known.fork, base: known.base };
  const lines = await firstParentLine(repo, sourceSha, [targetSha]);
  const oldest = lines[lines.length - 1];
  // Nothing on source that target lacks: the source tip itself is where it left, and the target has it.
  if (oldest === undefined) return { fork: sourceSha, base: sourceSha };
  const fork = oldest[1] ?? sourceSha;
  const linear = lines.every((line) => line.length === 2);
  return { fork, base: linear ? fork : await mergeBase(repo, sourceSha, targetSha) };
}

/** A fork point and merge base found by an earlier run, with the tips it found them for. */
export interface KnownFork extends Fork {
  source: string;
  target: string;
}

/**
 * Whether an earlier run's fork point and merge base hold for these tips: the
 * target has not moved, and the source moved (if at all) by single-parent
 * commits on top of the earlier source tip that the target does not have.
 * Then the source's first-parent line below them is the one the earlier run
 * walked, and no common ancestor can be newer. One `git rev-list` of the new
 * commits only, instead of the whole line since the fork.
 */
async function stillForks(repo: Repository, sourceSha: string, targetSha: string, known: KnownFork): Promise<boolean> {
  if (known.target !== targetSha) return false;
  if (known.source === sourceSha) return true;
  // An earlier tip that is gone (a force-push, then gc) fails the walk: then find the fork afresh.
  const added = await firstParentLine(repo, sourceSha, [targetSha, known.source]).catch(() => null);
  const oldest = added?.[added.length - 1];
  return added !== null && oldest !== undefined && added.every((line) => line.length === 2) && oldest[1] === known.source;
}

/** `git rev-list --first-parent --parents` of `tip` without what `without` reach: each commit with its parents, newest first. */
async function firstParentLine(repo: Repository, tip: string, without: readonly string[]): Promise<string[][]> {
  const out = await gitRaw(repo.path, ["rev-list", "--first-parent", "--parents", "--end-of-options", tip, ...without.map((sha) => `^${sha}`)]);
  return out
    .split("\n")
    .filter(Boolean)
    .map((line) => line.split(" "));
}
