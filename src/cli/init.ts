import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { usageError } from "../errors.js";
import { initConfig } from "../init/index.js";
import { COMMON_OPTIONS, parseCommandArgs } from "./args.js";
import { writeFileAtomic } from "./output.js";
import type { CliIO } from "./io.js";

export const INIT_HELP = `Usage: driftlog init [options]

Writes a commented driftlog.config.yaml at the top level of the repository,
with the Docker/IaC categories found in it and source/target guessed from
its branches. This is the one command that writes into the work tree.

Options:
  --repo DIR            repository to configure (default: .)
  --force               overwrite an existing driftlog.config.yaml
  --stdout              print the config instead of writing it
  --quiet               print nothing but errors
  --debug               print stack traces with errors
`;

const OPTIONS = {
  repo: COMMON_OPTIONS.repo,
  quiet: COMMON_OPTIONS.quiet,
  debug: COMMON_OPTIONS.debug,
  help: COMMON_OPTIONS.help,
  force: { type: "boolean" },
  stdout: { type: "boolean" },
} as const;

export async function initCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, "init");
  if (values.help) {
    io.stdout(INIT_HELP);
    return 0;
  }
  if (positionals.length > 0) throw usageError("E_USAGE", `unexpected argument ${JSON.stringify(positionals[0])}`, "run `driftlog init --help`");
  const { path, text, bare } = await initConfig({ repo: resolve(io.cwd, values.repo ?? ".") });
  if (values.stdout) {
    io.stdout(text);
    return 0;
  }
  if (bare) throw usageError("E_BARE_REPO", "a bare repository has no work tree to write driftlog.config.yaml into", "run init in a clone, or pass --stdout and commit the file yourself");
  if (!values.force && (await exists(path))) {
    throw usageError("E_CONFIG_EXISTS", `${path} already exists`, "pass --force to overwrite it, or --stdout to see the proposal");
  }
  await writeFileAtomic(path, text);
  if (!values.quiet) io.stderr(`driftlog: wrote ${path}\n`);
  return 0;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
