import { gitRaw } from "./exec.js";
import type { Repository } from "./repo.js";

/** A local or remote-tracking branch. */
export interface Branch {
  /** The name without `refs/heads/` or `refs/remotes/<remote>/`. */
  name: string;
  /** What to write in the config: the local name, or `<remote>/<name>` when only a remote has it. */
  ref: string;
  time: number;
}

/** Local branches before remote-tracking ones, origin before other remotes. */
export async function listBranches(repo: Repository): Promise<Branch[]> {
  const out = await gitRaw(repo.path, ["for-each-ref", "--format=%(refname)%00%(committerdate:unix)", "refs/heads", "refs/remotes"]);
  const branches: (Branch & { rank: number })[] = [];
  for (const line of out.split("\n")) {
    const [refname = "", time = "0"] = line.split("\0");
    if (refname.startsWith("refs/heads/")) {
      const name = refname.slice("refs/heads/".length);
      branches.push({ name, ref: name, time: Number(time), rank: 0 });
    } else if (refname.startsWith("refs/remotes/")) {
      const [remote = "", ...rest] = refname.slice("refs/remotes/".length).split("/");
      const name = rest.join("/");
      if (name === "" || name === "HEAD") continue;
      branches.push({ name, ref: `${remote}/${name}`, time: Number(time), rank: remote === "origin" ? 1 : 2 });
    }
  }
  return branches.sort((a, b) => a.rank - b.rank || a.ref.localeCompare(b.ref));
}
