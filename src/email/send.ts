import { DriftlogError, usageError } from "../errors.js";
import type { SyncOutput } from "../model.js";
import { composeEmail, type ComposedEmail, type RenderContext } from "../render/index.js";

/** Where and how to send: an `smtp://` or `smtps://` URL, credentials in it or given apart. */
export interface SmtpOptions {
  url: string;
  user?: string;
  pass?: string;
}

export interface SentEmail {
  subject: string;
  messageId: string;
  accepted: string[];
  rejected: string[];
}

/**
 * Composes the drift email for `to` and sends it over SMTP. The message is
 * the same as the `email` format's `.eml`, except for its To header.
 */
export async function sendReportEmail(report: SyncOutput, to: readonly string[], smtp: SmtpOptions, context: RenderContext = {}): Promise<SentEmail> {
  if (to.length === 0) throw usageError("E_EMAIL_TO", "no recipients for the drift email", "pass --email-to ADDR or set email.to in the config");
  return sendComposed(await composeEmail(report, { ...context, email: { ...context.email, to: [...to] } }), to, smtp);
}

/** Sends a composed message as it is to `to` (the envelope), over SMTP; a message composed without those recipients in its To header is refused. */
export async function sendComposed(message: ComposedEmail, to: readonly string[], smtp: SmtpOptions): Promise<SentEmail> {
  if (to.length === 0) throw usageError("E_EMAIL_TO", "no recipients for the email", "pass --email-to ADDR");
  const missing = to.filter((address) => !message.to.includes(address));
  if (missing.length > 0) throw usageError("E_EMAIL_TO", `the message's To header lacks ${missing.join(", ")}`, "compose the message with the recipients it is sent to");
  const { default: nodemailer } = await import("nodemailer");
  const transport = nodemailer.createTransport(transportOptions(smtp));
  try {
    const info = await transport.sendMail({ envelope: { from: envelopeAddress(message.from), to: [...to] }, raw: message.raw });
    return { subject: message.subject, messageId: info.messageId, accepted: (info.accepted ?? []).map(String), rejected: (info.rejected ?? []).map(String) };
  } catch (error) {
    throw new DriftlogError("network", "E_SMTP", `sending the drift email failed: ${(error as Error).message}`, { hint: "check --smtp, the SMTP credentials and that the server is reachable", cause: error });
  } finally {
    transport.close();
  }
}

/** Parses the SMTP URL; credentials in the URL win over `user`/`pass`. */
export function transportOptions(smtp: SmtpOptions) {
  let url: URL;
  try {
    url = new URL(smtp.url);
  } catch {
    throw usageError("E_SMTP_URL", `--smtp ${JSON.stringify(smtp.url)} is not a URL`, "use smtp://host:587 or smtps://host:465");
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") throw usageError("E_SMTP_URL", `--smtp must be an smtp:// or smtps:// URL, not ${url.protocol}//`, "use smtp://host:587 or smtps://host:465");
  const secure = url.protocol === "smtps:";
  const user = url.username ? decodeURIComponent(url.username) : smtp.user;
  const pass = url.password ? decodeURIComponent(url.password) : smtp.pass;
  return {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(user ? { auth: { user, pass: pass ?? "" } } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  };
}

/** The bare address of a `Name <addr>` From, for the SMTP envelope. */
function envelopeAddress(from: string): string {
  return /<([^>]+)>\s*$/.exec(from)?.[1] ?? from;
}
