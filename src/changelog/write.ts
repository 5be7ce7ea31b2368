/** Invisible markers around the releases `--write` maintains in a CHANGELOG.md. */
export const START_MARKER = "<!-- driftlog:changelog:start (generated; edit outside these markers) -->";
export const END_MARKER = "<!-- driftlog:changelog:end -->";

const START = /<!-- driftlog:changelog:start\b[^>]*-->/;

/**
 * The changelog file with the generated block inserted or replaced. Text
 * outside the markers is kept byte for byte; the block follows the file's line
 * endings. A file without markers gets the block after its first `# ` title
 * (or at the top); a missing file (null) becomes a title and the block.
 */
export function updateChangelogFile(existing: string | null, generated: string): string {
  const eol = existing !== null && existing.includes("\r\n") ? "\r\n" : "\n";
  const block = `${START_MARKER}\n${generated.replace(/\n+$/, "")}\n${END_MARKER}`.replace(/\r?\n/g, eol);
  if (existing === null || existing === "") return `# Changelog${eol}${eol}${block}${eol}`;
  const start = START.exec(existing);
  const end = start ? existing.indexOf(END_MARKER, start.index) : -1;
  if (start && end >= 0) return existing.slice(0, start.index) + block + existing.slice(end + END_MARKER.length);
  const title = /^# .*(?:\r?\n|$)/m.exec(existing);
  if (!title) return `${block}${eol}${eol}${existing}`;
  const after = title.index + title[0].length;
  const lead = title[0].endsWith("\n") ? "" : eol;
  const rest = existing.slice(after);
  return `${existing.slice(0, after)}${lead}${eol}${block}${eol}${rest.startsWith("\n") || rest.startsWith("\r\n") || rest === "" ? "" : eol}${rest}`;
}
