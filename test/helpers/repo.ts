import { execFileSync } from "node:child_process";
import { afterEach } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ScriptedRepo } from "../../demo/script.js";

export type { CommitOptions } from "../../demo/script.js";

/** A throwaway repository in a temporary folder, driven through the real git CLI. */
export class TestRepo extends ScriptedRepo {
  static create(options: { bare?: boolean; branch?: string } = {}): TestRepo {
    return new TestRepo(mkdtempSync(join(tmpdir(), "driftlog-test-"))).init(options);
  }

  /** The current state of everything a read-only tool must not touch (`.git/driftlog/` aside). */
  fingerprint(): string {
    const read = (...args: string[]) => {
      try {
        return this.gitWithEnv({ GIT_OPTIONAL_LOCKS: "0" }, ...args);
      } catch {
        return "";
      }
    };
    const gitDir = this.git("rev-parse", "--absolute-git-dir");
    const files = execFileSync("find", [gitDir, "-path", join(gitDir, "driftlog"), "-prune", "-o", "-type", "f", "-printf", "%P %s %T@\\n"], { encoding: "utf8" });
    return [
      read("for-each-ref", "--format=%(refname) %(objectname)"),
      read("symbolic-ref", "-q", "HEAD"),
      read("rev-parse", "HEAD"),
      read("stash", "list"),
      read("status", "--porcelain=v2", "--untracked-files=all", "--ignored"),
      read("reflog", "--all"),
      files.split("\n").sort().join("\n"),
    ].join("\n---\n");
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A factory of throwaway repositories, each removed after the test that made it. */
export function tempRepos(): () => TestRepo {
  const made: TestRepo[] = [];
  afterEach(() => made.splice(0).forEach((repo) => repo.remove()));
  return () => {
    const repo = TestRepo.create();
    made.push(repo);
    return repo;
  };
}
