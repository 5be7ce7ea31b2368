import { usageError } from "../errors.js";
import { isMultiTarget, type SyncOutput } from "../model.js";
import { renderEmail, type EmailOptions } from "../email/compose.js";
import { safeJson } from "./escape.js";
import { renderHtml, renderMarkdown, renderMultiHtml, renderMultiMarkdown } from "./formats.js";

export type Format = "json" | "md" | "html" | "email";
export const FORMATS: readonly Format[] = ["json", "md", "html", "email"];

/** The file each format is written to under `--out`. */
export const REPORT_FILES: Record<Format, string> = {
  json: "sync-report.json",
  md: "sync-report.md",
  html: "sync-report.html",
  email: "sync-report.eml",
};

export interface RenderContext {
  /** A folder of user templates that override the built-in ones. */
  templates?: string;
  /** Headers of the `email` format (config `email:`), with Date and Message-ID pinnable for reproducible output. */
  email?: EmailOptions;
}

type Renderer = (report: SyncOutput, context: RenderContext) => Promise<string> | string;

const renderers: Partial<Record<Format, Renderer>> = {
  json: (report) => safeJson(report),
  md: (report, context) => (isMultiTarget(report) ? renderMultiMarkdown(report, context) : renderMarkdown(report, context)),
  html: (report, context) => (isMultiTarget(report) ? renderMultiHtml(report, context) : renderHtml(report, context)),
  email: async (report, context) => (await renderEmail(report, context)).toString("utf8"),
};

/** A sync report (or a multi-target one: matrix first, then each target) in one format. */
export async function renderReport(format: Format, report: SyncOutput, context: RenderContext = {}): Promise<string> {
  const renderer = renderers[format];
  if (!renderer) throw usageError("E_FORMAT_UNSUPPORTED", `--format ${format} is not yet supported`, "use --format json");
  return renderer(report, context);
}

/** Parses `--format a,b`; an unknown format is a usage error. */
export function parseFormats(value: string): Format[] {
  const formats = value.split(",").map((format) => format.trim()).filter(Boolean);
  if (formats.length === 0) throw usageError("E_FORMAT", "--format needs at least one of json, md, html, email");
  for (const format of formats) {
    if (!FORMATS.includes(format as Format)) throw usageError("E_FORMAT", `unknown --format ${JSON.stringify(format)}`, `use one or more of ${FORMATS.join(", ")}`);
  }
  return [...new Set(formats as Format[])];
}
