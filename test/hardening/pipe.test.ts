import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TestRepo } from "../helpers/repo.js";
import { CLI, cliEnv, ensureBuilt, type CliResult } from "./cli.js";
import { releaseRepo } from "./repos.js";

let repo: TestRepo;

beforeAll(() => {
  ensureBuilt();
  repo = releaseRepo(3);
});
afterAll(() => repo?.remove());

/**
 * Runs the built CLI with a stdout pipe whose reading end is closed before
 * the CLI has printed anything, as `driftlog … | head -1` does once it has its
 * line: every write the CLI makes meets a closed pipe (EPIPE).
 */
function runIntoClosedPipe(args: string[]): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args], { env: cliEnv(), stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.destroy();
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout: "", stderr }));
  });
}

describe("output to a closed pipe", () => {
  test.each([
    ["sync --format json", () => ["sync", "--repo", repo.dir, "--no-cache", "--format", "json"]],
    ["sync --format md", () => ["sync", "--repo", repo.dir, "--no-cache", "--format", "md"]],
    ["changelog", () => ["changelog", "--repo", repo.dir]],
    ["changelog --format json", () => ["changelog", "--repo", repo.dir, "--format", "json"]],
  ])("%s exits 0 without a word", async (_name, args) => {
    const result = await runIntoClosedPipe(args());
    expect(result.stderr).toBe("");
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
  });

  test("a --fail-on rule that trips still decides the exit code", async () => {
    const result = await runIntoClosedPipe(["sync", "--repo", repo.dir, "--no-cache", "--fail-on", "unsynced"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^driftlog: .*unsynced/);
    expect(result.stderr).not.toMatch(/EPIPE|Error|at /);
  });
});
