import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TestRepo } from "../helpers/repo.js";
import { cliEnv, ensureBuilt, runCli, startCli } from "./cli.js";
import { GitShim } from "./git-shim.js";
import { releaseRepo } from "./repos.js";

const REPORTS = ["sync-report.eml", "sync-report.html", "sync-report.json", "sync-report.md"];
const EARLIER_CHANGELOG = "# Changelog\n\nHand-written intro that must survive.\n";
const HOOK = join(import.meta.dirname, "interrupt-at.mjs");

let repo: TestRepo;
let shim: GitShim;
let tmp: string;
/** What an uninterrupted run writes: each report's text, and the updated changelog. */
let reference: { reports: Record<string, string>; changelog: string };

beforeAll(async () => {
  ensureBuilt();
  repo = releaseRepo(20);
  shim = new GitShim();
  tmp = mkdtempSync(join(tmpdir(), "driftlog-interrupt-"));
  const w = workspace("reference");
  const [synced, written] = await Promise.all([runCli(sync(w.out)), runCli(write(w.changelog))]);
  expect(synced.code, synced.stderr).toBe(0);
  expect(written.code, written.stderr).toBe(0);
  reference = { reports: Object.fromEntries(REPORTS.map((name) => [name, readFileSync(join(w.out, name), "utf8")])), changelog: readFileSync(w.changelog, "utf8") };
  expect(reference.changelog).toContain("Hand-written intro");
  expect(reference.changelog).not.toBe(EARLIER_CHANGELOG);
});

afterAll(() => {
  repo?.remove();
  shim?.remove();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Workspace {
  dir: string;
  out: string;
  changelog: string;
}

/** A fresh --out folder with one earlier file, and a CHANGELOG.md written by hand. */
function workspace(name: string): Workspace {
  const dir = join(tmp, name.replace(/\W+/g, "-"));
  mkdirSync(join(dir, "out"), { recursive: true });
  writeFileSync(join(dir, "out", "earlier.txt"), "earlier\n");
  writeFileSync(join(dir, "CHANGELOG.md"), EARLIER_CHANGELOG);
  return { dir, out: join(dir, "out"), changelog: join(dir, "CHANGELOG.md") };
}

/** Waits until `check` holds, polling. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !check(); tries++) {
    if (tries > 1000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sync = (out: string) => ["sync", "--repo", repo.dir, "--no-cache", "--format", "json,md,html,email", "--out", out];
const write = (changelog: string) => ["changelog", "--repo", repo.dir, "--write", changelog];

/** Nothing new in the workspace: the earlier file alone in --out, the hand-written changelog as it was, no temporary file anywhere. */
function expectUntouched(w: Workspace): void {
  expect(readdirSync(w.out)).toEqual(["earlier.txt"]);
  expect(readdirSync(w.dir).sort()).toEqual(["CHANGELOG.md", "out"]);
  expect(readFileSync(w.changelog, "utf8")).toBe(EARLIER_CHANGELOG);
}

describe("SIGINT leaves nothing behind", () => {
  test.each([
    ["sync --out", "SIGINT", 130, (w: Workspace) => sync(w.out)],
    ["changelog --write", "SIGINT", 130, (w: Workspace) => write(w.changelog)],
    ["sync --out", "SIGTERM", 143, (w: Workspace) => sync(w.out)],
  ] as const)("%s, sent %s while it waits on git log: exit %i, no new or temporary file", async (name, signal, code, args) => {
    const w = workspace(`waiting-${name}-${signal}`);
    shim.reset();
    const { child, done } = startCli(args(w), { env: cliEnv({ PATH: shim.path(), DRIFTLOG_SHIM_SLOW: "log" }) });
    await until(() => shim.invocations().some((argv) => argv.includes("log")), "git log to start");
    child.kill(signal);
    const result = await done;
    shim.stopSleepers();
    expect(result.code, result.stderr).toBe(code);
    expectUntouched(w);
  });

  // The signal comes at a known call of the writer (see interrupt-at.mjs), so every run is the same run.
  const at = (point: { call: string; match: string; nth: number; signal?: string }) => ({
    node: ["--import", HOOK],
    env: cliEnv({ DRIFTLOG_INTERRUPT_AT: JSON.stringify({ signal: "SIGINT", ...point }) }),
  });

  test.each([
    ["sync --out, as the first temporary file is written", (w: Workspace) => ({ args: sync(w.out), ...at({ call: "writeFile", match: join(w.out, ".sync-report."), nth: 1 }) })],
    // After the first file is staged and before the second's is made: a temporary file made after the handler looked must not survive.
    ["sync --out, between the first file and the second", (w: Workspace) => ({ args: sync(w.out), ...at({ call: "lstat", match: join(w.out, "sync-report."), nth: 2 }) })],
    ["sync --out, as the last temporary file is written", (w: Workspace) => ({ args: sync(w.out), ...at({ call: "writeFile", match: join(w.out, ".sync-report."), nth: 4 }) })],
    ["changelog --write, as its temporary file is written", (w: Workspace) => ({ args: write(w.changelog), ...at({ call: "writeFile", match: join(w.dir, ".CHANGELOG.md."), nth: 1 }) })],
  ])("%s: exit 130, no new or temporary file", async (name, plan) => {
    const w = workspace(name);
    const { args, ...options } = plan(w);
    const result = await runCli(args, options);
    expect(result.code, result.stderr).toBe(130);
    expectUntouched(w);
  });

  test("sync --out and changelog --write, each sent SIGINT just after its last rename: exit 130, everything written, no temporary file", async () => {
    const w = workspace("after-the-renames");
    const [synced, written] = await Promise.all([
      runCli(sync(w.out), at({ call: "renameSync", match: join(w.out, "sync-report."), nth: REPORTS.length })),
      runCli(write(w.changelog), at({ call: "renameSync", match: w.changelog, nth: 1 })),
    ]);
    expect(synced.code, synced.stderr).toBe(130);
    expect(written.code, written.stderr).toBe(130);
    expect(readdirSync(w.out).sort()).toEqual(["earlier.txt", ...REPORTS]);
    for (const name of REPORTS) expect(readFileSync(join(w.out, name), "utf8"), name).toBe(reference.reports[name]);
    expect(readdirSync(w.dir).sort()).toEqual(["CHANGELOG.md", "out"]);
    expect(readFileSync(w.changelog, "utf8")).toBe(reference.changelog);
  });
});
