import Handlebars from "handlebars";
import { htmlEscape, mdCell, mdCode, mdUrl, oneLineText, stripControl } from "./escape.js";
import { markdownToSafeHtml } from "./markdown.js";

export type HelperSet = Record<string, Handlebars.HelperDelegate>;

const safe = (text: string) => new Handlebars.SafeString(text);
const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));

/**
 * The helpers every driftlog template can use (documented in README.md).
 * Those that return Markdown or HTML escape commit text themselves and mark
 * their result safe, so templates write `{{md subject}}`, never `{{{...}}}`.
 * Every template set (sync reports, changelogs, digests) has all of them.
 */
export const TEMPLATE_HELPERS: HelperSet = {
  /** Inline Markdown that shows the text as it is (tables stay tables). */
  md: (value: unknown) => safe(mdCell(text(value))),
  /** An inline Markdown code span. */
  code: (value: unknown) => safe(mdCode(text(value))),
  /** A Markdown link destination in angle brackets: `[report]({{mdUrl href}})`. */
  mdUrl: (value: unknown) => safe(mdUrl(text(value))),
  /**
   * Lines as a fenced Markdown code block (`{{fence commands "sh"}}`): each
   * item on one line, control characters stripped, the fence longer than any
   * backtick run inside so no line can close it; nothing else is escaped, as
   * a code block shows its text as it is.
   */
  fence: (lines: unknown, language: unknown) => {
    const items = (Array.isArray(lines) ? lines : [lines]).map((line) => oneLineText(text(line)));
    const longest = Math.max(0, ...items.flatMap((line) => [...line.matchAll(/`+/g)].map((match) => match[0].length)));
    const fence = "`".repeat(Math.max(3, longest + 1));
    return safe(`${fence}${typeof language === "string" ? oneLineText(language).replace(/[^\w+-]/g, "") : ""}\n${items.join("\n")}\n${fence}`);
  },
  /** Plain text for text/plain output: control characters stripped, nothing escaped. */
  plain: (value: unknown) => safe(stripControl(text(value))),
  /** Plain text on one line. */
  oneLine: (value: unknown) => safe(oneLineText(text(value))),
  /** A commit body, Markdown, as sanitised HTML. */
  markdown: (value: unknown) => safe(markdownToSafeHtml(stripControl(text(value)))),
  /** HTML-escaped text; the same as `{{value}}`, for use inside other helpers' arguments. */
  html: (value: unknown) => safe(htmlEscape(text(value))),
  /** `a, b, c` from a list (each item escaped by the surrounding syntax: use with md or html). */
  join: (list: unknown, separator: unknown) => (Array.isArray(list) ? list.map(text).join(typeof separator === "string" ? separator : ", ") : text(list)),
  /** `1 change` / `2 changes`: `{{plural count "change"}}`, optional third argument for irregular plurals. */
  plural: (count: unknown, singular: unknown, pluralForm: unknown) => {
    const n = Number(count);
    const word = n === 1 ? text(singular) : typeof pluralForm === "string" ? pluralForm : `${text(singular)}s`;
    return `${n} ${word}`;
  },
  /** Equality for `{{#if (eq status "unsynced")}}`. */
  eq: (a: unknown, b: unknown) => a === b,
  /** Whether a list has any entries: `{{#if (any changes)}}`. */
  any: (list: unknown) => Array.isArray(list) && list.length > 0,
  /** Age in days as `3 d`. */
  days: (value: unknown) => `${Number(value)} d`,
  /** `padEnd` for aligned plain-text columns. */
  pad: (value: unknown, width: unknown) => text(value).padEnd(Number(width) || 0),
  /** Text repeated, for plain-text rules: `{{repeat "-" 40}}`. */
  repeat: (value: unknown, times: unknown) => text(value).repeat(Math.max(0, Math.min(200, Number(times) || 0))),
  /** The sum of two numbers: `{{add @index 1}}`. */
  add: (a: unknown, b: unknown) => Number(a) + Number(b),
};
