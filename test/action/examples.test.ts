import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import { runAction } from "../../src/action/run.js";
import { run } from "../../src/cli/run.js";
import type { SyncReport } from "../../src/model.js";
import { capture, project, runnerEnv } from "./fixture.js";

const ROOT = join(import.meta.dirname, "../..");
const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as { inputs: Record<string, unknown>; outputs: Record<string, unknown>; runs: { main: string } };
const examples = readdirSync(join(ROOT, "examples")).filter((name) => name.endsWith(".yml"));

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  run?: string;
}
type Workflow = { on: unknown; jobs: Record<string, { steps: Step[] }> };
const read = (name: string) => parse(readFileSync(join(ROOT, "examples", name), "utf8")) as Workflow;
const stepsOf = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);

async function helpOf(command: string): Promise<string> {
  let text = "";
  await run([command, "--help"], { stdout: (chunk) => (text += chunk), stderr: () => {}, cwd: ROOT });
  return text;
}

/** `${{ a.b.c }}` filled in from `context`, as the runner would; an expression the test does not know fails it. */
function expand(text: string, context: Record<string, unknown>): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, path: string) => {
    const value = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], context);
    if (typeof value !== "string") throw new Error(`no value for \${{ ${path} }}`);
    return value;
  });
}

describe("example workflows", () => {
  test.each(examples)("%s uses only the action's inputs and outputs, and CLI flags that exist", async (name) => {
    const workflow = read(name);
    expect(workflow.on).toBeTruthy();
    const steps = stepsOf(workflow);
    const ours = steps.filter((step) => step.uses?.startsWith("driftlog/driftlog@"));
    expect(ours.length).toBeGreaterThan(0);
    for (const step of ours) for (const input of Object.keys(step.with ?? {})) expect(action.inputs).toHaveProperty([input]);
    const text = readFileSync(join(ROOT, "examples", name), "utf8");
    for (const [, output] of text.matchAll(/steps\.drift\.outputs\.([a-z-]+)/g)) expect(action.outputs).toHaveProperty([output!]);
    for (const command of ["digest", "changelog"]) {
      const help = await helpOf(command);
      for (const step of steps.filter((candidate) => candidate.run?.includes(` ${command} `))) {
        const line = step.run!.split("\n").find((candidate) => candidate.includes(` ${command} `))!;
        for (const [flag] of line.slice(line.indexOf(` ${command} `)).matchAll(/--[a-z-]+/g)) expect(help).toContain(flag);
      }
    }
  });

  test.each(examples)("%s installs and builds nothing, and keeps secrets off command lines", (name) => {
    for (const step of stepsOf(read(name))) {
      expect(step.run ?? "").not.toMatch(/\bnpm (ci|install)\b|\btsc\b|dist\/cli\.js/);
      expect(step.run ?? "").not.toContain("secrets.");
      expect(step.run ?? "").not.toMatch(/--smtp "?\$/);
    }
  });

  test("release.yml reports on the release's tag, whether it was made from the default branch, a SHA or a release branch", async () => {
    const repo = project();
    repo.git("update-ref", "refs/remotes/origin/main", "main");
    const steps = stepsOf(read("release.yml"));
    const drift = steps.find((step) => step.id === "drift")!;
    const notes = steps.find((step) => step.name === "Release notes of this tag")!;
    const sha = repo.git("rev-parse", "main~1").trim();
    const releases = [
      { tag_name: "v1.0.0", target_commitish: "main", at: "main" },
      { tag_name: "v0.9.0", target_commitish: sha, at: sha },
      { tag_name: "v0.8.0", target_commitish: "stable", at: "stable" },
    ];
    for (const { at, ...release } of releases) {
      repo.git("tag", "-a", "-m", release.tag_name, release.tag_name, at);
      const context = { github: { event: { release, repository: { default_branch: "main" } }, token: "t" }, steps: { drift: { outputs: { cli: join(ROOT, action.runs.main) } } } };
      const inputs = Object.fromEntries(Object.entries(drift.with!).map(([key, value]) => [key, expand(value, context)]));
      const runner = runnerEnv(repo.dir, inputs);
      const { out, io } = capture();
      expect(await runAction(runner.env, io), `${release.tag_name}: ${out.stderr}`).toBe(0);
      const report = JSON.parse(readFileSync(join(repo.dir, "driftlog-report/sync-report.json"), "utf8")) as SyncReport;
      expect(report.target).toMatchObject({ ref: `refs/tags/${release.tag_name}`, sha: repo.git("rev-parse", `${at}^{commit}`).trim() });
      expect(report.source.ref).toBe("origin/main");

      // The next step, run as the runner would: its env expanded, its script in bash, the CLI from the bundle.
      const env = Object.fromEntries(Object.entries(notes.env!).map(([key, value]) => [key, expand(value, context)]));
      execFileSync("bash", ["-e", "-c", notes.run!], { cwd: repo.dir, stdio: "pipe", env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? repo.dir, ...env } });
      expect(readFileSync(join(repo.dir, "driftlog-report/RELEASE_NOTES.md"), "utf8")).toMatch(/^### /);
    }
  });
});
