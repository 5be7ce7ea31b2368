import { gitRaw } from "./exec.js";
import type { Repository } from "./repo.js";

/**
 * Where the source branch left the target: the newest commit of the source's
 * first-parent line that the target also has. Without merges between the
 * branches this is their merge base. When the target has been merged back
 * into the source (a back-merge of stable into main) the merge base moves up
 * to the target's tip at that merge, but picks made on the target before it
 * still carry source changes made after the fork; reading the target's side
 * from the fork point keeps them. One `git rev-list`.
 */
export async function forkPoint(repo: Repository, sourceSha: string, targetSha: string): Promise<string> {
  const out = await gitRaw(repo.path, ["rev-list", "--first-parent", "--parents", "--end-of-options", sourceSha, `^${targetSha}`]);
  const lines = out.split("\n").filter(Boolean);
  const oldest = lines[lines.length - 1];
  // Nothing on source that target lacks: the source tip itself is where it left.
  return oldest === undefined ? sourceSha : (oldest.split(" ")[1] ?? sourceSha);
}
