/**
 * `npm run schema`: regenerates schema/driftlog.config.schema.json from the
 * zod schema in src/config/schema.ts. A test fails when the two differ.
 */
import { writeFileAtomic } from "../cli/output.js";
import { CONFIG_SCHEMA_FILE, configJsonSchemaText } from "./schema.js";

await writeFileAtomic(CONFIG_SCHEMA_FILE, configJsonSchemaText());
