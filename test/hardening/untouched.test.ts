import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { run } from "../../src/cli/run.js";
import { TestRepo } from "../helpers/repo.js";
import { cloneOf, releaseRepo } from "./repos.js";

/**
 * TestRepo.fingerprint (refs, HEAD, stash, status, reflogs, every file under
 * the git directory with size and mtime) plus the bytes of those files and
 * every work tree file with its mtime.
 */
function fingerprint(repo: TestRepo): string {
  const gitDir = repo.git("rev-parse", "--absolute-git-dir");
  const hashes: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (path === join(gitDir, "driftlog")) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) hashes.push(`${relative(gitDir, path)} ${createHash("sha256").update(readFileSync(path)).digest("hex")}`);
    }
  };
  walk(gitDir);
  const bare = repo.git("rev-parse", "--is-bare-repository") === "true";
  const workTree = bare
    ? ""
    : execFileSync("find", [".", "-path", "./.git", "-prune", "-o", "-type", "f", "-printf", "%p %s %T@\\n"], { cwd: repo.dir, encoding: "utf8" }).split("\n").sort().join("\n");
  return [repo.fingerprint(), hashes.sort().join("\n"), workTree].join("\n===\n");
}

/** Uncommitted work of every kind, and an index whose stat data is stale, so a stat refresh would rewrite it. */
function makeBusy(repo: TestRepo): void {
  repo.write({ "server.js": "console.log('stashed')\n" });
  repo.git("stash", "push", "-q", "-m", "work in progress");
  repo.write({ "docker-compose.yml": "services:\n  app:\n    build: .\n    # edited, not staged\n", "new-file.txt": "untracked\n" });
  repo.write({ "README.md": "# app\n\nmore\nstaged\n" });
  repo.git("add", "README.md");
  const future = new Date(Date.now() + 3_600_000);
  utimesSync(join(repo.dir, "Dockerfile"), future, future);
}

let repo: TestRepo;
let outside: string;
const others: TestRepo[] = [];

beforeAll(() => {
  repo = releaseRepo(4);
  repo.git("tag", "v1.1.0", "main~2");
  makeBusy(repo);
  outside = mkdtempSync(join(tmpdir(), "driftlog-untouched-"));
});

afterAll(() => {
  [repo, ...others].forEach((each) => each?.remove());
  rmSync(outside, { recursive: true, force: true });
});

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd });
  return { code, stdout, stderr };
}

/** Every read-only command there is, each expected to succeed. */
function commands(dir: string): string[][] {
  const out = join(outside, relative(tmpdir(), dir).replace(/\W+/g, "-"));
  return [
    ["sync", "--repo", dir],
    ["sync", "--repo", dir, "--format", "json,md,html,email", "--out", join(out, "sync")],
    ["sync", "--repo", dir, "--since", "v1.0.0", "--format", "md"],
    ["changelog", "--repo", dir],
    ["changelog", "--repo", dir, "--format", "html", "--out", join(out, "changelog")],
    ["changelog", "--repo", dir, "--format", "json", "--to", "main", "--source", "main"],
    ["changelog", "--repo", dir, "--release-notes", "v1.1.0", "--to", "main"],
    ["changelog", "--repo", dir, "--unreleased", "--to", "main"],
    ["digest", join(out, "sync", "sync-report.json"), "--format", "md,html", "--out", join(out, "digest")],
    ["init", "--repo", dir, "--stdout"],
  ];
}

describe("the repository is exactly as before", () => {
  test("the fingerprint notices what git itself would change: a stat refresh of the index", () => {
    const scratch = releaseRepo(1);
    others.push(scratch);
    makeBusy(scratch);
    const before = fingerprint(scratch);
    expect(fingerprint(scratch)).toBe(before);
    scratch.gitWithEnv({ GIT_OPTIONAL_LOCKS: undefined }, "status", "--porcelain");
    expect(fingerprint(scratch)).not.toBe(before);
  });

  test("after every command on a busy work tree (dirty, staged, stashed, stale index)", async () => {
    const before = fingerprint(repo);
    for (const args of commands(repo.dir)) {
      const result = await cli(args, outside);
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
      expect(fingerprint(repo), args.join(" ")).toBe(before);
    }
    // init writes driftlog.config.yaml by design, and nothing else.
    const init = await cli(["init", "--repo", repo.dir], outside);
    expect(init.code, init.stderr).toBe(0);
    expect(existsSync(join(repo.dir, "driftlog.config.yaml"))).toBe(true);
    rmSync(join(repo.dir, "driftlog.config.yaml"));
    expect(fingerprint(repo)).toBe(before);
  });

  test("after every command on a bare clone and in a linked worktree", async () => {
    const bare = cloneOf(repo, "--bare");
    others.push(bare);
    const worktree = new TestRepo(`${repo.dir}-wt`);
    repo.git("worktree", "add", "-q", worktree.dir, "stable");
    others.push(worktree);
    for (const target of [bare, worktree]) {
      const before = fingerprint(target);
      const main = fingerprint(repo);
      for (const args of commands(target.dir)) {
        const result = await cli(args, outside);
        expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
      }
      expect(fingerprint(target)).toBe(before);
      expect(fingerprint(repo)).toBe(main);
    }
  });

  test("after failing commands too", async () => {
    const before = fingerprint(repo);
    writeFileSync(join(outside, "bad.yaml"), "tarrget: stable\n");
    for (const args of [
      ["sync", "--repo", repo.dir, "--target", "nope"],
      ["sync", "--repo", repo.dir, "--config", join(outside, "bad.yaml")],
      ["sync", "--repo", repo.dir, "--target=--output=x"],
      ["changelog", "--repo", repo.dir, "--release-notes", "v9"],
    ]) {
      const result = await cli(args, repo.dir);
      expect(result.code).toBeGreaterThan(1);
    }
    expect(fingerprint(repo)).toBe(before);
  });
});
