import { createHash } from "node:crypto";
import type { MultiReportView } from "./multi-view.js";
import type { ReportView } from "./view.js";

/** Headers of an email format; config `email:` supplies from, to and subject. */
export interface EmailOptions {
  from?: string;
  to?: string[];
  /** A fixed subject; `{source}`, `{target}`, `{unsynced}`, `{conflicts}` are filled in (drift email). */
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

/**
 * A deterministic RFC 5322 multipart/alternative message (CRLF line ends)
 * from two rendered bodies: Date, Message-ID and MIME boundaries derive from
 * the content unless given. Composes only; sending is `email/`'s job.
 */
export async function composeMessage(content: MessageContent, options: EmailOptions = {}): Promise<ComposedEmail> {
  const digest = createHash("sha256").update(content.seed).digest("hex");
  const from = options.from ?? DEFAULT_FROM;
  const to = options.to ?? [];
  // Loaded here: a run that writes no email does not pay for nodemailer.
  const { default: MailComposer } = await import("nodemailer/lib/mail-composer");
  const composer = new MailComposer({
    from,
    // Every message has a To header: a written .eml without recipients names none (RFC 5322 group syntax).
    to: to.length > 0 ? to : "undisclosed-recipients:;",
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

/** The counts a drift email's subject is made of (one target, or summed over several). */
export interface SubjectParts {
  title: string;
  source: string;
  target: string;
  pending: number;
  /** Of `pending`, the partly synced ones; the subject counts them as the body does. */
  partial: number;
  conflicts: number;
  total: number;
}

/** `Drift main → stable: 4 Docker/IaC changes to pick (3 unsynced, 1 partial; 1 conflict)`, or the config's subject with its fields filled in. */
export function driftSubject(parts: SubjectParts, custom: string | undefined): string {
  const values: Record<string, string> = { source: parts.source, target: parts.target, unsynced: String(parts.pending), conflicts: String(parts.conflicts) };
  if (custom) return custom.replace(/\{(source|target|unsynced|conflicts)\}/g, (_, key: string) => values[key]!).replace(/\s+/g, " ").trim();
  const { pending, conflicts, total } = parts;
  if (pending === 0) return `${parts.title}: in sync (${total} Docker/IaC ${total === 1 ? "change" : "changes"})`;
  const conflictText = `${conflicts} ${conflicts === 1 ? "conflict" : "conflicts"}`;
  if (parts.partial === 0) return `${parts.title}: ${pending} unsynced Docker/IaC ${pending === 1 ? "change" : "changes"}${conflicts > 0 ? ` (${conflictText})` : ""}`;
  // The same counts as the body's verdict: "3 unsynced, 1 partial", never "4 unsynced".
  return `${parts.title}: ${pending} Docker/IaC changes to pick (${pending - parts.partial} unsynced, ${parts.partial} partial${conflicts > 0 ? `; ${conflictText}` : ""})`;
}

/** `Docker/IaC drift digest, 2025-02-03: 5 changes to pick across 4 targets (3 conflicts)`. */
export function digestSubject(view: { title: string; totals: { rows: number; pending: number; conflicts: number } }): string {
  const { totals } = view;
  const targets = `${totals.rows} ${totals.rows === 1 ? "target" : "targets"}`;
  if (totals.pending === 0) return `${view.title}: ${targets} in sync`;
  const conflicts = totals.conflicts > 0 ? ` (${totals.conflicts} ${totals.conflicts === 1 ? "conflict" : "conflicts"})` : "";
  return `${view.title}: ${totals.pending} ${totals.pending === 1 ? "change" : "changes"} to pick across ${targets}${conflicts}`;
}

/** The drift email's subject for one target's report view. */
export function emailSubject(view: ReportView, custom?: string): string {
  return driftSubject({ title: view.title, source: view.source.ref, target: view.target.ref, pending: view.pendingCount, partial: view.summary.partial, conflicts: view.summary.conflicts, total: view.summary.total }, custom);
}

/** `Drift main → stable, release/2.8: 5 unsynced Docker/IaC changes (1 conflict)`, counts summed over targets. */
export function multiEmailSubject(view: MultiReportView, custom?: string): string {
  const target = view.targets.map((one) => one.ref).join(", ");
  return driftSubject({ title: view.title, source: view.source.ref, target, pending: view.pendingCount, partial: view.summary.partial, conflicts: view.summary.conflicts, total: view.summary.total }, custom);
}
