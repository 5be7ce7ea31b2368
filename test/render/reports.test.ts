import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncReport } from "../../src/model.js";
import { renderReport } from "../../src/render/index.js";
import { demoReport, PINNED_EMAIL } from "../helpers/reports.js";

let demo: Awaited<ReturnType<typeof demoReport>>;
beforeAll(async () => {
  demo = await demoReport();
});
afterAll(() => demo?.cleanup());

/** Snapshots must not hold the temp folder of the demo repository. */
const stable = (text: string, report: SyncReport) => text.split(report.repository.path).join("<repo>");

describe("sync reports of the demo repository", () => {
  it("renders GitHub Markdown with verdict, tables, plan and collapsible sections", async () => {
    const md = await renderReport("md", demo.report);
    expect(md).toMatch(/^## Drift main → stable\n\n❌ \*\*4 Docker\/IaC changes are not on stable yet/);
    expect(md).toContain("| Unsynced | 3 |");
    // The plan runs the conflicting change after the one it depends on.
    const plan = md.slice(md.indexOf("```sh"), md.indexOf("```", md.indexOf("```sh") + 5));
    const conflicting = demo.report.changes.find((change) => change.pick === "conflict")!;
    for (const dep of conflicting.dependsOn) expect(plan.indexOf(dep)).toBeLessThan(plan.indexOf(conflicting.sha));
    expect(plan).toContain(`git cherry-pick -x ${conflicting.sha}  # `);
    expect(plan).toMatch(/conflict expected/);
    for (const title of ["Excluded by config", "Reverted", "Superseded on target", "Already synced"]) expect(md).toMatch(new RegExp(`<details><summary>${title} \\(\\d+\\)</summary>\\n\\n\\|`));
    expect(md).toMatch(/\(keep\) \| ✅ keep \|/);
    expect(md).not.toContain(demo.dir);
    await expect(stable(md, demo.report)).toMatchFileSnapshot("__snapshots__/sync-report.md");
  });

  it("renders one self-contained HTML file with charts and a filterable table", async () => {
    const html = await renderReport("html", demo.report);
    expect(html).not.toMatch(/\b(?:src|href)=["']?(?:https?:|\/\/|file:)/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain("@media (prefers-color-scheme: dark)");
    expect(html).toContain("@media print");
    expect(html.match(/<svg class="chart"/g)).toHaveLength(3);
    expect(html.match(/<tr data-index=/g)).toHaveLength(demo.report.changes.length);
    await expect(stable(html, demo.report)).toMatchFileSnapshot("__snapshots__/sync-report.html");
  });

  it("renders a deterministic multipart email with an encoded subject", async () => {
    const eml = await renderReport("email", demo.report, { email: { ...PINNED_EMAIL, to: ["ops@example.com"] } });
    expect(eml).toBe(await renderReport("email", demo.report, { email: { ...PINNED_EMAIL, to: ["ops@example.com"] } }));
    expect(eml).toMatch(/^Subject: =\?UTF-8\?Q\?Drift_main_=E2=86=92_stable/m);
    expect(eml).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(eml).toMatch(/Content-Type: text\/plain; charset=utf-8/);
    expect(eml).toMatch(/Content-Type: text\/html; charset=utf-8/);
    expect(eml).toContain("Message-ID: <demo@driftlog.test>");
    expect(eml).toContain("Date: Mon, 03 Feb 2025 08:00:00 +0000");
    await expect(stable(eml, demo.report)).toMatchFileSnapshot("__snapshots__/sync-report.eml");
  });
});
