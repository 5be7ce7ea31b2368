import { describe, expect, test } from "vitest";
import { forkAndBase } from "../../src/git/fork.js";
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
});
