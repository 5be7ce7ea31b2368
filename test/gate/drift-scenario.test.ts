import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateGate, parseFailOn } from "../../src/gate.js";
import type { SyncReport } from "../../src/model.js";
import { syncReport } from "../../src/sync.js";
import { TestRepo } from "../helpers/repo.js";
import { expectValid } from "../helpers/schema.js";

describe("--fail-on drift on a real repository", () => {
  let repo: TestRepo;
  let report: SyncReport;

  beforeAll(async () => {
    repo = TestRepo.create();
    repo.commit("chore: initial layout", {
      "Dockerfile": "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN apk add curl\n",
      ".env": "PORT=8080\nMODE=prod\n",
      "config/app.yaml": "server:\n  port: 8080\n",
      "config/app.toml": "[db]\npool = 5\n",
      "deploy/experimental/compose.yml": "services:\n  canary:\n    image: app:canary\n",
    });
    repo.checkout("stable", true);
    repo.checkout("main");
    repo.commit("docs(docker): explain the image", {
      "Dockerfile": "# syntax=docker/dockerfile:1\n# The runtime image.\nFROM alpine:3.20\n\n# Tools for health checks\nRUN apk add curl   \n",
      ".env": "# Port the router listens on\nPORT=8080\n\nMODE=prod  # production\n",
      "config/app.yaml": "# server settings\nserver:\n  port: 8080 # default\n",
      "config/app.toml": "# database\n[db]\npool = 5 # connections\n",
    });
    repo.commit("feat(experimental): canary compose", { "docker-compose.canary.yml": "services:\n  canary:\n    image: app:canary-2\n" });
    repo.commit("chore: wip [no-sync] tweak", { "config/extra.yaml": "debug: true\n" });
    report = await syncReport({
      repo: repo.dir,
      config: { exclude: { scopes: ["experimental"], messagePatterns: ["\\[no-sync\\]"] }, categories: { config: { paths: ["config/**"] } } },
      now: new Date("2025-03-01T00:00:00Z"),
      cache: false,
    });
  });

  afterAll(() => repo.remove());

  it("marks comment-only differences and files only excluded commits touched", () => {
    const flags = Object.fromEntries((report.fileDrift ?? []).map((entry) => [entry.path, { commentsOnly: entry.commentsOnly ?? false, excludedCommitsOnly: entry.excludedCommitsOnly ?? false }]));
    expect(flags).toEqual({
      ".env": { commentsOnly: true, excludedCommitsOnly: false },
      "Dockerfile": { commentsOnly: true, excludedCommitsOnly: false },
      "config/app.toml": { commentsOnly: true, excludedCommitsOnly: false },
      "config/app.yaml": { commentsOnly: true, excludedCommitsOnly: false },
      "config/extra.yaml": { commentsOnly: false, excludedCommitsOnly: true },
      "docker-compose.canary.yml": { commentsOnly: false, excludedCommitsOnly: true },
    });
    expectValid("sync-report.schema.json", report);
  });

  it("does not trip on them, and trips on a real difference", async () => {
    expect(evaluateGate([report], parseFailOn("drift"))).toEqual([]);
    repo.commit("feat(docker): curl and jq", { "Dockerfile": "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN apk add curl jq\n" });
    const changed = await syncReport({ repo: repo.dir, config: { exclude: { scopes: ["experimental"] } }, now: new Date("2025-03-01T00:00:00Z"), cache: false });
    const [tripped] = evaluateGate([changed], parseFailOn("drift"));
    expect(tripped?.message).toContain("Dockerfile");
    expect(tripped?.message).not.toContain("docker-compose.canary.yml");
  });

  it("with --since, a file a real change touched before the cut is not excused by an excluded change after it", async () => {
    const cut = repo.commit("feat(compose): a worker", { "docker-compose.worker.yml": "services:\n  worker:\n    image: app:1\n" });
    repo.commit("feat(experimental): worker on the canary image", { "docker-compose.worker.yml": "services:\n  worker:\n    image: app:canary\n" });
    const config = { exclude: { scopes: ["experimental"] } };
    const since = await syncReport({ repo: repo.dir, config, since: cut, now: new Date("2025-03-01T00:00:00Z"), cache: false });
    expect(since.fileDrift?.find((entry) => entry.path === "docker-compose.worker.yml")).toMatchObject({ state: "source-only" });
    expect(since.fileDrift?.find((entry) => entry.path === "docker-compose.worker.yml")?.excludedCommitsOnly).toBeUndefined();
    expect(evaluateGate([since], parseFailOn("drift"))[0]?.message).toContain("docker-compose.worker.yml");
  });

  it("a Dockerfile parser directive is not a comment", async () => {
    const { onlyCommentsDiffer } = await import("../../src/drift/comments.js");
    expect(onlyCommentsDiffer("Dockerfile", "docker", "# syntax=docker/dockerfile:1\nFROM a\n", "# syntax=docker/dockerfile:1.7\nFROM a\n")).toBe(false);
    expect(onlyCommentsDiffer("docker-entrypoint.sh", "docker", "#!/bin/sh\n", "#!/bin/bash\n")).toBeNull();
  });
});
