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

let repo: TestRepo;
let shim: GitShim;
let tmp: string;

beforeAll(() => {
  ensureBuilt();
  repo = releaseRepo(20);
  shim = new GitShim();
  tmp = mkdtempSync(join(tmpdir(), "driftlog-interrupt-"));
});

afterAll(() => {
  repo?.remove();
  shim?.remove();
  rmSync(tmp, { recursive: true, force: true });
});

/** A fresh --out folder with one earlier file, and a CHANGELOG.md written by hand. */
function workspace(name: string): { out: string; changelog: string } {
  const dir = join(tmp, name);
  mkdirSync(join(dir, "out"), { recursive: true });
  writeFileSync(join(dir, "out", "earlier.txt"), "earlier\n");
  writeFileSync(join(dir, "CHANGELOG.md"), EARLIER_CHANGELOG);
  return { out: join(dir, "out"), changelog: join(dir, "CHANGELOG.md") };
}

/** Waits until `check` holds, polling. */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sync = (out: string) => ["sync", "--repo", repo.dir, "--no-cache", "--format", "json,md,html,email", "--out", out];
const write = (changelog: string) => ["changelog", "--repo", repo.dir, "--write", changelog];

describe("SIGINT leaves nothing behind", () => {
  test.each([
    ["sync --out", "SIGINT", 130, (w: { out: string; changelog: string }) => sync(w.out)],
    ["changelog --write", "SIGINT", 130, (w: { out: string; changelog: string }) => write(w.changelog)],
    ["sync --out", "SIGTERM", 143, (w: { out: string; changelog: string }) => sync(w.out)],
  ] as const)("%s, sent %s while it waits on git log: exit %i, no new or temporary file", async (name, signal, code, args) => {
    const w = workspace(`waiting-${name.replace(/\W+/g, "-")}-${signal}`);
    shim.reset();
    const { child, done } = startCli(args(w), { env: cliEnv({ PATH: shim.path(), DRIFTLOG_SHIM_SLOW: "log" }) });
    await until(() => shim.invocations().some((argv) => argv.includes("log")), "git log to start");
    child.kill(signal);
    const result = await done;
    shim.stopSleepers();
    expect(result.code, result.stderr).toBe(code);
    expect(readdirSync(w.out)).toEqual(["earlier.txt"]);
    expect(readdirSync(join(w.out, ".."))).toEqual(["CHANGELOG.md", "out"]);
    expect(readFileSync(w.changelog, "utf8")).toBe(EARLIER_CHANGELOG);
  });

  test("at any moment: either everything was written or nothing was", async () => {
    // What an uninterrupted run writes, to compare a finished one against.
    const reference = workspace("reference");
    const started = Date.now();
    const [referenceSync, referenceWrite] = await Promise.all([runCli(sync(reference.out)), runCli(write(reference.changelog))]);
    const duration = Date.now() - started;
    expect(referenceSync!.code).toBe(0);
    expect(referenceWrite!.code).toBe(0);
    const fullChangelog = readFileSync(reference.changelog, "utf8");
    expect(fullChangelog).toContain("Hand-written intro");
    expect(fullChangelog).not.toBe(EARLIER_CHANGELOG);

    const outcomes = { interrupted: 0, finished: 0, nothingWritten: 0 };
    const moments = 12;
    for (let i = 0; i < moments; i++) {
      const w = workspace(`moment-${i}`);
      const runs = [startCli(sync(w.out)), startCli(write(w.changelog))];
      // Spread over start-up, reading, rendering and writing, and a little past the end.
      await new Promise((resolve) => setTimeout(resolve, (duration * (i + 1) * 1.2) / moments));
      runs.forEach(({ child }) => child.kill("SIGINT"));
      const [syncResult, writeResult] = await Promise.all(runs.map(({ done }) => done));
      for (const result of [syncResult!, writeResult!]) {
        // Before the handler is installed (while modules load) the signal's default ends the process.
        if (result.code === null) expect(result.signal).toBe("SIGINT");
        else expect([0, 130], result.stderr).toContain(result.code);
        outcomes[result.code === 0 ? "finished" : "interrupted"]++;
      }
      // A signal after the renames still exits 130; the set is then complete, never partial.
      const files = readdirSync(w.out).sort();
      if (syncResult!.code === 0) expect(files).toEqual(["earlier.txt", ...REPORTS]);
      else expect([["earlier.txt"], ["earlier.txt", ...REPORTS]]).toContainEqual(files);
      expect(readdirSync(join(w.out, "..")).sort()).toEqual(["CHANGELOG.md", "out"]);
      const changelog = readFileSync(w.changelog, "utf8");
      if (writeResult!.code === 0) expect(changelog).toBe(fullChangelog);
      else expect([EARLIER_CHANGELOG, fullChangelog]).toContain(changelog);
      if (files.length === 1) outcomes.nothingWritten++;
    }
    // The early moments must have stopped a run before it wrote, or this says little.
    expect(outcomes.nothingWritten, JSON.stringify(outcomes)).toBeGreaterThan(0);
  });
});
