import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderReport, syncReport, type SyncReport } from "../../src/index.js";
import { PICK_ENV } from "../helpers/picks.js";
import { TestRepo } from "../helpers/repo.js";
import { expectValid } from "../helpers/schema.js";

const NOW = new Date("2025-03-01T00:00:00Z");
const docs = (line: string) => `# CLI arguments\n\n--port\n${line}\n--host\n`;

/**
 * A change that edits the Dockerfile and the CLI docs, where stable edited
 * the same docs line: the whole pick conflicts, only in the docs; its
 * Docker/IaC part alone picks cleanly.
 */
describe("a change whose conflicts are all outside Docker/IaC files", () => {
  let repo: TestRepo;
  let report: SyncReport;
  const sha: Record<string, string> = {};

  beforeAll(async () => {
    repo = TestRepo.create();
    repo.commit("chore: init", { Dockerfile: "FROM rust:1.80\nRUN cargo build\n", "docs/cli-arguments.md": docs("--verbose"), "docker-compose.yml": "services:\n  app:\n    image: app\n" });
    repo.checkout("stable", true);
    repo.commit("docs: stable wording", { "docs/cli-arguments.md": docs("--verbose (stable)") });
    repo.checkout("main");
    sha.compose = repo.commit("feat(compose): add redis", { "docker-compose.yml": "services:\n  app:\n    image: app\n  redis:\n    image: redis\n", "docs/cli-arguments.md": docs("--verbose (main)") });
    sha.docker = repo.commit("build(docker): bump rust, document --log", { Dockerfile: "FROM rust:1.81\nRUN cargo build\n", "docs/cli-arguments.md": docs("--verbose (main)\n--log"), "docs/new-page.md": "new\n" });
    report = await syncReport({ repo: repo.dir, now: NOW, cache: false });
  });
  afterAll(() => repo.remove());

  test("names the conflicting files and predicts the Docker/IaC part alone", () => {
    expectValid("sync-report.schema.json", report);
    const docker = report.changes.find((change) => change.sha === sha.docker)!;
    expect(docker).toMatchObject({ pick: "conflict", iacPick: "clean", conflictFiles: ["docs/cli-arguments.md"], otherPaths: ["docs/cli-arguments.md", "docs/new-page.md"] });
    // Both changes touch the docs, but dependsOn counts only Docker/IaC files.
    expect(docker.dependsOn).toEqual([]);
    expect(report.changes.find((change) => change.sha === sha.compose)).toMatchObject({ pick: "conflict", iacPick: "clean", conflictFiles: ["docs/cli-arguments.md"] });
  });

  test("the report says so and the plan's Docker/IaC-only commands pick cleanly with git", async () => {
    const md = await renderReport("md", report);
    expect(md).toContain("⚠️ conflict only in `docs/cli-arguments.md`");
    expect(md).toContain("**Docker/IaC only**: conflicts only in `docs/cli-arguments.md`");
    const script = md.slice(md.indexOf("```sh\n") + 6, md.indexOf("\n```", md.indexOf("```sh\n")));
    expect(script).toContain(`git cherry-pick -n -x ${sha.docker}\ngit restore --source=HEAD --staged --worktree -- docs/cli-arguments.md docs/new-page.md\ngit commit --no-edit --cleanup=strip`);
    // Run the plan as written, in a scratch clone on stable.
    const clone = mkdtempSync(join(tmpdir(), "driftlog-iac-pick-"));
    try {
      const git = (...args: string[]) => execFileSync("git", args, { cwd: clone, env: PICK_ENV, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      execFileSync("git", ["clone", "-q", "-b", "stable", repo.dir, clone], { env: PICK_ENV });
      execFileSync("bash", ["-c", `set -e\n${script.split("\n").filter((line) => !line.startsWith("#")).map((line) => line.replace(/ # \d+$/, "")).map((line) => (line.startsWith("git cherry-pick -n") ? `${line} || true` : line)).join("\n")}`], { cwd: clone, env: PICK_ENV, stdio: ["ignore", "pipe", "pipe"] });
      expect(git("status", "--porcelain")).toBe("");
      expect(readFileSync(join(clone, "Dockerfile"), "utf8")).toContain("rust:1.81");
      expect(readFileSync(join(clone, "docker-compose.yml"), "utf8")).toContain("redis");
      expect(readFileSync(join(clone, "docs/cli-arguments.md"), "utf8")).toBe(docs("--verbose (stable)"));
      expect(git("log", "-1", "--format=%B")).toBe(`build(docker): bump rust, document --log\n\n(cherry picked from commit ${sha.docker})\n\n`);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});
