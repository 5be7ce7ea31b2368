import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { configSchema } from "../config/schema.js";
import { PACKAGE_ROOT, VERSION } from "../version.js";

/** Where the config's JSON Schema is published inside the package. */
export const CONFIG_SCHEMA_FILE = fileURLToPath(new URL("schema/driftlog.config.schema.json", PACKAGE_ROOT));

/**
 * What `init` writes for editors: the schema inside the installed package,
 * relative to the config at the repository's top level. A versioned URL would
 * not resolve for an unpublished or private build; this path does once
 * driftlog is a dev dependency, and works offline.
 */
export const CONFIG_SCHEMA_PATH = "./node_modules/driftlog/schema/driftlog.config.schema.json";

/** The schema's published URL, for configs kept outside a project that installs driftlog. */
export const CONFIG_SCHEMA_URL = `https://unpkg.com/driftlog@${VERSION}/schema/driftlog.config.schema.json`;

/**
 * The JSON Schema (draft 2020-12) of `driftlog.config.yaml`, generated from
 * the zod schema so the two cannot drift. It describes the file as written
 * (zod's input side): `since` may be a string or a number.
 */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(configSchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: "https://unpkg.com/driftlog/schema/driftlog.config.schema.json",
    title: "driftlog.config.yaml",
    description: "Configuration of driftlog: source and target branches, Docker/IaC categories, exclusions, kept settings, matching, templates, email and changelog.",
    ...rest,
  };
}

/** The schema file's exact text: two-space JSON with a final newline. */
export const configJsonSchemaText = (): string => `${JSON.stringify(configJsonSchema(), null, 2)}\n`;

/** The schema as shipped in the package. */
export async function readPublishedSchema(): Promise<string> {
  return readFile(CONFIG_SCHEMA_FILE, "utf8");
}
