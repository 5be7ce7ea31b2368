import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SyncReport } from "../../src/model.js";
import { TestRepo } from "../helpers/repo.js";
import { runCaptured } from "../helpers/run.js";

let repo: TestRepo;
let old: string;
beforeAll(() => {
  // "Now" is 2025-02-20; the history below is written from 2025-01-06 on.
  vi.stubEnv("SOURCE_DATE_EPOCH", String(Date.parse("2025-02-20T00:00:00Z") / 1000));
  repo = TestRepo.create();
  repo.commit("build: base image", { Dockerfile: "FROM rust:1.70\n", "src/main.rs": "fn main() {}\n" });
  repo.git("branch", "stable");
  old = repo.commit("build(docker): multi-stage build", { Dockerfile: "FROM rust:1.70 AS build\nFROM debian:12\n" });
  const day = Date.parse("2025-02-18T00:00:00Z") / 1000;
  repo.commit("feat(compose): add redis", { "docker-compose.yml": "services:\n  redis:\n    image: redis\n" }, { time: day });
  repo.gitWithEnv({ GIT_COMMITTER_DATE: "@" + day + " +0000" }, "commit", "--amend", "--no-edit", "-q");
});
afterAll(() => {
  vi.unstubAllEnvs();
  repo?.remove();
});

const sync = (...argv: string[]) => runCaptured(repo.dir, ["sync", ...argv]);

describe("driftlog sync --fail-on", () => {
  it("writes the reports, then names each tripped rule on stderr, and exits 1", async () => {
    const result = await sync("--format", "json,md", "--out", "reports", "--fail-on", "age:14d,unsynced,conflict");
    expect(result.code).toBe(1);
    const report = JSON.parse(readFileSync(join(repo.dir, "reports/sync-report.json"), "utf8")) as SyncReport;
    expect(report.changes.map((change) => [change.subject, change.status, change.ageDays])).toEqual([
      ["build(docker): multi-stage build", "unsynced", 44],
      ["feat(compose): add redis", "unsynced", 2],
    ]);
    expect(existsSync(join(repo.dir, "reports/sync-report.md"))).toBe(true);
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^driftlog: 2 unsynced, 0 partial, 0 predicted conflicts; wrote sync-report\.json, sync-report\.md to /),
      `driftlog: --fail-on age:14d tripped: 1 unsynced change 14 days or older (oldest ${old.slice(0, 7)} "build(docker): multi-stage build", 44 days)`,
      `driftlog: --fail-on unsynced tripped: 2 unsynced changes (oldest ${old.slice(0, 7)} "build(docker): multi-stage build", 44 days)`,
    ]);
  });

  it("passes (exit 0) when no rule matches, and prints tripped rules even with --quiet after the report on stdout", async () => {
    const passing = await sync("--fail-on", "age:7w,conflict");
    expect(passing.code).toBe(0);
    expect(passing.stderr).toBe("");
    const quiet = await sync("--quiet", "--fail-on", "age:1w");
    expect(quiet.code).toBe(1);
    expect(JSON.parse(quiet.stdout).summary.unsynced).toBe(2);
    expect(quiet.stderr).toBe(`driftlog: --fail-on age:1w tripped: 1 unsynced change 1 week or older (oldest ${old.slice(0, 7)} "build(docker): multi-stage build", 44 days)\n`);
  });

  it("refuses a malformed rule as a usage error before reading anything", async () => {
    const result = await sync("--out", "never", "--fail-on", "unsynced,conflcit");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('driftlog: unknown --fail-on rule "conflcit" (did you mean "conflict"?); use unsynced, conflict, drift or age:14d, comma-separated\n');
    expect(existsSync(join(repo.dir, "never"))).toBe(false);
    expect((await sync("--fail-on", "age:14")).stderr).toBe('driftlog: --fail-on "age:14": the age has no unit; add a unit: age:14d\n');
  });
});
