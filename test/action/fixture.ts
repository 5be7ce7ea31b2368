import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { TestRepo } from "../helpers/repo.js";

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((done) => done()));

/** A temporary folder removed after the test. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * main has three Docker/IaC changes; stable got one of them with
 * `cherry-pick -x`; release/2.8 split from main after the first one.
 */
export function project(): TestRepo {
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

/**
 * The files and variables a GitHub runner gives a JavaScript action's step:
 * each input as `INPUT_<NAME>`, upper-cased with its hyphens kept.
 */
export function runnerEnv(workspace: string, inputs: Record<string, string>) {
  const dir = tempDir("driftlog-runner-");
  const summary = join(dir, "step_summary");
  const output = join(dir, "output");
  writeFileSync(summary, "");
  writeFileSync(output, "earlier=step\n");
  const env: Record<string, string> = { GITHUB_WORKSPACE: workspace, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, GITHUB_ACTIONS: "true" };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return {
    env,
    summary: () => readFileSync(summary, "utf8"),
    outputs: (): Record<string, string> => Object.fromEntries(readFileSync(output, "utf8").trim().split("\n").map((line) => line.split(/=(.*)/s).slice(0, 2))),
  };
}

export function capture() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (text: string) => (out.stdout += text), stderr: (text: string) => (out.stderr += text) } };
}

/** The `::error` annotations among stdout's lines. */
export const annotations = (stdout: string): string[] => stdout.split("\n").filter((line) => line.startsWith("::error"));
