import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { run } from "../../src/cli/run.js";
import { discardPendingWrites, writeFilesAtomic } from "../../src/cli/output.js";
import { DriftlogError } from "../../src/errors.js";
import type { TestRepo } from "../helpers/repo.js";
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

  // Root writes into read-only folders anyway.
  test.skipIf(process.getuid?.() === 0)("a read-only folder: a usage error naming the path, not an internal error", async () => {
    const dir = folder("read-only");
    chmodSync(dir, 0o555);
    try {
      const result = await cli(["sync", "--repo", repo.dir, "--format", "md", "--out", dir]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/cannot write .*read-only\/sync-report\.md: permission denied/);
    } finally {
      chmodSync(dir, 0o755);
    }
    expect(listing(dir)).toEqual(["sync-report.md"]);
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
