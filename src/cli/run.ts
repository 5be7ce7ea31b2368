import { DriftlogError, usageError } from "../errors.js";
import { closest } from "../git/refs.js";
import { VERSION } from "../version.js";

import type { CliIO } from "./io.js";

export type { CliIO } from "./io.js";

type Command = (argv: string[], io: CliIO) => Promise<number>;

// Each command is loaded when it runs: the others' dependencies (SMTP, HTML sanitising, parsers) cost start-up time.
const COMMANDS: Record<string, { run: Command; summary: string }> = {
  sync: { run: async (argv, io) => (await import("./sync.js")).syncCommand(argv, io), summary: "compare the Docker/IaC history of two branches and report the drift" },
  changelog: { run: async (argv, io) => (await import("./changelog.js")).changelogCommand(argv, io), summary: "changelog and release notes from conventional commits" },
  init: { run: async (argv, io) => (await import("./init.js")).initCommand(argv, io), summary: "write a commented driftlog.config.yaml for this repository" },
  digest: { run: async (argv, io) => (await import("./digest.js")).digestCommand(argv, io), summary: "merge many sync reports into one overview, most urgent first" },
};

const HELP = () => `driftlog ${VERSION}: Docker/IaC drift between a development branch and its release branches

Usage: driftlog <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(12)}${summary}`)
  .join("\n")}

Run \`driftlog <command> --help\` for a command's options.
Exit codes: 0 success, 1 a --fail-on gate tripped, 2 usage or config error, 3 repository error, 4 internal error,
5 network (SMTP) error, 6 device error while writing (no space left, I/O error).
`;

/**
 * Runs the CLI with the given arguments and returns the exit code; never
 * throws. Whatever a command writes to stderr (which may quote commit text,
 * config keys or git's own messages) goes out without terminal escapes.
 */
export async function run(argv: string[], rawIO: CliIO): Promise<number> {
  const io: CliIO = { ...rawIO, stderr: (text) => rawIO.stderr(terminalSafe(text)) };
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
      const near = closest(name, Object.keys(COMMANDS), 1);
      throw usageError("E_UNKNOWN_COMMAND", `unknown command ${JSON.stringify(name)}`, `${near.length > 0 ? `did you mean ${near[0]}? ` : ""}run \`driftlog --help\` for the list`);
    }
    return await command.run(rest, io);
  } catch (error) {
    return reportError(error, io, debug);
  }
}

export function reportError(error: unknown, io: Pick<CliIO, "stderr">, debug: boolean): number {
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
  return terminalSafe(text.replace(/[\r\n]+/g, " ")).trim();
}

/* eslint-disable no-control-regex */
/** Escape sequences: CSI (`ESC [` or C1 0x9b), OSC/DCS/PM/APC strings up to their terminator, and two-byte ESC forms. */
const ESCAPES = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|(?:\x1b[\]P^_X]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -/]*[0-~]?/g;
/** Other C0/C1 controls, DEL and bidirectional overrides (which can disguise what a line says). */
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]+/g;
/* eslint-enable no-control-regex */

/** Text that cannot drive a terminal: escape sequences removed, other control characters shown as a space; newlines and tabs kept. */
export function terminalSafe(text: string): string {
  return text.replace(ESCAPES, "").replace(CONTROLS, " ");
}
