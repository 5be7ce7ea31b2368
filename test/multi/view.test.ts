import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Change, SyncReport } from "../../src/model.js";
import type { MultiSyncReport } from "../../src/model.js";
import { renderReport } from "../../src/render/index.js";
import { multiReportView } from "../../src/render/multi-view.js";
import { summarize } from "../../src/report/index.js";
import { parseMessage } from "../helpers/mime.js";
import { hostileReport } from "../helpers/reports.js";
import type { TestRepo } from "../helpers/repo.js";

const change = (sha: string, date: string, over: Partial<Change> = {}): Change => ({
  sha: sha.padEnd(40, "0"), shortSha: sha.slice(0, 7).padEnd(7, "0"), subject: `change ${sha}`, body: "", author: { name: "n", email: "e" }, date,
  ageDays: 3, categories: ["docker"], status: "unsynced", pick: "clean", files: [], matchedBy: [], targetShas: [], syncedAt: null,
  dependsOn: [], exclusion: null, revertedBy: null, ...over,
});

const report = (target: string, changes: Change[]): SyncReport => ({
  schemaVersion: 1, tool: { name: "driftlog", version: "0.0.0" }, generatedAt: "2025-03-01T00:00:00.000Z", repository: { path: "/r", remoteUrl: null },
  source: { ref: "main", sha: "5".repeat(40) }, target: { ref: target, sha: target === "stable" ? "a".repeat(40) : "b".repeat(40) }, mergeBase: "c".repeat(40),
  summary: summarize(changes), changes, targetOnly: [],
});

const multi = (...targets: SyncReport[]): MultiSyncReport => ({ schemaVersion: 1, tool: targets[0]!.tool, generatedAt: targets[0]!.generatedAt, targets });

describe("multiReportView", () => {
  it("lines up every change of any target in history order, with — where a target's report lacks it", () => {
    // release/2.8 split later: it lacks the oldest change, and has one stable's report lacks (--since).
    const stable = report("stable", [change("bbb", "2025-02-02T00:00:00Z", { status: "synced", pick: null }), change("ddd", "2025-02-04T00:00:00Z", { pick: "conflict" })]);
    const release = report("release/2.8", [change("ccc", "2025-02-03T00:00:00Z", { status: "partial" }), change("ddd", "2025-02-04T00:00:00Z"), change("aaa", "2025-02-01T00:00:00Z", { status: "excluded", pick: null })]);
    const view = multiReportView(multi(stable, release));
    expect(view.title).toBe("Drift main → stable, release/2.8");
    expect(view.matrix.map((row) => [row.shortSha, ...row.cells.map((cell) => `${cell.label}${cell.conflict ? "!" : ""}`), row.pendingOn])).toEqual([
      ["aaa0000", "—", "Excluded", 0],
      ["bbb0000", "Synced", "—", 0],
      ["ccc0000", "—", "Partial", 1],
      ["ddd0000", "Unsynced!", "Unsynced", 2],
    ]);
    expect(view.pendingRows.map((row) => row.shortSha)).toEqual(["ccc0000", "ddd0000"]);
    expect(view.settledCount).toBe(2);
    expect(view.summary).toEqual({ unsynced: 2, partial: 1, conflicts: 1, total: 4 });
    expect(view.verdict).toBe("3 Docker/IaC changes are still to pick across 2 targets (stable 1, release/2.8 2); 1 predicted to conflict.");
    expect(view.verdictLevel).toBe("alert");
    expect(view.targets.map((target) => [target.anchor, target.idPrefix, target.pendingCount])).toEqual([["target-1", "target-1-", 1], ["target-2", "target-2-", 2]]);
  });

  it("says when every target is in sync", () => {
    const view = multiReportView(multi(report("stable", [change("aaa", "2025-02-01T00:00:00Z", { status: "synced", pick: null })]), report("release/2.8", [])));
    expect(view.verdictLevel).toBe("ok");
    expect(view.verdict).toBe("In sync: every Docker/IaC change on main since each merge base is on stable and release/2.8 or accounted for.");
    expect(view.pendingRows).toEqual([]);
  });
});

describe("hostile commit text in the matrix", () => {
  let hostile: { report: SyncReport; repo: TestRepo };
  let both: MultiSyncReport;
  beforeAll(async () => {
    hostile = await hostileReport();
    both = multi(hostile.report, { ...hostile.report, target: { ref: "release/1.0", sha: hostile.report.target.sha } });
  });
  afterAll(() => hostile?.repo.remove());

  it("cannot break the Markdown matrix, inject HTML, or reach the terminal", async () => {
    const md = await renderReport("md", both);
    const matrixRow = md.split("\n").find((line) => line.includes("onerror"))!;
    // Change, subject, age and two targets: six unescaped pipes.
    expect(matrixRow.match(/(?<!\\)\|/g)).toHaveLength(6);
    expect(matrixRow).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(md).not.toMatch(/<img|[\u0000-\u0008\u001b]/);

    const html = await renderReport("html", both);
    expect(html).not.toMatch(/<img|<script|href="javascript:|\son(error|click)=/i);
    expect(html).toContain("{{constructor}}");

    const { parts, subject } = parseMessage(await renderReport("email", both));
    expect(subject).toBe("Drift main → stable, release/1.0: 4 unsynced Docker/IaC changes");
    const text = parts.find((part) => part.contentType.startsWith("text/plain"))!.body;
    expect(text).toContain("<img src=x onerror=alert(1)> | [click](javascript:alert(2)) {{constructor}} `tick` red");
    expect(text).not.toContain("\u001b");
    expect(parts.find((part) => part.contentType.startsWith("text/html"))!.body).not.toMatch(/<img|<script|href="javascript/i);
  });
});
