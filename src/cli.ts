#!/usr/bin/env node
import { discardPendingWrites, stdoutWriter, streamWriter } from "./cli/output.js";
import { run } from "./cli/run.js";

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void discardPendingWrites().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
}

// `terminal` lets `sync` draw its progress line when stderr is a TTY.
const io = {
  stdout: stdoutWriter(),
  stderr: streamWriter(process.stderr),
  cwd: process.cwd(),
  terminal: process.stderr,
};
process.exitCode = await run(process.argv.slice(2), io);
