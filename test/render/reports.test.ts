import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncReport } from "../../src/model.js";
import type { MultiSyncReport } from "../../src/model.js";
import { composeEmail, renderReport } from "../../src/render/index.js";
import { sendComposed } from "../../src/email/send.js";
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
    expect(plan).toMatch(new RegExp(`# \\d+: conflict expected.*\\ngit cherry-pick -x ${conflicting.sha}\\n`));
    expect(plan).toMatch(/conflict expected/);
    for (const title of ["Excluded by config", "Reverted", "Superseded on target", "Already synced"]) expect(md).toMatch(new RegExp(`<details><summary>${title} \\(\\d+\\)</summary>\\n\\n\\|`));
    expect(md).toMatch(/\(keep\) \| ✅ keep \|/);
    // The superseded change names the later change on target that replaced it.
    expect(md).toMatch(/\| build\(docker\): bump rust to 1\.81 \(#105\) \| .* \| later changes on target: `22c390a` \|/);
    // Configuration drift after the changes, per file type, with kept and excluded files apart.
    const drift = md.slice(md.indexOf("### Configuration drift"), md.indexOf("### Only on"));
    expect(drift).toContain("⚠️ 9 files differ, 1 intended (keep), 1 excluded; 6 identical.");
    expect(drift).toContain("| `docker-compose.yml` | service `scheduler`: other settings `deploy`<br>service `pg`: image `postgres:16.3` → `postgres:16.4`; volumes +`./docker/pg-init:/docker-entrypoint-initdb.d` |");
    expect(drift).toContain("| `.env.example` | _only comments or formatting differ_ |");
    expect(drift).toMatch(/<details><summary>Verify on stable after syncing \(3 commands\)<\/summary>\n\n```sh\nhelm lint charts\/router\n/);
    const aside = drift.slice(drift.indexOf("<summary>Intended (keep) and excluded (2)</summary>"));
    expect(aside).toContain("| `config/deployments/production.toml` | config | intended (keep) | keys `master_database.pool_size` `40` → `20` |");
    expect(drift.indexOf("production.toml")).toBe(drift.indexOf("<summary>Intended") + aside.indexOf("production.toml"));
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
    expect(html).toContain('<h2 id="drift">Configuration drift</h2>');
    expect(html.match(/<table class="drift" id="drift-(\w+)">/g)).toEqual(["compose", "env", "config", "kubernetes", "other"].map((key) => `<table class="drift" id="drift-${key}">`));
    expect(html).toContain('<details class="drift" id="drift-set-aside"><summary>Intended (keep) and excluded (2)</summary>');
    await expect(stable(html, demo.report)).toMatchFileSnapshot("__snapshots__/sync-report.html");
  });

  it("shows each target's configuration drift in a multi-target report, with ids unique in the page", async () => {
    const fileDrift = { files: 7, identical: 6, differs: 1, sourceOnly: 0, targetOnly: 0, kept: 0, excluded: 0 };
    const release = { ...demo.report, target: { ...demo.report.target, ref: "release/2.8" }, summary: { ...demo.report.summary, fileDrift }, fileDrift: demo.report.fileDrift!.slice(0, 1) };
    const multi: MultiSyncReport = { schemaVersion: 1, tool: demo.report.tool, generatedAt: demo.report.generatedAt, targets: [demo.report, release] };
    const md = await renderReport("md", multi);
    expect(md.match(/^#### Configuration drift on `(stable|release\/2\.8)`$/gm)).toEqual(["#### Configuration drift on `stable`", "#### Configuration drift on `release/2.8`"]);
    const second = md.slice(md.indexOf("#### Configuration drift on `release/2.8`"), md.lastIndexOf("#### Only on"));
    expect(second).toMatch(/^.*\n\n⚠️ 1 file differs, 0 intended \(keep\), 0 excluded; 6 identical\.\n/);
    expect(second).toContain("| `.env.example` | _only comments or formatting differ_ |");
    expect(second).not.toContain("docker-compose.yml");
    const html = await renderReport("html", multi);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(ids).toContain("target-2-drift-env");
    expect(ids.filter((id) => id!.includes("drift"))).toEqual([...new Set(ids.filter((id) => id!.includes("drift")))]);
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

  it("counts in the subject as the body does, and always has a To header", async () => {
    const message = await composeEmail(demo.report, { email: PINNED_EMAIL });
    expect(message.subject).toBe("Drift main → stable: 4 Docker/IaC changes to pick (3 unsynced, 1 partial; 1 conflict)");
    const raw = message.raw.toString("utf8");
    expect(raw).toContain("3 unsynced, 1 partial");
    expect(raw).toMatch(/^To: "undisclosed-recipients":;\r$/m);
    const sent = await composeEmail(demo.report, { email: { ...PINNED_EMAIL, to: ["ops@example.com"] } });
    expect(sent.raw.toString("utf8")).toMatch(/^To: ops@example.com\r$/m);
    // Sending refuses a message whose To header lacks the envelope's recipients, before any connection.
    await expect(sendComposed(message, ["ops@example.com"], { url: "smtp://127.0.0.1:9" })).rejects.toMatchObject({ code: "E_EMAIL_TO" });
  });
});
