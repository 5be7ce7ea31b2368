import { generateChangelog, type ChangelogOptions } from "./build.js";
import type { Changelog } from "./types.js";

export { generateChangelog, type ChangelogOptions, type ChangelogResult } from "./build.js";
export { findRelease } from "./render.js";
export { updateChangelogFile, START_MARKER, END_MARKER } from "./write.js";
export { assertReleaseListed, type OtherTags } from "./missing.js";
export { createMessageParser, type ConventionalMessage } from "./parse.js";
export { parseRemote, type Remote } from "./remote.js";
export { DEFAULT_TAG_PATTERN } from "./tags.js";
export { DEFAULT_TYPES } from "./settings.js";
export type * from "./types.js";

/** The changelog model of a history (JSON schemaVersion 1), newest release first. */
export async function changelog(options: ChangelogOptions = {}): Promise<Changelog> {
  return (await generateChangelog(options)).changelog;
}
