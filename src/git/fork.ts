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
 * One `git rev-list`; `git merge-base` runs only when the source's line since
 * the fork has a merge or reaches a root (a shallow or unrelated history,
 * which merge-base reports). A line of single-parent commits whose oldest
 * parent the target has can have no other common ancestor newer than that
 * parent, so then the fork point is the merge base (at 100k commits
 * merge-base reads the whole pack: about 0.4 s and 300 MB of mapped memory).
 */
export async function forkAndBase(repo: Repository, sourceSha: string, targetSha: string): Promise<Fork> {
  const out = await gitRaw(repo.path, ["rev-list", "--first-parent", "--parents", "--end-of-options", sourceSha, `^${targetSha}`]);
  const lines = out.split("\n").filter(Boolean);
  const oldest = lines[lines.length - 1];
  // Nothing on source that target lacks: the source tip itself is where it left, and the target has it.
  if (oldest === undefined) return { fork: sourceSha, base: sourceSha };
  const fork = oldest.split(" ")[1] ?? sourceSha;
  const linear = lines.every((line) => line.split(" ").length === 2);
  return { fork, base: linear ? fork : await mergeBase(repo, sourceSha, targetSha) };
}
