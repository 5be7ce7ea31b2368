import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync, rmdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "../..");
export const CLI = join(ROOT, "dist/cli.js");

/** The newest modification time under `dir` (files ending in `ext`). */
function newest(dir: string, ext: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(ext)) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

const isFresh = () => {
  try {
    return statSync(CLI).mtimeMs >= newest(join(ROOT, "src"), ".ts");
  } catch {
    return false;
  }
};

/**
 * Builds dist/ with tsc when a source file is newer than dist/cli.js, so the
 * spawned CLI is the code under test. A lock folder keeps test files running
 * in parallel from building at once. Type errors elsewhere do not stop tsc
 * from emitting, so its exit code is not what decides.
 */
export function ensureBuilt(): void {
  if (isFresh()) return;
  const lock = join(ROOT, "node_modules/.cache/driftlog-hardening-build.lock");
  mkdirSync(join(lock, ".."), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${lock} is held for two minutes; remove it if no build runs`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (!isFresh()) {
      try {
        execFileSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "pipe" });
      } catch {
        // Type errors in files under parallel edit; the emitted JavaScript is what is tested.
      }
    }
  } finally {
    rmdirSync(lock);
  }
  if (!isFresh()) throw new Error("npm run build did not produce a fresh dist/cli.js");
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Environment for the spawned CLI: no git config from the machine, a pinned clock. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", SOURCE_DATE_EPOCH: "1738569600", NO_COLOR: "1", ...extra };
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Options for node itself, before the script (e.g. `--import` a test hook). */
  node?: string[];
}

/** Starts the built CLI; `done` resolves with its exit and output. */
export function startCli(args: string[], options: CliOptions = {}): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [...(options.node ?? []), CLI, ...args], { cwd: options.cwd ?? ROOT, env: options.env ?? cliEnv(), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export const runCli = (args: string[], options: CliOptions = {}) => startCli(args, options).done;
