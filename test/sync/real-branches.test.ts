import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { syncReport, type Change, type SyncReport } from "../../src/index.js";
import { gitCherryPicks } from "../helpers/picks.js";
import { TestRepo } from "../helpers/repo.js";
import { expectValid } from "../helpers/schema.js";

/**
 * Shapes seen failing on real release branches (issue 12), one repository
 * each: main and stable split, then stable gets what main did the way release
 * engineers really bring it over.
 */
const NOW = new Date("2025-06-01T00:00:00Z");
const DAY = 86_400;
const WEEK = 7 * DAY;
const devOne = { name: "Dev One", email: "dev1@example.com" };
const release = { name: "Release Bot", email: "release@example.com" };

const workflow = (steps: string[]) => `name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${steps.map((step) => `      ${step}\n`).join("")}`;
const lines = (name: string, edits: Record<number, string> = {}) =>
  [`name: ${name}`, ...Array.from({ length: 12 }, (_, i) => edits[i + 1] ?? `${name}.key${String(i + 1).padStart(2, "0")}: v0`)].join("\n") + "\n";

/** A repository built by `build`, synced once; removed after the block. */
function scenario(build: (repo: TestRepo) => void, config: Parameters<typeof syncReport>[0] = {}) {
  const state = { repo: undefined as unknown as TestRepo, report: undefined as unknown as SyncReport };
  beforeAll(async () => {
    state.repo = TestRepo.create();
    build(state.repo);
    state.repo.checkout("main");
    state.report = await syncReport({ repo: state.repo.dir, now: NOW, cache: false, ...config });
    expectValid("sync-report.schema.json", state.report);
  });
  afterAll(() => state.repo?.remove());
  const change = (subject: string): Change => {
    const found = state.report.changes.find((candidate) => candidate.subject === subject);
    if (!found) throw new Error(`no change "${subject}" in ${state.report.changes.map((c) => c.subject).join(" | ")}`);
    return found;
  };
  return { state, change };
}

describe("1. a pure removal of a line stable never had", () => {
  const sha: Record<string, string> = {};
  const { state, change } = scenario((repo) => {
    const step = (uses: string, name = "lint") => [`- name: ${name}`, `  uses: ${uses}`];
    repo.commit("chore: init", { ".github/workflows/ci.yml": workflow([...step("actions/checkout@v4", "checkout"), ...step("some/action@v1"), "- run: make"]) });
    repo.git("branch", "stable");
    repo.checkout("stable");
    // Long before main's removal: an unrelated rename of the step on stable, which also "removes" `- name: lint`.
    sha.early = repo.commit("ci: name the lint step for stable", { ".github/workflows/ci.yml": workflow([...step("actions/checkout@v4", "checkout"), ...step("some/action@v1", "lint (stable)"), "- run: make"]) }, { author: release });
    repo.checkout("main");
    repo.commit("ci: pin some/action", { ".github/workflows/ci.yml": workflow([...step("actions/checkout@v4", "checkout"), ...step("some/action@0123456789abcdef0123456789abcdef01234567"), "- run: make"]) });
    sha.removal = repo.commit("ci: drop the lint step", { ".github/workflows/ci.yml": workflow([...step("actions/checkout@v4", "checkout"), "- run: make"]) });
  });

  test("is not synced by an older stable commit that never had the removed line", () => {
    expect(change("ci: drop the lint step")).toMatchObject({ status: "unsynced", matchedBy: [], targetShas: [] });
    expect(state.report.targetOnly.map((only) => only.sha)).toEqual([sha.early]);
  });
});

describe("1b. a removal stable made itself, after main did", () => {
  const { change } = scenario((repo) => {
    repo.commit("chore: init", { "docker-compose.yml": "services:\n  api:\n    image: api:1\n    privileged: true\n    restart: always\n" });
    repo.git("branch", "stable");
    repo.commit("fix(compose): api is not privileged", { "docker-compose.yml": "services:\n  api:\n    image: api:1\n    restart: always\n" });
    repo.checkout("stable");
    repo.commit("ops: no privileged api on stable either", { "docker-compose.yml": "services:\n  api:\n    image: api:1\n    restart: always\n  db:\n    image: postgres\n" }, { author: release });
  });

  test("is synced by content", () => {
    expect(change("fix(compose): api is not privileged")).toMatchObject({ status: "synced", matchedBy: ["content"] });
  });
});

describe("1c. the same line added on stable before main wrote it", () => {
  // (An identical diff would still be found by patch-id: a fix made on stable first and ported to main is on stable.)
  const sha: Record<string, string> = {};
  const { state, change } = scenario((repo) => {
    repo.commit("chore: init", { "docker-compose.yml": "services:\n  api:\n    image: api:1\n" });
    repo.git("branch", "stable");
    repo.checkout("stable");
    sha.early = repo.commit("ops: restart the api on stable", { "docker-compose.yml": "services:\n  api:\n    image: api:1\n    restart: always\n    mem_limit: 1g\n" }, { author: release });
    repo.checkout("main");
    repo.commit("feat(compose): restart the api", { "docker-compose.yml": "services:\n  api:\n    image: api:1\n    restart: always\n" });
  });

  test("an older stable commit never carries a change", () => {
    expect(change("feat(compose): restart the api")).toMatchObject({ status: "unsynced", matchedBy: [], targetShas: [] });
    expect(state.report.targetOnly.map((only) => only.sha)).toEqual([sha.early]);
  });
});

describe("2. picked by hand, then partly replaced on stable", () => {
  const sha: Record<string, string> = {};
  const dockerfile = (rust: string, label = "") => `FROM rust:${rust} AS build\n${label}RUN cargo build --release\nFROM debian:bookworm-slim\n`;
  const ci = (rust: string) => workflow([`- uses: dtolnay/rust-toolchain@${rust}`, "- run: cargo test"]);
  const { state, change } = scenario((repo) => {
    repo.commit("chore: init", { "docker/api.Dockerfile": dockerfile("1.80"), ".github/workflows/ci.yml": ci("1.80"), "k8s/app.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    version: 1.0.0\n" });
    repo.git("branch", "stable");
    repo.checkout("stable");
    repo.commit("ops: stable build label", { "docker/api.Dockerfile": dockerfile("1.80", "LABEL line=stable\n") }, { author: release });
    repo.checkout("main");
    sha.bump = repo.commit("chore: rust 1.81 (#210)", { "docker/api.Dockerfile": dockerfile("1.81"), ".github/workflows/ci.yml": ci("1.81"), "k8s/app.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    version: 1.1.0\n" });
    const time = Number(repo.git("log", "-1", "--format=%at"));
    sha.later = repo.commit("chore: version 1.2.0 (#215)", { "k8s/app.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    version: 1.2.0\n" });
    repo.checkout("stable");
    // The same bump by hand the same day, under the backport's PR number, with a note of its own in the manifest.
    sha.hand = repo.commit("chore: rust 1.81 (#230)", { "docker/api.Dockerfile": dockerfile("1.81", "LABEL line=stable\n"), ".github/workflows/ci.yml": ci("1.81"), "k8s/app.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    version: 1.1.0\n    picked: by-hand\n" }, { time: time + 3 * 3600 });
    // Then the release line moves on: a patch version of its own.
    sha.patch = repo.commit("ops: version 1.1.1", { "k8s/app.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    version: 1.1.1\n    picked: by-hand\n" }, { author: release });
  });

  test("is on stable, and not offered as a conflicting pick", () => {
    const bump = change("chore: rust 1.81 (#210)");
    expect(["synced", "superseded"]).toContain(bump.status);
    expect(bump.pick).toBeNull();
    expect(bump.files.every((file) => file.status !== "unsynced")).toBe(true);
    expect(bump.targetShas).toContain(sha.hand);
  });

  test("the hand pick is not target-only, and later changes do not depend on it", () => {
    expect(state.report.targetOnly.map((only) => only.subject)).not.toContain("chore: rust 1.81 (#230)");
    expect(change("chore: version 1.2.0 (#215)")).toMatchObject({ status: "unsynced", pick: "conflict", dependsOn: [] });
  });
});

describe("2b. picked by hand under another name, then replaced by a synced change", () => {
  const sha: Record<string, string> = {};
  const app = (version: string, extra = "") => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    version: ${version}\n${extra}`;
  const { state, change } = scenario((repo) => {
    repo.commit("chore: init", { "k8s/app.yaml": app("1.0.0") });
    repo.git("branch", "stable");
    sha.first = repo.commit("chore: version 1.1.0 (#300)", { "k8s/app.yaml": app("1.1.0") });
    repo.checkout("stable");
    sha.hand = repo.commit("ops: release 1.1.0 on stable", { "k8s/app.yaml": app("1.1.0", "    channel: stable\n") }, { author: release });
    repo.checkout("main");
    sha.second = repo.commit("chore: version 1.2.0 (#301)", { "k8s/app.yaml": app("1.2.0") });
    repo.checkout("stable");
    repo.cherryPick(sha.second, { resolve: { "k8s/app.yaml": app("1.2.0", "    channel: stable\n") } });
  });

  test("is on stable, and the hand pick that carried it is not target-only", () => {
    const first = change("chore: version 1.1.0 (#300)");
    expect(["synced", "superseded"]).toContain(first.status);
    expect(first).toMatchObject({ pick: null, dependsOn: [] });
    expect(change("chore: version 1.2.0 (#301)")).toMatchObject({ status: "synced" });
    expect(state.report.targetOnly).toEqual([]);
  });
});

describe("3. same subject and author weeks apart, a line changed back on stable", () => {
  const sha: Record<string, string> = {};
  const dockerfile = (base: string, user: string, extra = "") => `FROM ${base}\n${extra}WORKDIR /app\nUSER ${user}\nCMD ["api"]\n`;
  const { state, change } = scenario((repo) => {
    repo.commit("chore: init", { Dockerfile: dockerfile("debian:bookworm", "root"), "docker-compose.yml": "services:\n  api:\n    build: .\n" });
    repo.git("branch", "stable");
    sha.source = repo.commit("build(docker): distroless base (#100)", { Dockerfile: dockerfile("gcr.io/distroless/cc", "nonroot") });
    const time = Number(repo.git("log", "-1", "--format=%at"));
    repo.checkout("stable");
    // Three weeks later, redone on stable under its own PR, with a stable-only line besides.
    sha.redo = repo.commit("build(docker): distroless base (#130)", { Dockerfile: dockerfile("gcr.io/distroless/cc", "nonroot", "ENV LINE=stable\n") }, { time: time + 3 * WEEK });
    sha.back = repo.commit("ops: stable runs as root again", { Dockerfile: dockerfile("gcr.io/distroless/cc", "root", "ENV LINE=stable\n") }, { author: release, time: time + 3 * WEEK + DAY });
  });

  test("is synced, by a method named in matchedBy", () => {
    const redone = change("build(docker): distroless base (#100)");
    expect(redone).toMatchObject({ status: "synced", pick: null });
    expect(redone.matchedBy).toContain("author");
    expect(redone.targetShas).toEqual([sha.redo]);
  });

  test("stable's deliberate change back stays target-only", () => {
    expect(state.report.targetOnly.map((only) => only.sha)).toEqual([sha.back]);
  });
});

describe("4. a cherry-pick suffix, the author's other email, one of two added places", () => {
  const sha: Record<string, string> = {};
  const compose = (api: string, worker: string) => `services:\n  api:\n    image: api\n${api}  worker:\n    image: worker\n${worker}`;
  const limit = "    mem_limit: 512m\n";
  const { change } = scenario((repo) => {
    repo.commit("chore: init", { "docker-compose.yml": compose("", "") });
    repo.git("branch", "stable");
    sha.source = repo.commit("build(compose): memory limits", { "docker-compose.yml": compose(limit, limit) }, { author: { name: "Jane Doe", email: "jane@corp.example" } });
    repo.checkout("stable");
    sha.pick = repo.commit("build(compose): memory limits (cherry-pick #4412 for 2.7)", { "docker-compose.yml": compose(limit, "") }, { author: { name: "Jane Doe", email: "jane.doe@users.noreply.github.com" } });
  });

  test("is synced", () => {
    expect(change("build(compose): memory limits")).toMatchObject({ status: "synced", pick: null, targetShas: [sha.pick] });
  });
});

describe("5. backport titles naming the original PR without #", () => {
  const sha: Record<string, string> = {};
  const { change } = scenario((repo) => {
    repo.commit("chore: init", { "k8s/a.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n  A: '1'\n", "k8s/b.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n  B: '1'\n", "k8s/c.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n  C: '1'\n", "k8s/d.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n  D: '1'\n" });
    repo.git("branch", "stable");
    sha.a = repo.commit("fix(k8s): a is two (#23248)", { "k8s/a.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n  A: '2'\n" });
    sha.b = repo.commit("fix(k8s): b is two (#27602)", { "k8s/b.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n  B: '2'\n" });
    sha.c = repo.commit("fix(k8s): c is two", { "k8s/c.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n  C: '2'\n" });
    sha.d = repo.commit("fix(k8s): d is two", { "k8s/d.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n  D: '2'\n" });
    const [timeC, timeD] = [sha.c, sha.d].map((id) => Number(repo.git("log", "-1", "--format=%at", id!)));
    repo.checkout("stable");
    // Each by hand with something of stable's own besides: no patch-id, no content-only evidence.
    sha.pickA = repo.commit("cherry pick 23248 to release-2.15.0", { "k8s/a.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n  A: '2'\n  LINE: stable\n" }, { author: release });
    sha.pickB = repo.commit("cherry-pick 27602 to 3.4", { "k8s/b.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n  B: '2'\n  LINE: stable\n" }, { author: release });
    sha.pickC = repo.commit("(cherry-pick) fix(k8s): c is two", { "k8s/c.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n  C: '2'\n  LINE: stable\n" }, { time: timeC });
    sha.pickD = repo.commit("[cherry-pick] fix(k8s): d is two", { "k8s/d.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n  D: '2'\n  LINE: stable\n" }, { time: timeD });
  });

  test.each([
    ["fix(k8s): a is two (#23248)", "pr-number", "pickA"],
    ["fix(k8s): b is two (#27602)", "pr-number", "pickB"],
    ["fix(k8s): c is two", "author", "pickC"],
    ["fix(k8s): d is two", "author", "pickD"],
  ])("%s is synced by %s", (subject, method, pick) => {
    const found = change(subject);
    expect(found).toMatchObject({ status: "synced", targetShas: [sha[pick]] });
    expect(found.matchedBy[0]).toBe(method);
  });
});

describe("6. a revert quoting the PR it reverts", () => {
  const sha: Record<string, string> = {};
  const { state, change } = scenario((repo) => {
    repo.commit("chore: init", { Dockerfile: "FROM node:20\nRUN npm ci\n" });
    repo.git("branch", "stable");
    sha.fix = repo.commit("fix: x (#7853)", { Dockerfile: "FROM node:20\nRUN npm ci --omit=dev\n" });
    sha.revert = repo.revert(sha.fix);
    repo.git("commit", "--amend", "-q", "-m", `Revert "fix: x (#7853)" (#7872)\n\nThis reverts commit ${sha.fix}.`);
    sha.revert = repo.head();
    repo.checkout("stable");
    // Stable takes only a backport of the revert, whose title quotes the original PR, with a note of its own.
    sha.backport = repo.commit('Revert "fix: x (#7853)" (#7872) (#7873)', { Dockerfile: "FROM node:20\nRUN npm ci\n# no dev deps flag\n" }, { author: release });
  });

  test("a revert's quoted PR is no evidence that the original reached stable", () => {
    const fix = change("fix: x (#7853)");
    expect(fix.matchedBy).not.toContain("pr-number");
    expect(fix).toMatchObject({ status: "reverted", revertedBy: sha.revert });
  });

  test("the change and its revert, both on main, are reverted", () => {
    expect(change('Revert "fix: x (#7853)" (#7872)').status).toBe("reverted");
    expect(state.report.summary.reverted).toBe(2);
  });
});

describe("6b. a change and its revert, both on main and both picked", () => {
  const { change } = scenario((repo) => {
    repo.commit("chore: init", { Dockerfile: "FROM node:20\nRUN npm ci\n" });
    repo.git("branch", "stable");
    const fix = repo.commit("fix: y (#7900)", { Dockerfile: "FROM node:20\nRUN npm ci --omit=dev\n" });
    const revert = repo.revert(fix);
    repo.checkout("stable");
    repo.cherryPick(fix);
    repo.cherryPick(revert);
  });

  test("both are reverted", () => {
    expect(change("fix: y (#7900)").status).toBe("reverted");
    expect(change('Revert "fix: y (#7900)"').status).toBe("reverted");
  });
});

describe("7. a change to a file main renamed with edits (R099)", () => {
  const sha: Record<string, string> = {};
  let git: Map<string, string>;
  const { state, change } = scenario(
    (repo) => {
      repo.commit("chore: init", { "deploy/app.yaml": lines("app"), "deploy/db.yaml": lines("db"), "deploy/queue.yaml": lines("queue"), "deploy/cache.yaml": lines("cache") });
      repo.git("branch", "stable");
      repo.checkout("stable");
      repo.commit("ops: stable edits", { "deploy/db.yaml": lines("db", { 11: "db.key11: stable" }), "deploy/queue.yaml": lines("queue", { 11: "queue.key11: stable" }) }, { author: release });
      repo.checkout("main");
      for (const name of ["app", "db", "queue", "cache"]) {
        repo.git("mv", `deploy/${name}.yaml`, `deploy/${name}-service.yaml`);
        repo.write({ [`deploy/${name}-service.yaml`]: lines(name, { 3: `${name}.key03: moved` }) });
      }
      // Rewritten past git's 50% rename threshold: no rename for git, the file is gone from stable's view.
      repo.write({ "deploy/cache-service.yaml": lines("cache", Object.fromEntries(Array.from({ length: 9 }, (_, i) => [i + 1, `cache.key${i + 1}: rewritten`]))) });
      sha.move = repo.commit("feat: move the services");
      sha.app = repo.commit("feat: app key08", { "deploy/app-service.yaml": lines("app", { 3: "app.key03: moved", 8: "app.key08: main" }) });
      sha.db = repo.commit("feat: db key07", { "deploy/db-service.yaml": lines("db", { 3: "db.key03: moved", 7: "db.key07: main" }) });
      sha.queue = repo.commit("feat: queue key04", { "deploy/queue-service.yaml": lines("queue", { 3: "queue.key03: moved", 4: "queue.key04: main" }) });
      const rewritten = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [i + 1, `cache.key${i + 1}: rewritten`]));
      sha.cache = repo.commit("feat: cache key12", { "deploy/cache-service.yaml": lines("cache", { ...rewritten, 12: "cache.key12: main" }) });
    },
    { config: { categories: { deploy: { paths: ["deploy/**"] } } } },
  );
  beforeAll(() => {
    git = gitCherryPicks(state.repo.dir, state.report.target.sha, [sha.app!, sha.db!, sha.queue!, sha.cache!]);
  });

  test("the rename is R099-like: git follows it", () => {
    expect(state.repo.git("show", "--format=", "-M", "--name-status", sha.move!)).toMatch(/^R09\d\tdeploy\/app.yaml\tdeploy\/app-service.yaml$/m);
  });

  test.each([
    ["feat: app key08", "app", "clean"],
    ["feat: db key07", "db", "clean"],
    ["feat: queue key04", "queue", "conflict"],
    ["feat: cache key12", "cache", "conflict"],
  ])("%s predicts what git cherry-pick does", (subject, name, expected) => {
    expect({ driftlog: change(subject).pick, git: git.get(sha[name]!) }).toEqual({ driftlog: expected, git: expected });
  });
});
