import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { simpleGit, type SimpleGit } from "simple-git";
import { repoError } from "../errors.js";

/**
 * Environment for every git process: never take optional locks (so even a stat
 * refresh of the index is not written back), never prompt, and read messages
 * as UTF-8 whatever encoding their commit declares.
 */
export function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!UNUSED_PROGRAMS.test(key)) env[key] = value;
  // GIT_NO_LAZY_FETCH: in a partial clone, a missing blob must not be fetched (and written into .git/objects).
  // Git before 2.39.4 ignores it; an empty GIT_ALLOW_PROTOCOL refuses every transport there too (driftlog never needs one).
  return { ...env, GIT_OPTIONAL_LOCKS: "0", GIT_TERMINAL_PROMPT: "0", GIT_NO_LAZY_FETCH: "1", GIT_ALLOW_PROTOCOL: "", LC_ALL: "C" };
}

/**
 * Editors, pagers and credential helpers (read-only plumbing never runs them),
 * and variables a hook's environment may hold that would point git at another
 * repository than --repo: not passed on.
 */
const UNUSED_PROGRAMS =
  /^(?:EDITOR|VISUAL|PAGER|GIT_EDITOR|GIT_SEQUENCE_EDITOR|GIT_PAGER|GIT_ASKPASS|SSH_ASKPASS|GIT_SSH|GIT_SSH_COMMAND|GIT_PROXY_COMMAND|GIT_EXTERNAL_DIFF|GIT_DIR|GIT_WORK_TREE|GIT_INDEX_FILE|GIT_OBJECT_DIRECTORY|GIT_COMMON_DIR|GIT_NAMESPACE)$/i;

/**
 * A simple-git client for short, buffered queries. Config from the
 * environment (CI runners set GIT_CONFIG_COUNT for safe.directory) is the
 * user's own and is honoured. Any non-zero exit is a failure: simple-git's
 * default lets one without stderr pass as success with empty output (so
 * `git merge-base` of unrelated branches would look like an empty base).
 */
export function gitClient(dir: string): SimpleGit {
  const env = gitEnv();
  return simpleGit({
    baseDir: dir,
    config: PACK_LIMITS,
    trimmed: false,
    allowEnvironment: Object.keys(env),
    unsafe: { allowUnsafeConfigPaths: true, allowUnsafeConfigEnvCount: true },
    errors: (error, result) => {
      if (error) return error;
      if (result.exitCode === 0) return undefined;
      const stderr = Buffer.concat(result.stdErr);
      return stderr.length > 0 ? stderr : Buffer.from(`exit code ${result.exitCode}`);
    },
  }).env(env);
}

/** Runs one buffered git command, turning a failure into an error carrying git's stderr. */
export async function gitRaw(dir: string, args: string[]): Promise<string> {
  try {
    return await gitClient(dir).raw(args);
  } catch (error) {
    throw repoError("E_GIT", `git ${args[0] ?? ""} failed: ${firstLine(error)}`, undefined, error);
  }
}

/**
 * Memory bounds for every git process driftlog runs: `log`, `cat-file`,
 * `merge-base` and `rev-list` read through a whole pack, and by default git
 * maps up to 1 GiB windows of it and keeps 96 MiB of delta bases; mapped
 * pages count as its resident memory (the log of the 100k-commit bench:
 * 426 MB, 100 MB with these, at the same CPU time).
 */
const PACK_LIMITS = ["core.deltaBaseCacheLimit=8m", "core.packedGitWindowSize=16m", "core.packedGitLimit=64m"];
const STREAM_LIMITS = PACK_LIMITS.flatMap((setting) => ["-c", setting]);

/** Spawns git for streaming (simple-git buffers whole outputs, which 100k-commit logs must not). */
export function spawnGit(dir: string, args: string[]): ChildProcessWithoutNullStreams {
  return spawn("git", [...STREAM_LIMITS, ...args], { cwd: dir, env: gitEnv(), stdio: ["pipe", "pipe", "pipe"] });
}

/** What a git process that failed said on stderr (its first 4 KiB): the cause of the repository error it becomes. */
export class GitStderr extends Error {
  constructor(readonly stderr: string) {
    super(stderr.trim());
    this.name = "GitStderr";
  }
}

/** Resolves when the process exits with 0; rejects with its stderr otherwise. */
export function whenExited(child: ChildProcessWithoutNullStreams, what: string): Promise<void> {
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    if (stderr.length < 4096) stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once("error", (error) => reject(repoError("E_GIT", `could not run git ${what}: ${error.message}`)));
    child.once("close", (code, signal) => {
      if (code === 0) resolve();
      else reject(repoError("E_GIT", `git ${what} failed (${signal ?? code}): ${mainLine(stderr)}`, undefined, new GitStderr(stderr)));
    });
  });
}

/** The line that says why git stopped: its first `fatal:` or `error:`, not a warning before it. */
function mainLine(stderr: string): string {
  const lines = stderr.trim().split("\n");
  return lines.find((line) => /^(?:fatal|error):/.test(line)) ?? lines[0] ?? "";
}

/**
 * The object a git failure names as absent from the repository (a partial
 * clone whose promisor remote may not be asked, a mirror missing blobs), or
 * null when it failed for another reason.
 */
export function missingObjectOf(error: unknown): string | null {
  const cause = (error as { cause?: unknown }).cause;
  if (!(cause instanceof GitStderr)) return null;
  const found = /(?:could not fetch|unable to read|missing blob object) '?([0-9a-f]{40,64})/.exec(cause.stderr);
  return found?.[1] ?? null;
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split("\n")[0] ?? "";
}
