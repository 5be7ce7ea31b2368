import { readFile, stat } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { configError } from "../errors.js";
import { MAX_CONFIG_BYTES } from "./limits.js";
import type { RawConfig } from "./schema.js";

export const CONFIG_FILE = "driftlog.config.yaml";

/**
 * Reads the config file: the given one (must exist) or `driftlog.config.yaml`
 * at the top level (optional). The parser and its schema (zod with every
 * locale) load only when there is a file to parse.
 */
export async function loadConfig(explicit: string | undefined, top: string, cwd = process.cwd()): Promise<{ config: RawConfig; file: string | null }> {
  const file = explicit ? (isAbsolute(explicit) ? explicit : join(cwd, explicit)) : join(top, CONFIG_FILE);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    if (explicit) throw configError("E_CONFIG_MISSING", `config file ${explicit} does not exist`, "check the --config path");
    return { config: {}, file: null };
  }
  if (size > MAX_CONFIG_BYTES) throw configError("E_CONFIG", `${file}: the config is larger than 1 MiB`);
  const { parseConfig } = await import("./load.js");
  return { config: parseConfig(await readFile(file, "utf8"), file), file };
}
