import { realpath } from "node:fs/promises";
import { resolve } from "node:path";
import { DriftlogError, repoError } from "../errors.js";
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

/**
 * Finds the repository at or above `dir`: a work tree (any subfolder of it),
 * a linked worktree, or a bare repository. One `git rev-parse`;
 * `--show-cdup` rather than `--show-toplevel`, which fails outside a work tree.
 */
export async function openRepository(dir: string): Promise<Repository> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch {
    throw repoError("E_NOT_A_REPO", `${dir} does not exist`, "pass --repo with the path of a clone");
  }
  let out: string;
  try {
    out = await gitRaw(real, [
      "rev-parse",
      "--path-format=absolute",
      "--is-bare-repository",
      "--is-inside-work-tree",
      "--is-shallow-repository",
      "--git-dir",
      "--git-common-dir",
      "--show-cdup",
    ]);
  } catch (error) {
    throw notARepository(dir, error);
  }
  const [bare = "false", inWorkTree = "false", shallow = "false", gitDir = "", commonDir = "", cdup = ""] = out.split("\n");
  // Inside a git directory (bare, or the .git of a clone) there is no work tree: git runs in the git directory.
  const path = inWorkTree === "true" ? resolve(real, cdup) : gitDir;
  return { path, gitDir, commonDir, bare: bare === "true", shallow: shallow === "true" };
}

function notARepository(dir: string, error: unknown): DriftlogError {
  const cause = (error as { cause?: unknown }).cause ?? error;
  const said = (cause instanceof Error ? cause.message : String(cause)).split("\n").find((line) => line.startsWith("fatal:")) ?? "";
  if (/dubious ownership/.test(said)) {
    return repoError("E_NOT_A_REPO", `${dir} is owned by another user and git refuses to read it`, `run \`git config --global --add safe.directory ${dir}\``, error);
  }
  return repoError("E_NOT_A_REPO", `${dir} is not a git repository (nor is any folder above it)`, "pass --repo with the path of a clone", error);
}

/**
 * Resolves revisions to commit SHAs with one `git cat-file --batch-check`:
 * names travel on stdin, where nothing can be taken for an option. An unknown
 * one is named with the closest real refs (and `also`, what else the flag takes).
 */
export async function resolveCommits(repo: Repository, revisions: { rev: string; flag: string; also?: string }[]): Promise<string[]> {
  const peeled = await peelToCommits(repo, revisions.map(({ rev }) => rev));
  const shas: string[] = [];
  for (const [i, { rev, flag, also }] of revisions.entries()) {
    const sha = peeled[i];
    if (!sha) throw repoError("E_UNKNOWN_REF", `${flag} ${rev}: no such branch, tag or commit in ${repo.path}`, [unknownRefHint(rev, await refNames(repo)), also].filter(Boolean).join("; "));
    shas.push(sha);
  }
  return shas;
}

/** Peels revisions to commit ids with one `cat-file --batch-check`; null for what is not a commit. */
export async function peelToCommits(repo: Repository, refs: readonly string[]): Promise<(string | null)[]> {
  const child = spawnGit(repo.path, ["cat-file", "--batch-check=%(objectname) %(objecttype)"]);
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  const exited = whenExited(child, "cat-file");
  child.stdin.end(refs.map((ref) => `${ref}^{commit}\n`).join(""));
  await exited;
  const lines = out.split("\n");
  return refs.map((_, i) => {
    const [id = "", type] = (lines[i] ?? "").split(" ");
    return type === "commit" ? id : null;
  });
}

/** The closest existing names, else a few branches that do exist, and how to get a missing one. */
function unknownRefHint(rev: string, names: readonly string[]): string {
  const near = closest(rev, names);
  if (near.length > 0) return `did you mean ${near.join(", ")}?`;
  const branches = names.filter((name) => !/^v?\d/.test(name)).slice(0, 5);
  const some = branches.length > 0 ? `branches here include ${branches.join(", ")}; ` : "";
  return `${some}run \`git fetch\` if it exists on the remote (in CI, fetch-depth: 0 fetches every branch)`;
}

/** Local branches, remote-tracking branches and tags (short names). */
export async function refNames(repo: Repository): Promise<string[]> {
  const out = await gitRaw(repo.path, ["for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/remotes", "refs/tags"]);
  return out.split("\n").filter(Boolean);
}

export async function mergeBase(repo: Repository, a: string, b: string): Promise<string> {
  try {
    return (await gitRaw(repo.path, ["merge-base", "--end-of-options", a, b])).trim();
  } catch (error) {
    // Exit 1 without a word is git's "no merge base"; anything else is a real failure.
    if (firstLine((error as { cause?: unknown }).cause) !== "exit code 1") throw error;
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

/** Every file of a commit's tree, by path; submodules (gitlinks, `blob` holding the commit id) too when asked. */
export async function listTree(repo: Repository, commit: string, options: { gitlinks?: boolean } = {}): Promise<Map<string, TreeEntry>> {
  const out = await gitRaw(repo.path, ["ls-tree", "-r", "-z", "--full-tree", "--end-of-options", commit]);
  const tree = new Map<string, TreeEntry>();
  for (const line of out.split("\0")) {
    const tab = line.indexOf("\t");
    if (tab < 0) continue;
    const [mode = "", type = "", blob = ""] = line.slice(0, tab).split(" ");
    if (type === "blob" || (options.gitlinks && type === "commit")) tree.set(line.slice(tab + 1), { mode, blob });
  }
  return tree;
}

/** SHAs of `base..tip` (used to cut history at a `--since` revision). */
export async function revList(repo: Repository, base: string, tip: string): Promise<Set<string>> {
  const out = await gitRaw(repo.path, ["rev-list", "--end-of-options", tip, `^${base}`]);
  return new Set(out.split("\n").filter(Boolean));
}

/**
 * The non-merge commits `git log --no-merges <revisions>` lists, in its order:
 * the same walk without the diffs, a fraction of the log's cost.
 */
export async function walkOrder(repo: Repository, revisions: readonly string[]): Promise<string[]> {
  const out = await gitRaw(repo.path, ["rev-list", "--no-merges", "--end-of-options", ...revisions]);
  return out.split("\n").filter(Boolean);
}

/** Whether `rev` names a commit (false on an unborn branch or an unknown name). */
export async function hasCommit(repo: Repository, rev: string): Promise<boolean> {
  try {
    // `--quiet` fails with no stderr, which simple-git reports as success with empty output.
    return (await gitRaw(repo.path, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`])).trim() !== "";
  } catch {
    return false;
  }
}
