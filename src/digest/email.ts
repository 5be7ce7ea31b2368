import { createHash } from "node:crypto";
import { composeMessage, type ComposedEmail, type EmailOptions } from "../email/compose.js";
import { oneLineText } from "../render/escape.js";
import type { TemplateSet } from "../render/templates.js";
import type { Digest } from "./build.js";
import { digestView, type DigestRowView, type DigestView } from "./view.js";

/** The digest as the email templates read it: text on one line, links only where a mail client can follow them. */
export interface DigestEmailView extends Omit<DigestView, "rows"> {
  rows: (DigestRowView & { link: string | null })[];
  /** A rule under the plain-text title. */
  line: string;
}

export function digestEmailView(digest: Digest): DigestEmailView {
  const view = digestView(digest);
  return {
    ...view,
    line: "=".repeat(60),
    rows: view.rows.map((row) => ({
      ...row,
      repository: oneLineText(row.repository),
      source: oneLineText(row.source),
      target: oneLineText(row.target),
      oldestPending: row.oldestPending && { ...row.oldestPending, subject: oneLineText(row.oldestPending.subject) },
      // A relative path means nothing in a mailbox: only --link-base URLs are links.
      link: /^https?:\/\//i.test(row.href) ? row.href : null,
    })),
  };
}

/** `Docker/IaC drift digest, 2025-02-03: 5 changes to pick across 4 targets (3 conflicts)`. */
export function digestSubject(view: Pick<DigestView, "title" | "totals">): string {
  const { totals } = view;
  const targets = `${totals.rows} ${totals.rows === 1 ? "target" : "targets"}`;
  if (totals.pending === 0) return `${view.title}: ${targets} in sync`;
  const conflicts = totals.conflicts > 0 ? ` (${totals.conflicts} ${totals.conflicts === 1 ? "conflict" : "conflicts"})` : "";
  return `${view.title}: ${totals.pending} ${totals.pending === 1 ? "change" : "changes"} to pick across ${targets}${conflicts}`;
}

/**
 * The digest as an RFC 5322 multipart/alternative message (plain text and
 * HTML with inline styles), deterministic for the same digest.
 */
export async function composeDigestEmail(digest: Digest, templates: TemplateSet, options: EmailOptions = {}): Promise<ComposedEmail> {
  const view = digestEmailView(digest);
  const seed = createHash("sha256").update(JSON.stringify(digest)).digest("hex");
  return composeMessage(
    {
      subject: digestSubject(view),
      text: normalise(templates.render("digest-email.txt.hbs", view)),
      html: normalise(templates.render("digest-email.html.hbs", view)),
      seed,
      generatedAt: digest.generatedAt,
      prefix: "digest",
    },
    options,
  );
}

const normalise = (output: string) => `${output.replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim()}\n`;
