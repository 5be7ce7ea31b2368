import { describe, expect, test } from "vitest";
import { pullRequestsNamed } from "../../src/match/backport-subject.js";
import { carriedPullRequests, normalizedSubject, ownPullRequests } from "../../src/match/message.js";

describe("the backport reader as the sync engine's PR and subject evidence", () => {
  test("`cherry pick N to x` names N as the original PR a target commit carries", () => {
    expect([...carriedPullRequests("cherry pick 23248 to release-2.15.0")]).toEqual([23248]);
    expect([...carriedPullRequests("cherry pick 23248 to release-2.15.0 (#23300)")].sort()).toEqual([23248, 23300]);
    expect([...carriedPullRequests("cherry-pick 23248 to 2.15: fix(api): y")]).toEqual([23248]);
    expect([...carriedPullRequests("fix: z (cherry pick 1234 to release-3.4)")]).toEqual([1234]);
    // Squashed backports, one per body line.
    expect([...carriedPullRequests("Backports for 2.15\n\n* cherry pick 11 to release-2.15\n* Backport of #12\n* fix: y (#13)")].sort()).toEqual([11, 12, 13]);
    // A release line is not a PR.
    expect([...carriedPullRequests("[cherry-pick 2.7] fix: x")]).toEqual([]);
    expect([...carriedPullRequests("cherry-pick 2.7: fix: x")]).toEqual([]);
    expect(pullRequestsNamed("cherry picked from commit 0123456789abcdef")).toEqual([]);
  });

  test("a revert's quoted title is the reverted commit's: its PR is neither carried nor owned", () => {
    const subject = 'Revert "fix: x (#7853)" (#7872) (#7873)';
    expect([...carriedPullRequests(subject)].sort()).toEqual([7872, 7873]);
    expect(ownPullRequests(subject)).toEqual([7873, 7872]);
    expect([...carriedPullRequests(`[Backport stable] ${subject}\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.`)].sort()).toEqual([7872, 7873]);
    expect([...carriedPullRequests('Revert "Revert "fix: x (#7853)" (#7872)" (#7900)')]).toEqual([7900]);
    expect(ownPullRequests('Revert "fix: x (#7853)"')).toEqual([]);
    // An unbalanced quote is left as it is.
    expect([...carriedPullRequests('Revert "fix: x (#7853)')]).toEqual([7853]);
  });

  test("normalizedSubject reads through the new decorations, so author matching sees the original subject", () => {
    expect(normalizedSubject("(cherry-pick) fix(ui): flicker on submit (#12)")).toBe("fix(ui): flicker on submit");
    expect(normalizedSubject("[cherry-pick] fix(ui): flicker on submit")).toBe("fix(ui): flicker on submit");
    expect(normalizedSubject("cherry pick 23248 to release-2.15.0: fix(ui): Flicker on submit")).toBe("fix(ui): flicker on submit");
    expect(normalizedSubject("fix(ui): flicker on submit (cherry pick 23248 to release-2.15.0)")).toBe("fix(ui): flicker on submit");
  });

  test("hostile subjects stay linear", () => {
    const long = `cherry pick ${"1".repeat(20_000)}${" ".repeat(20_000)}x`;
    expect(carriedPullRequests(long).size).toBe(0);
    expect(normalizedSubject(`(cherry-pick${" ".repeat(50_000)}`)).toContain("(cherry-pick");
    expect(carriedPullRequests(`Revert "${'Revert "'.repeat(10_000)}`).size).toBe(0);
  });
});
