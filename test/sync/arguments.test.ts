import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DriftlogError, syncReport, syncTargets } from "../../src/index.js";
import { parseSince } from "../../src/since.js";
import { cloneOf, releaseRepo } from "../hardening/repos.js";
import type { TestRepo } from "../helpers/repo.js";
import { runCaptured } from "../helpers/run.js";

let repo: TestRepo;
let clone: TestRepo;
/** Four hours after releaseRepo(5)'s last commit. */
let now: Date;

beforeAll(() => {
  repo = releaseRepo(5);
  clone = cloneOf(repo);
  now = new Date((Number(repo.git("log", "-1", "--format=%ct", "main")) + 4 * 3600) * 1000);
});
afterAll(() => {
  repo?.remove();
  clone?.remove();
});

const sync = (...args: string[]) => runCaptured(repo.dir, ["sync", "--no-cache", ...args]);

describe("a target that is the source", () => {
  test.each([
    ["the same branch", (dir) => ["--repo", dir, "--source", "main", "--target", "main"]],
    ["the same remote-tracking branch", () => ["--repo", clone.dir, "--source", "origin/main", "--target", "origin/main"]],
    ["one of several targets", (dir) => ["--repo", dir, "--source", "main", "--target", "stable", "--target", "main"]],
  ] as [string, (dir: string) => string[]][])("%s: a usage error with a hint, no report", async (_name, args) => {
    const result = await sync(...args(repo.dir));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^driftlog: the target "(origin\/)?main" is the source too: a branch compared with itself is always in sync; pass the release branch as --target/);
  });

  test("the library refuses it too, before any target runs", async () => {
    await expect(syncReport({ repo: repo.dir, source: "stable", target: "stable", cache: false })).rejects.toMatchObject({ code: "E_SAME_REF", kind: "usage" });
    await expect(syncTargets(["stable", "main"], { repo: repo.dir, config: {}, cache: false })).rejects.toBeInstanceOf(DriftlogError);
  });

  test("two names of the same commit are a real comparison: in sync", async () => {
    repo.git("tag", "main-tip", "main");
    const result = await sync("--repo", repo.dir, "--source", "main", "--target", "main-tip");
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { summary: { total: number }; target: { sha: string }; source: { sha: string } };
    expect(report.target.sha).toBe(report.source.sha);
    expect(report.summary.total).toBe(0);
  });
});

describe("--since", () => {
  test.each(["2026-13-45", "2026-02-30", "2026-1-5", "2026-01-05T24:00", "last.week", "3.fortnights.ago", "tomorrow"])(
    "%s: invalid date, with the forms it takes",
    async (since) => {
      const result = await sync("--repo", repo.dir, "--since", since);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `driftlog: --since ${JSON.stringify(since)} is not a valid date; use YYYY-MM-DD, ISO 8601 (2026-01-31T12:00:00Z), yesterday, N.days.ago (also hours, weeks, months, years) or a revision\n`,
      );
    },
  );

  test("git's relative forms count from the report's moment", async () => {
    const base = { repo: repo.dir, now, cache: false };
    const cut = new Date(now.getTime() - 6 * 3600_000).toISOString();
    const byDate = await syncReport({ ...base, since: cut });
    expect(byDate.changes.length).toBeGreaterThan(0);
    expect(byDate.changes.length).toBeLessThan((await syncReport(base)).changes.length);
    for (const form of ["6.hours.ago", "6 hours ago", "6.hour.ago"]) {
      expect((await syncReport({ ...base, since: form })).changes.map((change) => change.sha), form).toEqual(byDate.changes.map((change) => change.sha));
    }
  });

  test("yesterday, weeks, months and years", () => {
    const at = new Date("2026-03-31T10:00:00Z");
    expect(parseSince("yesterday", at)).toEqual({ date: new Date("2026-03-30T10:00:00Z") });
    expect(parseSince("2.weeks.ago", at)).toEqual({ date: new Date("2026-03-17T10:00:00Z") });
    expect(parseSince("1.year.ago", at)).toEqual({ date: new Date("2025-03-31T10:00:00Z") });
    expect(parseSince("2026-02-28", at)).toEqual({ date: new Date("2026-02-28T00:00:00Z") });
    expect(parseSince("2026-02-28T12:30:00+02:00", at)).toEqual({ date: new Date("2026-02-28T10:30:00Z") });
    expect(parseSince("v1.0.0", at)).toEqual({ rev: "v1.0.0" });
    expect(parseSince("2026.01.15", at)).toEqual({ rev: "2026.01.15" });
    expect(parseSince("last-release", at)).toEqual({ rev: "last-release" });
  });

  test("a name that is neither a ref nor a date lists both", async () => {
    const result = await sync("--repo", repo.dir, "--since", "nosuchthing");
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/--since nosuchthing: no such branch, tag or commit .*; or give a date: YYYY-MM-DD/);
  });
});
