import { afterEach, describe, expect, test } from "vitest";
import { changelogCli, changelogJson, changelogJsonSchema, changelogZod, entriesOf, releaseTagged } from "../helpers/changelog.js";
import { TestRepo } from "../helpers/repo.js";

const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((created) => created.remove()));

/** main and a stable line cut at v1.0.0, with backports in three shapes and a release-line-only commit. */
function stableLine() {
  const r = TestRepo.create();
  repos.push(r);
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
});
