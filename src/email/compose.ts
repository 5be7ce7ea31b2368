import { createHash } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import type { SyncReport } from "../model.js";
import { renderEmailBodies } from "../render/formats.js";
import type { ReportView } from "../render/view.js";

/** Headers of the drift email; config `email:` supplies from, to and subject. */
export interface EmailOptions {
  from?: string;
  to?: string[];
  /** A fixed subject; `{source}`, `{target}`, `{unsynced}`, `{conflicts}` are filled in. */
  subject?: string;
  /** Date header; default the report's generatedAt, so the same report gives the same message. */
  date?: Date;
  /** Message-ID header (`<id@host>`); default derived from the report. */
  messageId?: string;
}

export interface ComposedEmail {
  subject: string;
  from: string;
  to: string[];
  /** The RFC 5322 message, CRLF line ends. */
  raw: Buffer;
}

export const DEFAULT_FROM = "driftlog <driftlog@localhost>";

/**
 * The drift email as an RFC 5322 message: multipart/alternative with the
 * plain-text and the HTML part (inline styles only) rendered from templates.
 * Deterministic: Date, Message-ID and MIME boundaries derive from the report
 * unless given.
 */
export async function composeEmail(report: SyncReport, context: { templates?: string; email?: EmailOptions } = {}): Promise<ComposedEmail> {
  const options = context.email ?? {};
  const { view, text, html } = await renderEmailBodies(report, context);
  const subject = emailSubject(view, options.subject);
  const digest = createHash("sha256").update(`${report.source.sha} ${report.target.sha} ${report.generatedAt}`).digest("hex");
  const from = options.from ?? DEFAULT_FROM;
  const to = options.to ?? [];
  const composer = new MailComposer({
    from,
    ...(to.length > 0 ? { to } : {}),
    subject,
    date: options.date ?? new Date(report.generatedAt),
    messageId: options.messageId ?? `<drift.${digest.slice(0, 24)}@driftlog.localhost>`,
    text,
    html,
    baseBoundary: digest.slice(24, 40),
    newline: "win",
    xMailer: false,
    headers: { "Auto-Submitted": "auto-generated" },
  });
  return { subject, from, to, raw: await composer.compile().build() };
}

/** `Drift main → stable: 4 unsynced Docker/IaC changes (1 conflict)`. */
export function emailSubject(view: ReportView, custom?: string): string {
  const values: Record<string, string> = {
    source: view.source.ref,
    target: view.target.ref,
    unsynced: String(view.pendingCount),
    conflicts: String(view.summary.conflicts),
  };
  if (custom) return custom.replace(/\{(source|target|unsynced|conflicts)\}/g, (_, key: string) => values[key]!).replace(/\s+/g, " ").trim();
  const pending = view.pendingCount;
  if (pending === 0) return `${view.title}: in sync (${view.summary.total} Docker/IaC ${view.summary.total === 1 ? "change" : "changes"})`;
  const conflicts = view.summary.conflicts;
  const what = `${pending} unsynced Docker/IaC ${pending === 1 ? "change" : "changes"}`;
  return `${view.title}: ${what}${conflicts > 0 ? ` (${conflicts} ${conflicts === 1 ? "conflict" : "conflicts"})` : ""}`;
}

/** The `email` report format: the message as it would be sent. */
export async function renderEmail(report: SyncReport, context: { templates?: string; email?: EmailOptions } = {}): Promise<Buffer> {
  return (await composeEmail(report, context)).raw;
}
