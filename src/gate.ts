import type { FileDriftEntry } from "./drift/types.js";
import { usageError } from "./errors.js";
import { closest } from "./git/refs.js";
import { isStillToPick, type Change, type SyncReport } from "./model.js";
import { oneLineText } from "./render/escape.js";

/**
 * The `--fail-on` gate: rules that make `driftlog sync` exit 1 when a change
 * matches them. Pure: parse the rule text, evaluate it against the reports.
 */
export type GateRule =
  | { kind: "unsynced"; text: string }
  | { kind: "conflict"; text: string }
  /** A Docker/IaC file that differs between the branch tips: not kept, not excluded (by path, or touched only by excluded commits), not only in comments. */
  | { kind: "drift"; text: string }
  /** A pending change at least `amount` `unit`s old. */
  | { kind: "age"; text: string; amount: number; unit: AgeUnit };

export type AgeUnit = "h" | "d" | "w";

const RULE_NAMES = ["unsynced", "conflict", "drift", "age"] as const;
const UNIT_WORDS: Record<AgeUnit, string> = { h: "hour", d: "day", w: "week" };
const HOURS: Record<AgeUnit, number> = { h: 1, d: 24, w: 168 };

/** A rule that matched at least one change. */
export interface TrippedRule {
  rule: GateRule;
  /** How many (target, change) pairs matched. */
  count: number;
  /** The one line printed on stderr, without the `driftlog: ` prefix. */
  message: string;
}

/**
 * Parses `unsynced,conflict,age:14d` (several flags may be joined first).
 * Rule names are case-insensitive; a rule given twice counts once. A
 * malformed rule is a usage error with a suggestion.
 */
export function parseFailOn(text: string): GateRule[] {
  const parts = text.split(",").map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0) throw usageError("E_FAIL_ON", "--fail-on needs at least one rule", "use unsynced, conflict, drift or age:14d, comma-separated");
  const rules = new Map<string, GateRule>();
  for (const part of parts) {
    const rule = parseRule(part);
    rules.set(rule.text, rule);
  }
  return [...rules.values()];
}

function parseRule(part: string): GateRule {
  const [rawName = "", ...rest] = part.split(":");
  const name = rawName.toLowerCase();
  const value = rest.join(":");
  if (name === "unsynced" || name === "conflict" || name === "drift") {
    if (rest.length > 0) throw usageError("E_FAIL_ON", `--fail-on ${JSON.stringify(part)}: ${name} takes no value`, `write --fail-on ${name}`);
    return { kind: name, text: name };
  }
  if (name === "age") {
    const match = /^(\d{1,5})\s*([a-z]*)$/i.exec(value.trim());
    if (!match) throw usageError("E_FAIL_ON", `--fail-on ${JSON.stringify(part)}: the age needs a whole number and a unit`, "write it like age:14d (days), age:2w (weeks) or age:36h (hours)");
    const amount = Number(match[1]);
    const unit = (match[2] ?? "").toLowerCase();
    if (!isUnit(unit)) {
      const hint = unit === "" ? `add a unit: age:${amount}d` : `use d (days), w (weeks) or h (hours), like age:${amount}d`;
      throw usageError("E_FAIL_ON", `--fail-on ${JSON.stringify(part)}: ${unit === "" ? "the age has no unit" : `unknown unit ${JSON.stringify(unit)}`}`, hint);
    }
    return { kind: "age", text: `age:${amount}${unit}`, amount, unit };
  }
  const near = closest(name, RULE_NAMES, 1);
  const suggestion = near[0] === "age" ? "age:14d" : near[0];
  throw usageError(
    "E_FAIL_ON",
    `unknown --fail-on rule ${JSON.stringify(part)}${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`,
    "use unsynced, conflict, drift or age:14d, comma-separated",
  );
}

const isUnit = (unit: string): unit is AgeUnit => unit === "h" || unit === "d" || unit === "w";

/**
 * Whether a pending change is at least the rule's age. Days and weeks use
 * the report's whole-day `ageDays` (`ageDays >= 14` is exactly "14 days old
 * or more"); hours need the commit date against the report's `generatedAt`.
 */
export function isOlder(change: Change, report: Pick<SyncReport, "generatedAt">, rule: { amount: number; unit: AgeUnit }): boolean {
  if (rule.unit !== "h") return change.ageDays * 24 >= rule.amount * HOURS[rule.unit];
  const hours = (Date.parse(report.generatedAt) - Date.parse(change.date)) / 3_600_000;
  return Number.isFinite(hours) && hours >= rule.amount;
}

function matches(rule: Exclude<GateRule, { kind: "drift" }>, change: Change, report: SyncReport): boolean {
  if (!isStillToPick(change.status)) return false;
  if (rule.kind === "unsynced") return true;
  if (rule.kind === "conflict") return change.pick === "conflict";
  return isOlder(change, report, rule);
}

/** The rules that trip for these reports (one per target), in the order given. */
export function evaluateGate(reports: readonly SyncReport[], rules: readonly GateRule[]): TrippedRule[] {
  return rules.flatMap((rule) => {
    if (rule.kind === "drift") return driftTripped(rule, reports);
    const hits = reports.flatMap((report) => report.changes.filter((change) => matches(rule, change, report)).map((change) => ({ change, report })));
    return hits.length === 0 ? [] : [{ rule, count: hits.length, message: describe(rule, hits, reports.length > 1) }];
  });
}

type Hit = { change: Change; report: SyncReport };

/**
 * `drift`: files that differ at the tips and are not kept (intended), not
 * excluded by path, not touched only by commits excluded by message or
 * scope, and not different only in comments or formatting.
 */
function driftTripped(rule: GateRule, reports: readonly SyncReport[]): TrippedRule[] {
  const counts = (entry: FileDriftEntry) => !entry.kept && !entry.excluded && !entry.excludedCommitsOnly && !entry.commentsOnly;
  const hits = reports.flatMap((report) => (report.fileDrift ?? []).filter(counts).map((entry) => ({ path: entry.path, target: report.target.ref })));
  if (hits.length === 0) return [];
  const files = hits.length === 1 ? "file differs" : "files differ";
  const named = hits.slice(0, 3).map((hit) => (reports.length > 1 ? `${hit.path} on ${hit.target}` : hit.path));
  const more = hits.length > 3 ? `, and ${hits.length - 3} more` : "";
  const message = `--fail-on drift tripped: ${hits.length} Docker/IaC ${files} between the tips and ${hits.length === 1 ? "is" : "are"} not kept (${named.map(oneLineText).join(", ")}${more})`;
  return [{ rule, count: hits.length, message }];
}

function describe(rule: Exclude<GateRule, { kind: "drift" }>, hits: readonly Hit[], several: boolean): string {
  const n = hits.length;
  const changes = n === 1 ? "change" : "changes";
  const what =
    rule.kind === "unsynced"
      ? `${n} ${pendingWord(hits)} ${changes}`
      : rule.kind === "conflict"
        ? `${n} ${changes} predicted to conflict`
        : `${n} ${pendingWord(hits)} ${changes} ${rule.amount} ${UNIT_WORDS[rule.unit]}${rule.amount === 1 ? "" : "s"} or older`;
  const oldest = hits.reduce((found, hit) => (hit.change.ageDays > found.change.ageDays ? hit : found));
  const perTarget = several ? `${targetCounts(hits)}; ` : "";
  const on = several ? ` on ${oneLineText(oldest.report.target.ref)}` : "";
  const age = `${oldest.change.ageDays} ${oldest.change.ageDays === 1 ? "day" : "days"}`;
  return `--fail-on ${rule.text} tripped: ${what} (${perTarget}oldest ${oldest.change.shortSha} "${shorten(oneLineText(oldest.change.subject))}"${on}, ${age})`;
}

/** `unsynced`, `partial` or `unsynced or partial`, as the hits are. */
function pendingWord(hits: readonly Hit[]): string {
  const statuses = new Set(hits.map((hit) => hit.change.status));
  return statuses.size > 1 ? "unsynced or partial" : [...statuses][0]!;
}

/** `stable 2, release/2.8 1`, in report order. */
function targetCounts(hits: readonly Hit[]): string {
  const counts = new Map<string, number>();
  for (const { report } of hits) counts.set(report.target.ref, (counts.get(report.target.ref) ?? 0) + 1);
  return [...counts].map(([target, count]) => `${oneLineText(target)} ${count}`).join(", ");
}

function shorten(subject: string, max = 60): string {
  const chars = [...subject];
  return chars.length <= max ? subject : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}
