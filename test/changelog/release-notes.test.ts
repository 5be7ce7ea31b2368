import { describe, expect, test } from "vitest";
import { changelogCli } from "../helpers/changelog.js";
import { tempRepos } from "../helpers/repo.js";

const repo = tempRepos();

describe("--release-notes for a tag the history described does not show", () => {
  test("a tag on a release branch not reachable from --to says so and suggests --to TAG", async () => {
    const r = repo();
    r.commit("feat: base", { "a.txt": "1" });
    r.git("tag", "v2.14.0");
    r.checkout("release-2.14", true);
    r.commit("fix: hotfix on the release line", { "hot.txt": "1" });
    r.git("tag", "v2.14.4");
    r.git("tag", "nightly-2025-01-07");
    r.checkout("main");
    r.commit("feat: main work", { "b.txt": "1" });

    const missing = await changelogCli(r.dir, "--release-notes", "v2.14.4");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--release-notes v2.14.4: tag v2.14.4 is not reachable from --to HEAD");
    expect(missing.stderr).toContain("--to v2.14.4 --release-notes v2.14.4");
    expect(missing.stderr).not.toContain("known releases");
    // By version, and from another --to.
    expect((await changelogCli(r.dir, "--to", "main", "--release-notes", "2.14.4")).stderr).toContain("tag v2.14.4 is not reachable from --to main");

    const suggested = await changelogCli(r.dir, "--to", "v2.14.4", "--release-notes", "v2.14.4");
    expect(suggested.code).toBe(0);
    expect(suggested.stdout).toContain("- hotfix on the release line");
    expect(suggested.stdout).not.toContain("main work");

    const unmatched = await changelogCli(r.dir, "--to", "release-2.14", "--release-notes", "nightly-2025-01-07");
    expect(unmatched.code).toBe(2);
    expect(unmatched.stderr).toContain("tag nightly-2025-01-07 does not match the tag pattern");

    // A tag that does not exist at all: the releases that do.
    const unknown = await changelogCli(r.dir, "--release-notes", "v9.9.9");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("known releases: unreleased, v2.14.0");
  });
});
