#!/usr/bin/env node
/**
 * Entry point of the action (action.yml runs its bundle, bundle/driftlog.mjs):
 * with no arguments, the action, the runner's environment in and the exit
 * code out; with arguments, the driftlog CLI, so later steps of a workflow
 * run `node "$CLI" changelog ...` from the same file. Like src/cli.ts, an
 * edge that may touch the console.
 */
import { fileURLToPath } from "node:url";
import { discardPendingWrites, stdoutWriter, streamWriter } from "../cli/output.js";
import { run } from "../cli/run.js";
import { runAction } from "./run.js";

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void discardPendingWrites().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
}

const argv = process.argv.slice(2);
// A reader that stops early (`node "$CLI" sync | head -1`) is no error, as with the installed CLI.
const io = { stdout: stdoutWriter(), stderr: streamWriter(process.stderr) };
// `terminal` lets `sync` draw its progress line when stderr is a TTY.
const cli = { ...io, cwd: process.cwd(), terminal: process.stderr };
process.exitCode = argv.length > 0 ? await run(argv, cli) : await runAction(process.env, io, { cli: fileURLToPath(import.meta.url) });
