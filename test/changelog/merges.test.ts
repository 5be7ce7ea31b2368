import { describe, expect, test } from "vitest";
import { changelogCli, changelogJson, entriesOf, releaseTagged } from "../helpers/changelog.js";
import { tempRepos } from "../helpers/repo.js";

const repo = tempRepos();

const URL = "https://github.com/acme/app";
const ALICE = { name: "Alice Doe", email: "alice@example.com" };

/** A project without conventional commits whose PR numbers and titles live only in GitHub merge commits. */
function mergeProject() {
  const r = repo();
  r.git("remote", "add", "origin", `${URL}.git`);
  r.commit("Initial import", { "README.md": "hi\n", "docker-compose.yml": "services:\n  app:\n    image: app\n" });
  r.git("tag", "v1.0.0");
  const pr = (branch: string, number: number, title: string, commits: [string, Record<string, string>][], options = {}) => {
    r.checkout(branch, true);
    const shas = commits.map(([message, files]) => r.commit(message, files, options));
    r.checkout("main");
    return { shas, merge: r.merge(branch, `Merge pull request #${number} from acme/${branch}\n\n${title}`) };
  };
  const docs = pr("docs-typo", 12, "docs: fix typos in the README", [["Update README wording", { "README.md": "hello\n" }]]);
  const flicker = pr("flicker", 13, "Fix flicker on submit", [["wip", { "ui.txt": "1" }], ["address review", { "ui.txt": "2" }]], { author: ALICE });
  const redis = pr("compose", 14, "build: add a redis service to compose", [["tweak", { "docker-compose.yml": "services:\n  app:\n    image: app\n  redis:\n    image: redis:7\n" }]]);
  const dark = pr("dark", 15, "ui: Add dark mode", [["dark mode", { "dark.txt": "1" }]]);
  // A PR branch that merged main in to catch up: main's commits stay main's.
  r.checkout("settings", true);
  const loader = r.commit("split the loader", { "settings.txt": "1" });
  r.checkout("main");
  const direct = r.commit("Tidy up the Makefile", { Makefile: "all:\n" });
  r.checkout("settings");
  r.merge("main", "Merge branch 'main' into settings");
  r.checkout("main");
  const settings = r.merge("settings", "Merge pull request #16 from acme/settings\n\nRefactor the settings loader\n\nLong description of the PR.");
  // A merge that is no pull request: its commits stay entries of their own.
  r.checkout("hotfix", true);
  const hotfix = r.commit("Hotfix crash on empty input", { "crash.txt": "1" });
  r.checkout("main");
  r.merge("hotfix", "Merge branch 'hotfix'");
  r.git("tag", "v1.1.0");
  const revert = pr("revert-13-flicker", 17, 'Revert "Fix flicker on submit"', [['Revert "address review"', { "ui.txt": "1" }], ['Revert "wip"', { "ui.txt": "0" }]]);
  return { r, docs, flicker, redis, dark, settings, loader, direct, hotfix, revert };
}

describe("PR numbers and titles from merge commits", () => {
  test("each first-parent `Merge pull request #N` gives its number to the commits it brought in, linked as a PR", async () => {
    const p = mergeProject();
    const log = await changelogJson(p.r.dir);
    const v11 = releaseTagged(log, "v1.1.0")!;
    expect(entriesOf(v11).map(({ subject, pullRequest, references }) => ({ subject, pullRequest, references }))).toEqual(
      expect.arrayContaining([
        { subject: "Update README wording", pullRequest: 12, references: ["#12"] },
        { subject: "wip", pullRequest: 13, references: ["#13"] },
        { subject: "address review", pullRequest: 13, references: ["#13"] },
        { subject: "tweak", pullRequest: 14, references: ["#14"] },
        { subject: "dark mode", pullRequest: 15, references: ["#15"] },
        { subject: "split the loader", pullRequest: 16, references: ["#16"] },
        { subject: "Tidy up the Makefile", pullRequest: null, references: [] },
        { subject: "Hotfix crash on empty input", pullRequest: null, references: [] },
      ]),
    );
    expect(entriesOf(v11)).toHaveLength(8);
    const md = (await changelogCli(p.r.dir, "--release-notes", "v1.1.0")).stdout;
    expect(md).toContain(`- Update README wording ([#12](${URL}/pull/12)) ([\`${p.docs.shas[0]!.slice(0, 7)}\`](${URL}/commit/${p.docs.shas[0]}))`);
    expect(md).not.toContain("Merge pull request");
    // The revert PR's commits revert the PR's commits by title, across the release.
    expect(entriesOf(releaseTagged(log, null)).map(({ type, subject }) => `${type}: ${subject}`)).toEqual(["revert: wip", "revert: address review"]);
  });

  test("--entries-from pull-requests (or changelog.entriesFrom) lists each PR by its title, grouped without labels", async () => {
    const p = mergeProject();
    const log = await changelogJson(p.r.dir, "--entries-from", "pull-requests");
    const v11 = releaseTagged(log, "v1.1.0")!;
    const rows = v11.groups.map((group) => [group.title, group.commits.map(({ sha, scope, subject, pullRequest }) => ({ sha, scope, subject, pullRequest }))]);
    expect(rows).toEqual([
      ["Features", [{ sha: p.dark.merge, scope: "ui", subject: "Add dark mode", pullRequest: 15 }]],
      ["Bug Fixes", [{ sha: p.flicker.merge, scope: null, subject: "Fix flicker on submit", pullRequest: 13 }]],
      ["Refactors", [{ sha: p.settings, scope: null, subject: "Refactor the settings loader", pullRequest: 16 }]],
      ["Documentation", [{ sha: p.docs.merge, scope: null, subject: "fix typos in the README", pullRequest: 12 }]],
      ["Build", [{ sha: p.redis.merge, scope: null, subject: "add a redis service to compose", pullRequest: 14 }]],
      [
        "Other",
        [
          { sha: p.hotfix, scope: null, subject: "Hotfix crash on empty input", pullRequest: null },
          { sha: p.direct, scope: null, subject: "Tidy up the Makefile", pullRequest: null },
        ],
      ],
    ]);
    // The PR's files count for deployment, its commits' author is the entry's.
    expect(v11.deployment).toEqual({ compose: [p.redis.merge] });
    expect(entriesOf(v11).find((entry) => entry.pullRequest === 13)?.author).toEqual(ALICE);
    // The revert PR names the PR it reverts by title: listed as its revert in the next release.
    expect(entriesOf(releaseTagged(log, null))).toEqual([expect.objectContaining({ sha: p.revert.merge, type: "revert", subject: "Fix flicker on submit", pullRequest: 17 })]);

    const md = (await changelogCli(p.r.dir, "--entries-from", "pull-requests", "--release-notes", "v1.1.0")).stdout;
    expect(md).toContain(`- **ui:** Add dark mode ([#15](${URL}/pull/15)) ([\`${p.dark.merge.slice(0, 7)}\`](${URL}/commit/${p.dark.merge}))`);
    expect(md).not.toMatch(/\bwip\b|address review|split the loader/);

    // The config key does the same; the flag wins over it.
    p.r.write({ "driftlog.config.yaml": "changelog:\n  entriesFrom: pull-requests\n" });
    expect(await changelogJson(p.r.dir)).toEqual(log);
    expect(entriesOf(releaseTagged(await changelogJson(p.r.dir, "--entries-from", "commits"), "v1.1.0"))).toHaveLength(8);
    const bad = await changelogCli(p.r.dir, "--entries-from", "prs");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown --entries-from "prs"');
  });
});

test("a PR merge without a title line falls back to the PR's newest commit; PRs merged into a branch merged into main keep their numbers", async () => {
  const r = repo();
  r.commit("Initial import", { "README.md": "hi\n" });
  r.checkout("quiet", true);
  r.commit("Fix the quiet flag", { "quiet.txt": "1" });
  r.checkout("main");
  const merge = r.merge("quiet", "Merge pull request #21 from acme/quiet");
  // A release branch that merged PRs of its own, then was merged into main as a plain branch; a PR inside a PR.
  r.checkout("release", true);
  r.checkout("inner", true);
  const inner = r.commit("Add the inner thing", { "inner.txt": "1" });
  r.checkout("release");
  const innerMerge = r.merge("inner", "Merge pull request #22 from acme/inner\n\nAdd the inner thing");
  r.checkout("outer", true);
  r.checkout("nested", true);
  const nested = r.commit("Nested work", { "nested.txt": "1" });
  r.checkout("outer");
  r.merge("nested", "Merge pull request #24 from acme/nested\n\nNested work");
  const outer = r.commit("Outer work", { "outer.txt": "1" });
  r.checkout("release");
  const outerMerge = r.merge("outer", "Merge pull request #23 from acme/outer\n\nDocs: the outer PR");
  r.checkout("main");
  r.merge("release", "Merge branch 'release'");
  const byTitle = entriesOf((await changelogJson(r.dir, "--entries-from", "pull-requests")).releases[0]);
  expect(byTitle.find((entry) => entry.sha === merge)).toMatchObject({ type: "fix", subject: "Fix the quiet flag", pullRequest: 21 });
  // One entry per PR not inside another: #23 stands for #24's commits too.
  expect(byTitle.map(({ sha, subject, pullRequest }) => ({ sha, subject, pullRequest }))).toEqual([
    { sha: innerMerge, subject: "Add the inner thing", pullRequest: 22 },
    { sha: merge, subject: "Fix the quiet flag", pullRequest: 21 },
    { sha: outerMerge, subject: "the outer PR", pullRequest: 23 },
    expect.objectContaining({ subject: "Initial import", pullRequest: null }),
  ]);
  // By commit, each gets the innermost PR that brought it in.
  const byCommit = entriesOf((await changelogJson(r.dir)).releases[0]);
  const prOf = Object.fromEntries(byCommit.map((entry) => [entry.sha, entry.pullRequest]));
  expect(prOf).toEqual(expect.objectContaining({ [inner]: 22, [nested]: 24, [outer]: 23 }));
  expect(byCommit.map(({ subject }) => subject).sort()).toEqual(["Add the inner thing", "Fix the quiet flag", "Initial import", "Nested work", "Outer work"]);
});
