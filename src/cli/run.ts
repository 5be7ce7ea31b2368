import { DriftlogError } from "../errors.js";
import { VERSION } from "../version.js";
import { syncCommand } from "./sync.js";
import { changelogCommand } from "./changelog.js";
import { initCommand } from "./init.js";
import { digestCommand } from "./digest.js";

/** Where the CLI writes; injectable so tests run it in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

type Command = (argv: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  sync: { run: syncCommand, summary: "compare the Docker/IaC history of two branches and report the drift" },
  changelog: { run: changelogCommand, summary: "changelog and release notes from conventional commits" },
  init: { run: initCommand, summary: "write a commented driftlog.config.yaml for this repository" },
  digest: { run: digestCommand, summary: "merge many sync reports into one overview, most urgent first" },
};

const HELP = () => `driftlog ${VERSION}: Docker/IaC drift between a development branch and its release branches

Usage: driftlog <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(12)}${summary}`)
  .join("\n")}

Run \`driftlog <command> --help\` for a command's options.
Exit codes: 0 success, 1 a --fail-on gate tripped, 2 usage or config error, 3 repository error, 4 internal error.
`;

/** Runs the CLI with the given arguments and returns the exit code; never throws. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  const debug = argv.includes("--debug");
  try {
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      io.stdout(HELP());
      return 0;
    }
    if (name === "--version" || name === "-v") {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const command = COMMANDS[name];
    if (!command) {
      io.stderr(`driftlog: unknown command ${JSON.stringify(name)}; run \`driftlog --help\` for the list\n`);
      return 2;
    }
    return await command.run(rest, io);
  } catch (error) {
    return reportError(error, io, debug);
  }
}

function reportError(error: unknown, io: CliIO, debug: boolean): number {
  if (error instanceof DriftlogError) {
    io.stderr(`driftlog: ${oneLine(error.message)}${error.hint ? `; ${oneLine(error.hint)}` : ""}\n`);
    if (debug && error.stack) io.stderr(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`driftlog: internal error: ${oneLine(message)}; run with --debug for details and report it\n`);
  if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return 4;
}

/** Errors are one line, and nothing from a repository may drive the terminal. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, "").replace(/[\x00-\x1f\x7f]+/g, " ").trim();
}
