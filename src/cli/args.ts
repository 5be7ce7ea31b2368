import { parseArgs, type ParseArgsConfig } from "node:util";
import { usageError } from "../errors.js";
import { closest } from "../git/refs.js";

type Parsed<T extends OptionSpec> = ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: true }>>;

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  repo: { type: "string" },
  config: { type: "string" },
  quiet: { type: "boolean" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies OptionSpec;

/** Strict argv parsing; an unknown or malformed flag is a usage error (exit 2) naming the flag. */
export function parseCommandArgs<T extends OptionSpec>(argv: string[], options: T, command: string): Parsed<T> {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw argumentError(error, Object.keys(options), command);
  }
}

function argumentError(error: unknown, known: string[], command: string) {
  const help = `run \`driftlog ${command} --help\``;
  const { code, message = String(error) } = error as { code?: string; message?: string };
  const flag = /'(-[^' <]*)/.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const near = closest(flag.replace(/^-+/, "").split("=")[0]!, known, 1);
    return usageError("E_USAGE", `unknown option ${flag}`, near.length > 0 ? `did you mean --${near[0]}? (${help})` : help);
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    if (/argument missing/.test(message)) return usageError("E_USAGE", `${flag} needs a value`, help);
    if (/does not take an argument/.test(message)) return usageError("E_USAGE", `${flag} takes no value`, help);
    if (/ambiguous/.test(message)) {
      return usageError("E_USAGE", `${flag} needs a value, but the next argument is an option`, help);
    }
  }
  return usageError("E_USAGE", message.split("\n")[0]!, help);
}
