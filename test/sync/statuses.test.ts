import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { syncReport, type Change, type SyncReport } from "../../src/index.js";
import { TestRepo } from "../helpers/repo.js";
import { expectValid } from "../helpers/schema.js";

const NOW = new Date("2025-03-01T00:00:00Z");
const release = { name: "Release Bot", email: "release@example.com" };

const compose = (redis: string, extra = "") => `services:\n  api:\n    image: api:1\n    restart: always\n${extra}  redis:\n    image: redis:${redis}\n`;
const configmap = (extra: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  REGION: eu\n${extra}  MODE: live\n`;
const workflow = (steps: string[]) => `name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${steps.map((step) => `      - run: ${step}\n`).join("")}`;

/**
 * One repository with every shape the sync engine must recognise, built once:
 * main and stable split, then main collects Docker/IaC changes and stable
 * receives some of them the ways real release branches do.
 */
let repo: TestRepo;
let report: SyncReport;
type Name = "trailer" | "author" | "pr1" | "pr2" | "pr3" | "patch" | "content" | "bumpOld" | "bumpNew" | "excludedPath" | "excludedScope" | "reverted" | "revert" | "partial" | "clean" | "touchEnv" | "conflict" | "goCode" | "beta" | "dropBeta";
const sha = {} as Record<Name, string>;
const bySubject = (subject: string): Change => {
  const change = report.changes.find((candidate) => candidate.subject.startsWith(subject));
  if (!change) throw new Error(`no change "${subject}" in ${report.changes.map((c) => c.subject).join(" | ")}`);
  return change;
};

beforeAll(async () => {
  repo = TestRepo.create();
  repo.commit("chore: init", {
    Dockerfile: "FROM node:20\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
    "docker-compose.yml": compose("7"),
    ".env.example": "PORT=8080\nLOG_LEVEL=info\n",
    ".github/workflows/ci.yml": workflow(["npm test"]),
    "k8s/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 2\n",
    "infra/main.tf": 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n',
    "util/helm/render.go": "package helm\n\nfunc Render() {}\n",
    "src/server.js": "console.log('hi')\n",
    "config/production.toml": "[db]\npool = 10\n",
    "k8s/configmap.yaml": configmap(""),
  });
  repo.git("branch", "stable");

  sha.trailer = repo.commit("build(docker): use node 22", { Dockerfile: "FROM node:22\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n" });
  sha.author = repo.commit("ci: cache npm", { ".github/workflows/ci.yml": workflow(["npm ci --cache .npm", "npm test"]) });
  sha.pr1 = repo.commit("feat(compose): add healthcheck to api (#31)", { "docker-compose.yml": compose("7", "    healthcheck:\n      test: curl -f localhost\n") });
  sha.pr2 = repo.commit("chore(env): add TIMEOUT (#32)", { ".env.example": "PORT=8080\nLOG_LEVEL=info\nTIMEOUT=30\n" });
  sha.pr3 = repo.commit("fix(k8s): three replicas (#33)", { "k8s/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n" });
  sha.patch = repo.commit("infra: tag the log bucket", { "infra/main.tf": 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n  tags   = { team = "payments" }\n}\n' });
  sha.content = repo.commit("build(docker): add a healthcheck", {
    Dockerfile: "FROM node:22\nWORKDIR /app\nCOPY . .\nHEALTHCHECK CMD curl -f http://localhost:8080/health\nCMD [\"node\", \"server.js\"]\n",
  });
  sha.bumpOld = repo.commit("build(compose): redis 7.2", { "docker-compose.yml": compose("7.2", "    healthcheck:\n      test: curl -f localhost\n") });
  sha.bumpNew = repo.commit("build(compose): redis 7.4", { "docker-compose.yml": compose("7.4", "    healthcheck:\n      test: curl -f localhost\n") });
  sha.excludedPath = repo.commit("feat: try a canary deployment", { "k8s/experimental/canary.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: canary\n" });
  sha.excludedScope = repo.commit("feat(experimental): tracing in compose", { "docker-compose.tracing.yml": "services:\n  jaeger:\n    image: jaeger\n" });
  sha.reverted = repo.commit("infra: add a queue", { "infra/queue.tf": 'resource "aws_sqs_queue" "q" {}\n' });
  sha.revert = repo.revert(sha.reverted);
  sha.partial = repo.commit("build: node 22 everywhere", {
    ".github/workflows/ci.yml": workflow(["npm ci --cache .npm", "npm test", "node --version"]),
    "k8s/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n  minReadySeconds: 5\n",
  });
  sha.clean = repo.commit("feat(k8s): add a service", { "k8s/service.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n" });
  sha.touchEnv = repo.commit("chore(env): document DEBUG", { ".env.example": "PORT=8080\nLOG_LEVEL=info\nTIMEOUT=30\nDEBUG=false\n" });
  sha.conflict = repo.commit("chore(env): log level debug", { ".env.example": "PORT=8080\nLOG_LEVEL=debug\nTIMEOUT=30\nDEBUG=false\n" });
  sha.beta = repo.commit("feat(k8s): beta flag", { "k8s/configmap.yaml": configmap("  BETA: \"1\"\n") });
  sha.dropBeta = repo.commit("fix(k8s): drop the beta flag", { "k8s/configmap.yaml": configmap("") });
  sha.goCode = repo.commit("refactor: helm util", { "util/helm/render.go": "package helm\n\nfunc Render() { /* v2 */ }\n" });

  repo.checkout("stable");
  // -x with trailers after the cherry-pick line.
  repo.cherryPick(sha.trailer);
  repo.git("commit", "--amend", "-q", "-m", `${repo.git("log", "-1", "--format=%B")}\nSigned-off-by: Release Bot <release@example.com>\nCo-authored-by: Dev One <dev1@example.com>`);
  // Without -x: same author, same author date.
  repo.cherryPick(sha.author, { x: false });
  // A squashed backport naming two PRs, by someone else.
  repo.commit(
    "[Backport stable] compose and env fixes (#41)\n\n* feat(compose): add healthcheck to api (#31)\n* chore(env): add TIMEOUT (#32)",
    { "docker-compose.yml": compose("7", "    healthcheck:\n      test: curl -f localhost\n"), ".env.example": "PORT=8080\nLOG_LEVEL=info\nTIMEOUT=30\n" },
    { author: release },
  );
  repo.commit("fix(k8s): three replicas (cherry-pick #33 for 1.x)", { "k8s/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n" }, { author: release });
  // The same diff, re-typed by someone else under another subject: patch-id.
  repo.commit("ops: bucket tags for stable", { "infra/main.tf": 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n  tags   = { team = "payments" }\n}\n' }, { author: release });
  // By hand, together with a stable-only label: another diff, so content.
  repo.commit("ops: healthcheck on stable", {
    Dockerfile: "FROM node:22\nLABEL tier=stable\nWORKDIR /app\nCOPY . .\nHEALTHCHECK CMD curl -f http://localhost:8080/health\nCMD [\"node\", \"server.js\"]\n",
  }, { author: release });
  // Only the last of two bumps.
  repo.cherryPick(sha.bumpNew, { resolve: { "docker-compose.yml": compose("7.4", "    healthcheck:\n      test: curl -f localhost\n") } });
  // Half of a two-file change, by hand.
  repo.commit("ops: min ready seconds", { "k8s/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n  minReadySeconds: 5\n" }, { author: release });
  // Stable-only: a production setting (kept) and an unexplained change.
  repo.commit("ops: production pool", { "config/production.toml": "[db]\npool = 50\n" }, { author: release });
  repo.commit("ops: verbose logs on stable", { ".env.example": "PORT=8080\nLOG_LEVEL=warn\nTIMEOUT=30\n" }, { author: release });
  repo.checkout("main");

  report = await syncReport({
    repo: repo.dir,
    now: NOW,
    config: {
      categories: { config: { paths: ["config/*.toml"] } },
      exclude: { paths: ["k8s/experimental/**"], scopes: ["experimental"] },
      keep: { paths: ["config/production.toml"] },
    },
  });
});

afterAll(() => repo.remove());

describe("sync statuses on a release branch with every kind of pick", () => {
  test("the report validates against the shipped JSON Schema", () => {
    expectValid("sync-report.schema.json", report);
    expect(report.source.ref).toBe("main");
    expect(report.target.ref).toBe("stable");
    expect(report.mergeBase).toBe(repo.git("merge-base", "main", "stable"));
  });

  test("lists only Docker/IaC changes, oldest first (Go code under helm/ is not a chart)", () => {
    expect(report.changes.map((change) => change.sha)).not.toContain(sha.goCode);
    const order = report.changes.map((change) => change.sha);
    expect(order.indexOf(sha.trailer)).toBeLessThan(order.indexOf(sha.conflict));
    expect(report.changes).toHaveLength(19);
  });

  test.each([
    ["build(docker): use node 22", "trailer"],
    ["ci: cache npm", "author"],
    ["feat(compose): add healthcheck to api (#31)", "pr-number"],
    ["chore(env): add TIMEOUT (#32)", "pr-number"],
    ["fix(k8s): three replicas (#33)", "pr-number"],
    ["infra: tag the log bucket", "patch-id"],
    ["build(docker): add a healthcheck", "content"],
    ["build(compose): redis 7.4", "trailer"],
  ])("%s is synced by %s", (subject, method) => {
    const change = bySubject(subject);
    expect(change.status).toBe("synced");
    expect(change.matchedBy[0]).toBe(method);
    expect(change.files.every((file) => file.status === "synced" && file.targetShas.length > 0)).toBe(true);
    expect(change.pick).toBeNull();
    expect(change.syncedAt).not.toBeNull();
  });

  test("one squashed backport accounts for both PRs it names", () => {
    const [a, b] = [bySubject("feat(compose): add healthcheck"), bySubject("chore(env): add TIMEOUT")];
    expect(a.targetShas).toEqual(b.targetShas);
    expect(repo.git("log", "-1", "--format=%s", a.targetShas[0]!)).toMatch(/^\[Backport stable\]/);
  });

  test("an image bump replaced by a later synced bump is superseded", () => {
    const change = bySubject("build(compose): redis 7.2");
    expect(change.status).toBe("superseded");
    expect(change.files[0]).toMatchObject({ path: "docker-compose.yml", status: "superseded", method: null });
    // Matching records which change replaced it: the JSON names it, and no change that is not superseded names any.
    expect(change.supersededBy).toEqual([sha.bumpNew]);
    expect(report.changes.filter((other) => other.status !== "superseded" && other.status !== "partial").every((other) => other.supersededBy?.length === 0)).toBe(true);
  });

  test("exclusions name their rule", () => {
    expect(bySubject("feat: try a canary deployment")).toMatchObject({ status: "excluded", exclusion: { rule: "exclude.paths: k8s/experimental/**" } });
    expect(bySubject("feat(experimental)")).toMatchObject({ status: "excluded", exclusion: { rule: "exclude.scopes: experimental" } });
  });

  test("a change and its revert are both reverted", () => {
    expect(bySubject("infra: add a queue")).toMatchObject({ status: "reverted", revertedBy: sha.revert });
    expect(bySubject('Revert "infra: add a queue"').status).toBe("reverted");
  });

  test("half of a two-file change on stable is partial, file by file", () => {
    const change = bySubject("build: node 22 everywhere");
    expect(change.status).toBe("partial");
    expect(Object.fromEntries(change.files.map((file) => [file.path, file.status]))).toEqual({
      ".github/workflows/ci.yml": "unsynced",
      "k8s/deployment.yaml": "synced",
    });
    expect(change.pick).toBe("clean");
  });

  test("missing changes get pick predictions and dependencies", () => {
    expect(bySubject("feat(k8s): add a service")).toMatchObject({ status: "unsynced", pick: "clean", dependsOn: [] });
    expect(bySubject("chore(env): document DEBUG")).toMatchObject({ status: "unsynced", pick: "clean" });
    expect(bySubject("chore(env): log level debug")).toMatchObject({ status: "unsynced", pick: "conflict", dependsOn: [sha.touchEnv] });
    expect(report.summary.conflicts).toBe(1);
  });

  test("removing lines stable never had is not synced, though stable's file looks right", () => {
    expect(bySubject("feat(k8s): beta flag")).toMatchObject({ status: "unsynced", pick: "clean" });
    // Both sides dropped the line, so the merge is clean (and the pick would be empty).
    expect(bySubject("fix(k8s): drop the beta flag")).toMatchObject({ status: "unsynced", pick: "clean", matchedBy: [], targetShas: [] });
  });

  test("target-only changes are listed, intended ones marked kept", () => {
    const only = Object.fromEntries(report.targetOnly.map((change) => [change.subject, change.files]));
    expect(Object.keys(only).sort()).toEqual(["ops: production pool", "ops: verbose logs on stable"]);
    expect(only["ops: production pool"]).toEqual([{ path: "config/production.toml", category: "config", kept: true }]);
    expect(only["ops: verbose logs on stable"]![0]!.kept).toBe(false);
  });

  test("the summary counts statuses", () => {
    const { summary } = report;
    expect(summary).toMatchObject({ total: 19, synced: 8, superseded: 1, excluded: 2, reverted: 2, partial: 1, unsynced: 5, conflicts: 1 });
  });
});

describe("match.methods", () => {
  test("with only trailers, a pick without -x is unsynced and its trailer-less twin is target-only", async () => {
    const narrow = await syncReport({ repo: repo.dir, now: NOW, config: { match: { methods: ["trailer"] } } });
    expect(narrow.changes.find((change) => change.sha === sha.author)?.status).toBe("unsynced");
    expect(narrow.changes.find((change) => change.sha === sha.trailer)?.status).toBe("synced");
    expect(narrow.targetOnly.map((change) => change.subject)).toContain("ci: cache npm");
  });
});
