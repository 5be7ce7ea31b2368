import { parseArgs, type ParseArgsConfig } from "node:util";

type Parsed<T extends OptionSpec> = ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: true }>>;
import { usageError } from "../errors.js";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  repo: { type: "string" },
  config: { type: "string" },
  quiet: { type: "boolean" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies OptionSpec;

/** Strict argv parsing; an unknown or malformed flag is a usage error (exit 2). */
export function parseCommandArgs<T extends OptionSpec>(argv: string[], options: T, command: string): Parsed<T> {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    throw usageError("E_USAGE", message.replace(/^Unknown option/, "unknown option"), `run \`driftlog ${command} --help\``);
  }
}
