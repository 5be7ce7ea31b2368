import { findRelease } from "../changelog/render.js";
import type { Remote } from "../changelog/remote.js";
import type { Changelog } from "../changelog/types.js";
import { renderFormat } from "./engine.js";
import { CHANGELOG, RELEASE_NOTES, type ChangelogFormat } from "./products.js";

export type { ChangelogFormat };
export const CHANGELOG_FORMATS = Object.keys(CHANGELOG) as readonly ChangelogFormat[];

export interface RenderChangelogOptions {
  format: ChangelogFormat;
  remote?: Remote | null;
  /** A folder of templates overriding `changelog.md.hbs`, `release-notes.md.hbs` and `_changelog-release.md.hbs`. */
  templates?: string;
  /** Leave out the `# Changelog` title (for the block `--write` maintains). */
  bare?: boolean;
}

/** The whole changelog as Markdown, sanitised HTML or JSON. */
export function renderChangelog(changelog: Changelog, options: RenderChangelogOptions): Promise<string> {
  return renderFormat(CHANGELOG[options.format], { changelog, remote: options.remote ?? null, bare: options.bare === true }, { templates: options.templates });
}

/** The notes of one release (a GitHub/GitLab release body). */
export function renderReleaseNotes(changelog: Changelog, tag: string, options: RenderChangelogOptions): Promise<string> {
  return renderFormat(RELEASE_NOTES[options.format], { release: findRelease(changelog, tag), remote: options.remote ?? null }, { templates: options.templates });
}
