#!/usr/bin/env node
import { discardPendingWrites } from "./cli/output.js";
import { run } from "./cli/run.js";

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void discardPendingWrites().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
}

process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
