import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Changelog } from "../../src/changelog/types.js";
import { buildDigest } from "../../src/digest/index.js";
import type { Change, SyncReport } from "../../src/model.js";
import { renderChangelog, renderDigest, renderReport } from "../../src/render/index.js";

/**
 * One engine renders every product, so a fix to escaping, tidying or
 * template loading reaches all of them, and one product's broken override
 * cannot fail another.
 */
const change = (over: Partial<Change>): Change => ({
  sha: "a".repeat(40), shortSha: "aaaaaaa", subject: "s", body: "", author: { name: "n", email: "e" }, date: "2025-01-01T00:00:00Z",
  ageDays: 3, categories: ["docker"], status: "unsynced", pick: "clean", files: [{ path: "Dockerfile", category: "docker", status: "unsynced", method: null, targetShas: [] }],
  matchedBy: [], targetShas: [], syncedAt: null, dependsOn: [], exclusion: null, revertedBy: null, supersededBy: [], ...over,
});

const report = (changes: Change[]): SyncReport => ({
  schemaVersion: 1, tool: { name: "driftlog", version: "0.0.0" }, generatedAt: "2025-01-04T00:00:00.000Z",
  repository: { path: "/r", remoteUrl: "https://example.com/acme/gateway.git" },
  source: { ref: "main", sha: "b".repeat(40) }, target: { ref: "stable", sha: "c".repeat(40) }, mergeBase: "d".repeat(40),
  summary: { total: changes.length, synced: 0, partial: 0, unsynced: changes.length, superseded: 0, excluded: 0, reverted: 0, conflicts: 0 },
  changes, targetOnly: [], fileDrift: [],
});

const changelog = (subject: string): Changelog => ({
  schemaVersion: 1,
  releases: [{
    version: null, tag: null, date: null, previousTag: null, compareUrl: null, recommendedBump: "patch",
    groups: [{ type: "fix", title: "Bug Fixes", commits: [{ sha: "e".repeat(40), shortSha: "eeeeeee", type: "fix", scope: null, subject, breaking: false, references: [], author: { name: "n", email: "e" }, deployment: [], backportOf: null }] }],
    breaking: [], deployment: {}, contributors: [{ name: "n", email: "e" }],
  }],
} as unknown as Changelog);

const dirs: string[] = [];
const overrides = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), "driftlog-templates-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("the render engine", () => {
  it("checks only the templates a render uses: a broken sync-report.html.hbs fails the HTML report, not the changelog or the Markdown report", async () => {
    const dir = overrides({ "sync-report.html.hbs": "<html>\n{{#if verdict}\n</html>\n" });
    await expect(renderChangelog(changelog("fix: a"), { format: "md", templates: dir })).resolves.toContain("fix: a");
    await expect(renderReport("md", report([change({})]), { templates: dir })).resolves.toContain("## Drift main → stable");
    await expect(renderReport("html", report([change({})]), { templates: dir })).rejects.toMatchObject({ code: "E_TEMPLATE_SYNTAX", message: expect.stringContaining(`${join(dir, "sync-report.html.hbs")}:2:`) });
  });

  it("checks the partials a template reaches, and names the broken partial", async () => {
    const dir = overrides({ "_plan.md.hbs": "{{#each plan}}\n" });
    await expect(renderReport("md", report([change({})]), { templates: dir })).rejects.toMatchObject({ code: "E_TEMPLATE_SYNTAX", message: expect.stringContaining("_plan.md.hbs") });
    await expect(renderReport("html", report([change({})]), { templates: dir })).resolves.toContain("<html");
  });

  it("tidies every product's output in linear time: a changelog subject with a long run of spaces", async () => {
    // The old pattern (`[ \t]+$` with the m flag) took minutes on this; the test timeout would end it.
    const subject = `fix: a${" ".repeat(300_000)}b   `;
    const md = await renderChangelog(changelog(subject), { format: "md" });
    expect(md).toContain(`fix: a${" ".repeat(300_000)}b`);
    expect(md.split("\n").every((line) => !/[ \t]$/.test(line))).toBe(true);
    expect(md.endsWith("\n") && !md.endsWith("\n\n")).toBe(true);
  });

  it("gives the digest the same Markdown cell escaping as the sync report: no autolink, no markup from commit text", async () => {
    const subject = "fix: see https://evil.example/x and www.evil.example <b>| *em*";
    const digest = buildDigest([{ file: "r.json", reports: [report([change({ subject })])], reportPath: "r.json" }], { now: new Date("2025-01-04T00:00:00Z"), cwd: "/w" });
    const [digestMd, syncMd] = [await renderDigest("md", digest), await renderReport("md", report([change({ subject })]))];
    const { marked } = await import("marked");
    for (const md of [digestMd, syncMd]) {
      expect(md).toContain("https\\://evil.example/x");
      expect(md).toContain("www\\.evil.example");
      const html = await marked.parse(md);
      expect(html).not.toMatch(/<a href="https:\/\/evil|<b>|<em>/);
    }
  });
});
