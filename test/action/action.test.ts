import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterEach, describe, expect, test } from "vitest";
import { OUTPUT_COUNTS, runAction } from "../../src/action/run.js";
import { run } from "../../src/cli/run.js";
import { DriftlogError } from "../../src/errors.js";
import type { SyncReport } from "../../src/model.js";
import { renderReport } from "../../src/render/index.js";
import { TestRepo } from "../helpers/repo.js";

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((done) => done()));

/** main has three Docker/IaC changes; stable got one of them with `cherry-pick -x`. */
function project(): TestRepo {
  const repo = TestRepo.create();
  cleanup.push(() => repo.remove());
  repo.commit("build: base image", { "Dockerfile": "FROM rust:1.70\n", "src/main.rs": "fn main() {}\n" });
  repo.git("branch", "stable");
  const picked = repo.commit("build: cache cargo registry", { "Dockerfile": "FROM rust:1.70\nRUN cargo fetch\n" });
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

/** What the summary must hold: the real Markdown report once a renderer exists, the count table before. */
async function expectedSummary(report: SyncReport): Promise<string> {
  try {
    return await renderReport("md", report);
  } catch (error) {
    if (!(error instanceof DriftlogError && error.code === "E_FORMAT_UNSUPPORTED")) throw error;
    return `| ${report.summary.unsynced} | ${report.summary.partial} | ${report.summary.conflicts} | ${report.summary.synced} | ${report.summary.total} |`;
  }
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
    expect(runner.summary()).toContain(await expectedSummary(report));
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
    const runner = runnerEnv(repo.dir, { formats: "json", "fail_on": "unsynced" });
    const { out, io } = capture();
    const code = await runAction(runner.env, io);
    expect(code, out.stderr).toBe(direct);
    if (code === 1) {
      expect(runner.outputs()).toMatchObject({ unsynced: "2", "gate-tripped": "true" });
      expect(runner.summary()).not.toBe("");
    } else {
      // Before the gate exists the CLI refuses the flag (exit 2) and the action writes nothing.
      expect(code).toBe(2);
      expect(runner.outputs()).toEqual({ earlier: "step" });
    }
  });
});
