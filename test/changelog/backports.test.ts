import { describe, expect, test } from "vitest";
import { changelogCli, changelogJson, entriesOf, releaseTagged } from "../helpers/changelog.js";
import { tempRepos } from "../helpers/repo.js";

const repo = tempRepos();

describe("backport decorations on a stable line, read through by the changelog and the sync engine's matching", () => {
  test("(cherry-pick), [cherry-pick] and `cherry pick N to x` backports are grouped by what they carry and name their source", async () => {
    const r = repo();
    r.git("remote", "add", "origin", "https://github.com/acme/app.git");
    r.commit("chore: initial", { "README.md": "hi\n" });
    r.git("tag", "v1.0.0");
    r.git("branch", "stable");
    const source = {
      flicker: r.commit("fix(ui): flicker on submit (#12)", { "ui.txt": "fixed\n" }),
      dark: r.commit("feat: dark mode (#15)", { "dark.txt": "1\n" }),
      refunds: r.commit("feat(api): refunds (#23248)", { "api.txt": "refunds\n" }),
      x: r.commit("fix: x (#7853)", { "x.txt": "1\n" }),
    };
    r.checkout("stable");
    const picked = {
      flicker: r.commit("(cherry-pick) fix(ui): flicker on submit (#12)", { "ui.txt": "fixed\n" }),
      dark: r.commit("[cherry-pick] feat: dark mode (#15) (#20)", { "dark.txt": "1\n" }),
      refunds: r.commit("cherry pick 23248 to release-2.15.0", { "api.txt": "refunds\n" }),
      x: r.commit("fix: x (#7853) (#7860)", { "x.txt": "1\n" }),
    };
    r.git("tag", "v1.0.1");
    const revert = r.commit('Revert "fix: x (#7853) (#7860)" (#7872)', { "x.txt": null });
    r.checkout("main");

    const log = await changelogJson(r.dir, "--to", "stable");
    const release = releaseTagged(log, "v1.0.1")!;
    const byTitle = Object.fromEntries(release.groups.map((group) => [group.title, group.commits.map(({ sha, scope, subject, backportOf }) => ({ sha, scope, subject, backportOf }))]));
    expect(byTitle).toEqual({
      Features: [{ sha: picked.dark, scope: null, subject: "dark mode (#15) (#20)", backportOf: source.dark }],
      "Bug Fixes": [
        { sha: picked.x, scope: null, subject: "x (#7853) (#7860)", backportOf: source.x },
        { sha: picked.flicker, scope: "ui", subject: "flicker on submit (#12)", backportOf: source.flicker },
      ],
      // Nothing but the pick: kept as written, its PR the evidence that finds the source commit.
      Other: [{ sha: picked.refunds, scope: null, subject: "cherry pick #23248 to release-2.15.0", backportOf: source.refunds }],
    });
    // The quoted title is the reverted commit's: the revert carries #7872 only, so it is no backport of #7853.
    const unreleased = entriesOf(releaseTagged(log, null));
    expect(unreleased).toEqual([expect.objectContaining({ sha: revert, type: "revert", subject: "fix: x (#7853) (#7860)", backportOf: null, pullRequest: 7872 })]);

    const md = (await changelogCli(r.dir, "--to", "stable", "--release-notes", "v1.0.1")).stdout;
    expect(md).toContain("cherry pick [#23248](https://github.com/acme/app/pull/23248) to release-2.15.0");
    expect(md).not.toMatch(/\(cherry-pick\)|\[cherry-pick\]/);
  });
});
