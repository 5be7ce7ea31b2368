import type { SyncReport } from "../model.js";
import type { MultiSyncReport } from "../model.js";
import { TEMPLATE_HELPERS } from "./helpers.js";
import { multiReportView, type MultiReportView } from "./multi-view.js";
import { loadTemplates, type TemplateSet } from "./templates.js";
import { reportView, type ReportView } from "./view.js";

/**
 * The template-driven report formats: the report becomes a view model, the
 * view model goes through a handlebars template (built-in or the user's).
 */

const cache = new Map<string, Promise<TemplateSet>>();

/** The templates for an override folder (or none), loaded once per process. */
export function templatesFor(overrideDir: string | undefined): Promise<TemplateSet> {
  const key = overrideDir ?? "";
  let set = cache.get(key);
  if (!set) {
    set = loadTemplates({ overrideDir, helpers: TEMPLATE_HELPERS });
    cache.set(key, set);
    set.catch(() => cache.delete(key));
  }
  return set;
}

export async function renderMarkdown(report: SyncReport, options: { templates?: string } = {}): Promise<string> {
  return normalise((await templatesFor(options.templates)).render("sync-report.md.hbs", reportView(report)));
}

export async function renderHtml(report: SyncReport, options: { templates?: string } = {}): Promise<string> {
  return normalise((await templatesFor(options.templates)).render("sync-report.html.hbs", reportView(report)));
}

/** The view model with the two email bodies rendered from it. */
export async function renderEmailBodies(report: SyncReport, options: { templates?: string } = {}): Promise<{ view: ReportView; text: string; html: string }> {
  const templates = await templatesFor(options.templates);
  const view = reportView(report);
  return { view, text: normalise(templates.render("email.txt.hbs", view)), html: normalise(templates.render("email.html.hbs", view)) };
}

/** Several targets: the change × target matrix, then each target's details (`sync-report-multi.*.hbs`). */
export async function renderMultiMarkdown(multi: MultiSyncReport, options: { templates?: string } = {}): Promise<string> {
  return normalise((await templatesFor(options.templates)).render("sync-report-multi.md.hbs", multiReportView(multi)));
}

export async function renderMultiHtml(multi: MultiSyncReport, options: { templates?: string } = {}): Promise<string> {
  return normalise((await templatesFor(options.templates)).render("sync-report-multi.html.hbs", multiReportView(multi)));
}

export async function renderMultiEmailBodies(multi: MultiSyncReport, options: { templates?: string } = {}): Promise<{ view: MultiReportView; text: string; html: string }> {
  const templates = await templatesFor(options.templates);
  const view = multiReportView(multi);
  return { view, text: normalise(templates.render("email-multi.txt.hbs", view)), html: normalise(templates.render("email-multi.html.hbs", view)) };
}

/** One trailing newline, no runs of blank lines that templates leave behind. */
function normalise(output: string): string {
  // Line by line: a `[ \t]+$` pattern with the m flag is quadratic on long runs of spaces (a commit body is untrusted).
  const lines = output.split("\n").map(withoutTrailingBlanks);
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}

function withoutTrailingBlanks(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === " " || line[end - 1] === "\t")) end--;
  return line.slice(0, end);
}
