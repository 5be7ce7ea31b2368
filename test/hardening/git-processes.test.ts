import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TestRepo } from "../helpers/repo.js";
import { cliEnv, ensureBuilt, runCli } from "./cli.js";
import { GitShim } from "./git-shim.js";
import { releaseRepo } from "./repos.js";

/**
 * At most this many git processes per command, whatever the history's length.
 * Equality between 5 and 60 commits is what catches a process per commit; this
 * only keeps the fixed number small (sync starts 14 at the time of writing).
 */
const BUDGET = 20;

let small: TestRepo;
let large: TestRepo;
/** One shim per repository, so the runs on both can go side by side. */
let shims: { small: GitShim; large: GitShim };
let out: string;

beforeAll(() => {
  ensureBuilt();
  small = releaseRepo(5);
  large = releaseRepo(60);
  shims = { small: new GitShim(), large: new GitShim() };
  out = mkdtempSync(join(tmpdir(), "driftlog-git-count-"));
});

afterAll(() => {
  small?.remove();
  large?.remove();
  shims?.small.remove();
  shims?.large.remove();
  rmSync(out, { recursive: true, force: true });
});

/** The git commands one CLI run starts (first two words, e.g. `cat-file --batch`). */
async function gitCommands(shim: GitShim, args: string[]): Promise<string[]> {
  shim.reset();
  const result = await runCli(args, { env: cliEnv({ PATH: shim.path() }) });
  expect(result.code, result.stderr).toBe(0);
  return shim
    .invocations()
    .map((argv) => argv.filter((arg, i) => !(arg === "-c" || argv[i - 1] === "-c")))
    .map((argv) => argv.slice(0, 2).join(" "))
    .sort();
}

describe("a fixed number of git processes per run", () => {
  test("the shim sees every git process", async () => {
    const commands = await gitCommands(shims.small, ["sync", "--repo", small.dir, "--no-cache", "--format", "json"]);
    expect(commands.some((command) => command.startsWith("log "))).toBe(true);
    expect(commands.some((command) => command.startsWith("rev-parse "))).toBe(true);
  });

  test.each([
    ["sync, every format", (dir: string, name: string) => syncArgs(dir, name, true)],
    ["changelog", (dir: string) => ["changelog", "--repo", dir, "--format", "md"]],
    ["changelog --write", (dir: string, name: string) => ["changelog", "--repo", dir, "--write", join(out, `CHANGELOG-${name}.md`)]],
  ])("%s: the same commands for 5 and for 60 Docker/IaC commits, and few", async (_name, args) => {
    // Cold (no cache under .git/driftlog/ yet), then warm.
    for (const round of ["cold", "warm"]) {
      const [few, many] = await Promise.all([gitCommands(shims.small, args(small.dir, "small")), gitCommands(shims.large, args(large.dir, "large"))]);
      const context = `${round}: 5 commits ran ${few.join(", ")}; 60 commits ran ${many.join(", ")}`;
      expect(many, context).toEqual(few);
      expect(few.length, context).toBeLessThanOrEqual(BUDGET);
    }
  });
});

function syncArgs(dir: string, name: string, cache: boolean): string[] {
  return ["sync", "--repo", dir, ...(cache ? [] : ["--no-cache"]), "--format", "json,md,html,email", "--out", join(out, `sync-${name}`)];
}
