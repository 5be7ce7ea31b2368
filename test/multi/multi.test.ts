import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SyncReport } from "../../src/model.js";
import type { MultiSyncReport } from "../../src/model.js";
import { syncReport } from "../../src/sync.js";
import { parseMessage } from "../helpers/mime.js";
import type { TestRepo } from "../helpers/repo.js";
import { expectValid } from "../helpers/schema.js";
import { EPOCH, twoTargetRepo } from "./fixture.js";
import { runCaptured } from "../helpers/run.js";

let repo: TestRepo;
let sha: ReturnType<typeof twoTargetRepo>["sha"];
beforeAll(() => {
  vi.stubEnv("SOURCE_DATE_EPOCH", EPOCH);
  ({ repo, sha } = twoTargetRepo());
});
afterAll(() => {
  vi.unstubAllEnvs();
  repo?.remove();
});

const sync = (...argv: string[]) => runCaptured(repo.dir, ["sync", ...argv]);
const read = (path: string) => readFileSync(join(repo.dir, path), "utf8");
const statusOf = (report: SyncReport, change: string) => report.changes.find((candidate) => candidate.sha === change)?.status ?? null;

describe("driftlog sync with several targets", () => {
  it("writes one full report per target under `targets`, valid against the schema", async () => {
    const result = await sync("--target", "stable", "--target", "release/2.8", "--target", "stable", "--format", "json,md,html,email", "--out", "multi");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^driftlog: stable: 3 unsynced, 0 partial, 1 predicted conflicts; release\/2\.8: 1 unsynced, 0 partial, 0 predicted conflicts; wrote sync-report\.json, sync-report\.md, sync-report\.html, sync-report\.eml to /);

    const multi = JSON.parse(read("multi/sync-report.json")) as MultiSyncReport;
    expectValid("sync-report.schema.json", multi);
    expect(Object.keys(multi)).toEqual(["schemaVersion", "tool", "generatedAt", "targets"]);
    expect(multi.generatedAt).toBe("2025-02-03T08:00:00.000Z");
    expect(multi.targets.map((report) => report.target.ref)).toEqual(["stable", "release/2.8"]);
    // Each entry is exactly the report of that target alone.
    const now = new Date(multi.generatedAt);
    expect(multi.targets[0]).toEqual(await syncReport({ repo: repo.dir, target: "stable", now }));
    expect(multi.targets[1]).toEqual(await syncReport({ repo: repo.dir, target: "release/2.8", now }));
    const [stable, release] = multi.targets as [SyncReport, SyncReport];
    expect([sha.cache, sha.redis, sha.scan, sha.rust].map((change) => [statusOf(stable, change), statusOf(release, change)])).toEqual([
      ["synced", null],
      ["unsynced", null],
      ["unsynced", "synced"],
      ["unsynced", "unsynced"],
    ]);
    expect(stable.changes.find((change) => change.sha === sha.rust)!.pick).toBe("conflict");
    expect(release.changes.find((change) => change.sha === sha.rust)!.pick).toBe("clean");

    // The schema tells the two shapes apart and takes nothing in between.
    const validate = new Ajv2020({ strict: true, validateFormats: false }).compile(JSON.parse(readFileSync(join(import.meta.dirname, "../../schema/sync-report.schema.json"), "utf8")));
    expect(validate({ ...multi, targets: [stable] })).toBe(false);
    expect(validate({ ...multi, targets: [stable, { ...release, target: undefined }] })).toBe(false);
    expect(validate({ ...stable, targets: multi.targets })).toBe(false);
    expect(validate(JSON.parse(JSON.stringify(multi)))).toBe(true);
  });

  it("keeps one target's JSON the plain single report, and reads several targets from the config", async () => {
    const single = await sync("--target", "release/2.8");
    expect(single.code).toBe(0);
    const report = JSON.parse(single.stdout) as SyncReport;
    expectValid("sync-report.schema.json", report);
    expect(report).not.toHaveProperty("targets");
    expect(report.target.ref).toBe("release/2.8");

    writeFileSync(join(repo.dir, "targets.yaml"), "targets: [release/2.8, stable]\n");
    const configured = await sync("--config", "targets.yaml");
    expect(configured.code, configured.stderr).toBe(0);
    const multi = JSON.parse(configured.stdout) as MultiSyncReport;
    expect(multi.targets.map((one) => one.target.ref)).toEqual(["release/2.8", "stable"]);
    // A flag wins over the config.
    expect(JSON.parse((await sync("--config", "targets.yaml", "--target", "stable")).stdout)).toMatchObject({ target: { ref: "stable" } });
  });

  it("renders a change × target matrix, then each target's details, in Markdown and HTML", async () => {
    const md = read("multi/sync-report.md");
    expect(md.split("\n")[0]).toBe("## Drift main → stable, release/2.8");
    expect(md).toContain("❌ **4 Docker/IaC changes are still to pick across 2 targets (stable 3, release/2.8 1); 1 predicted to conflict.**");
    const row = (change: string) => md.split("\n").find((line) => line.startsWith(`| \`${change.slice(0, 7)}\``))!;
    expect(row(sha.cache)).toMatch(/\| Synced \| — \|$/);
    expect(row(sha.redis)).toMatch(/\| \*\*Unsynced\*\* · clean \| — \|$/);
    expect(row(sha.scan)).toMatch(/\| \*\*Unsynced\*\* · clean \| Synced \|$/);
    expect(row(sha.rust)).toMatch(/\| \*\*Unsynced\*\* ⚠️ conflict \| \*\*Unsynced\*\* · clean \|$/);
    const stableAt = md.indexOf("### Drift main → stable\n");
    const releaseAt = md.indexOf("### Drift main → release/2.8\n");
    expect(md.indexOf("### Changes by target")).toBeLessThan(stableAt);
    expect(stableAt).toBeLessThan(releaseAt);
    // Each target's details carry its own plan.
    expect(md.slice(stableAt, releaseAt)).toMatch(new RegExp(`# 3: conflict expected.*\\ngit cherry-pick -x ${sha.rust}\\n`));
    expect(md.slice(releaseAt)).toContain(`git cherry-pick -x ${sha.rust} # 1`);
    expect(md.slice(releaseAt)).not.toContain(`git cherry-pick -x ${sha.redis}`);

    const html = read("multi/sync-report.html");
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
    expect(ids.length).toBeGreaterThan(10);
    expect(new Set(ids).size).toBe(ids.length);
    expect(html).not.toMatch(/<script|\b(?:src|href)=["']?(?:https?:|\/\/|file:)/i);
    const matrix = html.slice(html.indexOf('id="matrix-table"'), html.indexOf("</table>", html.indexOf('id="matrix-table"')));
    expect(matrix.match(/<tr data-pending-on=/g)).toHaveLength(4);
    expect(matrix).toContain('<td class="cell" data-status="unsynced"><span class="badge unsynced">Unsynced</span> <span class="conflict">conflict</span></td>');
    expect(html.match(/<section class="target"/g)).toHaveLength(2);
  });

  it("mails a subject summed over targets and the matrix in both parts", async () => {
    const message = parseMessage(read("multi/sync-report.eml"));
    expect(message.subject).toBe("Drift main → stable, release/2.8: 4 unsynced Docker/IaC changes (1 conflict)");
    expect(message.headers.get("content-type")).toMatch(/^multipart\/alternative;/);
    const text = message.parts.find((part) => part.contentType.startsWith("text/plain"))!.body;
    const html = message.parts.find((part) => part.contentType.startsWith("text/html"))!.body;
    expect(text).toContain(`  * ${sha.rust.slice(0, 7)} build(docker): rust 1.80 (27 d)\n      stable               Unsynced, conflict expected\n      release/2.8          Unsynced, picks cleanly\n`);
    expect(text).toContain("(1 more change accounted for on every target)");
    expect(text).toContain("Cherry-pick plan (on release/2.8, in this order)");
    expect(html).toContain("Still to pick, by target");
    expect(html).not.toMatch(/<style|<link|<script|class="/i);
  });

  it("gates across targets: reports first, then one line per tripped rule, exit 1", async () => {
    const result = await sync("--target", "stable", "--target", "release/2.8", "--format", "json,md", "--out", "gated", "--fail-on", "conflict", "--fail-on", "age:5w,age:14d");
    expect(result.code).toBe(1);
    expect(existsSync(join(repo.dir, "gated/sync-report.json")) && existsSync(join(repo.dir, "gated/sync-report.md"))).toBe(true);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^driftlog: stable: 3 unsynced/);
    expect(lines[1]).toBe(`driftlog: --fail-on conflict tripped: 1 change predicted to conflict (stable 1; oldest ${sha.rust.slice(0, 7)} "build(docker): rust 1.80" on stable, 27 days)`);
    expect(lines[2]).toBe(`driftlog: --fail-on age:14d tripped: 4 unsynced changes 14 days or older (stable 3, release/2.8 1; oldest ${sha.redis.slice(0, 7)} "feat(compose): add redis" on stable, 27 days)`);
  });
});
