import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const BASE_TIME = Date.parse("2025-01-06T09:00:00Z") / 1000;

export interface CommitOptions {
  author?: { name: string; email: string };
  /** Unix seconds; default: the repository's clock, one hour per commit. */
  time?: number;
}

/**
 * A throwaway git repository driven through the real git CLI. Dates come from
 * a deterministic clock so reports and snapshots are stable.
 */
export class TestRepo {
  private clock = BASE_TIME;

  private constructor(readonly dir: string) {}

  static create(options: { bare?: boolean; branch?: string } = {}): TestRepo {
    const dir = mkdtempSync(join(tmpdir(), "driftlog-test-"));
    const repo = new TestRepo(dir);
    repo.git("init", "-q", `--initial-branch=${options.branch ?? "main"}`, ...(options.bare ? ["--bare"] : []));
    repo.git("config", "user.name", "Dev One");
    repo.git("config", "user.email", "dev1@example.com");
    repo.git("config", "commit.gpgsign", "false");
    repo.git("config", "core.autocrlf", "false");
    return repo;
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
    this.gitWithEnv(this.env(options), "commit", "-q", "--allow-empty", "-m", message);
    return this.head();
  }

  head(): string {
    return this.git("rev-parse", "HEAD");
  }

  checkout(ref: string, create = false): void {
    this.git("checkout", "-q", ...(create ? ["-b"] : []), ref);
  }

  /** `git cherry-pick` (with `-x` unless told otherwise); the committer date moves on, the author date stays. */
  cherryPick(sha: string, options: { x?: boolean } = {}): string {
    const { GIT_COMMITTER_DATE } = this.env({});
    this.gitWithEnv({ GIT_COMMITTER_DATE: GIT_COMMITTER_DATE! }, "cherry-pick", ...(options.x === false ? [] : ["-x"]), sha);
    return this.head();
  }

  revert(sha: string): string {
    this.gitWithEnv(this.env({}), "revert", "--no-edit", sha);
    return this.head();
  }

  merge(ref: string, message: string): string {
    this.gitWithEnv(this.env({}), "merge", "--no-ff", "-q", "-m", message, ref);
    return this.head();
  }

  /** The current state of everything a read-only tool must not touch. */
  fingerprint(): string {
    const gitDir = this.git("rev-parse", "--git-dir");
    const read = (...args: string[]) => {
      try {
        return this.git(...args);
      } catch {
        return "";
      }
    };
    return [
      read("for-each-ref", "--format=%(refname) %(objectname)"),
      read("rev-parse", "HEAD"),
      read("symbolic-ref", "-q", "HEAD"),
      read("stash", "list"),
      read("status", "--porcelain=v2", "--untracked-files=all", "--ignored"),
      read("reflog", "--all"),
      read("count-objects", "-v"),
      execFileSync("sh", ["-c", `cd "${join(this.dir, gitDir)}" && find . -path ./driftlog -prune -o -type f -newer HEAD -print | sort; ls -la index 2>/dev/null`], { encoding: "utf8" }),
    ].join("\n---\n");
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private env(options: CommitOptions): Record<string, string | undefined> {
    this.clock += 3600;
    const committed = `@${this.clock} +0000`;
    const authored = `@${options.time ?? this.clock} +0000`;
    return {
      GIT_AUTHOR_DATE: authored,
      GIT_COMMITTER_DATE: committed,
      ...(options.author ? { GIT_AUTHOR_NAME: options.author.name, GIT_AUTHOR_EMAIL: options.author.email } : {}),
    };
  }
}
