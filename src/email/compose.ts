import { createHash } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import { isMultiTarget, reportsOf, type SyncOutput } from "../model.js";
import { renderEmailBodies, renderMultiEmailBodies } from "../render/formats.js";
import type { MultiReportView } from "../render/multi-view.js";
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
 * With several targets the subject sums over them and the body starts with
 * the change × target matrix. Deterministic: Date, Message-ID and MIME
 * boundaries derive from the report unless given.
 */
export async function composeEmail(report: SyncOutput, context: { templates?: string; email?: EmailOptions } = {}): Promise<ComposedEmail> {
  const options = context.email ?? {};
  const rendered = isMultiTarget(report)
    ? await renderMultiEmailBodies(report, context).then((bodies) => ({ ...bodies, subject: multiEmailSubject(bodies.view, options.subject) }))
    : await renderEmailBodies(report, context).then((bodies) => ({ ...bodies, subject: emailSubject(bodies.view, options.subject) }));
  const seed = `${reportsOf(report).map((one) => `${one.source.sha} ${one.target.sha}`).join(" ")} ${report.generatedAt}`;
  return composeMessage({ subject: rendered.subject, text: rendered.text, html: rendered.html, seed, generatedAt: report.generatedAt, prefix: "drift" }, options);
}

/** What {@link composeMessage} needs besides the headers: the bodies, and a seed that makes the message reproducible. */
export interface MessageContent {
  subject: string;
  text: string;
  html: string;
  /** Any text that identifies the content; Message-ID and MIME boundaries derive from it. */
  seed: string;
  /** Default Date header. */
  generatedAt: string;
  /** Message-ID local part prefix: `drift`, `digest`. */
  prefix: string;
}

/** A deterministic multipart/alternative message (CRLF line ends) from two rendered bodies. */
export async function composeMessage(content: MessageContent, options: EmailOptions = {}): Promise<ComposedEmail> {
  const digest = createHash("sha256").update(content.seed).digest("hex");
  const from = options.from ?? DEFAULT_FROM;
  const to = options.to ?? [];
  const composer = new MailComposer({
    from,
    ...(to.length > 0 ? { to } : {}),
    subject: content.subject,
    date: options.date ?? new Date(content.generatedAt),
    messageId: options.messageId ?? `<${content.prefix}.${digest.slice(0, 24)}@driftlog.localhost>`,
    text: content.text,
    html: content.html,
    baseBoundary: digest.slice(24, 40),
    newline: "win",
    xMailer: false,
    headers: { "Auto-Submitted": "auto-generated" },
  });
  return { subject: content.subject, from, to, raw: await composer.compile().build() };
}

/** `Drift main → stable: 4 unsynced Docker/IaC changes (1 conflict)`. */
export function emailSubject(view: ReportView, custom?: string): string {
  return subjectOf({ title: view.title, source: view.source.ref, target: view.target.ref, pending: view.pendingCount, conflicts: view.summary.conflicts, total: view.summary.total }, custom);
}

/** `Drift main → stable, release/2.8: 5 unsynced Docker/IaC changes (1 conflict)`, counts summed over targets. */
export function multiEmailSubject(view: MultiReportView, custom?: string): string {
  const target = view.targets.map((one) => one.ref).join(", ");
  return subjectOf({ title: view.title, source: view.source.ref, target, pending: view.pendingCount, conflicts: view.summary.conflicts, total: view.summary.total }, custom);
}

interface SubjectParts {
  title: string;
  source: string;
  target: string;
  pending: number;
  conflicts: number;
  total: number;
}

function subjectOf(parts: SubjectParts, custom: string | undefined): string {
  const values: Record<string, string> = { source: parts.source, target: parts.target, unsynced: String(parts.pending), conflicts: String(parts.conflicts) };
  if (custom) return custom.replace(/\{(source|target|unsynced|conflicts)\}/g, (_, key: string) => values[key]!).replace(/\s+/g, " ").trim();
  const { pending, conflicts, total } = parts;
  if (pending === 0) return `${parts.title}: in sync (${total} Docker/IaC ${total === 1 ? "change" : "changes"})`;
  const what = `${pending} unsynced Docker/IaC ${pending === 1 ? "change" : "changes"}`;
  return `${parts.title}: ${what}${conflicts > 0 ? ` (${conflicts} ${conflicts === 1 ? "conflict" : "conflicts"})` : ""}`;
}

/** The `email` report format: the message as it would be sent. */
export async function renderEmail(report: SyncOutput, context: { templates?: string; email?: EmailOptions } = {}): Promise<Buffer> {
  return (await composeEmail(report, context)).raw;
}
