import { join } from "node:path";
import { CONFIG_FILE } from "../config/file.js";
import { openRepository } from "../git/repo.js";
import { guessBranches } from "./branches.js";
import { detectCategories } from "./detect.js";
import { renderConfig } from "./render.js";
import { CONFIG_SCHEMA_PATH } from "./schema.js";

export { guessBranches, type BranchGuess } from "./branches.js";
export { detectCategories, type DetectedCategory } from "./detect.js";
export { configJsonSchema, CONFIG_SCHEMA_PATH, CONFIG_SCHEMA_URL } from "./schema.js";

/** A config file proposed for a repository; nothing is written yet. */
export interface InitResult {
  /** `driftlog.config.yaml` at the repository's top level. */
  path: string;
  text: string;
  /** A bare repository has no work tree to write the file into. */
  bare: boolean;
}

/**
 * Proposes a commented `driftlog.config.yaml` for the repository at `dir`:
 * the categories present in its HEAD tree and source/target guessed from its
 * branches. Reads the repository only; the caller decides whether to write.
 */
export async function initConfig(options: { repo?: string } = {}): Promise<InitResult> {
  const repo = await openRepository(options.repo ?? ".");
  const [branches, categories] = await Promise.all([guessBranches(repo), detectCategories(repo)]);
  return { path: join(repo.path, CONFIG_FILE), text: renderConfig({ schemaRef: CONFIG_SCHEMA_PATH, branches, categories }), bare: repo.bare };
}
