import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/**
 * A `git` first on PATH that appends each invocation (arguments separated by
 * 0x1f) to a log, then runs the real git. With `slow` set to a git command
 * name, that command instead records its pid and sleeps, so a test can
 * interrupt driftlog while it waits on git.
 */
export class GitShim {
  readonly dir = mkdtempSync(join(tmpdir(), "driftlog-git-shim-"));
  readonly log = join(this.dir, "invocations.log");
  private readonly pids = join(this.dir, "pids");

  constructor() {
    const real = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
    const script = [
      "#!/bin/sh",
      `log='${this.log}'`,
      // One append per invocation: git processes running side by side must not interleave their lines.
      'line=""',
      'for arg in "$@"; do line="$line$(printf \'%s\\037\' "$arg" | tr \'\\n\' \' \')"; done',
      'printf \'%s\\n\' "$line" >> "$log"',
      'if [ -n "$DRIFTLOG_SHIM_SLOW" ]; then',
      '  for arg in "$@"; do if [ "$arg" = "$DRIFTLOG_SHIM_SLOW" ]; then',
      `    echo $$ >> '${this.pids}'`,
      "    exec sleep 30",
      "  fi; done",
      "fi",
      `exec '${real}' "$@"`,
      "",
    ].join("\n");
    writeFileSync(join(this.dir, "git"), script);
    chmodSync(join(this.dir, "git"), 0o755);
  }

  /** PATH with the shim first. */
  path(): string {
    return `${this.dir}${delimiter}${process.env.PATH ?? ""}`;
  }

  /** Each git invocation since the last reset, as its argument list. */
  invocations(): string[][] {
    if (!existsSync(this.log)) return [];
    return readFileSync(this.log, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split("\x1f").slice(0, -1));
  }

  reset(): void {
    rmSync(this.log, { force: true });
  }

  /** Ends the sleeping stand-ins this shim started. */
  stopSleepers(): void {
    if (!existsSync(this.pids)) return;
    for (const pid of readFileSync(this.pids, "utf8").split("\n").filter(Boolean)) {
      try {
        process.kill(Number(pid));
      } catch {
        // Already gone.
      }
    }
    rmSync(this.pids, { force: true });
  }

  remove(): void {
    this.stopSleepers();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
