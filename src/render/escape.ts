/**
 * Escaping for text that comes from commits and report files. Every output
 * runs such text (subjects, bodies, names, paths) through one of these before
 * it lands, so a commit can neither drive a terminal nor change a report's
 * structure. Which one to use:
 *
 * | where the text lands                 | function        | template helper |
 * | ------------------------------------ | --------------- | --------------- |
 * | a Markdown table cell or inline text | {@link mdCell}  | `md`            |
 * | Markdown prose (changelog entries)   | {@link mdText}  | (views)         |
 * | a Markdown code span / link target   | {@link mdCode} / {@link mdUrl} | `code` / `mdUrl` |
 * | HTML text or a quoted attribute      | {@link htmlEscape} | `{{value}}` / `html` |
 * | text/plain (email bodies)            | {@link plainText} | `plain`       |
 * | one terminal or header line          | {@link terminalLine} | `oneLine` |
 * | JSON printed or written              | {@link safeJson} | —              |
 */

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** Removes ANSI escape sequences, C0/C1 control characters (tabs and newlines stay) and bidi overrides. */
export function stripControl(text: string): string {
  return text.replace(ANSI, "").replace(CONTROL, "").replace(/\r\n?/g, "\n");
}

/** Text on one line: control characters stripped and every run of whitespace one space. */
export function oneLineText(text: string): string {
  return stripControl(text).replace(/\s+/g, " ").trim();
}

/** Text for text/plain output: control characters stripped, nothing else changed. */
export const plainText = stripControl;

/** Text for one line of a terminal, a log or a mail header. */
export const terminalLine = oneLineText;

const MD_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;" };

/**
 * Commit text as inline GitHub-flavoured Markdown that renders as the same
 * text: one line; `&`, `<`, `>` as entities (no tag, comment or autolink
 * form); `|` as an entity (it cannot split a table cell); inline Markdown
 * punctuation backslash-escaped (no emphasis, link, image, code span or
 * strikethrough); and a leading block marker escaped (no heading or list).
 */
export function mdCell(text: string): string {
  return oneLineText(text)
    .replace(/[&<>|\\`*_[\]~]/g, (char) => MD_ENTITIES[char] ?? `\\${char}`)
    // No GFM autolinks from commit text: `https://…` and `www.…` stay text.
    .replace(/:\/\//g, "\\://")
    .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}\\.`)
    .replace(/^[#+-]/, "\\$&")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

/**
 * Commit text as Markdown prose that renders as the same text (changelog
 * entries): line breaks become spaces, every character that could open a
 * link, an image, raw HTML, emphasis, code or a table is backslash-escaped,
 * bare URLs are broken so GFM does not autolink them, and a leading block
 * marker is escaped.
 */
export function mdText(text: string): string {
  return stripControl(text)
    .split(/[\r\n]+/)
    .map((line, i, lines) => (i === 0 ? line.trimEnd() : i === lines.length - 1 ? line.trimStart() : line.trim()))
    .filter((line, i, lines) => line !== "" || i === 0 || i === lines.length - 1)
    .join(" ")
    .replace(/[\\`*_[\]<>|~&!{}]/g, "\\$&")
    .replace(/:\/\//g, "\\://")
    .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}\\.`)
    .replace(/^([#+-])(?=\s|$)/, "\\$1")
    .replace(/^(\d+)([.)])(?=\s|$)/, "$1\\$2");
}

/** A Markdown link destination: angle brackets keep spaces and parentheses inside it. */
export const mdUrl = (url: string): string => `<${url.replace(/[<>\s]/g, encodeURIComponent)}>`;

/**
 * Commit text as an inline Markdown code span (paths, SHAs): the fence is
 * longer than any backtick run inside, so the text cannot close it, and `|`
 * is backslash-escaped, which GitHub honours inside code spans in table cells
 * (HTML is not interpreted inside a code span, so `<` and `>` stay as they are).
 */
export function mdCode(text: string): string {
  const line = oneLineText(text);
  const longest = Math.max(0, ...[...line.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(longest + 1);
  const padded = line.startsWith("`") || line.endsWith("`") ? ` ${line} ` : line;
  return `${fence}${padded.replace(/\|/g, "\\|")}${fence}`;
}

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;", "=": "&#61;" };

/** Text for an HTML element or a quoted attribute value. */
export function htmlEscape(text: string): string {
  return stripControl(text).replace(/[&<>"'`=]/g, (char) => HTML_ENTITIES[char]!);
}

/**
 * JSON for files and terminals: as `JSON.stringify` with two-space indents,
 * and also DEL, C1 controls, bidi overrides and line/paragraph separators
 * written as `\uXXXX` escapes, which parse back to the same data but cannot
 * drive a terminal or reorder text when the JSON is printed.
 */
export function safeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
}
