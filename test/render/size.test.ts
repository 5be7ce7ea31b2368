import { describe, expect, it } from "vitest";
import { capBytes, stepSummary } from "../../src/action/run.js";
import { parseMaxRows } from "../../src/cli/sync.js";
import type { Change, ChangeStatus, MultiSyncReport, SyncReport } from "../../src/model.js";
import { renderReport } from "../../src/render/index.js";
import { COMMENT_LIMIT, STEP_SUMMARY_LIMIT } from "../../src/render/limit.js";

const STATUSES: ChangeStatus[] = ["unsynced", "partial", "synced", "superseded", "excluded", "reverted"];

/** A report of `count` changes with long subjects and several files each, built in memory: the size caps are a property of rendering. */
function bigReport(count: number, target = "stable"): SyncReport {
  const changes: Change[] = Array.from({ length: count }, (_, i) => {
    const sha = i.toString(16).padStart(40, "0");
    const status = STATUSES[i % STATUSES.length]!;
    const pending = status === "unsynced" || status === "partial";
    return {
      sha,
      shortSha: sha.slice(0, 7),
      subject: `build(deps): bump some/rather-long-dependency-name-${i} from 1.2.${i} to 1.3.${i} in /deploy/services/payments (#${10_000 + i})`,
      body: "",
      author: { name: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com" },
      date: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
      ageDays: 400 - Math.floor(i / 24),
      categories: ["compose", "docker"],
      status,
      pick: pending ? (i % 4 === 0 ? "conflict" : "clean") : null,
      files: [0, 1, 2].map((n) => ({ path: `deploy/services/payments-${i}/docker/Dockerfile.${n}`, category: "docker" as const, status: "unsynced" as const, method: null, targetShas: [] })),
      matchedBy: [],
      targetShas: [],
      syncedAt: null,
      dependsOn: pending && i > 12 && i % 4 === 0 ? [(i - 6).toString(16).padStart(40, "0")] : [],
      exclusion: status === "excluded" ? { rule: "exclude.paths: deploy/experimental/**", reason: "experimental" } : null,
      revertedBy: null,
      conflictFiles: pending && i % 4 === 0 ? [`docs/payments-${i}.md`] : [],
      iacPick: pending ? "clean" : null,
      otherPaths: pending ? [`docs/payments-${i}.md`] : [],
    };
  });
  const count_ = (status: ChangeStatus) => changes.filter((change) => change.status === status).length;
  return {
    schemaVersion: 1,
    tool: { name: "driftlog", version: "0.0.0-test" },
    generatedAt: "2025-02-03T08:00:00.000Z",
    repository: { path: "/repo", remoteUrl: null },
    source: { ref: "main", sha: "1".repeat(40) },
    target: { ref: target, sha: "2".repeat(40) },
    mergeBase: "3".repeat(40),
    summary: { total: count, synced: count_("synced"), partial: count_("partial"), unsynced: count_("unsynced"), superseded: count_("superseded"), excluded: count_("excluded"), reverted: count_("reverted"), conflicts: changes.filter((change) => change.pick === "conflict").length },
    changes,
    targetOnly: Array.from({ length: 500 }, (_, i) => ({ sha: (i + 1).toString(16).padStart(40, "f"), subject: `ops: production-only tweak ${i}`, date: "2024-06-01T00:00:00Z", files: [{ path: `deploy/prod-${i}.yaml`, category: "kubernetes", kept: false }] })),
    fileDrift: [],
  };
}

describe("the Markdown report fits where it is posted", () => {
  const report = bigReport(3000);

  it("fits a GitHub comment by default, saying how many rows the HTML/JSON report has besides", async () => {
    const md = await renderReport("md", report);
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md).toMatch(/^and \d+ more: see the HTML\/JSON report$/m);
    const pending = report.summary.unsynced + report.summary.partial;
    // The pending table lists what fits and counts the rest, so the numbers add up.
    const listed = md.slice(md.indexOf("### Still to pick"), md.indexOf("### Cherry-pick plan")).split("\n").filter((line) => /^\| `[0-9a-f]{7}` \|/.test(line)).length;
    const more = Number(/and (\d+) more/.exec(md.slice(md.indexOf("### Still to pick")))![1]);
    expect(listed).toBeGreaterThan(0);
    expect(listed + more).toBe(pending);
  });

  it("fits a job summary with --max-rows, and the action's step summary is capped at 1 MiB", async () => {
    const md = await renderReport("md", report, { maxRows: 100_000 });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
    expect(md.length).toBeGreaterThan(COMMENT_LIMIT);
    const summary = await stepSummary(report, { maxRows: 100_000 });
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
    const capped = capBytes(`${"é line\n".repeat(200_000)}`, STEP_SUMMARY_LIMIT);
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
    expect(capped).toMatch(/cut at the 1 MiB step summary limit/);
  });

  it("a small --max-rows cuts every list to that many rows", async () => {
    const md = await renderReport("md", report, { maxRows: 3 });
    const rows = md.slice(md.indexOf("### Still to pick"), md.indexOf("### Cherry-pick plan")).split("\n").filter((line) => /^\| `[0-9a-f]{7}` \|/.test(line));
    expect(rows).toHaveLength(3);
    expect(md).toContain(`and ${report.summary.unsynced + report.summary.partial - 3} more: see the HTML/JSON report`);
  });

  it("two targets of 3,000 changes each fit a comment too", async () => {
    const multi: MultiSyncReport = { schemaVersion: 1, tool: { name: "driftlog", version: "0.0.0-test" }, generatedAt: "2025-02-03T08:00:00.000Z", targets: [bigReport(3000), bigReport(3000, "release/2.8")] };
    const md = await renderReport("md", multi);
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md).toContain("more: see the HTML/JSON report");
  });

  it("--max-rows takes a whole number of rows from 1", () => {
    expect(parseMaxRows("40")).toBe(40);
    for (const bad of ["0", "-3", "1.5", "many", ""]) expect(() => parseMaxRows(bad)).toThrow(/--max-rows/);
  });
});
