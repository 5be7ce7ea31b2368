import { usageError } from "../errors.js";
import { safeJson } from "../render/escape.js";
import { markdownToSafeHtml } from "../render/markdown.js";
import { loadTemplates, type HelperSet } from "../render/templates.js";
import type { Remote } from "./remote.js";
import type { Changelog, Release } from "./types.js";
import { releaseView } from "./view.js";

export type ChangelogFormat = "md" | "html" | "json";
export const CHANGELOG_FORMATS: readonly ChangelogFormat[] = ["md", "html", "json"];

export interface RenderChangelogOptions {
  format: ChangelogFormat;
  remote?: Remote | null;
  /** A folder of templates overriding `changelog.md.hbs`, `release-notes.md.hbs` and `_changelog-release.md.hbs`. */
  templates?: string;
  /** Leave out the `# Changelog` title (for the block `--write` maintains). */
  bare?: boolean;
}

const HELPERS: HelperSet = { eq: (a: unknown, b: unknown) => a === b };

/** The whole changelog as Markdown, sanitised HTML or JSON. */
export async function renderChangelog(changelog: Changelog, options: RenderChangelogOptions): Promise<string> {
  if (options.format === "json") return safeJson(changelog);
  const templates = await loadTemplates({ overrideDir: options.templates, helpers: HELPERS });
  const markdown = tidy(
    templates.render("changelog.md.hbs", {
      standalone: !options.bare,
      releases: changelog.releases.map((release) => releaseView(release, options.remote ?? null)),
    }),
  );
  return options.format === "html" ? htmlPage("Changelog", markdown) : markdown;
}

/** The notes of one release (a GitHub/GitLab release body). */
export async function renderReleaseNotes(changelog: Changelog, tag: string, options: RenderChangelogOptions): Promise<string> {
  const release = findRelease(changelog, tag);
  if (options.format === "json") return safeJson(release);
  const templates = await loadTemplates({ overrideDir: options.templates, helpers: HELPERS });
  const markdown = tidy(templates.render("release-notes.md.hbs", { release: releaseView(release, options.remote ?? null) }));
  return options.format === "html" ? htmlPage(release.tag ?? "Unreleased", markdown) : markdown;
}

export function findRelease(changelog: Changelog, tag: string): Release {
  const wanted = tag.toLowerCase() === "unreleased" ? null : tag;
  const release = changelog.releases.find((candidate) => candidate.tag === wanted || (wanted !== null && candidate.version === wanted));
  if (!release) {
    const known = changelog.releases.map((candidate) => candidate.tag ?? "unreleased").slice(0, 5);
    throw usageError("E_NO_RELEASE", `--release-notes ${tag}: no such release in the history described`, known.length > 0 ? `known releases: ${known.join(", ")}` : "create a tag first, or pass --tag-pattern");
  }
  return release;
}

/** At most one blank line in a row, and exactly one newline at the end. */
function tidy(markdown: string): string {
  return `${markdown.replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}

function htmlPage(title: string, markdown: string): string {
  const escapedTitle = title.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
  return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapedTitle}</title>\n</head>\n<body>\n${markdownToSafeHtml(markdown)}</body>\n</html>\n`;
}
