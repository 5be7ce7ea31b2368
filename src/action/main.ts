#!/usr/bin/env node
/**
 * Entry point of the composite action (action.yml): the runner's
 * environment in, the exit code out. Like src/cli.ts, an edge that may
 * touch the console.
 */
import { discardPendingWrites } from "../cli/output.js";
import { runAction } from "./run.js";

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void discardPendingWrites().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
}

process.exitCode = await runAction(process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
