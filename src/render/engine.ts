import type { ComposedEmail, EmailOptions, MessageContent } from "./email.js";
import { safeJson } from "./escape.js";
import type { TemplateSet } from "./templates.js";

/** What rendering takes besides its input: the user's template folder and the email headers. */
export interface RenderContext {
  /** A folder of user templates that override the built-in ones. */
  templates?: string;
  /** Headers of an email format (config `email:`), with Date and Message-ID pinnable for reproducible output. */
  email?: EmailOptions;
  /**
   * Rows per list in a format that has a size budget (Markdown: `--max-rows`).
   * Unset, the format's default rows, cut further until the output fits its
   * default budget (a GitHub comment); set, the output fits its hard budget.
   */
  maxRows?: number;
}

/** A format that writes its input as JSON. */
export interface JsonFormat<Input> {
  kind: "json";
  /** The file it is written to under `--out`. */
  file: string;
  data: (input: Input) => unknown;
}

/** A format rendered from one template, optionally wrapped afterwards (Markdown into an HTML page). */
export interface DocumentFormat<Input> {
  kind: "document";
  file: string;
  template: string;
  view: (input: Input) => unknown;
  page?: (body: string, input: Input) => Promise<string>;
  /** Where the output is bound for caps its size: the view is cut to a number of rows per list until it fits. */
  budget?: SizeBudget<Input>;
}

/** A document format's size limits and how it cuts its view to meet them. */
export interface SizeBudget<Input> {
  defaultRows: number;
  /** Characters the output fits when `maxRows` is not given. */
  defaultLimit: number;
  /** UTF-8 bytes the output always fits. */
  hardLimit: number;
  limited: (input: Input, maxRows: number) => unknown;
  /** The last resort when even no rows at all do not fit (a huge ref name, say): a short note instead. */
  overflow: (input: Input, limit: number) => string;
}

/** A multipart email: a plain-text and an HTML template over one view, and the headers that view gives. */
export interface EmailFormat<Input, View = never> {
  kind: "email";
  file: string;
  templates: { text: string; html: string };
  view: (input: Input) => View;
  message: (input: Input, view: View, options: EmailOptions) => Omit<MessageContent, "text" | "html">;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FormatSpec<Input> = JsonFormat<Input> | DocumentFormat<Input> | EmailFormat<Input, any>;

/** A product's formats by name: data, so a new format is one entry. */
export type Product<Input, Name extends string> = { readonly [N in Name]: FormatSpec<Input> };

/** One format of a product, as the text written to its file. */
export async function renderFormat<Input>(spec: FormatSpec<Input>, input: Input, context: RenderContext = {}): Promise<string> {
  if (spec.kind === "json") return safeJson(spec.data(input));
  if (spec.kind === "email") return (await composeFormat(spec, input, context)).raw.toString("utf8");
  const templates = await templatesIn(context.templates);
  const body = spec.budget ? withinBudget(spec.budget, input, context.maxRows, (view) => tidy(templates.render(spec.template, view))) : tidy(templates.render(spec.template, spec.view(input)));
  return spec.page ? await spec.page(body, input) : body;
}

/** Rendered with the rows asked for, halved until the output fits; the overflow note when nothing does. */
function withinBudget<Input>(budget: SizeBudget<Input>, input: Input, maxRows: number | undefined, render: (view: unknown) => string): string {
  const fits = maxRows === undefined ? (out: string) => out.length <= budget.defaultLimit && Buffer.byteLength(out) <= budget.hardLimit : (out: string) => Buffer.byteLength(out) <= budget.hardLimit;
  for (let rows = maxRows ?? budget.defaultRows; ; rows = Math.floor(rows / 2)) {
    const out = render(budget.limited(input, rows));
    if (fits(out)) return out;
    if (rows === 0) return tidy(budget.overflow(input, maxRows === undefined ? budget.defaultLimit : budget.hardLimit));
  }
}

/** An email format as a composed message, for writing (`.eml`) and for sending. */
export async function composeFormat<Input, View>(spec: EmailFormat<Input, View>, input: Input, context: RenderContext = {}): Promise<ComposedEmail> {
  const templates = await templatesIn(context.templates);
  const view = spec.view(input);
  const options = context.email ?? {};
  const text = tidy(templates.render(spec.templates.text, view));
  const html = tidy(templates.render(spec.templates.html, view));
  const { composeMessage } = await import("./email.js");
  return composeMessage({ ...spec.message(input, view, options), text, html }, options);
}

/** Handlebars, the helpers and marked load with the first template rendered: a JSON run never needs them. */
async function templatesIn(overrideDir: string | undefined): Promise<TemplateSet> {
  return (await import("./templates.js")).templatesIn(overrideDir);
}

/**
 * Every rendered output ends the same way: no blanks at line ends, at most
 * one blank line in a row, one newline at the end.
 */
export function tidy(output: string): string {
  // Line by line: a `[ \t]+$` pattern with the m flag is quadratic on long runs of spaces (commit text is untrusted).
  const lines = output.split("\n").map(withoutTrailingBlanks);
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}

function withoutTrailingBlanks(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === " " || line[end - 1] === "\t")) end--;
  return line.slice(0, end);
}
