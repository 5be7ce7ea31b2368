import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GIT_ENV } from "../../bench/fast-import.js";
import { makeRepo, type GroundTruth } from "../../bench/make-repo.js";
import { scoreSync } from "../../bench/score.js";
import { syncReport } from "../../src/sync.js";

// Big enough that every pick shape occurs (asserted below), small enough for a second or two.
const COMMITS = 1200;
let root: string;
let repo: string;
let truth: GroundTruth;

const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: GIT_ENV, encoding: "utf8", maxBuffer: 64 << 20 }).trim();
const revs = (range: string) => new Set(git("rev-list", range).split("\n"));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "driftlog-bench-test-"));
  repo = join(root, "a");
  truth = await makeRepo({ dir: repo, commits: COMMITS, seed: 7, extra: 20 });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("bench/make-repo", () => {
  it("is deterministic: the same seed gives the same SHAs and ground truth, another seed does not", async () => {
    const again = await makeRepo({ dir: join(root, "b"), commits: COMMITS, seed: 7, extra: 20 });
    expect(again).toEqual(truth);
    const other = await makeRepo({ dir: join(root, "c"), commits: COMMITS, seed: 8 });
    expect(other.refs.main).not.toBe(truth.refs.main);
  });

  it("builds the history the ground truth describes", () => {
    expect(git("rev-parse", "main", "stable", "refs/bench/warm").split("\n")).toEqual([truth.refs.main, truth.refs.stable, truth.refs.warm]);
    expect(Number(git("rev-list", "--count", "main"))).toBe(COMMITS);
    expect(Number(git("rev-list", "--count", "main..refs/bench/warm"))).toBe(20);
    expect(git("merge-base", "main", "stable")).toBe(truth.refs.fork);
    expect(git("tag", "--list", "v1.*.0")).toBe("v1.1.0");
    expect(new Set(truth.picks.map((pick) => pick.shape))).toEqual(
      new Set(["cherry-pick-x", "cherry-pick", "changed-context", "squashed", "hand-resolved", "superseded"]),
    );

    const onMain = revs(`${truth.refs.fork}..main`);
    const onStable = revs(`${truth.refs.fork}..stable`);
    for (const commit of [...truth.picks, ...truth.unpicked]) expect(onMain.has(commit.sha)).toBe(true);
    for (const sha of [...truth.picks.flatMap((pick) => pick.stable), ...truth.stableOnly]) expect(onStable.has(sha)).toBe(true);

    const stableLog = git("log", "--format=%H%x00%an %ae %at%x00%B%x1e", "stable", `^${truth.refs.fork}`);
    const stable = new Map(stableLog.split("\x1e").filter((entry) => entry.trim()).map((entry) => {
      const [sha = "", author = "", message = ""] = entry.trim().split("\0");
      return [sha, { author, message }];
    }));
    const authorOf = (sha: string) => git("log", "-1", "--format=%an %ae %at", sha);
    const trailerOf = (sha: string) => `(cherry picked from commit ${sha})`;
    for (const pick of truth.picks) {
      const carriers = pick.stable.map((sha) => stable.get(sha)!);
      expect(carriers.some((carrier) => carrier.message.includes(trailerOf(pick.sha)))).toBe(pick.trailer);
      // cherry-pick keeps the author; squashes are the release manager's own commits.
      if (pick.shape !== "squashed" && pick.shape !== "superseded") expect(carriers[0]!.author).toBe(authorOf(pick.sha));
      if (pick.shape === "hand-resolved" && pick.detail === "one value differs from main's") {
        const added = (sha: string) => git("show", "--format=", sha).split("\n").filter((line) => line.startsWith("+") && !line.startsWith("+++"));
        expect(added(pick.stable[0]!)).not.toEqual(added(pick.sha));
      }
    }
    const trailers = [...stable.values()].map((entry) => entry.message).join("\n");
    for (const commit of truth.unpicked) expect(trailers).not.toContain(trailerOf(commit.sha));
  });

  it("driftlog's sync report finds >= 99% of the picks and claims no unpicked commit", async () => {
    const report = await syncReport({ repo, source: "main", target: "stable", config: {}, now: new Date("2026-01-01T00:00:00Z") });
    const score = scoreSync(report, truth);
    expect(score.picks).toBeGreaterThan(40);
    expect({ recall: score.recall >= 0.99, missed: score.missed }).toEqual({ recall: true, missed: score.recall >= 0.99 ? score.missed : [] });
    expect(score.falsePositives).toEqual([]);
  });
});
