import { describe, expect, test } from "vitest";
import { changelogCli, changelogJson, entriesOf, releaseTagged, subjectsOf } from "../helpers/changelog.js";
import { tempRepos } from "../helpers/repo.js";

const repo = tempRepos();

describe("reverts recognised by their quoted title", () => {
  test("a subject-only revert pair inside a release cancels, also with the squash-merge's (#N)", async () => {
    const r = repo();
    r.commit("feat: keep me", { "a.txt": "1" });
    r.commit("fix(ui): flicker on submit", { "ui.txt": "1" });
    r.commit("feat(api): refunds (#12)", { "api.txt": "1" });
    r.commit('Revert "fix(ui): flicker on submit"', { "ui.txt": null });
    r.commit('Revert "feat(api): refunds (#12)" (#15)', { "api.txt": null });
    const log = await changelogJson(r.dir);
    expect(subjectsOf(releaseTagged(log, null))).toEqual(["keep me"]);
    const md = (await changelogCli(r.dir)).stdout;
    expect(md).not.toContain("flicker");
    expect(md).not.toContain("### Reverts");
  });

  test("the nearest earlier commit with that subject is the one reverted; a revert across releases is listed under Reverts", async () => {
    const r = repo();
    const first = r.commit("fix(ui): flicker on submit", { "ui.txt": "1" });
    r.git("tag", "v1.0.0");
    // Reverted in 1.1.0, and relanded under the same subject.
    r.commit('Revert "fix(ui): flicker on submit"', { "ui.txt": null });
    const reland = r.commit("fix(ui): flicker on submit", { "ui.txt": "2" });
    r.commit("feat: dark mode", { "dark.txt": "1" });
    r.git("tag", "v1.1.0");
    const revert = r.commit('Revert "fix(ui): flicker on submit" (#31)', { "ui.txt": null });

    const log = await changelogJson(r.dir);
    expect(entriesOf(releaseTagged(log, "v1.0.0")).map((entry) => entry.sha)).toEqual([first]);
    // 1.1.0 reverts the 1.0.0 fix and lands a new one under the same subject.
    const v11 = entriesOf(releaseTagged(log, "v1.1.0"));
    expect(v11.map(({ type, subject }) => `${type}: ${subject}`)).toEqual(["feat: dark mode", "fix: flicker on submit", "revert: fix(ui): flicker on submit"]);
    expect(v11.find((entry) => entry.type === "fix")?.sha).toBe(reland);
    // The last revert undoes the reland (the nearest earlier commit with the subject), not the 1.0.0 fix reverted already.
    const unreleased = releaseTagged(log, null)!;
    expect(unreleased.groups.map((group) => group.title)).toEqual(["Reverts"]);
    expect(entriesOf(unreleased)).toEqual([expect.objectContaining({ sha: revert, type: "revert", scope: null, subject: "fix(ui): flicker on submit", pullRequest: 31, references: ["#31"] })]);
  });

  test("revert chains net out: by title, by git's own messages (Revert/Reapply), inside and across releases", async () => {
    const r = repo();
    r.commit("chore: initial", { "README.md": "hi" });
    r.git("tag", "v1.0.0");
    // Inside one release: x, revert, revert of the revert → x, listed once, as itself.
    const x = r.commit("feat(search): fuzzy matching", { "search.txt": "1" });
    r.commit('Revert "feat(search): fuzzy matching"', { "search.txt": null });
    r.commit('Revert "Revert "feat(search): fuzzy matching""', { "search.txt": "1" });
    // Four deep: gone.
    r.commit("perf: cache the index", { "cache.txt": "1" });
    r.commit('Revert "perf: cache the index"', { "cache.txt": null });
    r.commit('Revert "Revert "perf: cache the index""', { "cache.txt": "1" });
    r.commit('Revert "Revert "Revert "perf: cache the index"""', { "cache.txt": null });
    // Git 2.43+ titles the revert of a revert `Reapply "..."`.
    const q = r.commit("docs: quickstart", { "q.md": "1" });
    r.commit('Revert "docs: quickstart"', { "q.md": null });
    r.commit('Reapply "docs: quickstart"', { "q.md": "1" });
    // With git revert, whatever title this git version gives a revert of a revert.
    const y = r.commit("fix(db): pool size", { "db.txt": "1" });
    const yRevert = r.revert(y);
    r.revert(yRevert);
    r.git("tag", "v1.1.0");
    // Across releases: the revert of the revert in the next release brings back the original change.
    const z = r.commit("feat(export): csv", { "csv.txt": "1" });
    r.git("tag", "v1.2.0");
    r.commit('Revert "feat(export): csv"', { "csv.txt": null });
    r.git("tag", "v1.3.0");
    const back = r.commit('Revert "Revert "feat(export): csv"" (#44)', { "csv.txt": "1" });

    const log = await changelogJson(r.dir);
    const v11 = entriesOf(releaseTagged(log, "v1.1.0"));
    expect(v11.map(({ sha, type, subject }) => ({ sha, type, subject }))).toEqual([
      { sha: x, type: "feat", subject: "fuzzy matching" },
      { sha: y, type: "fix", subject: "pool size" },
      { sha: q, type: "docs", subject: "quickstart" },
    ]);
    expect(entriesOf(releaseTagged(log, "v1.2.0")).map((entry) => entry.sha)).toEqual([z]);
    expect(entriesOf(releaseTagged(log, "v1.3.0"))).toEqual([expect.objectContaining({ type: "revert", subject: "feat(export): csv" })]);
    expect(entriesOf(releaseTagged(log, null))).toEqual([expect.objectContaining({ sha: back, type: "feat", scope: "export", subject: "csv", pullRequest: 44 })]);
    expect(releaseTagged(log, null)!.recommendedBump).toBe("minor");
  });

  test("a title-only revert of a commit outside the history read is still a revert; two reverts deep by text brings the change back", async () => {
    const r = repo();
    r.commit("chore: initial", { "README.md": "hi" });
    r.git("tag", "v1.0.0");
    r.commit('Revert "feat: gone before the range"', { "a.txt": "1" });
    r.commit('Revert "Revert "fix(api): older fix""', { "b.txt": "1" });
    const log = await changelogJson(r.dir, "--from", "v1.0.0");
    const entries = entriesOf(releaseTagged(log, null));
    expect(entries.map(({ type, scope, subject }) => ({ type, scope, subject }))).toEqual([
      { type: "fix", scope: "api", subject: "older fix" },
      { type: "revert", scope: null, subject: "feat: gone before the range" },
    ]);
  });

  test("a hash that names nothing read falls back to the title; a backported title-only revert cancels its backport", async () => {
    const r = repo();
    r.commit("chore: initial", { "README.md": "hi" });
    r.git("tag", "v1.0.0");
    r.git("branch", "stable");
    const source = r.commit("fix(compose): mount from the release branch (#118)", { "mount.txt": "1" });
    r.checkout("stable");
    r.commit("(cherry-pick) fix(compose): mount from the release branch (#118)", { "mount.txt": "1" });
    r.commit("fix: kept on stable", { "kept.txt": "1" });
    r.commit(`Revert "(cherry-pick) fix(compose): mount from the release branch (#118)"\n\nThis reverts commit ${"f".repeat(40)}.`, { "mount.txt": null });
    r.checkout("main");
    const log = await changelogJson(r.dir, "--to", "stable", "--source", "main");
    expect(subjectsOf(releaseTagged(log, null))).toEqual(["kept on stable"]);
    expect(source).toMatch(/^[0-9a-f]{40}$/);
  });
});
