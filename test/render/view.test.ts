import { describe, expect, it } from "vitest";
import type { Change } from "../../src/model.js";
import { trendChart, weeklyUnsynced } from "../../src/render/charts.js";
import { cherryPickPlan, type ChangeView } from "../../src/render/view.js";

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
      ({ sha: shortSha.padEnd(40, "0"), shortSha, subject: shortSha, dependsOn, conflict }) as ChangeView;
    const plan = cherryPickPlan([view("aaaaaaa", ["ccccccc"], true), view("bbbbbbb"), view("ccccccc"), view("ddddddd", ["zzzzzzz"])]);
    expect(plan.map((step) => step.shortSha)).toEqual(["ccccccc", "aaaaaaa", "bbbbbbb", "ddddddd"]);
    expect(plan[1]).toMatchObject({ step: 2, conflict: true, after: ["ccccccc"], command: `git cherry-pick -x ${"aaaaaaa".padEnd(40, "0")}` });
    expect(plan[3]!.after).toEqual([]);
  });
});
