import { describe, expect, test } from "vitest";
import { changelogCli, changelogJson, changelogJsonSchema, changelogZod, entriesOf, releaseTagged } from "../helpers/changelog.js";
import { tempRepos } from "../helpers/repo.js";

const repo = tempRepos();

/** main and a stable line cut at v1.0.0, with backports in three shapes and a release-line-only commit. */
function stableLine() {
  const r = repo();
  r.git("remote", "add", "origin", "https://github.com/acme/payments.git");
  r.commit("chore: initial", { Dockerfile: "FROM rust:1.80\n", "docker-compose.yml": "services:\n  app:\n    image: app\n", "src/main.rs": "fn main() {}\n" });
  r.git("tag", "v1.0.0");
  r.git("branch", "stable");
  const pinned = r.commit("fix(docker): pin the base image digest", { Dockerfile: "FROM rust:1.80@sha256:abc\n" });
  const redis = r.commit("feat(compose): add redis (#41)", { "docker-compose.yml": "services:\n  app:\n    image: app\n  redis:\n    image: redis:7\n" });
  const typo = r.commit("fix: typo in the greeting", { "src/main.rs": "fn main() { println!(\"hi\"); }\n" });
  r.commit("feat: main-only work", { "src/lib.rs": "// new\n" });
  r.checkout("stable");
  const pickedPin = r.cherryPick(pinned);
  const pickedRedis = r.commit("feat(compose): add redis (#41) (#57)", { "docker-compose.yml": "services:\n  app:\n    image: app\n  redis:\n    image: redis:7\n" });
  const pickedTypo = r.cherryPick(typo, { x: false });
  const bump = r.commit("chore(release): 1.0.1", { VERSION: "1.0.1\n" });
  r.git("tag", "v1.0.1");
  r.checkout("main");
  return { r, pinned, redis, typo, pickedPin, pickedRedis, pickedTypo, bump };
}

/**
 * main and a stable line whose backports carry release-branch decoration in the
 * shapes real projects use, found by each of the message-level methods.
 */
function decoratedBackports() {
  const r = repo();
  r.git("remote", "add", "origin", "https://github.com/acme/payments.git");
  r.commit("chore: initial", { Dockerfile: "FROM rust:1.80\n", "docker-compose.yml": "services:\n  app:\n    image: app\n", "src/api.rs": "// api\n" });
  r.git("tag", "v1.0.0");
  r.git("branch", "stable");
  const redisCompose = "services:\n  app:\n    image: app\n  redis:\n    image: redis:7\n    healthcheck:\n      test: [CMD, redis-cli, ping]\n";
  const source = {
    redis: r.commit("feat(compose): add a redis healthcheck (#113)", { "docker-compose.yml": redisCompose }),
    pin: r.commit("fix(docker): pin the base image digest", { Dockerfile: "FROM rust:1.80@sha256:abc\n" }),
    cache: r.commit("perf(build): cache the cargo registry (#115)", { "scripts/build.sh": "cargo build --locked\n" }),
    retry: r.commit("fix(api): retry on 503", { "src/api.rs": "// api with retries\n" }),
    memory: r.commit("fix(k8s): raise the memory limit", { "k8s/limits.txt": "memory: 512Mi\n" }),
    entrypoint: r.commit("Harden the entrypoint", { "docker/entrypoint.sh": "#!/bin/sh\nset -eu\n" }),
    env: r.commit("feat(config)!: drop the legacy env names\n\nBREAKING CHANGE: APP_ENV is gone; set DRIFTLOG_ENV.\nSigned-off-by: Dev One <dev1@example.com>", { "config/app.env": "DRIFTLOG_ENV=prod\n" }),
    mount: r.commit("fix(compose): mount config from the release branch (#118)", { "config/mounts.txt": "./config\n" }),
    pdb: r.commit("feat(helm): add a pod disruption budget (#120)", { "deploy/pdb.txt": "minAvailable: 1\n" }),
  };
  const pdbRevert = r.revert(source.pdb);
  const memoryTime = Number(r.git("log", "-1", "--format=%at", source.memory));

  r.checkout("stable");
  const trailer = (sha: string) => `\n\n(cherry picked from commit ${sha})`;
  const picked = {
    // The PR number carries it (the case of the bug report).
    redis: r.commit("[Backport stable] feat(compose): add a redis healthcheck (#113)", { "docker-compose.yml": redisCompose }),
    pin: r.commit(`[Backport 2.7] fix(docker): pin the base image digest${trailer(source.pin)}`, { Dockerfile: "FROM rust:1.80@sha256:abc\n" }),
    cache: r.commit("[2.7] perf(build): cache the cargo registry (#115)", { "scripts/build.sh": "cargo build --locked\n" }),
    retry: r.commit(`Backport: fix(api): retry on 503${trailer(source.retry)}`, { "src/api.rs": "// api with retries\n" }),
    // Nothing but author, author date and subject say where this one came from.
    memory: r.commit("backport(2.7): fix(k8s): raise the memory limit", { "k8s/limits.txt": "memory: 512Mi\n" }, { time: memoryTime }),
    entrypoint: r.commit(`backport(2.7): harden the entrypoint${trailer(source.entrypoint)}`, { "docker/entrypoint.sh": "#!/bin/sh\nset -eu\n" }),
    // `git cherry-pick -x` puts its line after the footer and sign-off.
    env: r.cherryPick(source.env),
    mount: r.commit("fix(compose): mount config from the release branch (cherry-pick #118 for 2.7)", { "config/mounts.txt": "./config\n" }),
    pdb: r.commit("[Backport stable] feat(helm): add a pod disruption budget (#120)", { "deploy/pdb.txt": "minAvailable: 1\n" }),
  };
  const pickedRevert = r.cherryPick(pdbRevert);
  r.git("tag", "v1.0.1");
  r.checkout("main");
  return { r, source, picked, pickedRevert };
}

describe("changelog of a stable branch", () => {
  test("backports carry the source commit; deployment changes are gathered by category", async () => {
    const { r, pinned, redis, typo, pickedPin, pickedRedis, pickedTypo, bump } = stableLine();
    const log = await changelogJson(r.dir, "--to", "stable");
    expect(log.releases.map((release) => release.tag)).toEqual(["v1.0.1", "v1.0.0"]);
    const release = releaseTagged(log, "v1.0.1")!;
    const backportOf = Object.fromEntries(entriesOf(release).map((entry) => [entry.sha, entry.backportOf]));
    expect(backportOf).toEqual({ [pickedPin]: pinned, [pickedRedis]: redis, [pickedTypo]: typo, [bump]: null });
    expect(release.deployment).toEqual({ compose: [pickedRedis], docker: [pickedPin] });
    expect(entriesOf(release).find((entry) => entry.sha === pickedRedis)?.deployment).toEqual(["compose"]);
    expect(release.compareUrl).toBe("https://github.com/acme/payments/compare/v1.0.0...v1.0.1");

    const notes = (await changelogCli(r.dir, "--to", "stable", "--release-notes", "v1.0.1")).stdout;
    expect(notes).toContain("### Deployment changes");
    expect(notes).toContain("#### docker");
    expect(notes).toContain(`backport of [\`${pinned.slice(0, 7)}\`](https://github.com/acme/payments/commit/${pinned})`);
    expect(notes).toContain("[#41](https://github.com/acme/payments/pull/41)");

    // Described from main, nothing is a backport, and the source option is not needed.
    const main = await changelogJson(r.dir);
    expect(main.releases.flatMap((entry) => entriesOf(entry)).every((entry) => entry.backportOf === null)).toBe(true);
  });

  test("an explicit --source that does not exist is a repository error; a bad --to is named", async () => {
    const { r } = stableLine();
    const missing = await changelogCli(r.dir, "--to", "stable", "--source", "develop");
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("--source develop");
    const bad = await changelogCli(r.dir, "--to", "--oops");
    expect(bad.code).toBe(2);
  });

  test("the zod mirror used by the tests matches the shipped JSON Schema", () => {
    const keys = (schema: unknown) => Object.keys((schema as { shape: object }).shape).sort();
    const release = changelogZod.shape.releases.element;
    const group = release.shape.groups.element;
    expect(keys(changelogZod)).toEqual([...changelogJsonSchema.required].sort());
    expect(keys(release)).toEqual([...changelogJsonSchema.$defs.release!.required].sort());
    expect(keys(group.shape.commits.element)).toEqual([...changelogJsonSchema.$defs.commit!.required].sort());
    expect(keys(release.shape.breaking.element)).toEqual([...changelogJsonSchema.$defs.breaking!.required].sort());
  });

  test("decorated backports are grouped by the type they carry, keep their PR and name their source (md and json)", async () => {
    const { r, source, picked, pickedRevert } = decoratedBackports();
    const release = releaseTagged(await changelogJson(r.dir, "--to", "stable"), "v1.0.1")!;
    const groupOf = Object.fromEntries(release.groups.flatMap((group) => group.commits.map((entry) => [entry.sha, group.title])));
    const entry = (sha: string) => entriesOf(release).find((candidate) => candidate.sha === sha);

    expect(groupOf).toEqual({
      [picked.redis]: "Features",
      [picked.env]: "Features",
      [picked.pin]: "Bug Fixes",
      [picked.retry]: "Bug Fixes",
      [picked.memory]: "Bug Fixes",
      [picked.mount]: "Bug Fixes",
      [picked.cache]: "Performance",
      [picked.entrypoint]: "Other",
    });
    // A backported change and its backported revert both leave the notes.
    expect(entry(picked.pdb)).toBeUndefined();
    expect(entry(pickedRevert)).toBeUndefined();

    for (const name of ["redis", "pin", "cache", "retry", "memory", "entrypoint", "env", "mount"] as const) {
      expect({ name, backportOf: entry(picked[name])?.backportOf }).toEqual({ name, backportOf: source[name] });
    }
    expect(entry(picked.redis)).toMatchObject({ type: "feat", scope: "compose", subject: "add a redis healthcheck (#113)", references: ["#113"], deployment: ["compose"] });
    expect(entry(picked.cache)).toMatchObject({ type: "perf", scope: "build", subject: "cache the cargo registry (#115)", references: ["#115"] });
    expect(entry(picked.memory)).toMatchObject({ type: "fix", scope: "k8s", subject: "raise the memory limit" });
    expect(entry(picked.entrypoint)).toMatchObject({ type: "other", scope: null, subject: "harden the entrypoint" });
    expect(entry(picked.mount)).toMatchObject({ type: "fix", scope: "compose", subject: "mount config from the release branch (#118)", references: ["#118"] });
    expect(release.breaking).toEqual([{ sha: picked.env, scope: "config", subject: "drop the legacy env names", note: "APP_ENV is gone; set DRIFTLOG_ENV." }]);

    const notes = (await changelogCli(r.dir, "--to", "stable", "--release-notes", "v1.0.1")).stdout;
    const url = "https://github.com/acme/payments";
    const line = (sha: string, text: string, from: string, deployment = "") =>
      `- ${text} ([\`${sha.slice(0, 7)}\`](${url}/commit/${sha}))${deployment ? ` · _deployment: ${deployment}_` : ""} · backport of [\`${from.slice(0, 7)}\`](${url}/commit/${from})`;
    const section = (title: string) => notes.split(`### ${title}\n\n`)[1]!.split("\n\n")[0]!.split("\n");
    expect(section("Features")).toEqual([
      line(picked.env, "**config:** drop the legacy env names", source.env, "env"),
      line(picked.redis, `**compose:** add a redis healthcheck ([#113](${url}/pull/113))`, source.redis, "compose"),
    ]);
    expect(section("Bug Fixes")).toEqual([
      line(picked.mount, `**compose:** mount config from the release branch ([#118](${url}/pull/118))`, source.mount),
      line(picked.memory, "**k8s:** raise the memory limit", source.memory),
      line(picked.retry, "**api:** retry on 503", source.retry),
      line(picked.pin, "**docker:** pin the base image digest", source.pin, "docker"),
    ]);
    expect(section("Performance")).toEqual([line(picked.cache, `**build:** cache the cargo registry ([#115](${url}/pull/115))`, source.cache)]);
    expect(section("Other")).toEqual([line(picked.entrypoint, "harden the entrypoint", source.entrypoint, "docker")]);
    expect(notes).toContain(`- **config:** drop the legacy env names ([\`${picked.env.slice(0, 7)}\`](${url}/commit/${picked.env})): APP\\_ENV is gone; set DRIFTLOG\\_ENV.\n`);
    expect(notes).not.toMatch(/\[Backport|Backport:|backport\(|\[2\.7\]|cherry|Signed-off-by|pod disruption/);
  });
});
