import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { syncReport, type SyncReport } from "../../src/index.js";
import { VERSION } from "../../src/version.js";
import { TestRepo } from "../helpers/repo.js";

const NOW = new Date("2025-03-01T00:00:00Z");
const compose = (lines: string[]) => `services:\n  api:\n    image: api:1\n    environment:\n${lines.map((line) => `      - ${line}\n`).join("")}`;

let repo: TestRepo;
let cacheFile: string;
let fresh: SyncReport;
const run = (cache?: boolean) => syncReport({ repo: repo.dir, now: NOW, config: {}, ...(cache === undefined ? {} : { cache }) });
const picks = (report: SyncReport) => Object.fromEntries(report.changes.map((change) => [change.subject, [change.status, change.pick]]));

beforeAll(async () => {
  repo = TestRepo.create();
  repo.commit("chore: init", { "docker-compose.yml": compose(["A=1", "B=1", "C=1", "D=1", "E=1", "F=1"]) });
  repo.git("branch", "stable");
  const picked = repo.commit("build(compose): A=2", { "docker-compose.yml": compose(["A=2", "B=1", "C=1", "D=1", "E=1", "F=1"]) });
  repo.commit("build(compose): F=2", { "docker-compose.yml": compose(["A=2", "B=1", "C=1", "D=1", "E=1", "F=2"]) });
  repo.commit("build(compose): C=3", { "docker-compose.yml": compose(["A=2", "B=1", "C=3", "D=1", "E=1", "F=2"]) });
  repo.checkout("stable");
  repo.cherryPick(picked);
  repo.commit("ops: C=9 on stable", { "docker-compose.yml": compose(["A=2", "B=1", "C=9", "D=1", "E=1", "F=1"]) });
  repo.checkout("main");
  cacheFile = join(repo.dir, ".git", "driftlog", "facts-v1.json");
  fresh = await run(false);
});

afterAll(() => repo.remove());

describe("the facts cache under .git/driftlog/", () => {
  test("--no-cache writes nothing; a cached run writes the cache and reports the same", async () => {
    expect(existsSync(cacheFile)).toBe(false);
    expect(picks(fresh)).toEqual({
      "build(compose): A=2": ["synced", null],
      "build(compose): F=2": ["unsynced", "clean"],
      "build(compose): C=3": ["unsynced", "conflict"],
    });
    const first = await run();
    expect(existsSync(cacheFile)).toBe(true);
    const second = await run();
    expect(second).toEqual(fresh);
    expect(first).toEqual(fresh);
  });

  test("a re-run answers from the cache: facts are keyed by object ids and read back", async () => {
    await run();
    const saved = JSON.parse(readFileSync(cacheFile, "utf8")) as { merges: Record<string, boolean> };
    expect(Object.keys(saved.merges)).toHaveLength(2);
    // Flip every remembered merge: a run that reads the cache must report the flipped predictions.
    for (const key of Object.keys(saved.merges)) saved.merges[key] = !saved.merges[key];
    writeFileSync(cacheFile, JSON.stringify(saved));
    expect(picks(await run())).toEqual({
      "build(compose): A=2": ["synced", null],
      "build(compose): F=2": ["unsynced", "conflict"],
      "build(compose): C=3": ["unsynced", "clean"],
    });
    // --no-cache ignores it, and so does another driftlog release (its merge rules may differ).
    expect(picks(await run(false))).toEqual(picks(fresh));
    writeFileSync(cacheFile, JSON.stringify({ ...saved, driftlog: "0.0.0-other" }));
    expect(picks(await run())).toEqual(picks(fresh));
  });

  test.each([
    ["not JSON", "{ truncated"],
    ["another tool's file", JSON.stringify({ tool: "other", cache: "facts", version: 1, merges: {} })],
    ["a future version", JSON.stringify({ tool: "driftlog", cache: "facts", version: 99, merges: {} })],
    ["wrong value types", JSON.stringify({ tool: "driftlog", cache: "facts", version: 2, driftlog: VERSION, regions: { x: "y" }, present: { x: 1 }, merges: { x: "clean" } })],
  ])("a cache holding %s is ignored and rewritten", async (_name, content) => {
    writeFileSync(cacheFile, content);
    expect(await run()).toEqual(fresh);
    expect(JSON.parse(readFileSync(cacheFile, "utf8"))).toMatchObject({ tool: "driftlog", cache: "facts", version: 2 });
  });
});
