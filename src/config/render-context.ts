import { dirname, resolve } from "node:path";
import { loadConfig } from "./file.js";
import type { RawConfig } from "./schema.js";
import { openRepository } from "../git/repo.js";
import type { RenderContext } from "../render/engine.js";

/**
 * What rendering takes from the config: the user's template folder
 * (`templates:`, relative to the config file) and the email headers
 * (`email:`). Reads the same config file {@link syncReport} reads.
 */
export async function loadRenderContext(options: { repo: string; configFile?: string }): Promise<RenderContext> {
  const repo = await openRepository(options.repo);
  const { config, file } = await loadConfig(options.configFile, repo.path);
  return renderContextOf(config, file ? dirname(file) : repo.path);
}

/** The render context of a parsed config whose relative paths are relative to `baseDir`. */
export function renderContextOf(config: RawConfig, baseDir: string): RenderContext {
  const email = config.email ?? {};
  return {
    ...(config.templates ? { templates: resolve(baseDir, config.templates) } : {}),
    email: {
      ...(email.from ? { from: email.from } : {}),
      ...(email.to && email.to.length > 0 ? { to: email.to } : {}),
      ...(email.subject ? { subject: email.subject } : {}),
    },
  };
}
