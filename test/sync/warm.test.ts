import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { syncReport, type SyncOptions, type SyncReport } from "../../src/index.js";
import { TestRepo } from "../helpers/repo.js";

/**
 * The history cache: a re-run reads from git only the commits the last run's
 * tips did not reach, and must report exactly what a run without any cache
 * reports, whatever happened to the branches and the config in between.
 */
const NOW = new Date("2025-06-01T00:00:00Z");
const compose = (image: string, mounts: string[] = []) =>
  `services:\n  api:\n    image: ${image}\n    restart: always\n${mounts.length > 0 ? `    volumes:\n${mounts.map((mount) => `      - ${mount}\n`).join("")}` : ""}`;
const dockerfile = (base: string, user: string) => `FROM ${base}\nWORKDIR /app\nCOPY . .\nUSER ${user}\nCMD ["./run"]\n`;

let repo: TestRepo;
let historyFile: string;

/** One run with the cache and one without; the commits the cached run read from git. */
async function both(options: SyncOptions = {}): Promise<{ warm: SyncReport; cold: SyncReport; read: number }> {
  let read = 0;
  const settings = { repo: repo.dir, now: NOW, config: {}, ...options };
  const warm = await syncReport({ ...settings, onProgress: (progress) => void (read = Math.max(read, progress.commits)) });
  const cold = await syncReport({ ...settings, cache: false });
  return { warm, cold, read };
}

const statuses = (report: SyncReport) => Object.fromEntries(report.changes.map((change) => [change.subject, change.status]));

beforeAll(async () => {
  repo = TestRepo.create();
  repo.commit("chore: init", { "docker-compose.yml": compose("api:1"), Dockerfile: dockerfile("node:20", "app"), "nginx.conf": "worker_processes 1;\n", "src/app.ts": "export {};\n" });
  repo.git("branch", "stable");
  const base = repo.commit("build(docker): node 22", { Dockerfile: dockerfile("node:22", "app") });
  repo.commit("feat(app): a route", { "src/app.ts": "export const route = 1;\n" });
  // Not Docker/IaC at the tips yet: a run drops this commit as the log streams by.
  repo.commit("perf(nginx): two workers", { "nginx.conf": "worker_processes 2;\n" });
  repo.commit("build(compose): api 2", { "docker-compose.yml": compose("api:2") });
  repo.checkout("stable");
  repo.cherryPick(base);
  repo.checkout("main");
  historyFile = join(repo.dir, ".git", "driftlog", "history-v1.json");
});

afterAll(() => repo.remove());

describe("a re-run with the history cache", () => {
  test("the first run reads the whole walk and saves it; a run with nothing new reads no commit", async () => {
    const first = await both();
    expect(first.warm).toEqual(first.cold);
    expect(first.read).toBe(5);
    expect(existsSync(historyFile)).toBe(true);
    expect(statuses(first.cold)).toEqual({ "build(docker): node 22": "synced", "build(compose): api 2": "unsynced" });
    const again = await both();
    expect(again.warm).toEqual(again.cold);
    expect(again.read).toBe(0);
  });

  test("new commits on source are the only ones read", async () => {
    repo.commit("build(docker): run as nobody", { Dockerfile: dockerfile("node:22", "nobody") });
    repo.commit("feat(app): another route", { "src/app.ts": "export const route = 2;\n" });
    const { warm, cold, read } = await both();
    expect(read).toBe(2);
    expect(warm).toEqual(cold);
    expect(statuses(cold)["build(docker): run as nobody"]).toBe("unsynced");
  });

  test("a file that becomes Docker/IaC at the tip brings back the commits dropped before: the whole walk is read again", async () => {
    // compose now mounts nginx.conf into the container: it is configuration, and so is its history.
    repo.commit("build(compose): mount the nginx config", { "docker-compose.yml": compose("api:2", ["./nginx.conf:/etc/nginx/nginx.conf"]) });
    const { warm, cold, read } = await both();
    expect(warm).toEqual(cold);
    expect(statuses(cold)["perf(nginx): two workers"]).toBe("unsynced");
    expect(read).toBeGreaterThan(1);
  });

  test("the target moves on: new picks and commits of its own", async () => {
    const nobody = repo.git("log", "--format=%H", "--grep", "run as nobody", "main");
    repo.checkout("stable");
    repo.cherryPick(nobody);
    repo.commit("ops: stable's own restart policy", { "docker-compose.yml": compose("api:1").replace("always", "unless-stopped") });
    repo.checkout("main");
    const { warm, cold, read } = await both();
    expect(warm).toEqual(cold);
    expect(read).toBe(2);
    expect(statuses(cold)["build(docker): run as nobody"]).toBe("synced");
  });

  test("a revert on source and a force-push that rewrites the source's last commits", async () => {
    const added = repo.commit("build(docker): healthcheck", { Dockerfile: `${dockerfile("node:22", "nobody")}HEALTHCHECK CMD ["./ping"]\n` });
    repo.revert(added);
    let round = await both();
    expect(round.warm).toEqual(round.cold);
    expect(round.read).toBe(2);
    repo.git("reset", "-q", "--hard", "HEAD~2");
    repo.commit("build(docker): healthcheck, every 30s", { Dockerfile: `${dockerfile("node:22", "nobody")}HEALTHCHECK --interval=30s CMD ["./ping"]\n` });
    round = await both();
    expect(round.warm).toEqual(round.cold);
    expect(statuses(round.cold)).not.toHaveProperty("build(docker): healthcheck");
    expect(statuses(round.cold)["build(docker): healthcheck, every 30s"]).toBe("unsynced");
  });

  test("another config: what it keeps and how it matches are decided afresh", async () => {
    const excluded = await both({ config: { exclude: { paths: ["nginx.conf"] } } });
    expect(excluded.warm).toEqual(excluded.cold);
    const methods = await both({ config: { match: { methods: ["trailer"] } } });
    expect(methods.warm).toEqual(methods.cold);
    expect(methods.cold).not.toEqual(excluded.cold);
  });

  test("a history file that is corrupt, foreign or names commits that no longer exist is ignored and rewritten", async () => {
    const saved = JSON.parse(readFileSync(historyFile, "utf8")) as { walks: { tips: string[] }[] };
    const gone = { ...saved, walks: saved.walks.map((walk) => ({ ...walk, tips: walk.tips.map(() => "0123456789abcdef0123456789abcdef01234567") })) };
    for (const content of ["{ truncated", JSON.stringify({ ...saved, tool: "other" }), JSON.stringify(gone)]) {
      writeFileSync(historyFile, content);
      const { warm, cold } = await both();
      expect(warm).toEqual(cold);
      expect(JSON.parse(readFileSync(historyFile, "utf8"))).toMatchObject({ tool: "driftlog", cache: "history", version: 2 });
    }
  });
});
