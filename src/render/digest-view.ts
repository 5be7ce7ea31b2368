import { oneLineText } from "./escape.js";
import type { Digest, DigestRow } from "../digest/build.js";

/** A digest row as templates lay it out: numbers and sentences decided here. */
export interface DigestRowView extends DigestRow {
  /** `alert` with predicted conflicts, `warn` with changes to pick, else `ok`. */
  level: "ok" | "warn" | "alert";
  /** `12 days`, `today` or `—`. */
  oldestAge: string;
  /** A link that cannot run script: http(s) or relative, else `#`. */
  href: string;
}

export interface DigestView {
  title: string;
  generatedAt: string;
  generatedDate: string;
  /** One sentence over every row. */
  headline: string;
  /** How rows are ordered, in words (also shown to readers). */
  sortRule: string;
  totals: Digest["totals"];
  rows: DigestRowView[];
  /** `1 duplicate report left out (same repository, source, target and tips): b.json (same as a.json).`; null when there is none. */
  duplicates: string | null;
}

export const SORT_RULE = "Sorted by urgency: most predicted conflicts first, then the oldest unsynced change, then the most unsynced changes.";

/** Pure: the digest as the md, html and email templates read it. */
export function digestView(digest: Digest): DigestView {
  const { totals } = digest;
  const generatedDate = digest.generatedAt.slice(0, 10);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const headline =
    totals.pending === 0
      ? `All ${plural(totals.rows, "target")} of ${plural(totals.repositories, "repository").replace(/ys$/, "ies")} are in sync.`
      : `${plural(totals.pending, "change")} to pick (${totals.unsynced} unsynced, ${totals.partial} partial) across ${plural(totals.rows, "target")} of ${plural(totals.repositories, "repository").replace(/ys$/, "ies")}; ${plural(totals.conflicts, "predicted conflict")}.`;
  return {
    title: `Docker/IaC drift digest, ${generatedDate}`,
    generatedAt: digest.generatedAt,
    generatedDate,
    headline,
    sortRule: SORT_RULE,
    totals,
    duplicates: duplicatesLine(digest),
    rows: digest.rows.map((row) => ({
      ...row,
      // Report files may come from anywhere: their text reaches HTML on one line, without control characters.
      repository: oneLineText(row.repository),
      source: oneLineText(row.source),
      target: oneLineText(row.target),
      oldestPending: row.oldestPending && { ...row.oldestPending, subject: oneLineText(row.oldestPending.subject) },
      level: row.summary.conflicts > 0 ? "alert" : row.pending > 0 ? "warn" : "ok",
      oldestAge: row.oldestPendingDays === null ? "—" : row.oldestPendingDays === 0 ? "today" : `${row.oldestPendingDays} day${row.oldestPendingDays === 1 ? "" : "s"}`,
      href: safeHref(row.reportUrl),
    })),
  };
}

/** The digest's note on reports it left out; shared with the CLI's stderr line. */
export function duplicatesLine(digest: Pick<Digest, "duplicates">): string | null {
  const { duplicates } = digest;
  if (!duplicates || duplicates.length === 0) return null;
  const named = duplicates.slice(0, 5).map((duplicate) => `${oneLineText(duplicate.file)} (same as ${oneLineText(duplicate.sameAs)})`);
  const more = duplicates.length > 5 ? `, and ${duplicates.length - 5} more` : "";
  const reports = duplicates.length === 1 ? "duplicate report" : "duplicate reports";
  return `${duplicates.length} ${reports} left out (same repository, source, target and tips): ${named.join(", ")}${more}.`;
}

function safeHref(url: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  return scheme === undefined || scheme === "http" || scheme === "https" ? url : "#";
}

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
    // A relative path means nothing in a mailbox: only --link-base URLs are links.
    rows: view.rows.map((row) => ({ ...row, link: /^https?:\/\//i.test(row.href) ? row.href : null })),
  };
}
