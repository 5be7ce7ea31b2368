import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterEach, describe, expect, test } from "vitest";
import { OUTPUT_COUNTS, runAction } from "../../src/action/run.js";
import { run } from "../../src/cli/run.js";
import { readInputs, syncArgs } from "../../src/action/inputs.js";
import type { SyncReport } from "../../src/model.js";
import type { MultiSyncReport } from "../../src/multi.js";
import { renderReport } from "../../src/render/index.js";
import { TestRepo } from "../helpers/repo.js";
import { expectValid } from "../helpers/schema.js";

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((done) => done()));

/**
 * main has three Docker/IaC changes; stable got one of them with
 * `cherry-pick -x`; release/2.8 split from main after the first one.
 */
function project(): TestRepo {
  const repo = TestRepo.create();
  cleanup.push(() => repo.remove());
  repo.commit("build: base image", { "Dockerfile": "FROM rust:1.70\n", "src/main.rs": "fn main() {}\n" });
  repo.git("branch", "stable");
  const picked = repo.commit("build: cache cargo registry", { "Dockerfile": "FROM rust:1.70\nRUN cargo fetch\n" });
  repo.git("branch", "release/2.8");
  repo.commit("feat(compose): add redis", { "docker-compose.yml": "services:\n  redis:\n    image: redis\n" });
  repo.commit("ci: scan images", { ".github/workflows/scan.yml": "on: push\n" });
  repo.commit("fix: code only", { "src/main.rs": "fn main() { println!(); }\n" });
  repo.checkout("stable");
  repo.cherryPick(picked);
  repo.checkout("main");
  return repo;
}

/** The files and variables a GitHub runner gives a step. */
function runnerEnv(workspace: string, inputs: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "driftlog-runner-"));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const summary = join(dir, "step_summary");
  const output = join(dir, "output");
  writeFileSync(summary, "");
  writeFileSync(output, "earlier=step\n");
  const env: Record<string, string> = { GITHUB_WORKSPACE: workspace, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, GITHUB_ACTIONS: "true" };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return { env, summary: () => readFileSync(summary, "utf8"), outputs: () => Object.fromEntries(readFileSync(output, "utf8").trim().split("\n").map((line) => line.split(/=(.*)/s).slice(0, 2))) };
}

function capture() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (text: string) => (out.stdout += text), stderr: (text: string) => (out.stderr += text) } };
}

describe("GitHub Action script", () => {
  test("runs sync in the workspace, writes the reports, the step summary and the counts as outputs", async () => {
    const repo = project();
    const runner = runnerEnv(repo.dir, { source: "main", targets: "stable", formats: "json", output: "out/driftlog", "fail_on": "" });
    const { out, io } = capture();
    expect(await runAction(runner.env, io), out.stderr).toBe(0);

    const report = JSON.parse(readFileSync(join(repo.dir, "out/driftlog/sync-report.json"), "utf8")) as SyncReport;
    expect(report.summary).toMatchObject({ total: 3, synced: 1, unsynced: 2 });
    const outputs = runner.outputs();
    expect(outputs).toMatchObject({ earlier: "step", unsynced: "2", synced: "1", total: "3", partial: "0", targets: "stable", "gate-tripped": "false" });
    for (const name of OUTPUT_COUNTS) expect(outputs[name]).toBe(String(report.summary[name]));
    expect(outputs["report-json"]).toBe(join(repo.dir, "out/driftlog/sync-report.json"));
    expect(outputs.cli).toMatch(/[/\\]cli\.js$/);
    expect(runner.summary()).toBe(`${await renderReport("md", report)}\n`);
  });

  test("reads the action.yml inputs it is given, and a bad input fails the step with the CLI's exit code and no outputs", async () => {
    const action = parse(readFileSync(join(import.meta.dirname, "../../action.yml"), "utf8")) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
      runs: { steps: { env?: Record<string, string>; run?: string }[] };
    };
    const step = action.runs.steps.find((candidate) => candidate.env)!;
    expect(Object.keys(step.env!).sort()).toEqual(
      Object.keys(action.inputs).filter((name) => name !== "node-version").map((name) => `INPUT_${name.toUpperCase().replace(/-/g, "_")}`).sort(),
    );
    expect(step.run).toBe('node "$GITHUB_ACTION_PATH/dist/action/main.js"');
    for (const name of OUTPUT_COUNTS) expect(action.outputs).toHaveProperty(name);

    const repo = project();
    const runner = runnerEnv(repo.dir, { targets: "no-such-branch", formats: "json" });
    const { out, io } = capture();
    expect(await runAction(runner.env, io)).toBe(3);
    expect(out.stderr).toMatch(/--target no-such-branch: no such branch/);
    expect(runner.outputs()).toEqual({ earlier: "step" });
    expect(runner.summary()).toBe("");
  });

  test("a fail-on gate gives the same exit code as the CLI, with outputs and summary written when it trips", async () => {
    const repo = project();
    const direct = await run(["sync", "--repo", repo.dir, "--format", "json", "--out", join(repo.dir, "direct"), "--fail-on", "unsynced"], { ...capture().io, cwd: repo.dir });
    expect(direct).toBe(1);
    const runner = runnerEnv(repo.dir, { formats: "json", "fail_on": "unsynced\nconflict" });
    const { out, io } = capture();
    expect(await runAction(runner.env, io)).toBe(1);
    expect(out.stderr).toMatch(/^driftlog: --fail-on unsynced tripped: 2 unsynced changes \(oldest [0-9a-f]{7} "feat\(compose\): add redis", \d+ days\)$/m);
    expect(out.stderr).not.toContain("--fail-on conflict tripped");
    expect(runner.outputs()).toMatchObject({ unsynced: "2", "gate-tripped": "true" });
    expect(runner.summary()).toContain("## Drift main → stable");

    // A rule the gate does not know fails the step as a usage error, before anything is written.
    const bad = runnerEnv(repo.dir, { formats: "json", "fail_on": "unsynced, age:2" });
    const refused = capture();
    expect(await runAction(bad.env, refused.io)).toBe(2);
    expect(refused.out.stderr).toContain('--fail-on "age:2": the age has no unit');
    expect(bad.outputs()).toEqual({ earlier: "step" });
  });

  test("several targets, newline- or comma-separated, give one report each, summed outputs and the matrix in the summary", async () => {
    const repo = project();
    for (const targets of ["stable\nrelease/2.8\n", "stable, release/2.8"]) {
      const runner = runnerEnv(repo.dir, { targets, formats: "md", output: "multi", "fail_on": "age:1000w" });
      const { out, io } = capture();
      expect(await runAction(runner.env, io), out.stderr).toBe(0);
      const multi = JSON.parse(readFileSync(join(repo.dir, "multi/sync-report.json"), "utf8")) as MultiSyncReport;
      expectValid("sync-report.schema.json", multi);
      expect(multi.targets.map((report) => [report.target.ref, report.summary.unsynced, report.summary.synced])).toEqual([
        ["stable", 2, 1],
        ["release/2.8", 2, 0],
      ]);
      expect(runner.outputs()).toMatchObject({ unsynced: "4", synced: "1", total: "5", targets: "stable,release/2.8", "gate-tripped": "false" });
      const summary = runner.summary();
      expect(summary).toBe(readFileSync(join(repo.dir, "multi/sync-report.md"), "utf8") + "\n");
      expect(summary).toContain("## Drift main → stable, release/2.8");
      expect(summary).toContain("### Changes by target");
    }
  });

  test("inputs map to sync flags: each target its own --target, fail-on rules joined into one --fail-on", () => {
    const inputs = readInputs({ INPUT_TARGETS: " origin/stable,\n origin/release/2.8 ", "INPUT_FAIL-ON": "unsynced\nage:14d, conflict", INPUT_FORMATS: "html" });
    expect(syncArgs(inputs)).toEqual([
      "sync", "--repo", ".", "--target", "origin/stable", "--target", "origin/release/2.8", "--format", "json,html", "--out", "driftlog-report", "--fail-on", "unsynced,age:14d,conflict",
    ]);
    expect(syncArgs(readInputs({ INPUT_FAIL_ON: "  " }))).not.toContain("--fail-on");
  });
});
