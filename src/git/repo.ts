import { repoError } from "../errors.js";
import { firstLine, gitRaw, spawnGit, whenExited } from "./exec.js";
import { closest } from "./refs.js";

/** Where a repository lives and what kind it is. */
export interface Repository {
  /** Work tree top level, or the git directory of a bare repository. */
  path: string;
  gitDir: string;
  /** The directory shared by all worktrees; driftlog's cache lives under it. */
  commonDir: string;
  bare: boolean;
  shallow: boolean;
}

export async function openRepository(dir: string): Promise<Repository> {
  let out: string;
  try {
    out = await gitRaw(dir, [
      "rev-parse",
      "--path-format=absolute",
      "--is-bare-repository",
      "--is-shallow-repository",
      "--git-dir",
      "--git-common-dir",
      "--show-toplevel",
    ]);
  } catch (error) {
    throw repoError("E_NOT_A_REPO", `${dir} is not a git repository (${firstLine((error as { cause?: unknown }).cause ?? error)})`, "pass --repo with the path of a clone");
  }
  const [bare = "false", shallow = "false", gitDir = "", commonDir = "", top = ""] = out.trim().split("\n");
  return { path: bare === "true" ? gitDir : top, gitDir, commonDir, bare: bare === "true", shallow: shallow === "true" };
}

/**
 * Resolves revisions to commit SHAs with one `git cat-file --batch-check`:
 * names travel on stdin, where nothing can be taken for an option. An unknown
 * one is named with the closest real refs.
 */
export async function resolveCommits(repo: Repository, revisions: { rev: string; flag: string }[]): Promise<string[]> {
  const child = spawnGit(repo.path, ["cat-file", "--batch-check=%(objectname) %(objecttype)"]);
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  const exited = whenExited(child, "cat-file");
  child.stdin.end(revisions.map(({ rev }) => `${rev}^{commit}\n`).join(""));
  await exited;
  const lines = out.split("\n");
  const shas: string[] = [];
  for (const [i, { rev, flag }] of revisions.entries()) {
    const [sha = "", type] = (lines[i] ?? "").split(" ");
    if (type === "commit") {
      shas.push(sha);
      continue;
    }
    const near = closest(rev, await refNames(repo));
    throw repoError(
      "E_UNKNOWN_REF",
      `${flag} ${rev}: no such branch, tag or commit in ${repo.path}`,
      near.length > 0 ? `did you mean ${near.join(", ")}?` : "run `git fetch` or check the name with `git branch -a`",
    );
  }
  return shas;
}

/** Local branches, remote-tracking branches and tags (short names). */
export async function refNames(repo: Repository): Promise<string[]> {
  const out = await gitRaw(repo.path, ["for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/remotes", "refs/tags"]);
  return out.split("\n").filter(Boolean);
}

export async function mergeBase(repo: Repository, a: string, b: string): Promise<string> {
  try {
    return (await gitRaw(repo.path, ["merge-base", "--end-of-options", a, b])).trim();
  } catch {
    if (repo.shallow) {
      throw repoError("E_SHALLOW", "the history is shallow and does not reach the merge base of source and target", "run `git fetch --unshallow` (or use fetch-depth: 0 in CI)");
    }
    throw repoError("E_NO_MERGE_BASE", "source and target have no common history", "check that --source and --target name branches of the same project");
  }
}

export async function remoteUrl(repo: Repository): Promise<string | null> {
  try {
    const url = (await gitRaw(repo.path, ["config", "--get", "remote.origin.url"])).trim();
    return url === "" ? null : url;
  } catch {
    return null;
  }
}

/** One entry of a tree listing. */
export interface TreeEntry {
  mode: string;
  blob: string;
}

/** Every file of a commit's tree, by path. */
export async function listTree(repo: Repository, commit: string): Promise<Map<string, TreeEntry>> {
  const out = await gitRaw(repo.path, ["ls-tree", "-r", "-z", "--full-tree", "--end-of-options", commit]);
  const tree = new Map<string, TreeEntry>();
  for (const line of out.split("\0")) {
    const tab = line.indexOf("\t");
    if (tab < 0) continue;
    const [mode = "", type = "", blob = ""] = line.slice(0, tab).split(" ");
    if (type === "blob") tree.set(line.slice(tab + 1), { mode, blob });
  }
  return tree;
}

/** SHAs of `base..tip` (used to cut history at a `--since` revision). */
export async function revList(repo: Repository, base: string, tip: string): Promise<Set<string>> {
  const out = await gitRaw(repo.path, ["rev-list", "--end-of-options", tip, `^${base}`]);
  return new Set(out.split("\n").filter(Boolean));
}
