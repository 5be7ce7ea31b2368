import { describe, expect, test } from "vitest";
import { tempRepos } from "../helpers/repo.js";
import { changelogCli, changelogJson, entriesOf, releaseTagged, subjectsOf } from "../helpers/changelog.js";

const repo = tempRepos();

describe("driftlog changelog on real histories", () => {
  test("groups by type with scopes, breaking changes from `!` and footers, references; merges left out, other kept", async () => {
    const r = repo();
    r.commit("chore: initial", { "README.md": "hi" });
    r.git("tag", "v1.0.0");
    r.commit("feat(api): add refunds (#12)", { "api.txt": "1" });
    r.commit("fix(db)!: drop the legacy table", { "db.txt": "1" });
    r.commit("perf(api): faster lookups\n\nBREAKING CHANGE: the cache is now required\nCloses #34", { "api.txt": "2" });
    r.checkout("topic", true);
    r.commit("docs: explain refunds", { "docs.md": "x" });
    r.checkout("main");
    r.merge("topic", "Merge branch 'topic'");
    r.commit("Tidy things up", { "misc.txt": "1" });

    const log = await changelogJson(r.dir);
    expect(log.releases.map((release) => release.tag)).toEqual([null, "v1.0.0"]);
    const unreleased = log.releases[0]!;
    expect(unreleased.groups.map((group) => group.title)).toEqual(["Features", "Bug Fixes", "Performance", "Documentation", "Other"]);
    expect(subjectsOf(unreleased)).not.toContain("Merge branch 'topic'");
    const perf = entriesOf(unreleased).find((entry) => entry.type === "perf")!;
    expect(perf).toMatchObject({ scope: "api", breaking: true, references: ["#34"] });
    expect(entriesOf(unreleased).find((entry) => entry.type === "feat")).toMatchObject({ scope: "api", references: ["#12"], breaking: false });
    expect(entriesOf(unreleased).find((entry) => entry.type === "other")?.subject).toBe("Tidy things up");
    expect(unreleased.breaking.map(({ scope, note }) => ({ scope, note }))).toEqual([
      { scope: "api", note: "the cache is now required" },
      { scope: "db", note: "drop the legacy table" },
    ]);
    expect(unreleased.recommendedBump).toBe("major");
    expect(unreleased.previousTag).toBe("v1.0.0");
    expect(unreleased.compareUrl).toBeNull();

    const md = (await changelogCli(r.dir)).stdout;
    expect(md).toContain("### ⚠ Breaking changes");
    expect(md).toContain("- **db:** drop the legacy table");
    expect(md).not.toContain("](http"); // no remote: plain text, no links

    // An uncommitted config file in the work tree: read as config, not part of the history.
    r.write({ "driftlog.config.yaml": "changelog:\n  includeOther: false\n  hidden: [docs]\n  scopes: { db: database }\n" });
    const noOther = await changelogJson(r.dir);
    expect(noOther.releases[0]!.groups.map((group) => group.type)).toEqual(["feat", "fix", "perf"]);
    expect(entriesOf(noOther.releases[0]).find((entry) => entry.type === "fix")?.scope).toBe("database");
  });

  test("a change and its revert in one release both disappear; a revert of an earlier release is listed", async () => {
    const r = repo();
    const kept = r.commit("feat: keep me", { "a.txt": "1" });
    const old = r.commit("feat: shipped then regretted", { "b.txt": "1" });
    r.git("tag", "v1.0.0");
    const temp = r.commit("feat: short-lived", { "c.txt": "1" });
    r.revert(temp);
    r.revert(old);
    const log = await changelogJson(r.dir);
    const unreleased = releaseTagged(log, null)!;
    expect(subjectsOf(unreleased)).toEqual(["feat: shipped then regretted"]);
    expect(entriesOf(unreleased)[0]!.type).toBe("revert");
    expect(unreleased.groups.map((group) => group.title)).toEqual(["Reverts"]);
    expect(entriesOf(releaseTagged(log, "v1.0.0")).map((entry) => entry.sha)).toEqual([old, kept]);
    expect(unreleased.recommendedBump).toBe("patch");
  });

  test("a tag on an unmerged side branch swallows nothing; a merged release branch keeps only its own commits", async () => {
    const r = repo();
    r.commit("feat: base", { "a.txt": "1" });
    r.git("tag", "v1.0.0");
    r.checkout("release/1.0", true);
    r.commit("fix: hotfix on the release line", { "hot.txt": "1" });
    r.git("tag", "v1.0.1");
    r.checkout("main");
    r.commit("feat: main work", { "b.txt": "1" });
    r.checkout("experiment", true);
    r.commit("feat: experiment", { "x.txt": "1" });
    r.git("tag", "v9.0.0");
    r.checkout("main");
    r.commit("fix: more main work", { "c.txt": "1" });

    const before = await changelogJson(r.dir);
    expect(before.releases.map((release) => release.tag)).toEqual([null, "v1.0.0"]);
    expect(subjectsOf(before.releases[0])).toEqual(["main work", "more main work"]); // Features before Bug Fixes

    r.merge("release/1.0", "Merge branch 'release/1.0'");
    const after = await changelogJson(r.dir);
    expect(after.releases.map((release) => release.tag)).toEqual([null, "v1.0.1", "v1.0.0"]);
    expect(subjectsOf(releaseTagged(after, "v1.0.1"))).toEqual(["hotfix on the release line"]);
    expect(subjectsOf(releaseTagged(after, null)).sort()).toEqual(["main work", "more main work"]);
  });

  test("annotated, lightweight and tag-of-tag releases, with tag dates; --from, --to and --release-notes", async () => {
    const r = repo();
    r.commit("feat: one", { "a.txt": "1" });
    r.git("tag", "v0.1.0");
    r.commit("feat: two", { "a.txt": "2" });
    r.gitWithEnv({ GIT_COMMITTER_DATE: "@1767225600 +0000" }, "tag", "-a", "inner-0.2.0", "-m", "inner");
    r.gitWithEnv({ GIT_COMMITTER_DATE: "@1767225600 +0000", GIT_ADVICE: "0" }, "-c", "advice.nestedTag=false", "tag", "-a", "v0.2.0", "-m", "outer", "inner-0.2.0");
    r.commit("fix: three", { "a.txt": "3" });
    r.gitWithEnv({ GIT_COMMITTER_DATE: "@1767312000 +0000" }, "tag", "-a", "v0.3.0", "-m", "annotated");

    const log = await changelogJson(r.dir);
    expect(log.releases.map(({ tag, version, date, previousTag }) => ({ tag, version, date, previousTag }))).toEqual([
      { tag: "v0.3.0", version: "0.3.0", date: "2026-01-02", previousTag: "v0.2.0" },
      { tag: "v0.2.0", version: "0.2.0", date: "2026-01-01", previousTag: "v0.1.0" },
      { tag: "v0.1.0", version: "0.1.0", date: "2025-01-06", previousTag: null },
    ]);
    expect(subjectsOf(releaseTagged(log, "v0.2.0"))).toEqual(["two"]);

    const ranged = await changelogJson(r.dir, "--from", "v0.1.0", "--to", "v0.2.0");
    expect(ranged.releases.map(({ tag, previousTag }) => ({ tag, previousTag }))).toEqual([{ tag: "v0.2.0", previousTag: "v0.1.0" }]);

    const notes = await changelogCli(r.dir, "--release-notes", "v0.2.0");
    expect(notes.code).toBe(0);
    expect(notes.stdout).toContain("- two");
    expect(notes.stdout).not.toContain("three");
    const missing = await changelogCli(r.dir, "--release-notes", "v7.0.0");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("known releases: v0.3.0");
  });

  test("no tags at all, unreleased-only, and the semver bump rules before and after 1.0", async () => {
    const r = repo();
    r.commit("fix: a", { "a.txt": "1" });
    r.commit("feat!: b", { "b.txt": "1" });
    const untagged = await changelogJson(r.dir);
    expect(untagged.releases).toHaveLength(1);
    expect(untagged.releases[0]).toMatchObject({ tag: null, version: null, date: null, previousTag: null, recommendedBump: "minor" });

    r.git("tag", "v0.4.0");
    r.commit("feat: c", { "c.txt": "1" });
    expect((await changelogJson(r.dir, "--unreleased")).releases.map((release) => [release.tag, release.recommendedBump])).toEqual([[null, "patch"]]);
    r.commit("fix!: d", { "d.txt": "1" });
    expect((await changelogJson(r.dir, "--unreleased")).releases[0]!.recommendedBump).toBe("minor");

    r.git("tag", "v1.0.0");
    expect((await changelogJson(r.dir, "--unreleased")).releases).toEqual([expect.objectContaining({ tag: null, groups: [], recommendedBump: null })]);
    r.commit("fix: e", { "e.txt": "1" });
    expect((await changelogJson(r.dir, "--unreleased")).releases[0]!.recommendedBump).toBe("patch");
    r.commit("feat: f", { "f.txt": "1" });
    expect((await changelogJson(r.dir, "--unreleased")).releases[0]!.recommendedBump).toBe("minor");
    r.commit("refactor(core)!: g", { "g.txt": "1" });
    expect((await changelogJson(r.dir, "--unreleased")).releases[0]!.recommendedBump).toBe("major");
  });
});
