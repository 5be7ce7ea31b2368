import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import { run } from "../../src/cli/run.js";

const ROOT = join(import.meta.dirname, "../..");
const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
const examples = readdirSync(join(ROOT, "examples")).filter((name) => name.endsWith(".yml"));

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
  run?: string;
}
const stepsOf = (workflow: { jobs: Record<string, { steps: Step[] }> }) => Object.values(workflow.jobs).flatMap((job) => job.steps);

async function helpOf(command: string): Promise<string> {
  let text = "";
  await run([command, "--help"], { stdout: (chunk) => (text += chunk), stderr: () => {}, cwd: ROOT });
  return text;
}

describe("example workflows", () => {
  test.each(examples)("%s uses only the action's inputs and outputs, and digest flags that exist", async (name) => {
    const workflow = parse(readFileSync(join(ROOT, "examples", name), "utf8")) as { on: unknown; jobs: Record<string, { steps: Step[] }> };
    expect(workflow.on).toBeTruthy();
    const steps = stepsOf(workflow);
    const ours = steps.filter((step) => step.uses?.startsWith("driftlog/driftlog@"));
    expect(ours.length).toBeGreaterThan(0);
    for (const step of ours) for (const input of Object.keys(step.with ?? {})) expect(action.inputs).toHaveProperty([input]);
    const text = readFileSync(join(ROOT, "examples", name), "utf8");
    for (const [, output] of text.matchAll(/steps\.drift\.outputs\.([a-z-]+)/g)) expect(action.outputs).toHaveProperty([output!]);
    const digestHelp = await helpOf("digest");
    for (const step of steps.filter((candidate) => candidate.run?.includes(" digest "))) {
      const line = step.run!.split("\n").find((candidate) => candidate.includes(" digest "))!;
      for (const [flag] of line.slice(line.indexOf(" digest ")).matchAll(/--[a-z-]+/g)) expect(digestHelp).toContain(flag);
    }
  });
});
