import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Who wrote a commit and when (Unix seconds); defaults come from the script's clock. */
export interface CommitOptions {
  author?: { name: string; email: string };
  time?: number;
}

/**
 * Writes a git history with the real git CLI and a deterministic clock (one
 * hour per commit), so the same script always yields the same SHAs. Used by
 * the demo and by the tests.
 */
export class ScriptedRepo {
  private clock: number;

  constructor(
    readonly dir: string,
    startTime = Date.parse("2025-01-06T09:00:00Z") / 1000,
  ) {
    this.clock = startTime;
  }

  /** Creates the repository (wiping anything at `dir`) with a fixed identity. */
  init(options: { bare?: boolean; branch?: string } = {}): this {
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    this.git("init", "-q", `--initial-branch=${options.branch ?? "main"}`, ...(options.bare ? ["--bare"] : []));
    this.git("config", "user.name", "Dev One");
    this.git("config", "user.email", "dev1@example.com");
    this.git("config", "commit.gpgsign", "false");
    this.git("config", "core.autocrlf", "false");
    return this;
  }

  /** Runs git in the repository and returns its trimmed stdout. */
  git(...args: string[]): string {
    return this.gitWithEnv({}, ...args);
  }

  gitWithEnv(env: Record<string, string | undefined>, ...args: string[]): string {
    return execFileSync("git", args, {
      cwd: this.dir,
      encoding: "utf8",
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", ...env },
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 256 * 1024 * 1024,
    }).trim();
  }

  /** Writes (string) or deletes (null) files in the work tree. */
  write(files: Record<string, string | null>): void {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (content === null) rmSync(full, { force: true });
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    }
  }

  /** Writes files, stages everything and commits; returns the new SHA. */
  commit(message: string, files: Record<string, string | null> = {}, options: CommitOptions = {}): string {
    this.write(files);
    this.git("add", "-A");
    this.gitWithEnv(this.tick(options), "commit", "-q", "--allow-empty", "-m", message);
    return this.head();
  }

  head(): string {
    return this.git("rev-parse", "HEAD");
  }

  checkout(ref: string, create = false): void {
    this.git("checkout", "-q", ...(create ? ["-b"] : []), ref);
  }

  /**
   * `git cherry-pick` (with `-x` unless told otherwise): the author date stays,
   * the committer date moves on. With `resolve`, a conflict is settled by
   * writing those files, as a person would, and the pick continued.
   */
  cherryPick(sha: string, options: { x?: boolean; resolve?: Record<string, string | null> } = {}): string {
    const { GIT_COMMITTER_DATE } = this.tick({});
    const env = { GIT_COMMITTER_DATE, GIT_EDITOR: "true" };
    try {
      this.gitWithEnv(env, "cherry-pick", ...(options.x === false ? [] : ["-x"]), sha);
    } catch (error) {
      if (!options.resolve) throw error;
      this.write(options.resolve);
      this.git("add", "-A");
      this.gitWithEnv(env, "cherry-pick", "--continue");
    }
    return this.head();
  }

  revert(sha: string): string {
    this.gitWithEnv(this.tick({}), "revert", "--no-edit", sha);
    return this.head();
  }

  merge(ref: string, message: string): string {
    this.gitWithEnv(this.tick({}), "merge", "--no-ff", "-q", "-m", message, ref);
    return this.head();
  }

  /** The next commit's dates: committer from the clock, author from options or the clock. */
  private tick(options: CommitOptions): Record<string, string | undefined> {
    this.clock += 3600;
    return {
      GIT_AUTHOR_DATE: `@${options.time ?? this.clock} +0000`,
      GIT_COMMITTER_DATE: `@${this.clock} +0000`,
      ...(options.author ? { GIT_AUTHOR_NAME: options.author.name, GIT_AUTHOR_EMAIL: options.author.email } : {}),
    };
  }
}
