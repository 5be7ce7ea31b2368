import { describe, expect, it } from "vitest";
import type { Change, SyncReport } from "../../src/model.js";
import { trendChart, unsyncedTrend, weeklyUnsynced } from "../../src/render/charts.js";
import { cherryPickPlan, reportView, type ChangeView } from "../../src/render/view.js";

const change = (over: Partial<Change>): Change => ({
  sha: "a".repeat(40), shortSha: "aaaaaaa", subject: "s", body: "", author: { name: "n", email: "e" }, date: "2025-01-01T00:00:00Z",
  ageDays: 0, categories: ["docker"], status: "unsynced", pick: null, files: [], matchedBy: [], targetShas: [], syncedAt: null,
  dependsOn: [], exclusion: null, revertedBy: null, ...over,
});

describe("weeklyUnsynced", () => {
  it("counts a change from its date until it reached target, and pending ones up to now", () => {
    const now = new Date("2025-03-31T00:00:00Z");
    const series = weeklyUnsynced(
      [
        change({ date: "2025-01-10T00:00:00Z", status: "synced", syncedAt: "2025-02-20T00:00:00Z" }),
        change({ date: "2025-03-01T00:00:00Z", status: "unsynced" }),
        change({ date: "2025-03-05T00:00:00Z", status: "partial", syncedAt: "2025-03-10T00:00:00Z" }),
        change({ date: "2025-01-02T00:00:00Z", status: "excluded" }),
      ],
      now,
    );
    expect(series).toHaveLength(12);
    expect(series.at(-1)).toEqual({ end: now, count: 2 });
    const at = (day: string) => series.find((point) => point.end.toISOString().startsWith(day))!.count;
    expect(at("2025-01-13")).toBe(1); // the synced one, before it was picked
    expect(at("2025-02-24")).toBe(0); // picked on 02-20, the others not yet written
    expect(at("2025-03-03")).toBe(1);
    const chart = trendChart(series);
    expect(chart.linePoints.split(" ")).toHaveLength(12);
    expect(chart.points.at(-1)!.y).toBe(chart.axis.yTop);
  });
});

describe("cherryPickPlan", () => {
  it("puts dependencies first and keeps history order otherwise", () => {
    const view = (shortSha: string, dependsOn: string[] = [], conflict = false) =>
      ({ sha: shortSha.padEnd(40, "0"), shortSha, subject: shortSha, dependsOn, dependsOnShas: dependsOn.map((sha) => sha.padEnd(40, "0")), conflict }) as ChangeView;
    const plan = cherryPickPlan([view("aaaaaaa", ["ccccccc"], true), view("bbbbbbb"), view("ccccccc"), view("ddddddd", ["zzzzzzz"])]);
    expect(plan.map((step) => step.shortSha)).toEqual(["ccccccc", "aaaaaaa", "bbbbbbb", "ddddddd"]);
    expect(plan[1]).toMatchObject({ step: 2, conflict: true, after: ["ccccccc"], command: `git cherry-pick -x ${"aaaaaaa".padEnd(40, "0")}` });
    expect(plan[3]!.after).toEqual([]);
  });
});

describe("supersededBy", () => {
  it("shows the changes matching recorded, as short SHAs, and nothing for a report from before it was recorded", () => {
    const file = { path: "Dockerfile", category: "docker", status: "superseded" as const, method: null, targetShas: [] };
    const report = {
      source: { ref: "main", sha: "a".repeat(40) }, target: { ref: "stable", sha: "b".repeat(40) }, mergeBase: "c".repeat(40), generatedAt: "2025-03-01T00:00:00.000Z",
      repository: { path: "/r", remoteUrl: null }, tool: { name: "driftlog", version: "0" }, targetOnly: [],
      changes: [
        change({ sha: "1".repeat(40), shortSha: "1111111", status: "superseded", files: [file], supersededBy: ["4".repeat(40)] }),
        change({ sha: "2".repeat(40), shortSha: "2222222", status: "superseded", files: [file] }),
      ],
      summary: { total: 2, synced: 0, partial: 0, unsynced: 0, superseded: 2, excluded: 0, reverted: 0, conflicts: 0 },
    } as unknown as SyncReport;
    expect(reportView(report).changes.map((view) => view.supersededBy)).toEqual([["4444444"], []]);
  });
});

describe("mdCell", () => {
  it("keeps commit text from becoming a link, markup or a table break in GitHub Markdown", async () => {
    const { marked } = await import("marked");
    const { mdCell } = await import("../../src/render/escape.js");
    const html = await marked.parse(`| ${mdCell("fix: see https://evil.example/x and www.evil.example, [a](javascript:x) <b>| *em*")} |`);
    expect(html).not.toMatch(/<a |<b>|<em>/);
    expect(html).toContain("https://evil.example/x");
  });
});

describe("unsyncedTrend", () => {
  it("widens the window when every change is older than 12 weeks, so the line rises instead of lying flat", () => {
    const now = new Date("2025-12-01T00:00:00Z");
    const old = [change({ date: "2025-01-10T00:00:00Z" }), change({ date: "2025-05-01T00:00:00Z" })];
    const chart = unsyncedTrend(old, now);
    expect(chart.points).toHaveLength(12);
    expect(chart.points[0]!.value).toBe(0);
    expect(chart.points.at(-1)!.value).toBe(2);
    expect(chart.caption).toMatch(/^Unsynced changes, last \d+ weeks$/);
    expect(Number(/last (\d+) weeks/.exec(chart.caption)![1])).toBeGreaterThan(46);
    // The last label is anchored at its end, inside the chart; the first at its start.
    expect(chart.points.at(-1)).toMatchObject({ showLabel: true, anchor: "end" });
    expect(unsyncedTrend([change({ date: "2025-11-20T00:00:00Z" })], now).caption).toBe("Unsynced changes, last 12 weeks");
  });
});

describe("ranking", () => {
  it("leads with changes still to pick, most depended-on first, then oldest first", () => {
    const sha = (c: string) => c.repeat(40);
    const report = {
      source: { ref: "main", sha: sha("1") }, target: { ref: "stable", sha: sha("2") }, mergeBase: sha("3"), repository: { path: "/r", remoteUrl: null },
      generatedAt: "2025-03-01T00:00:00.000Z", tool: { name: "driftlog", version: "0" }, schemaVersion: 1, targetOnly: [],
      summary: { total: 4, synced: 1, partial: 0, unsynced: 3, superseded: 0, excluded: 0, reverted: 0, conflicts: 1 },
      changes: [
        change({ sha: sha("a"), shortSha: "aaaaaaa", status: "synced", ageDays: 90 }),
        change({ sha: sha("b"), shortSha: "bbbbbbb", ageDays: 30, pick: "clean" }),
        change({ sha: sha("c"), shortSha: "ccccccc", ageDays: 20, pick: "clean" }),
        change({ sha: sha("d"), shortSha: "ddddddd", ageDays: 10, pick: "conflict", dependsOn: [sha("c")] }),
      ],
    } as SyncReport;
    const view = reportView(report);
    expect(view.pending.map((change) => change.shortSha)).toEqual(["ccccccc", "bbbbbbb", "ddddddd"]);
    expect(view.changes.map((change) => change.shortSha)).toEqual(["ccccccc", "bbbbbbb", "ddddddd", "aaaaaaa"]);
    // The plan keeps history order, dependencies first.
    expect(view.plan.map((step) => step.shortSha)).toEqual(["bbbbbbb", "ccccccc", "ddddddd"]);
  });
});
