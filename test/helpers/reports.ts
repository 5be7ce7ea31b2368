import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDemoRepo } from "../../demo/build.js";
import type { SyncReport } from "../../src/model.js";
import { syncReport } from "../../src/sync.js";
import { TestRepo } from "./repo.js";

/** The moment demo reports are generated in tests. */
export const REPORT_NOW = new Date("2025-02-03T08:00:00Z");
/** Pinned email headers for snapshots. */
export const PINNED_EMAIL = { date: new Date("2025-02-03T08:00:00Z"), messageId: "<demo@driftlog.test>" };

/** The demo repository's sync report, built in a temp folder that `cleanup` removes. */
export async function demoReport(): Promise<{ report: SyncReport; dir: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "driftlog-demo-"));
  buildDemoRepo(dir);
  const report = await syncReport({ repo: dir, now: REPORT_NOW });
  return { report, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const HOSTILE_SUBJECT = "build(docker): <img src=x onerror=alert(1)> | [click](javascript:alert(2)) {{constructor}} `tick` \u001b[31mred\u001b[0m";
export const HOSTILE_BODY = [
  "<script>alert(3)</script>",
  "",
  "[docs](javascript:alert(4)) and <a href=\"javascript:alert(5)\" onclick=\"alert(6)\">x</a>",
  "",
  "{{#each this}}{{constructor.name}}{{/each}} and **bold** text",
].join("\n");

/**
 * A small repository whose one unsynced Docker change carries hostile commit
 * text: HTML, a javascript: link, handlebars syntax, table pipes and ANSI.
 */
export async function hostileReport(): Promise<{ report: SyncReport; repo: TestRepo }> {
  const repo = TestRepo.create();
  repo.commit("chore: base", { Dockerfile: "FROM alpine:3.20\n", "docker-compose.yml": "services:\n  app:\n    image: app\n" });
  repo.git("branch", "stable");
  repo.commit(`${HOSTILE_SUBJECT}\n\n${HOSTILE_BODY}`, { Dockerfile: "FROM alpine:3.21\n" });
  repo.commit("feat(compose): add a worker | queue", { "docker-compose.yml": "services:\n  app:\n    image: app\n  worker:\n    image: app\n" });
  const report = await syncReport({ repo: repo.dir, now: REPORT_NOW, config: {} });
  return { report, repo };
}
