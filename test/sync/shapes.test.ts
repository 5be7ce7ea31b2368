import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { syncReport, type Change, type SyncReport } from "../../src/index.js";
import { gitCherryPicks } from "../helpers/picks.js";
import { TestRepo } from "../helpers/repo.js";
import { expectValid } from "../helpers/schema.js";

const NOW = new Date("2025-03-01T00:00:00Z");
const release = { name: "Release Bot", email: "release@example.com" };
const manifest = (name: string, extra = "") => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  MODE: live\n${extra}`;
const WEIRD = 'k8s/naïve "quoted"\nname.yaml';
const SPACED = "services/payment api/Dockerfile";
const GENERATED = "k8s/generated/all.yaml";
const SUBMODULE = "infra/modules/network";
const REDIS_17_1 = "\x1f\x8b\b\0redis-17.1.0\0\0\0";
/**
 * A 50k-line generated manifest; `version` changes every third line. Its items
 * are plain scalars: the size is what matters here, and YAML parses these
 * three times faster than flow mappings, on every sync of this repository.
 */
const generated = (version: string) =>
  `apiVersion: v1\nkind: List\nitems:\n${Array.from({ length: 50_000 }, (_, i) => (i % 3 === 0 ? `  - item-${i} rev ${version}` : `  - item-${i}`)).join("\n")}\n`;

/** Dates for commits made without the script's clock: half an hour after HEAD, so history stays in order and SHAs stable. */
function nextDates(repo: TestRepo): Record<string, string> {
  const date = `@${Number(repo.git("log", "-1", "--format=%ct")) + 1800} +0000`;
  return { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
}

function merge(repo: TestRepo, message: string, refs: string[], extra: string[] = []): string {
  repo.gitWithEnv(nextDates(repo), "merge", "--no-ff", "-q", ...extra, "-m", message, ...refs);
  return repo.head();
}

/** A submodule path is an IaC file only by config: nothing in a gitlink's path says what it holds. */
const CONFIG = { categories: { modules: { paths: ["infra/modules/*"] } } };
let repo: TestRepo;
let report: SyncReport;
const sha: Record<string, string> = {};
const bySubject = (subject: string, changes: readonly Change[] = report.changes): Change => {
  const change = changes.find((candidate) => candidate.subject === subject);
  if (!change) throw new Error(`no change "${subject}" in ${changes.map((c) => c.subject).join(" | ")}`);
  return change;
};

/**
 * One repository with the history shapes that trip up tools reading git:
 * several roots, octopus merges, empty commits, renames and copies on either
 * side, deletions, mode changes, binaries, symlinks, submodules, hostile file
 * names, a Latin-1 commit message, CRLF files and a 50k-line manifest.
 */
beforeAll(async () => {
  repo = TestRepo.create();
  repo.commit("chore: init", {
    "docker/api.Dockerfile": "FROM rust:1.80 AS build\nRUN cargo build --release\nFROM debian:bookworm-slim\nCOPY --from=build /app/target/release/api /usr/local/bin/api\n",
    "docker/entrypoint.sh": "#!/bin/sh\nset -e\nexec api \"$@\"\n",
    "docker/healthcheck.sh": "#!/bin/sh\ncurl -fs localhost:8080/health\n",
    "docker/windows.Dockerfile": "FROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nWORKDIR C:\\\\app\r\nCOPY . .\r\n",
    "docker-compose.yml": "services:\n  api:\n    image: api:1\n",
    "k8s/app.yaml": manifest("app"),
    "k8s/old.yaml": manifest("old"),
    "k8s/hand.yaml": manifest("hand"),
    "infra/legacy.tf": 'resource "null_resource" "legacy" {}\n',
    "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
    "charts/app/charts/redis-17.0.0.tgz": "\x1f\x8b\b\0redis-17.0.0\0\0\0",
    [SPACED]: "FROM alpine:3.19\n",
    [GENERATED]: generated("1"),
  });
  repo.git("branch", "stable");
  repo.git("tag", "fork");

  // Merges on main: a second root imported with its history, and an octopus.
  repo.git("checkout", "-q", "--orphan", "imported");
  repo.git("rm", "-rfq", ".");
  sha.importRoot = repo.commit("infra: vpc module", { "infra/modules/vpc/main.tf": 'resource "aws_vpc" "main" {}\n' });
  sha.importNext = repo.commit("infra: vpc tags", { "infra/modules/vpc/main.tf": 'resource "aws_vpc" "main" {\n  tags = {}\n}\n' });
  repo.checkout("main");
  sha.importMerge = merge(repo, "Merge the vpc module's history", ["imported"], ["--allow-unrelated-histories"]);
  for (const [branch, file, content] of [
    ["f1", "k8s/f1.yaml", manifest("f1")],
    ["f2", "k8s/f2.yaml", manifest("f2")],
    ["f3", "infra/f3.tf", 'resource "null_resource" "f3" {}\n'],
  ] as const) {
    repo.checkout(branch, true);
    sha[branch] = repo.commit(`feat: ${branch}`, { [file]: content });
    repo.checkout("main");
  }
  sha.octopus = merge(repo, "Merge f1, f2 and f3", ["f1", "f2", "f3"]);
  sha.empty = repo.commit("ci: retrigger the pipeline");

  // Renames and copies.
  sha.editApp = repo.commit("fix(k8s): app in debug mode", { "k8s/app.yaml": manifest("app", "  DEBUG: \"1\"\n") });
  mkdirSync(join(repo.dir, "k8s/base"));
  repo.git("mv", "k8s/app.yaml", "k8s/base/app.yaml");
  sha.renameApp = repo.commit("refactor(k8s): move app under base/");
  sha.afterRename = repo.commit("feat(k8s): app log format", { "k8s/base/app.yaml": manifest("app", "  DEBUG: \"1\"\n  LOG_FORMAT: json\n") });
  sha.composeLimit = repo.commit("build(compose): memory limit", { "docker-compose.yml": "services:\n  api:\n    image: api:1\n    mem_limit: 512m\n" });
  sha.composeTag = repo.commit("build(compose): api 2", { "docker-compose.yml": "services:\n  api:\n    image: api:2\n    mem_limit: 512m\n" });
  sha.composeByHand = repo.commit("build(compose): restart policy", { "docker-compose.yml": "services:\n  api:\n    image: api:2\n    mem_limit: 512m\n    restart: always\n" });
  repo.git("config", "diff.renames", "copies");
  sha.copy = repo.commit("build(docker): worker image from the api one", {
    "docker/worker.Dockerfile": "FROM rust:1.80 AS build\nRUN cargo build --release\nFROM debian:bookworm-slim\nCOPY --from=build /app/target/release/api /usr/local/bin/api\n",
  });

  // Deletions.
  sha.dropOld = repo.commit("chore(k8s): drop old.yaml", { "k8s/old.yaml": null });
  sha.dropLegacy = repo.commit("chore(infra): drop the legacy resource", { "infra/legacy.tf": null });
  sha.dropHand = repo.commit("chore(k8s): drop hand.yaml", { "k8s/hand.yaml": null });

  // Modes, binaries, symlinks, submodules.
  chmodSync(join(repo.dir, "docker/entrypoint.sh"), 0o755);
  sha.chmod = repo.commit("build(docker): executable entrypoint");
  chmodSync(join(repo.dir, "docker/healthcheck.sh"), 0o755);
  sha.chmodHealth = repo.commit("build(docker): executable healthcheck");
  sha.redis = repo.commit("build(helm): redis 17.1.0", { "charts/app/charts/redis-17.0.0.tgz": REDIS_17_1 });
  sha.postgres = repo.commit("build(helm): add postgresql 15.1", { "charts/app/charts/postgresql-15.1.0.tgz": "\x1f\x8b\b\0postgresql-15.1.0\0\0\0" });
  repo.write({ "compose/prod.yml": "services:\n  api:\n    restart: always\n", "compose/staging.yml": "services:\n  api:\n    restart: no\n" });
  symlinkSync("compose/prod.yml", join(repo.dir, "docker-compose.override.yml"));
  sha.symlink = repo.commit("build(compose): production override as a link");
  rmSync(join(repo.dir, "docker-compose.override.yml"));
  symlinkSync("compose/staging.yml", join(repo.dir, "docker-compose.override.yml"));
  sha.relink = repo.commit("build(compose): link the staging override");
  sha.submodule = gitlink(repo, "build(infra): network module v1", "1111111111111111111111111111111111111111");
  sha.submoduleBump = gitlink(repo, "build(infra): network module v2", "2222222222222222222222222222222222222222");

  // Names and encodings.
  sha.weird = repo.commit("feat(k8s): a manifest with a hostile name", { [WEIRD]: manifest("weird") });
  sha.spaced = repo.commit("build(docker): alpine 3.20 for the payment api", { [SPACED]: "FROM alpine:3.20\n" });
  writeFileSync(join(repo.dir, ".git/latin1-msg"), Buffer.from("build(docker): Größe des Images halbiert\n\nÜberflüssige Pakete entfernt.\n", "latin1"));
  repo.write({ "docker/api.Dockerfile": "FROM rust:1.80 AS build\nRUN cargo build --release\nFROM gcr.io/distroless/cc-debian12\nCOPY --from=build /app/target/release/api /usr/local/bin/api\n" });
  repo.git("add", "-A");
  repo.gitWithEnv(nextDates(repo), "-c", "i18n.commitEncoding=ISO-8859-1", "commit", "-q", "-F", ".git/latin1-msg");
  sha.latin1 = repo.head();
  sha.crlf = repo.commit("build(docker): windows image shell", {
    "docker/windows.Dockerfile": "FROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nSHELL [\"powershell\", \"-Command\"]\r\nWORKDIR C:\\\\app\r\nCOPY . .\r\n",
  });
  sha.regenerated = repo.commit("build(k8s): regenerate the manifests", { [GENERATED]: generated("2") });

  repo.checkout("stable");
  repo.cherryPick(sha.f2!);
  repo.cherryPick(sha.importRoot!);
  repo.cherryPick(sha.editApp!);
  repo.cherryPick(sha.composeLimit!);
  repo.git("mv", "docker-compose.yml", "compose.yaml");
  repo.commit("chore(compose): the compose.yaml name");
  // By hand, onto the renamed file.
  repo.commit("ops: restart policy", { "compose.yaml": "services:\n  api:\n    image: api:1\n    mem_limit: 512m\n    restart: always\n" }, { author: release });
  repo.cherryPick(sha.dropOld!);
  repo.commit("ops: hand.yaml is gone", { "k8s/hand.yaml": null }, { author: release });
  // The same archive, committed by hand.
  repo.commit("ops: redis chart 17.1.0", { "charts/app/charts/redis-17.0.0.tgz": REDIS_17_1 }, { author: release });
  repo.cherryPick(sha.submodule!);
  // Stable's own tweak to the generated manifest, next to lines main regenerates.
  repo.commit("ops: stable manifest tweak", { [GENERATED]: generated("1").replace("  - item-1\n", "  - item-1 pinned\n") }, { author: release });
  repo.commit("ops: empty marker", {}, { author: release });
  chmodSync(join(repo.dir, "docker/entrypoint.sh"), 0o755);
  repo.commit("ops: executable entrypoint, by hand", {}, { author: release });
  repo.commit("ops: windows shell, LF endings", {
    "docker/windows.Dockerfile": "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nWORKDIR C:\\\\app\nCOPY . .\n",
  }, { author: release });
  repo.checkout("main");

  report = await syncReport({ repo: repo.dir, now: NOW, config: CONFIG });
});

afterAll(() => repo?.remove());

/** Points a submodule path at a commit (a gitlink; the submodule itself need not exist) and commits. */
function gitlink(repo: TestRepo, message: string, commit: string): string {
  mkdirSync(join(repo.dir, SUBMODULE), { recursive: true });
  repo.git("update-index", "--add", "--cacheinfo", `160000,${commit},${SUBMODULE}`);
  repo.gitWithEnv(nextDates(repo), "commit", "-q", "-m", message);
  return repo.head();
}

const status = (name: string) => {
  const change = report.changes.find((candidate) => candidate.sha === sha[name]);
  if (!change) throw new Error(`${name} is not in the report`);
  return { status: change.status, pick: change.pick, matchedBy: change.matchedBy, paths: change.files.map((file) => `${file.path} (${file.category})`) };
};
const subjectOf = (target: string) => repo.git("log", "-1", "--format=%s", target);

describe("sync report on unusual history shapes", () => {
  test("validates against the report schema", () => {
    expectValid("sync-report.schema.json", report);
    expect(report.mergeBase).toBe(repo.git("rev-parse", "fork"));
    expect(report.summary.total).toBe(report.changes.length);
  });

  test("merges are skipped, the commits they bring are counted, a second root among them", () => {
    const shas = report.changes.map((change) => change.sha);
    expect(shas).not.toContain(sha.importMerge);
    expect(shas).not.toContain(sha.octopus);
    expect(repo.git("rev-list", "--max-parents=0", "main").split("\n")).toHaveLength(2);
    expect(status("importRoot")).toEqual({ status: "synced", pick: null, matchedBy: ["trailer", "author", "patch-id"], paths: ["infra/modules/vpc/main.tf (terraform)"] });
    expect(status("importNext")).toMatchObject({ status: "unsynced", pick: "clean" });
    expect(status("f1")).toMatchObject({ status: "unsynced", pick: "clean", paths: ["k8s/f1.yaml (kubernetes)"] });
    expect(status("f2")).toMatchObject({ status: "synced", matchedBy: ["trailer", "author", "patch-id"] });
    expect(status("f3")).toMatchObject({ status: "unsynced", pick: "clean", paths: ["infra/f3.tf (terraform)"] });
  });

  test("a root commit keeps its files when the user's git config hides root diffs", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "log.showRoot", GIT_CONFIG_VALUE_0: "false" });
    try {
      const hidden = await syncReport({ repo: repo.dir, now: NOW, config: CONFIG });
      expect(hidden.changes.find((change) => change.sha === sha.importRoot)).toMatchObject({ status: "synced", files: [{ path: "infra/modules/vpc/main.tf" }] });
    } finally {
      for (const key of ["GIT_CONFIG_COUNT", "GIT_CONFIG_KEY_0", "GIT_CONFIG_VALUE_0"]) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

  test("empty commits are no changes, on either side", () => {
    expect(report.changes.map((change) => change.sha)).not.toContain(sha.empty);
    expect(report.targetOnly.map((change) => change.subject)).not.toContain("ops: empty marker");
  });

  test("a file renamed on main after its change was picked: the change stays synced, the rename is to pick", () => {
    expect(status("editApp")).toMatchObject({ status: "synced", matchedBy: ["trailer", "author", "patch-id"] });
    expect(status("renameApp")).toEqual({ status: "unsynced", pick: "clean", matchedBy: [], paths: ["k8s/base/app.yaml (kubernetes)"] });
  });

  test("a change to a file main renamed, stable not: git finds the file under its old name and picks cleanly", () => {
    expect(status("afterRename")).toEqual({ status: "unsynced", pick: "clean", matchedBy: [], paths: ["k8s/base/app.yaml (kubernetes)"] });
  });

  test("a file renamed on stable after a pick: that pick stays synced, later changes follow the new name", () => {
    expect(status("composeLimit")).toMatchObject({ status: "synced", matchedBy: ["trailer", "author", "patch-id"] });
    const byHand = report.changes.find((change) => change.sha === sha.composeByHand)!;
    expect(byHand).toMatchObject({ status: "synced", matchedBy: ["content"] });
    expect(byHand.targetShas.map(subjectOf)).toEqual(["ops: restart policy"]);
    expect(status("composeTag")).toMatchObject({ status: "unsynced", pick: "clean" });
  });

  test("a copied file is a new file to pick", () => {
    expect(status("copy")).toEqual({ status: "unsynced", pick: "clean", matchedBy: [], paths: ["docker/worker.Dockerfile (docker)"] });
  });

  test("deletions: picked with -x, removed by hand, and not picked", () => {
    expect(status("dropOld")).toMatchObject({ status: "synced", matchedBy: ["trailer", "author", "patch-id"] });
    const byHand = report.changes.find((change) => change.sha === sha.dropHand)!;
    expect(byHand.status).toBe("synced");
    expect(byHand.targetShas.map(subjectOf)).toEqual(["ops: hand.yaml is gone"]);
    expect(status("dropLegacy")).toEqual({ status: "unsynced", pick: "clean", matchedBy: [], paths: ["infra/legacy.tf (terraform)"] });
  });

  test("chmod +x on a script under docker/ is a Docker change; stable's own chmod of the same file carries it", () => {
    expect(status("chmod")).toMatchObject({ status: "synced", paths: ["docker/entrypoint.sh (docker)"] });
    expect(report.changes.find((change) => change.sha === sha.chmod)!.targetShas.map(subjectOf)).toEqual(["ops: executable entrypoint, by hand"]);
    expect(status("chmodHealth")).toEqual({ status: "unsynced", pick: "clean", matchedBy: [], paths: ["docker/healthcheck.sh (docker)"] });
  });

  test("binary chart archives: the same archive committed by hand is synced, a new one is to pick", () => {
    expect(status("redis")).toMatchObject({ status: "synced", matchedBy: ["patch-id"], paths: ["charts/app/charts/redis-17.0.0.tgz (helm)"] });
    expect(status("postgres")).toEqual({ status: "unsynced", pick: "clean", matchedBy: [], paths: ["charts/app/charts/postgresql-15.1.0.tgz (helm)"] });
  });

  test("symlinks: retargeting a link stable never got conflicts (modify/delete) and depends on the change adding it", () => {
    expect(status("symlink")).toEqual({ status: "unsynced", pick: "clean", matchedBy: [], paths: ["docker-compose.override.yml (compose)"] });
    expect(status("relink")).toMatchObject({ status: "unsynced", pick: "conflict" });
    expect(report.changes.find((change) => change.sha === sha.relink)!.dependsOn).toEqual([sha.symlink]);
  });

  test("a submodule (gitlink) picked with -x is synced", () => {
    expect(status("submodule")).toMatchObject({ status: "synced", matchedBy: ["trailer", "author", "patch-id"], paths: [`${SUBMODULE} (modules)`] });
    // A submodule's commit is not a blob this repository lacks.
    expect(report.unread).toBeUndefined();
  });

  test("bumping a submodule stable has is a clean pick", () => {
    expect(status("submoduleBump")).toMatchObject({ status: "unsynced", pick: "clean" });
  });

  test("file names with spaces, quotes, a newline and non-ASCII come through as they are", () => {
    expect(status("weird")).toEqual({ status: "unsynced", pick: "clean", matchedBy: [], paths: [`${WEIRD} (kubernetes)`] });
    expect(status("spaced")).toEqual({ status: "unsynced", pick: "clean", matchedBy: [], paths: [`${SPACED} (docker)`] });
  });

  test("a Latin-1 commit message reads correctly", () => {
    const change = report.changes.find((candidate) => candidate.sha === sha.latin1)!;
    expect(repo.git("cat-file", "commit", sha.latin1!)).toContain("encoding ISO-8859-1");
    expect(change.subject).toBe("build(docker): Größe des Images halbiert");
    expect(change.body).toBe("Überflüssige Pakete entfernt.");
  });

  test("a CRLF Dockerfile change applied on stable with LF endings is synced", () => {
    expect(status("crlf")).toMatchObject({ status: "synced", paths: ["docker/windows.Dockerfile (docker)"] });
  });

  // 50k lines: more than the line diff aligns exactly (MAX_MIDDLE_LINES in src/diff/lines.ts), so the large-file path is the one read here.
  test("a regenerated 50k-line manifest is read, matched and predicted", () => {
    expect(status("regenerated")).toEqual({ status: "unsynced", pick: "conflict", matchedBy: [], paths: [`${GENERATED} (kubernetes)`] });
  });

  test("every pick prediction is what git cherry-pick does", () => {
    const predicted = report.changes.filter((change) => change.pick !== null && change.sha !== sha.submoduleBump);
    expect(predicted.length).toBeGreaterThan(10);
    const git = gitCherryPicks(repo.dir, report.target.sha, predicted.map((change) => change.sha));
    expect(Object.fromEntries(predicted.map((change) => [change.subject, git.get(change.sha)]))).toEqual(
      Object.fromEntries(predicted.map((change) => [change.subject, change.pick])),
    );
  });
});

describe("ranges with nothing to sync", () => {
  test("a target naming the source's commit gives an empty report, not an error", async () => {
    const same = await syncReport({ repo: repo.dir, now: NOW, source: "main", target: repo.git("rev-parse", "main"), config: CONFIG });
    expectValid("sync-report.schema.json", same);
    expect(same.mergeBase).toBe(same.source.sha);
    expect(same.changes).toEqual([]);
    expect(same.targetOnly).toEqual([]);
    expect(same.fileDrift).toEqual([]);
    expect(same.summary).toMatchObject({ total: 0, unsynced: 0, conflicts: 0 });
  });

  test("a target ahead of the source gives no changes and lists the target's own", async () => {
    const ahead = await syncReport({ repo: repo.dir, now: NOW, source: "fork", target: "stable", config: CONFIG });
    expectValid("sync-report.schema.json", ahead);
    expect(ahead.changes).toEqual([]);
    expect(ahead.summary.total).toBe(0);
    expect(ahead.targetOnly.map((change) => change.subject)).toContain("ops: stable manifest tweak");
  });
});

describe("--since", () => {
  test("as a date: only changes committed from that moment", async () => {
    const from = repo.git("log", "-1", "--format=%cI", sha.dropOld!);
    const since = await syncReport({ repo: repo.dir, now: NOW, since: from, config: CONFIG });
    expectValid("sync-report.schema.json", since);
    const expected = report.changes.slice(report.changes.findIndex((change) => change.sha === sha.dropOld));
    expect(since.changes.map((change) => change.subject)).toEqual(expected.map((change) => change.subject));
  });

  test("as a day: changes of that day on", async () => {
    const day = repo.git("log", "-1", "--format=%cd", "--date=format:%Y-%m-%d", sha.regenerated!);
    const since = await syncReport({ repo: repo.dir, now: NOW, since: day, config: CONFIG });
    const first = Date.parse(`${day}T00:00:00Z`) / 1000;
    const expected = report.changes.filter((change) => Date.parse(change.date) / 1000 >= first);
    expect(since.changes.map((change) => change.sha)).toEqual(expected.map((change) => change.sha));
    expect(since.changes.length).toBeGreaterThan(0);
    expect(since.changes.length).toBeLessThan(report.changes.length);
  });

  test("as a revision: only changes after it", async () => {
    const since = await syncReport({ repo: repo.dir, now: NOW, since: sha.composeByHand!, config: CONFIG });
    expectValid("sync-report.schema.json", since);
    const after = report.changes.slice(report.changes.findIndex((change) => change.sha === sha.composeByHand) + 1);
    expect(since.changes.map((change) => change.subject)).toEqual(after.map((change) => change.subject));
    expect(since.changes[0]!.sha).toBe(sha.copy);
  });
});

describe("stable merged back into main", () => {
  let back: TestRepo;
  let backReport: SyncReport;
  const picked: Record<string, string> = {};
  beforeAll(async () => {
    back = TestRepo.create();
    back.commit("chore: init", { "k8s/app.yaml": manifest("app"), Dockerfile: "FROM node:20\n" });
    back.git("branch", "stable");
    picked.a = back.commit("fix(k8s): app in debug mode", { "k8s/app.yaml": manifest("app", "  DEBUG: \"1\"\n") });
    picked.b = back.commit("build(docker): node 22", { Dockerfile: "FROM node:22\n" });
    back.checkout("stable");
    back.cherryPick(picked.a);
    back.checkout("main");
    back.merge("stable", "Merge branch 'stable'");
    backReport = await syncReport({ repo: back.dir, now: NOW });
  });
  afterAll(() => back?.remove());

  test("the merge base moves to stable's tip, and what was not picked is still to pick", () => {
    expectValid("sync-report.schema.json", backReport);
    expect(backReport.mergeBase).toBe(back.git("rev-parse", "stable"));
    expect(backReport.changes.find((change) => change.sha === picked.b)).toMatchObject({ status: "unsynced", pick: "clean" });
  });

  // Stable's pick of A is an ancestor of both tips after the back-merge; the
  // target side is read from the fork point, so it still counts.
  test("a change picked before the back-merge stays synced", () => {
    expect(backReport.changes.find((change) => change.sha === picked.a)).toMatchObject({ status: "synced", matchedBy: ["trailer", "author", "patch-id"] });
  });
});

describe("a pick reverted on stable", () => {
  let reverted: TestRepo;
  let revertedReport: SyncReport;
  let change: string;
  beforeAll(async () => {
    reverted = TestRepo.create();
    reverted.commit("chore: init", { Dockerfile: "FROM node:20\nRUN npm ci\n" });
    reverted.git("branch", "stable");
    change = reverted.commit("build(docker): node 22", { Dockerfile: "FROM node:22\nRUN npm ci\n" });
    reverted.checkout("stable");
    reverted.revert(reverted.cherryPick(change));
    reverted.checkout("main");
    revertedReport = await syncReport({ repo: reverted.dir, now: NOW });
  });
  afterAll(() => reverted?.remove());

  test("stable's pick and its revert are both listed as stable-only changes", () => {
    expectValid("sync-report.schema.json", revertedReport);
    expect(revertedReport.targetOnly.map((only) => only.subject)).toEqual(["build(docker): node 22", 'Revert "build(docker): node 22"']);
  });

  test("a change whose pick stable reverted is not synced", () => {
    expect(revertedReport.changes[0]).toMatchObject({ sha: change, status: "unsynced", pick: "clean" });
  });
});

describe("revert chains on main", () => {
  let chain: TestRepo;
  let chainReport: SyncReport;
  const sha: Record<"a" | "revertA" | "reapplyA" | "b" | "revertB", string> = { a: "", revertA: "", reapplyA: "", b: "", revertB: "" };
  beforeAll(async () => {
    chain = TestRepo.create();
    chain.commit("chore: init", { Dockerfile: "FROM node:20\nRUN npm ci\n", ".env.example": "PORT=8080\n" });
    chain.git("branch", "stable");
    sha.a = chain.commit("build(docker): node 22", { Dockerfile: "FROM node:22\nRUN npm ci\n" });
    sha.revertA = chain.revert(sha.a);
    sha.reapplyA = chain.revert(sha.revertA);
    sha.b = chain.commit("chore(env): add TIMEOUT", { ".env.example": "PORT=8080\nTIMEOUT=30\n" });
    chain.checkout("stable");
    chain.cherryPick(sha.b);
    chain.checkout("main");
    sha.revertB = chain.revert(sha.b);
    chainReport = await syncReport({ repo: chain.dir, now: NOW });
  });
  afterAll(() => chain?.remove());

  const statusOf = (name: keyof typeof sha) => {
    const change = chainReport.changes.find((candidate) => candidate.sha === sha[name])!;
    return { status: change.status, pick: change.pick };
  };

  test("a reapplied change stands: the revert and its revert cancel out", () => {
    expectValid("sync-report.schema.json", chainReport);
    expect(statusOf("a")).toEqual({ status: "unsynced", pick: "clean" });
    expect(statusOf("revertA")).toEqual({ status: "reverted", pick: null });
    expect(statusOf("reapplyA")).toEqual({ status: "reverted", pick: null });
  });

  test("the revert of a change stable already has is still to pick", () => {
    expect(statusOf("b")).toEqual({ status: "synced", pick: null });
    expect(statusOf("revertB")).toEqual({ status: "unsynced", pick: "clean" });
  });
});
