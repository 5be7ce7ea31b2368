import { usageError } from "./errors.js";
import { validateRevision } from "./git/refs.js";

/** Where `--since` cuts the source history: at a moment, or at a revision. */
export type Since = { date: Date } | { rev: string } | null;

export const SINCE_FORMS = "YYYY-MM-DD, ISO 8601 (2026-01-31T12:00:00Z), yesterday, N.days.ago (also hours, weeks, months, years) or a revision";

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** What a user means as a date even when it is not a valid one; such text is never taken for a ref name. */
const DATE_LIKE = /^\d{4}-\d{1,2}-\d{1,2}(?:$|[T ])|^(?:yesterday|today|now|tomorrow|last[ ._](?:day|week|month|year))$|[ ._]ago$/i;
const RELATIVE = /^(\d+)[ ._](minute|hour|day|week|month|year)s?[ ._]ago$/i;
const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };

/**
 * Reads `--since`: a calendar date or ISO 8601 time (checked field by field,
 * so `2026-02-30` is refused rather than rolled over into March), one of
 * git's relative forms measured from `now`, or else a revision. Date-like
 * text that is none of these is an invalid date, not an unknown branch.
 */
export function parseSince(since: string | undefined, now: Date): Since {
  if (!since) return null;
  const date = absoluteDate(since) ?? relativeDate(since, now);
  if (date) return { date };
  if (DATE_LIKE.test(since)) throw usageError("E_BAD_DATE", `--since ${JSON.stringify(since)} is not a valid date`, `use ${SINCE_FORMS}`);
  return { rev: validateRevision(since, "--since") };
}

function absoluteDate(text: string): Date | null {
  const match = ISO.exec(text);
  if (!match) return null;
  const [, year, month, day, hour = "00", minute = "00", second = "00"] = match;
  const fields = [Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)] as const;
  const utc = new Date(Date.UTC(...fields));
  const roundTrip = [utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds()];
  if (roundTrip.some((value, i) => value !== fields[i])) return null;
  const date = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
  return Number.isNaN(date.getTime()) ? null : date;
}

function relativeDate(text: string, now: Date): Date | null {
  if (/^yesterday$/i.test(text)) return new Date(now.getTime() - 86_400_000);
  const match = RELATIVE.exec(text);
  if (!match) return null;
  const count = Number(match[1]);
  const date = new Date(now.getTime());
  const unit = match[2]!.toLowerCase();
  if (unit === "month") date.setUTCMonth(date.getUTCMonth() - count);
  else if (unit === "year") date.setUTCFullYear(date.getUTCFullYear() - count);
  else date.setTime(date.getTime() - count * UNIT_MS[unit]!);
  return date;
}
