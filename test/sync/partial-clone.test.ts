import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { syncReport, type Change, type SyncReport } from "../../src/index.js";
import { TestRepo } from "../helpers/repo.js";
import { runCaptured } from "../helpers/run.js";
import { expectValid } from "../helpers/schema.js";

/** Every git command the test runs in the clone must not fetch either, or it would fill in the blobs under test. */
const NO_FETCH = { GIT_NO_LAZY_FETCH: "1", GIT_ALLOW_PROTOCOL: "" };
const dockerfile = (extra: string) => `FROM node:20-alpine\nWORKDIR /app\nCOPY package.json .\nRUN npm ci\nCOPY . .\n${extra}CMD ["node", "server.js"]\n`;

let origin: TestRepo;
let clone: TestRepo;
const sha: Record<string, string> = {};
const blob: Record<string, string> = {};

beforeAll(() => {
  origin = TestRepo.create();
  origin.commit("feat: first release", {
    Dockerfile: dockerfile(""),
    "docker-compose.yml": "services:\n  app:\n    build: .\n    ports:\n      - \"8080:8080\"\n",
    "docker/worker.Dockerfile": "FROM alpine:3.20\nCMD [\"worker\"]\n",
    "server.js": "console.log('hi')\n",
  });
  origin.git("branch", "stable");
  blob.dockerfile = origin.git("rev-parse", "HEAD:Dockerfile");
  // A rename with an edit: `git log -M` must read both blobs to pair them.
  sha.moved = origin.commit("build(docker): move the Dockerfile under docker/ (#2)", { Dockerfile: null, "docker/app.Dockerfile": dockerfile("ENV NODE_ENV=production\n") });
  blob.moved = origin.git("rev-parse", "HEAD:docker/app.Dockerfile");
  // A rename without an edit: identical blob ids pair it, no content needed.
  sha.exact = origin.commit("build(docker): name the worker image after its job (#3)", { "docker/worker.Dockerfile": null, "docker/jobs.Dockerfile": "FROM alpine:3.20\nCMD [\"worker\"]\n" });
  sha.compose = origin.commit("fix(compose): publish the metrics port (#4)", { "docker-compose.yml": "services:\n  app:\n    build: .\n    ports:\n      - \"8080:8080\"\n      - \"9090:9090\"\n" });
  sha.picked = origin.commit("fix(compose): restart on failure (#5)", { "docker-compose.yml": "services:\n  app:\n    build: .\n    restart: on-failure\n    ports:\n      - \"8080:8080\"\n      - \"9090:9090\"\n" });
  origin.checkout("stable");
  origin.commit("ops: stable-only setting", { "docker-compose.yml": "services:\n  app:\n    build: .\n    ports:\n      - \"8080:8080\"\n    mem_limit: 512m\n" });
  // #5 brought over by hand with another edit: another person, day, subject and patch; only its content tells.
  origin.commit(
    "ops: keep the gateway up",
    { "docker-compose.yml": "services:\n  app:\n    build: ./gateway\n    restart: on-failure\n    ports:\n      - \"8080:8080\"\n    mem_limit: 512m\n" },
    { author: { name: "Release Bot", email: "release@example.com" }, time: Date.parse("2025-02-01T00:00:00Z") / 1000 },
  );
  origin.checkout("main");
  origin.git("config", "uploadpack.allowFilter", "true");
  origin.git("config", "uploadpack.allowAnySHA1InWant", "true");

  clone = new TestRepo(mkdtempSync(join(tmpdir(), "driftlog-partial-")));
  // file:// (not a plain path) so that the filter is honoured; --no-checkout so that no blob is fetched at all.
  clone.git("clone", "-q", "--filter=blob:none", "--no-checkout", `file://${origin.dir}`, ".");
  // A clone that has some blobs: #5's two versions of the compose file (fetched on demand, as a checkout would), not stable's.
  for (const rev of [`${sha.picked}~1:docker-compose.yml`, `${sha.picked}:docker-compose.yml`]) clone.git("cat-file", "-p", rev);
});

afterAll(() => {
  origin?.remove();
  clone?.remove();
});

const isPresent = (id: string) => {
  try {
    clone.gitWithEnv(NO_FETCH, "cat-file", "-e", id);
    return true;
  } catch {
    return false;
  }
};

const fileOf = (change: Change | undefined, path: string) => change?.files.find((file) => file.path === path);

describe("a partial clone (--filter=blob:none)", () => {
  test("is what it claims: blobs absent, and plain `git log -M` fails on them", () => {
    expect(clone.git("config", "remote.origin.promisor")).toBe("true");
    expect(isPresent(blob.dockerfile!)).toBe(false);
    expect(isPresent(blob.moved!)).toBe(false);
    expect(isPresent(sha.moved!)).toBe(true);
    expect(() => clone.gitWithEnv(NO_FETCH, "log", "-M", "--raw", "origin/main")).toThrow(/promisor remote|unable to read/);
  });

  let report: SyncReport;
  let before: string;

  test("sync finishes, follows what ids alone tell and marks what it could not read", async () => {
    before = clone.fingerprint();
    report = await syncReport({ repo: clone.dir, source: "origin/main", target: "origin/stable", cache: false });
    expectValid("sync-report.schema.json", report);
    expect(report.schemaVersion).toBe(1);
    const bySha = new Map(report.changes.map((change) => [change.sha, change]));

    // The edited rename is read as a deletion and an addition, both marked.
    const moved = bySha.get(sha.moved!);
    expect(fileOf(moved, "docker/app.Dockerfile")?.unread).toEqual(expect.arrayContaining(["renames"]));
    // The exact rename is still one renamed file, not a deletion and an addition (its content is still unread).
    const exact = bySha.get(sha.exact!);
    expect(exact?.files.map((file) => [file.path, file.unread])).toEqual([["docker/jobs.Dockerfile", ["content"]]]);
    // A change whose three-way merge needs missing blobs: content unknown, pick unknown (not "conflict", not "clean").
    const compose = bySha.get(sha.compose!);
    expect(compose?.status).toBe("unsynced");
    expect(fileOf(compose, "docker-compose.yml")?.unread).toEqual(["content"]);
    expect(compose?.pick).toBeNull();
    expect(report.summary.conflicts).toBe(0);

    expect(report.unread).toBeDefined();
    const unread = report.unread!;
    expect(unread.missingObjects).toEqual([...unread.missingObjects].sort());
    expect(unread.missingObjects).toContain(blob.moved);
    expect(unread.renamesNotFollowed).toBe(1);
    expect(unread.filesWithoutContent).toBeGreaterThanOrEqual(2);
    expect(unread.picksUnknown).toBeGreaterThanOrEqual(2);
  });

  test("nothing was fetched, nothing written outside .git/driftlog", async () => {
    await syncReport({ repo: clone.dir, source: "origin/main", target: "origin/stable" });
    expect(isPresent(blob.dockerfile!)).toBe(false);
    expect(isPresent(blob.moved!)).toBe(false);
    for (const id of report.unread!.missingObjects) expect(isPresent(id), id).toBe(false);
    expect(clone.fingerprint()).toBe(before);
  });

  test("the same history in a full clone has no `unread` anywhere", async () => {
    const full = await syncReport({ repo: origin.dir, source: "main", target: "stable", cache: false });
    expect(full.unread).toBeUndefined();
    expect(JSON.stringify(full)).not.toContain('"unread"');
    expect(full.changes.find((change) => change.sha === sha.moved)?.files.map((file) => file.path)).toEqual(["docker/app.Dockerfile"]);
    expect(full.changes.find((change) => change.sha === sha.compose)?.pick).not.toBeNull();
  });

  test("a missing blob is never taken as evidence: the degraded run's cache teaches a full clone nothing wrong", async () => {
    // The cached run above saved what it learnt under the clone's .git/driftlog/, keyed by object ids, which the full clone shares.
    mkdirSync(join(origin.dir, ".git/driftlog"), { recursive: true });
    copyFileSync(join(clone.dir, ".git/driftlog/facts-v1.json"), join(origin.dir, ".git/driftlog/facts-v1.json"));
    const warm = await syncReport({ repo: origin.dir, source: "main", target: "stable" });
    const cold = await syncReport({ repo: origin.dir, source: "main", target: "stable", cache: false });
    expect(warm.changes).toEqual(cold.changes);
  });

  test("the CLI: sync says in one stderr line which objects and what it cost, and exits 0", async () => {
    const result = await runCaptured(clone.dir, ["sync", "--source", "origin/main", "--target", "origin/stable", "--no-cache"]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^driftlog: warning: \d+ objects missing from the repository and not fetched \([0-9a-f]{7}(, [0-9a-f]{7})*(, and \d+ more)?\): 1 rename not followed, content unknown for \d+ files, \d+ pick predictions unknown; a full clone gives the complete report$/);
    expect(lines[0]).toContain(blob.moved!.slice(0, 7));
    expect((JSON.parse(result.stdout) as SyncReport).unread?.renamesNotFollowed).toBe(1);
  });

  test("the CLI: changelog finishes with the same kind of line", async () => {
    const result = await runCaptured(clone.dir, ["changelog", "--to", "origin/main", "--format", "json"]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^driftlog: warning: \d+ objects? missing from the repository and not fetched \(.*\): 1 rename not followed/);
    const changelog = JSON.parse(result.stdout) as { releases: { entries?: unknown }[] };
    expect(changelog.releases.length).toBeGreaterThan(0);
    expect(isPresent(blob.moved!)).toBe(false);
  });

  test("the Markdown and the email say an unknown pick is unknown, not clean", async () => {
    for (const [format, says] of [["md", "unknown (blobs missing)"], ["email", "pick unknown (blobs missing)"]] as const) {
      const result = await runCaptured(clone.dir, ["sync", "--source", "origin/main", "--target", "origin/stable", "--no-cache", "--quiet", "--format", format]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(says);
    }
  });

  test("--quiet keeps the line back; the JSON still carries it", async () => {
    const result = await runCaptured(clone.dir, ["sync", "--source", "origin/main", "--target", "origin/stable", "--no-cache", "--quiet"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect((JSON.parse(result.stdout) as SyncReport).unread).toBeDefined();
  });
});

describe("a repository missing blobs without a promisor remote (a damaged mirror)", () => {
  let mirror: TestRepo;
  beforeAll(() => {
    mirror = new TestRepo(mkdtempSync(join(tmpdir(), "driftlog-mirror-")));
    mirror.git("clone", "-q", "--mirror", "--no-local", origin.dir, ".");
    // Unpacked, so that one object can go: the edited rename's new version.
    const packs = join(mirror.dir, "objects/pack");
    for (const pack of readdirSync(packs).filter((name) => name.endsWith(".pack"))) {
      renameSync(join(packs, pack), join(mirror.dir, pack));
      execFileSync("git", ["unpack-objects", "-q"], { cwd: mirror.dir, input: readFileSync(join(mirror.dir, pack)) });
      rmSync(join(mirror.dir, pack));
      rmSync(join(packs, pack.replace(/\.pack$/, ".idx")));
    }
    rmSync(join(mirror.dir, "objects", blob.moved!.slice(0, 2), blob.moved!.slice(2)));
  });
  afterAll(() => mirror?.remove());

  test("finishes, and names the missing blob", async () => {
    const report = await syncReport({ repo: mirror.dir, source: "main", target: "stable", cache: false });
    expectValid("sync-report.schema.json", report);
    expect(report.unread?.missingObjects).toEqual([blob.moved]);
    expect(report.unread?.renamesNotFollowed).toBe(1);
    const moved = report.changes.find((change) => change.sha === sha.moved);
    expect(fileOf(moved, "docker/app.Dockerfile")?.unread).toEqual(["renames", "content"]);
    // Everything else was read: the change picked by hand is found by its content as in the full clone.
    expect(report.changes.find((change) => change.sha === sha.picked)?.matchedBy).toEqual(["content"]);
  });
});
