import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { run, type CliIO } from "../../src/cli/run.js";
import { byUrgency, type DigestRow } from "../../src/digest/index.js";
import type { SyncReport } from "../../src/model.js";
import { syncReport } from "../../src/sync.js";
import { TestRepo } from "../helpers/repo.js";

const NOW = new Date("2025-02-01T12:00:00Z");
let work: string;
const repos: TestRepo[] = [];

/** A repository whose main and stable split at a Dockerfile, then `grow` adds history. */
function project(remote: string, grow: (repo: TestRepo) => void): TestRepo {
  const repo = TestRepo.create();
  repos.push(repo);
  repo.git("remote", "add", "origin", remote);
  repo.commit("build: base image", { "Dockerfile": "FROM rust:1.70\nRUN cargo build\n", "src/main.rs": "fn main() {}\n" });
  repo.git("branch", "stable");
  grow(repo);
  return repo;
}

async function writeReport(name: string, report: unknown, html = false): Promise<string> {
  const dir = join(work, "reports", name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "sync-report.json"), JSON.stringify(report, null, 2));
  if (html) writeFileSync(join(dir, "sync-report.html"), "<html></html>");
  return `reports/${name}/sync-report.json`;
}

function cli() {
  const out = { stdout: "", stderr: "" };
  const io: CliIO = { stdout: (text) => (out.stdout += text), stderr: (text) => (out.stderr += text), cwd: work };
  return { out, run: (...argv: string[]) => run(argv, io) };
}

let switchReport: SyncReport;
let gatewayStable: SyncReport;
let gatewayRelease: SyncReport;
let docsReport: SyncReport;

beforeAll(async () => {
  vi.stubEnv("SOURCE_DATE_EPOCH", String(Date.parse("2025-02-03T08:00:00Z") / 1000));
  work = mkdtempSync(join(tmpdir(), "driftlog-digest-"));
  // acme/switch: stable changed the base image line its own way, so main's bump will conflict.
  const sw = project("git@github.com:acme/switch.git", (repo) => {
    repo.checkout("stable");
    repo.commit("build: slim base on stable", { "Dockerfile": "FROM rust:1.70-slim\nRUN cargo build\n" });
    repo.checkout("main");
    repo.commit("build: rust 1.80", { "Dockerfile": "FROM rust:1.80\nRUN cargo build\n" });
  });
  // acme/gateway: two compose changes, none picked; release/1.0 is a second target.
  const gw = project("https://github.com/acme/gateway.git", (repo) => {
    repo.git("branch", "release/1.0");
    repo.commit("feat(compose): add redis <script>alert(1)</script>", { "docker-compose.yml": "services:\n  redis:\n    image: redis\n" });
    repo.commit("feat(compose): add db", { "docker-compose.yml": "services:\n  redis:\n    image: redis\n  db:\n    image: postgres\n" });
  });
  // acme/docs: its one change was cherry-picked.
  const docs = project("https://github.com/acme/docs", (repo) => {
    const sha = repo.commit("build: cache deps", { "Dockerfile": "FROM rust:1.70\nRUN cargo fetch\nRUN cargo build\n" });
    repo.checkout("stable");
    repo.cherryPick(sha);
    repo.checkout("main");
  });
  switchReport = await syncReport({ repo: sw.dir, now: NOW });
  gatewayStable = await syncReport({ repo: gw.dir, now: NOW });
  gatewayRelease = await syncReport({ repo: gw.dir, target: "release/1.0", now: NOW });
  docsReport = await syncReport({ repo: docs.dir, now: NOW });
});

afterAll(() => {
  vi.unstubAllEnvs();
  repos.forEach((repo) => repo.remove());
  rmSync(work, { recursive: true, force: true });
});

describe("driftlog digest", () => {
  test("merges single- and multi-target reports into rows sorted by urgency, with links and counts", async () => {
    expect(switchReport.summary.conflicts).toBe(1);
    expect(gatewayStable.summary.unsynced).toBe(2);
    expect(docsReport.summary).toMatchObject({ synced: 1, unsynced: 0 });
    const files = [
      await writeReport("docs", docsReport, true),
      await writeReport("gateway", { schemaVersion: 1, tool: gatewayStable.tool, generatedAt: gatewayStable.generatedAt, targets: [gatewayStable, gatewayRelease] }),
      await writeReport("switch", switchReport, true),
    ];
    const { out, run: driftlog } = cli();
    expect(await driftlog("digest", ...files, "--format", "md,html", "--out", "digest"), out.stderr).toBe(0);
    const md = readFileSync(join(work, "digest", "digest.md"), "utf8");
    const rows = md.split("\n").filter((line) => line.startsWith("| acme/"));
    // Every pending row has one predicted conflict (gateway's second change depends on its first)
    // and the same age, so the unsynced count decides; the synced repository comes last.
    expect(rows.map((line) => line.split(" | ").slice(0, 2).join(" "))).toEqual([
      "| acme/gateway release/1.0 ← main",
      "| acme/gateway stable ← main",
      "| acme/switch stable ← main",
      "| acme/docs stable ← main",
    ]);
    expect(rows[0]).toContain("| 1 | 26 days | 2 | 0 | 0 | 2 | [report](<../reports/gateway/sync-report.json>) |");
    expect(rows[2]).toContain("| 1 | 26 days | 1 | 0 | 0 | 1 | [report](<../reports/switch/sync-report.html>) |");
    expect(rows[3]).toContain("| 0 | — | 0 | 0 | 1 | 1 |");
    expect(md.split("\n")[0]).toBe("# Docker/IaC drift digest, 2025-02-03");
    expect(md).toContain("5 changes to pick (5 unsynced, 0 partial) across 4 targets of 3 repositories; 3 predicted conflicts.");
    expect(md).toContain("add redis &lt;script&gt;alert(1)&lt;/script&gt;");

    const html = readFileSync(join(work, "digest", "digest.html"), "utf8");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html.indexOf("acme/switch")).toBeLessThan(html.indexOf("acme/docs"));
    expect(html).toContain('<a href="../reports/switch/sync-report.html">report</a>');
    expect(out.stderr).toContain("wrote digest.md, digest.html");
  });

  test("--link-base turns report paths into URLs; one format without --out goes to stdout", async () => {
    const file = await writeReport("switch", switchReport, true);
    const { out, run: driftlog } = cli();
    expect(await driftlog("digest", file, "--link-base", "https://ci.example.com/artifacts/", "--format", "html")).toBe(0);
    expect(out.stdout).toContain('href="https://ci.example.com/artifacts/reports/switch/sync-report.html"');
    expect(out.stdout.startsWith("<!DOCTYPE html>")).toBe(true);
  });

  test("counts a report of the same repository, source, target and tips once, keeping the newest, and says so", async () => {
    const later = { ...switchReport, generatedAt: "2025-02-02T12:00:00.000Z" };
    const files = [
      await writeReport("switch", switchReport),
      await writeReport("switch-rerun", later),
      await writeReport("gateway", gatewayStable),
      await writeReport("gateway-copy", gatewayStable),
    ];
    const { out, run: driftlog } = cli();
    expect(await driftlog("digest", ...files, "--format", "md,html", "--out", "digest-dedupe"), out.stderr).toBe(0);
    const note =
      "2 duplicate reports left out (same repository, source, target and tips): reports/switch/sync-report.json (same as reports/switch-rerun/sync-report.json), reports/gateway-copy/sync-report.json (same as reports/gateway/sync-report.json).";
    expect(out.stderr).toContain(`driftlog: ${note}\n`);
    const md = readFileSync(join(work, "digest-dedupe", "digest.md"), "utf8");
    expect(md.split("\n").filter((line) => line.startsWith("| acme/"))).toHaveLength(2);
    expect(md).toContain("switch-rerun/sync-report.json");
    expect(md).toContain(note);
    expect(readFileSync(join(work, "digest-dedupe", "digest.html"), "utf8")).toContain('<p class="rule" id="duplicates">2 duplicate reports left out');
    // A different target of the same repository is not a duplicate.
    const both = cli();
    expect(await both.run("digest", await writeReport("gateway-release", gatewayRelease), files[2]!, "--format", "md")).toBe(0);
    expect(both.out.stderr).not.toContain("duplicate");
  });

  test("a file that is not a driftlog sync report is a usage error naming it (exit 2)", async () => {
    const good = await writeReport("switch", switchReport);
    writeFileSync(join(work, "future.json"), JSON.stringify({ ...switchReport, schemaVersion: 2 }));
    writeFileSync(join(work, "package.json"), JSON.stringify({ name: "x", version: "1.0.0" }));
    writeFileSync(join(work, "broken.json"), "{ not json");
    const cases: [string, RegExp][] = [
      ["future.json", /future\.json is not a driftlog sync report: schemaVersion 2 is not supported/],
      ["package.json", /package\.json is not a driftlog sync report: schemaVersion: /],
      ["broken.json", /broken\.json is not a driftlog sync report: not JSON/],
      ["missing.json", /cannot read missing\.json: ENOENT/],
    ];
    for (const [file, message] of cases) {
      const { out, run: driftlog } = cli();
      expect(await driftlog("digest", good, file)).toBe(2);
      expect(out.stderr).toMatch(message);
      expect(out.stdout).toBe("");
    }
    const { out, run: driftlog } = cli();
    expect(await driftlog("digest")).toBe(2);
    expect(out.stderr).toMatch(/at least one sync report/);
  });
});

describe("urgency order", () => {
  const row = (repository: string, conflicts: number, oldest: number | null, pending: number): DigestRow => ({
    repository,
    remoteUrl: null,
    source: "main",
    target: "stable",
    summary: { total: pending, synced: 0, partial: 0, unsynced: pending, superseded: 0, excluded: 0, reverted: 0, conflicts },
    pending,
    oldestPendingDays: oldest,
    oldestPending: null,
    generatedAt: NOW.toISOString(),
    reportUrl: "",
    file: "",
  });

  test("conflicts first, then the oldest unsynced change, then the unsynced count, then the name", () => {
    const rows = [row("in-sync", 0, null, 0), row("many", 0, 3, 9), row("old", 0, 40, 1), row("b-tie", 0, 3, 9), row("conflict", 1, 1, 1)];
    expect(rows.sort(byUrgency).map((r) => r.repository)).toEqual(["conflict", "old", "b-tie", "many", "in-sync"]);
  });
});
