import { describe, expect, test } from "vitest";
import { forkAndBase, type KnownFork } from "../../src/git/fork.js";
import { openRepository } from "../../src/git/repo.js";
import { tempRepos, type TestRepo } from "../helpers/repo.js";

const newRepo = tempRepos();

/** forkAndBase of main and stable, beside what `git merge-base` says. */
async function forkOf(repo: TestRepo): Promise<{ fork: string; base: string; gitBase: string }> {
  const [main, stable] = [repo.git("rev-parse", "main"), repo.git("rev-parse", "stable")];
  const { fork, base } = await forkAndBase(await openRepository(repo.dir), main, stable);
  return { fork, base, gitBase: repo.git("merge-base", main, stable) };
}

function forked(): { repo: TestRepo; at: string } {
  const repo = newRepo();
  repo.commit("chore: init", { Dockerfile: "FROM node:20\n" });
  const at = repo.commit("build: compose", { "compose.yaml": "services: {}\n" });
  repo.git("branch", "stable");
  return { repo, at };
}

describe("fork point and merge base", () => {
  test("a source line without merges: the fork point is the merge base", async () => {
    const { repo, at } = forked();
    repo.commit("build(docker): node 22", { Dockerfile: "FROM node:22\n" });
    repo.commit("build(docker): node 24", { Dockerfile: "FROM node:24\n" });
    repo.checkout("stable");
    repo.commit("fix: stable only", { ".env.example": "PORT=1\n" });
    repo.checkout("main");
    expect(await forkOf(repo)).toEqual({ fork: at, base: at, gitBase: at });
  });

  test("a feature branch merged into main: merge-base decides", async () => {
    const { repo, at } = forked();
    repo.checkout("feature", true);
    repo.commit("feat: on a branch", { "k8s/app.yaml": "kind: Deployment\n" });
    repo.checkout("main");
    repo.commit("build(docker): node 22", { Dockerfile: "FROM node:22\n" });
    repo.merge("feature", "Merge branch 'feature'");
    expect(await forkOf(repo)).toEqual({ fork: at, base: at, gitBase: at });
  });

  test("stable merged back into main: the merge base moves up to stable, the fork point stays", async () => {
    const { repo, at } = forked();
    repo.commit("build(docker): node 22", { Dockerfile: "FROM node:22\n" });
    repo.checkout("stable");
    const stableTip = repo.commit("fix: stable only", { ".env.example": "PORT=1\n" });
    repo.checkout("main");
    repo.merge("stable", "Merge branch 'stable'");
    repo.commit("build(docker): node 24", { Dockerfile: "FROM node:24\n" });
    expect(await forkOf(repo)).toEqual({ fork: at, base: stableTip, gitBase: stableTip });
  });

  test("main merged into stable: both move to the merged commit", async () => {
    const { repo } = forked();
    const merged = repo.commit("build(docker): node 22", { Dockerfile: "FROM node:22\n" });
    repo.checkout("stable");
    repo.merge("main", "Merge branch 'main' into stable");
    repo.checkout("main");
    repo.commit("build(docker): node 24", { Dockerfile: "FROM node:24\n" });
    expect(await forkOf(repo)).toEqual({ fork: merged, base: merged, gitBase: merged });
  });

  test("source already on target: the source tip", async () => {
    const { repo, at } = forked();
    repo.checkout("stable");
    repo.commit("fix: stable only", { ".env.example": "PORT=1\n" });
    expect(await forkOf(repo)).toEqual({ fork: at, base: at, gitBase: at });
  });

  test("unrelated histories are still refused", async () => {
    const repo = newRepo();
    repo.commit("chore: init", { Dockerfile: "FROM node:20\n" });
    repo.git("checkout", "--orphan", "stable");
    repo.commit("chore: another project", { Dockerfile: "FROM alpine\n" });
    const opened = await openRepository(repo.dir);
    await expect(forkAndBase(opened, repo.git("rev-parse", "main"), repo.git("rev-parse", "stable"))).rejects.toMatchObject({ code: "E_NO_MERGE_BASE" });
  });

  describe("an earlier run's answer", () => {
    /** The fork of main and stable given an earlier answer; a made-up fork in it shows whether it was reused. */
    async function withKnown(repo: TestRepo, known: KnownFork): Promise<{ fork: string; base: string }> {
      return forkAndBase(await openRepository(repo.dir), repo.git("rev-parse", "main"), repo.git("rev-parse", "stable"), known);
    }
    /** A repository, an earlier run's tips and a recognisable answer for them (the root commit, which no real walk here gives). */
    function earlier(): { repo: TestRepo; at: string; known: KnownFork } {
      const { repo, at } = forked();
      repo.commit("build(docker): node 22", { Dockerfile: "FROM node:22\n" });
      const root = repo.git("rev-list", "--max-parents=0", "main");
      return { repo, at, known: { source: repo.git("rev-parse", "main"), target: repo.git("rev-parse", "stable"), fork: root, base: root } };
    }

    test("is reused when source moved on by its own single-parent commits and target stayed", async () => {
      const { repo, known } = earlier();
      expect(await withKnown(repo, known)).toEqual({ fork: known.fork, base: known.base });
      repo.commit("build(docker): node 24", { Dockerfile: "FROM node:24\n" });
      repo.commit("feat: app", { "src/app.ts": "export {};\n" });
      expect(await withKnown(repo, known)).toEqual({ fork: known.fork, base: known.base });
    });

    test("is found afresh when target moved, a merge came in, source was rewritten or the earlier tip is gone", async () => {
      const moved = earlier();
      moved.repo.checkout("stable");
      moved.repo.commit("fix: stable only", { ".env.example": "PORT=1\n" });
      moved.repo.checkout("main");
      expect(await withKnown(moved.repo, moved.known)).toEqual({ fork: moved.at, base: moved.at });

      const merged = earlier();
      merged.repo.checkout("stable");
      const stableTip = merged.repo.commit("fix: stable only", { ".env.example": "PORT=1\n" });
      merged.repo.checkout("main");
      merged.repo.merge("stable", "Merge branch 'stable'");
      // Target moved too; with target where it was, the merge alone must also stop the reuse.
      expect(await withKnown(merged.repo, merged.known)).toEqual({ fork: merged.at, base: stableTip });
      expect(await withKnown(merged.repo, { ...merged.known, target: stableTip })).toEqual({ fork: merged.at, base: stableTip });

      const rewritten = earlier();
      rewritten.repo.git("reset", "-q", "--hard", "HEAD~1");
      rewritten.repo.commit("build(docker): node 23", { Dockerfile: "FROM node:23\n" });
      expect(await withKnown(rewritten.repo, rewritten.known)).toEqual({ fork: rewritten.at, base: rewritten.at });

      const gone = earlier();
      expect(await withKnown(gone.repo, { ...gone.known, source: "0123456789abcdef0123456789abcdef01234567" })).toEqual({ fork: gone.at, base: gone.at });
    });
  });
});
