import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { progressDisplay, progressLine, type Terminal } from "../../src/cli/progress.js";
import { run } from "../../src/cli/run.js";
import { twoTargetRepo } from "./fixture.js";

const CLEAR = "\r\x1b[2K";

function fakeTerminal(isTTY: boolean, columns = 200) {
  const writes: string[] = [];
  const terminal: Terminal = { isTTY, columns, write: (text: string) => writes.push(text) };
  return { terminal, writes };
}

describe("progressDisplay", () => {
  it("draws one rewritten line: a new phase at once, counters at most every 100 ms, then clears it", () => {
    let clock = 1_000;
    const { terminal, writes } = fakeTerminal(true);
    const display = progressDisplay(terminal, { now: () => clock });
    display.update({ phase: "reading history", commits: 10, files: 0 });
    clock += 50;
    display.update({ phase: "reading history", commits: 20, files: 0 });
    clock += 49;
    display.update({ phase: "reading history", commits: 30, files: 0 });
    display.update({ phase: "matching", commits: 30, files: 7 });
    clock += 100;
    display.update({ phase: "matching", commits: 30, files: 1234 });
    display.clear();
    display.clear();
    expect(writes).toEqual([
      `${CLEAR}driftlog: reading history… 10 commits, 0 files`,
      `${CLEAR}driftlog: matching… 30 commits, 7 files`,
      `${CLEAR}driftlog: matching… 30 commits, 1,234 files`,
      CLEAR,
    ]);
  });

  it("draws nothing on a stream that is not a terminal, or with none", () => {
    const { terminal, writes } = fakeTerminal(false);
    for (const display of [progressDisplay(terminal), progressDisplay(undefined)]) {
      display.update({ phase: "matching", commits: 1, files: 1 });
      display.clear();
    }
    expect(writes).toEqual([]);
  });

  it("names the target with several, and cuts the line to the terminal's width", () => {
    expect(progressLine({ phase: "predicting picks", commits: 1, files: 2, target: "release/2.8\u001b[31m", index: 1, count: 2 })).toBe("driftlog: [release/2.8 2/2] predicting picks… 1 commit, 2 files");
    expect(progressLine({ phase: "matching", commits: 1, files: 1, target: "stable", index: 0, count: 1 })).toBe("driftlog: matching… 1 commit, 1 file");
    const { terminal, writes } = fakeTerminal(true, 20);
    progressDisplay(terminal).update({ phase: "reading history", commits: 1, files: 1 });
    expect(writes[0]).toBe(`${CLEAR}driftlog: reading …`);
    expect([...writes[0]!.slice(CLEAR.length)]).toHaveLength(19);
  });
});

describe("driftlog sync on a terminal", () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    cleanup.splice(0).forEach((done) => done());
  });

  async function sync(argv: string[], isTTY: boolean) {
    const { repo } = twoTargetRepo();
    cleanup.push(() => repo.remove());
    // One log in the order things reach the screen: the progress line and stderr share it.
    const screen: string[] = [];
    const terminal: Terminal = { isTTY, columns: 120, write: (text: string) => screen.push(text) };
    const io = { stdout: () => {}, stderr: (text: string) => screen.push(text), cwd: repo.dir, terminal };
    const code = await run(["sync", "--out", "out", ...argv], io);
    return { code, screen, cached: existsSync(join(repo.dir, ".git", "driftlog")) };
  }

  it("shows each target's progress, and clears the line before the summary", async () => {
    const { code, screen, cached } = await sync(["--target", "stable", "--target", "release/2.8"], true);
    expect(code).toBe(0);
    const lines = screen.filter((text) => text.startsWith(`${CLEAR}driftlog:`));
    // Targets in turn, each from its first phase; nothing but the line itself is written.
    const prefixes = lines.map((line) => /^\r\x1b\[2Kdriftlog: \[(stable 1\/2|release\/2\.8 2\/2)\] (reading history|reading files|matching|predicting picks)… \d+ commits?, \d+ files?$/.exec(line)?.[1]);
    expect(prefixes).not.toContain(undefined);
    expect(prefixes.indexOf("release/2.8 2/2")).toBeGreaterThan(prefixes.lastIndexOf("stable 1/2"));
    expect(lines[0]).toBe(`${CLEAR}driftlog: [stable 1/2] reading history… 0 commits, 0 files`);
    expect(lines).toContain(`${CLEAR}driftlog: [release/2.8 2/2] reading history… 0 commits, 0 files`);
    const summary = screen.findIndex((text) => text.startsWith("driftlog: stable:"));
    expect(summary).toBeGreaterThan(0);
    expect(screen[summary - 1]).toBe(CLEAR);
    expect(screen.slice(summary).some((text) => text.includes("\r"))).toBe(false);
    expect(cached).toBe(true);
  });

  it("draws nothing with --quiet or off a terminal, and --no-cache turns the cache off", async () => {
    const quiet = await sync(["--quiet", "--no-cache"], true);
    expect(quiet.code).toBe(0);
    expect(quiet.screen).toEqual([]);
    expect(quiet.cached).toBe(false);
    const piped = await sync([], false);
    expect(piped.screen.join("")).not.toContain("\r");
    expect(piped.screen).toHaveLength(1);
  });
});
