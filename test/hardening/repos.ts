import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TestRepo } from "../helpers/repo.js";

/**
 * A release line: `main` and `stable` split at the tagged v1.0.0; main then
 * gets `changes` Docker/IaC commits (conventional messages), of which the
 * first is cherry-picked to stable with -x.
 */
export function releaseRepo(changes = 3): TestRepo {
  const repo = TestRepo.create();
  repo.commit("feat: first release", {
    Dockerfile: "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
    "docker-compose.yml": "services:\n  app:\n    build: .\n    ports:\n      - \"8080:8080\"\n",
    "server.js": "console.log('hi')\n",
    "README.md": "# app\n",
  });
  repo.git("tag", "-a", "v1.0.0", "-m", "v1.0.0");
  repo.git("branch", "stable");
  const shas: string[] = [];
  for (let i = 1; i <= changes; i++) {
    const kind = i % 3;
    if (kind === 1) shas.push(repo.commit(`fix(docker): step ${i}`, { Dockerfile: `FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nENV STEP=${i}\nCMD [\"node\", \"server.js\"]\n` }));
    else if (kind === 2) shas.push(repo.commit(`feat(compose): service ${i}`, { [`deploy/compose/svc-${i}.yml`]: `services:\n  svc${i}:\n    image: app:${i}\n` }));
    else shas.push(repo.commit(`chore(k8s): manifest ${i}`, { [`k8s/deployment-${i}.yaml`]: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n` }));
  }
  repo.commit("docs: readme", { "README.md": "# app\n\nmore\n" });
  repo.checkout("stable");
  if (shas[0]) repo.cherryPick(shas[0]);
  repo.checkout("main");
  return repo;
}

/** An empty folder for a clone, removed with the returned TestRepo. */
export function cloneOf(repo: TestRepo, ...options: string[]): TestRepo {
  const clone = new TestRepo(mkdtempSync(join(tmpdir(), "driftlog-clone-")));
  clone.git("clone", "-q", ...options, `file://${repo.dir}`, ".");
  return clone;
}

/** `main` and a `stable` that shares no history with it. */
export function unrelatedRepo(): TestRepo {
  const repo = TestRepo.create();
  repo.commit("feat: main", { Dockerfile: "FROM alpine:3.20\n" });
  repo.git("checkout", "-q", "--orphan", "stable");
  repo.commit("feat: stable from scratch", { Dockerfile: "FROM alpine:3.19\n" });
  repo.checkout("main");
  return repo;
}
