import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { run } from "../../src/cli/run.js";
import type { SyncReport } from "../../src/model.js";
import { syncReport } from "../../src/sync.js";
import { TestRepo } from "../helpers/repo.js";
import { cloneOf, releaseRepo } from "./repos.js";

const NOW = new Date("2025-03-01T00:00:00Z");

/** What must not depend on how the repository is laid out or how the refs are spelt. */
const outcome = (report: SyncReport) => ({
  mergeBase: report.mergeBase,
  source: report.source.sha,
  target: report.target.sha,
  changes: report.changes.map((change) => `${change.shortSha} ${change.status} ${change.pick ?? "-"} ${change.matchedBy.join("+")}`),
  targetOnly: report.targetOnly.map((change) => change.sha),
  drift: report.fileDrift?.length ?? 0,
});

let repo: TestRepo;
let expected: ReturnType<typeof outcome>;
const others: TestRepo[] = [];
const folders: string[] = [];

beforeAll(async () => {
  repo = releaseRepo(5);
  expected = outcome(await syncReport({ repo: repo.dir, now: NOW }));
});

afterAll(() => {
  [repo, ...others].forEach((each) => each?.remove());
  folders.forEach((folder) => rmSync(folder, { recursive: true, force: true }));
});

describe("the same report whatever the repository's layout", () => {
  test("the baseline has unsynced, synced and target-only work to compare", () => {
    expect(expected.changes.some((line) => line.includes(" synced "))).toBe(true);
    expect(expected.changes.some((line) => line.includes(" unsynced "))).toBe(true);
    expect(expected.mergeBase).toMatch(/^[0-9a-f]{40}$/);
  });

  test("a bare clone, through the CLI", async () => {
    const bare = cloneOf(repo, "--bare");
    others.push(bare);
    expect(bare.git("rev-parse", "--is-bare-repository")).toBe("true");
    expect(outcome(await syncReport({ repo: bare.dir, now: NOW }))).toEqual(expected);
    let stdout = "";
    let stderr = "";
    const code = await run(["sync", "--repo", bare.dir, "--format", "json"], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: bare.dir });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as SyncReport).repository.path).toBe(bare.dir);
  });

  test("a linked worktree, from its top and from a subfolder, with the main work tree on another branch", async () => {
    const worktree = join(`${repo.dir}-wt`);
    folders.push(worktree);
    repo.git("worktree", "add", "-q", worktree, "stable");
    mkdirSync(join(worktree, "deploy", "nested"), { recursive: true });
    expect(outcome(await syncReport({ repo: worktree, now: NOW }))).toEqual(expected);
    const fromSub = await syncReport({ repo: join(worktree, "deploy", "nested"), now: NOW });
    expect(outcome(fromSub)).toEqual(expected);
    expect(fromSub.repository.path).toBe(worktree);
  });

  test("a detached HEAD, and HEAD as the source", async () => {
    const clone = cloneOf(repo);
    others.push(clone);
    clone.git("checkout", "-q", "--detach", "origin/main");
    expect(() => clone.git("symbolic-ref", "-q", "HEAD")).toThrow();
    expect(outcome(await syncReport({ repo: clone.dir, source: "HEAD", target: "origin/stable", now: NOW }))).toEqual(expected);
    clone.git("checkout", "-q", "--detach", "HEAD~1");
    // Detached elsewhere: the branch names still decide.
    expect(outcome(await syncReport({ repo: clone.dir, source: "origin/main", target: "origin/stable", now: NOW }))).toEqual(expected);
  });

  test("remote-tracking refs, in a clone with no local stable branch", async () => {
    const clone = cloneOf(repo);
    others.push(clone);
    expect(clone.git("branch", "--list", "stable")).toBe("");
    expect(outcome(await syncReport({ repo: clone.dir, source: "origin/main", target: "origin/stable", now: NOW }))).toEqual(expected);
  });

  test("tags (lightweight and annotated), full and short SHAs, and ~N", async () => {
    const main = repo.git("rev-parse", "main");
    const stable = repo.git("rev-parse", "stable");
    repo.git("tag", "main-tip", main);
    repo.git("tag", "-a", "stable-tip", "-m", "annotated", stable);
    const spellings: [string, string][] = [
      ["main-tip", "stable-tip"],
      [main, stable],
      [main.slice(0, 7), stable.slice(0, 10)],
      ["main~0", "stable^0"],
    ];
    for (const [source, target] of spellings) {
      expect(outcome(await syncReport({ repo: repo.dir, source, target, now: NOW })), `${source} ${target}`).toEqual(expected);
    }
  });
});
