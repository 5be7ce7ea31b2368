#!/usr/bin/env node
import { discardPendingWrites } from "./cli/output.js";
import { run } from "./cli/run.js";

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void discardPendingWrites().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
}

/**
 * A reader that stops early (`driftlog sync | head -1`) closes the pipe.
 * That is not a failure of the run: what is left to print is dropped without
 * a word, and the exit code stays the run's own (0, or 1 for a tripped gate).
 */
function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

// `terminal` lets `sync` draw its progress line when stderr is a TTY.
const io = {
  stdout: writerTo(process.stdout),
  stderr: writerTo(process.stderr),
  cwd: process.cwd(),
  terminal: process.stderr,
};
process.exitCode = await run(process.argv.slice(2), io);
