import { spawnSync } from "node:child_process";
import { chmodSync, closeSync, lstatSync, openSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { run } from "../../src/cli/run.js";
import { discardPendingWrites, writeFilesAtomic } from "../../src/cli/output.js";
import { DriftlogError } from "../../src/errors.js";
import type { TestRepo } from "../helpers/repo.js";
import { CLI, cliEnv, ensureBuilt } from "./cli.js";
import { releaseRepo } from "./repos.js";

let tmp: string;
let repo: TestRepo;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "driftlog-output-"));
  repo = releaseRepo(3);
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  repo?.remove();
});

/** A folder holding one earlier report. */
function folder(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "sync-report.md"), "earlier\n");
  return dir;
}

const listing = (dir: string) => readdirSync(dir).sort();

async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const code = await run(args, { stdout: () => {}, stderr: (text) => (stderr += text), cwd: tmp });
  return { code, stderr };
}

describe("a set of output files is written whole or not at all", () => {
  test("a folder in the way of the last file: nothing is renamed, no temporary file stays", async () => {
    const dir = folder("blocked");
    mkdirSync(join(dir, "sync-report.html"));
    const error = await writeFilesAtomic([
      { path: join(dir, "sync-report.json"), content: "{}" },
      { path: join(dir, "sync-report.md"), content: "new\n" },
      { path: join(dir, "sync-report.html"), content: "<p>new</p>" },
    ]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DriftlogError);
    expect((error as DriftlogError).exitCode).toBe(2);
    expect((error as DriftlogError).message).toMatch(/cannot write .*sync-report\.html: it is a folder/);
    expect(listing(dir)).toEqual(["sync-report.html", "sync-report.md"]);
    expect(readFileSync(join(dir, "sync-report.md"), "utf8")).toBe("earlier\n");
  });

  test("the same through the CLI: sync with every format into a folder that blocks one", async () => {
    const dir = folder("blocked-cli");
    mkdirSync(join(dir, "sync-report.eml"));
    const result = await cli(["sync", "--repo", repo.dir, "--format", "json,md,html,email", "--out", dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^driftlog: cannot write .*sync-report\.eml: it is a folder; /);
    expect(listing(dir)).toEqual(["sync-report.eml", "sync-report.md"]);
    expect(readFileSync(join(dir, "sync-report.md"), "utf8")).toBe("earlier\n");
  });

  // Unlike a read-only folder (which root writes into anyway), a file in the way stops everyone, root too.
  test("a file where a folder is expected: a usage error naming the path, nothing written", async () => {
    const dir = folder("file-in-the-way");
    writeFileSync(join(dir, "reports"), "a file, not a folder\n");
    const result = await cli(["sync", "--repo", repo.dir, "--format", "json,md", "--out", join(dir, "reports", "weekly")]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/^driftlog: cannot write .*file-in-the-way\/reports\/weekly\/sync-report\.json: a part of the path is a file, not a folder; check the --out/);
    const changelog = await cli(["changelog", "--repo", repo.dir, "--write", join(dir, "reports", "CHANGELOG.md")]);
    expect(changelog.code, changelog.stderr).toBe(2);
    expect(changelog.stderr).toMatch(/^driftlog: --write .*file-in-the-way\/reports\/CHANGELOG\.md cannot be read: ENOTDIR/);
    expect(listing(dir)).toEqual(["reports", "sync-report.md"]);
    expect(readFileSync(join(dir, "reports"), "utf8")).toBe("a file, not a folder\n");
  });

  test("changelog --write keeps the file's permissions, and a symlinked CHANGELOG.md stays a link", async () => {
    const dir = join(tmp, "changelogs");
    mkdirSync(join(dir, "docs"), { recursive: true });
    const plain = join(dir, "CHANGELOG.md");
    writeFileSync(plain, "# Changelog\n");
    chmodSync(plain, 0o640);
    expect((await cli(["changelog", "--repo", repo.dir, "--write", plain])).code).toBe(0);
    expect(statSync(plain).mode & 0o777).toBe(0o640);
    expect(readFileSync(plain, "utf8")).toMatch(/^# Changelog\n[\s\S]*1\.0\.0/);

    const real = join(dir, "docs", "CHANGES.md");
    writeFileSync(real, "# Changelog\n");
    const link = join(dir, "LINKED.md");
    symlinkSync(join("docs", "CHANGES.md"), link);
    expect((await cli(["changelog", "--repo", repo.dir, "--write", link])).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join("docs", "CHANGES.md"));
    expect(readFileSync(real, "utf8")).toBe(readFileSync(plain, "utf8"));
    expect(listing(join(dir, "docs"))).toEqual(["CHANGES.md"]);
  });

  // Real device failures in a real process: /dev/full answers every write with ENOSPC, and a file size limit gives EFBIG.
  describe("a failing device is an io error (exit 6), not a usage error or a crash", () => {
    beforeAll(() => ensureBuilt());

    test("stdout on a full disk (> /dev/full): exit 6, one line naming the cause", () => {
      const full = openSync("/dev/full", "w");
      try {
        const result = spawnSync(process.execPath, [CLI, "changelog", "--repo", repo.dir], { env: cliEnv(), stdio: ["ignore", full, "pipe"], encoding: "utf8" });
        expect(result.status, result.stderr).toBe(6);
        expect(result.stderr).toBe("driftlog: cannot write stdout: no space left on the device; free some space on the device, then run again\n");
      } finally {
        closeSync(full);
      }
    });

    test("reports larger than the file size limit: exit 6, nothing new and no temporary file", () => {
      const dir = folder("too-large");
      // ulimit -f counts 512-byte blocks in sh; Node ignores SIGXFSZ, so the write fails with EFBIG.
      const args = ["sync", "--repo", repo.dir, "--no-cache", "--format", "json,md,html,email", "--out", dir];
      const result = spawnSync("sh", ["-c", 'ulimit -f 4 && exec "$0" "$@"', process.execPath, CLI, ...args], { env: cliEnv(), encoding: "utf8" });
      expect(result.status, result.stderr).toBe(6);
      expect(result.stderr).toMatch(/^driftlog: cannot write .*too-large\/sync-report\.\w+: the file is too large; raise the file size limit/);
      expect(result.stderr.split("\n")).toHaveLength(2);
      expect(listing(dir)).toEqual(["sync-report.md"]);
      expect(readFileSync(join(dir, "sync-report.md"), "utf8")).toBe("earlier\n");
    });
  });

  // Last in this file: after an interruption no later write may happen in this process.
  test("interrupted while the temporary files are written: nothing appears, ever", async () => {
    const dir = folder("interrupted");
    const big = Buffer.alloc(64 * 1024 * 1024, 0x61);
    const writing = writeFilesAtomic([
      { path: join(dir, "sync-report.json"), content: big },
      { path: join(dir, "sync-report.md"), content: big },
    ]).catch((caught: unknown) => caught);
    await new Promise((resolve) => setImmediate(resolve));
    await discardPendingWrites();
    const error = await writing;
    expect(error).toBeInstanceOf(DriftlogError);
    expect(listing(dir)).toEqual(["sync-report.md"]);
    expect(readFileSync(join(dir, "sync-report.md"), "utf8")).toBe("earlier\n");
    await expect(writeFilesAtomic([{ path: join(dir, "late.md"), content: "x" }])).rejects.toThrow(/interrupted/);
    expect(listing(dir)).toEqual(["sync-report.md"]);
  });
});
