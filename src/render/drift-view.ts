import type { DriftDetails, FileDriftEntry, FileDriftSummary, KeyChange, KeyDiff, ListDiff, ValueChange } from "../drift/types.js";
import { MAX_STRUCTURED_LINES } from "../drift/lines.js";
import type { Category, SyncReport } from "../model.js";
import { oneLineText } from "./escape.js";

/**
 * File drift at the branch tips as templates need it: per file type a table
 * of files, each described in lines of facts (`service pg: image a → b`).
 * Every string that comes from a file stays apart from driftlog's own words
 * (`text`, `name`, `path` versus `field`, `kind`, `note`), so each template
 * escapes it for its format. Only what the entries hold is shown: redacted
 * values arrive as hashes and stay hashes.
 */
export interface DriftView {
  /** `5 files differ, 1 intended (keep), 1 excluded; 6 identical`. */
  counts: string;
  /** Files to review (neither kept nor excluded). */
  reviewCount: number;
  /** The files to review, one group per file type, in a fixed order; empty groups left out. */
  groups: DriftGroup[];
  /** Kept (`keep.paths`) and excluded (`exclude.paths`) files, apart from the rest. */
  setAside: DriftRow[];
  /** The verify commands of the files to review, each once, in file order. */
  verify: string[];
  source: string;
  target: string;
}

export interface DriftGroup {
  key: string;
  title: string;
  rows: DriftRow[];
}

export interface DriftRow {
  path: string;
  category: Category;
  state: FileDriftEntry["state"];
  /** `differs`, `only on main`, `only on stable`. */
  stateLabel: string;
  /** `intended (keep)`, `excluded` or both; null for a file to review. */
  setAsideBy: string | null;
  lines: DriftLine[];
  /** driftlog's own words in place of (or after) the lines: a line count, `binary`, `only comments or formatting differ`. */
  note: string | null;
}

/** One line of a file's drift: facts about one service, object or block (`scope`), or the file (scope null). */
export interface DriftLine {
  /** `kind` is driftlog's word (`service`), or empty; `name` comes from the file. */
  scope: { kind: string; name: string } | null;
  facts: DriftFact[];
}

export interface DriftFact {
  /** driftlog's word for the setting: `image`, `ENV`, `keys`, `base image`. */
  field: string;
  values: DriftValue[];
  /** Values left out to keep a row short. */
  more: number;
}

/** A value shown as it is (`code`, from the file) or in driftlog's words (`none`, `empty`). */
export interface Shown {
  text: string;
  code: boolean;
}

/** `added`: only on the source (syncing adds it); `removed`: only on the target; `item`: a name; `changed`: before (target) → after (source). */
export type DriftValue =
  | { kind: "added" | "removed" | "item"; text: string }
  | { kind: "changed"; name: string | null; before: Shown; after: Shown; redacted: boolean };

/** File types in the order the report shows them; categories not named here are "Other". */
const GROUPS: readonly { key: string; title: string; categories: readonly Category[] }[] = [
  { key: "docker", title: "Docker", categories: ["docker"] },
  { key: "compose", title: "Compose", categories: ["compose"] },
  { key: "env", title: "Environment files", categories: ["env"] },
  { key: "config", title: "Config files", categories: ["config"] },
  { key: "kubernetes", title: "Kubernetes and Helm", categories: ["kubernetes", "helm"] },
  { key: "terraform", title: "Terraform", categories: ["terraform"] },
  { key: "other", title: "Other", categories: [] },
];

const MAX_VALUES = 12;
const MAX_LINES = 20;
const MAX_TEXT = 120;

/** The drift section of one report; null when the report carries no file drift (a report from before it existed). */
export function driftView(report: SyncReport): DriftView | null {
  if (!report.fileDrift) return null;
  const source = oneLineText(report.source.ref);
  const target = oneLineText(report.target.ref);
  const rows = report.fileDrift.map((entry) => driftRow(entry, source, target));
  const review = rows.filter((row) => row.setAsideBy === null);
  const groupOf = (category: Category) => (GROUPS.find((group) => group.categories.includes(category)) ?? GROUPS.at(-1)!).key;
  const groups = GROUPS.map(({ key, title }) => ({ key, title, rows: review.filter((row) => groupOf(row.category) === key) })).filter((group) => group.rows.length > 0);
  const verify = report.fileDrift.filter((entry) => !entry.kept && !entry.excluded).flatMap((entry) => entry.verify.map(oneLineText));
  return {
    counts: countsLine(report.summary.fileDrift ?? summaryOf(report.fileDrift)),
    reviewCount: review.length,
    groups,
    setAside: rows.filter((row) => row.setAsideBy !== null),
    verify: [...new Set(verify)],
    source,
    target,
  };
}

function countsLine(summary: FileDriftSummary): string {
  const listed = summary.differs + summary.sourceOnly + summary.targetOnly;
  return `${listed} ${listed === 1 ? "file differs" : "files differ"}, ${summary.kept} intended (keep), ${summary.excluded} excluded; ${summary.identical} identical`;
}

function summaryOf(entries: readonly FileDriftEntry[]): FileDriftSummary {
  const count = (test: (entry: FileDriftEntry) => boolean) => entries.filter(test).length;
  return {
    files: entries.length,
    identical: 0,
    differs: count((entry) => entry.state === "differs"),
    sourceOnly: count((entry) => entry.state === "source-only"),
    targetOnly: count((entry) => entry.state === "target-only"),
    kept: count((entry) => entry.kept),
    excluded: count((entry) => entry.excluded),
  };
}

function driftRow(entry: FileDriftEntry, source: string, target: string): DriftRow {
  const { lines, note } = describeDetails(entry.details);
  const reasons = [...(entry.kept ? ["intended (keep)"] : []), ...(entry.excluded ? ["excluded"] : [])];
  return {
    path: oneLineText(entry.path),
    category: entry.category,
    state: entry.state,
    stateLabel: entry.state === "differs" ? "differs" : `only on ${entry.state === "source-only" ? source : target}`,
    setAsideBy: reasons.length > 0 ? reasons.join(", ") : null,
    lines: lines.slice(0, MAX_LINES),
    note: lines.length > MAX_LINES ? `and ${lines.length - MAX_LINES} more` : note,
  };
}

/** Lines of facts in the file type's terms, or a note when there are none to show. */
export function describeDetails(details: DriftDetails): { lines: DriftLine[]; note: string | null } {
  if (details.kind === "binary") return { lines: [], note: "binary content differs" };
  if (details.kind === "lines") {
    const counted = details.added === 0 && details.removed === 0 ? "only formatting differs (such as a final newline)" : `${plural(details.added, "line")} added, ${details.removed} removed`;
    if (details.tooLarge) return { lines: [], note: `too large to compare in its file type's terms (over ${MAX_STRUCTURED_LINES.toLocaleString("en-US")} lines); ${counted}` };
    return { lines: [], note: details.unparsed ? `does not parse as its file type; ${counted}` : counted };
  }
  const lines = LINES[details.kind](details as never).filter((line) => line.facts.length > 0);
  return { lines, note: lines.length === 0 ? "only comments or formatting differ" : null };
}

type Structured = Exclude<DriftDetails, { kind: "lines" | "binary" }>;

const LINES: { [K in Structured["kind"]]: (details: Extract<Structured, { kind: K }>) => DriftLine[] } = {
  dockerfile: (d) =>
    [
      fact("stages", list(d.stages)),
      fact("base image", d.baseImages.map((stage) => changed(stage.stage, stage.image))),
      fact("ARG", keys(d.args)),
      fact("ENV", keys(d.env)),
      fact("EXPOSE", list(d.expose)),
      fact("USER", value(d.user)),
      fact("HEALTHCHECK", value(d.healthcheck)),
      fact("ENTRYPOINT", value(d.entrypoint)),
      fact("CMD", value(d.cmd)),
      fact("other instructions", items(d.instructions)),
    ].map(fileLine),
  compose: (d) => [
    ...[fact("services", list(d.services)), fact("networks", list(d.networks)), fact("volumes", list(d.volumes)), fact("other settings", items(d.other))].map(fileLine),
    ...d.changed.map((service) => ({
      scope: { kind: "service", name: oneLineText(service.service) },
      facts: [
        ...Object.entries(service.fields).map(([field, pair]) => fact(field, value(pair))),
        ...Object.entries(service.lists).map(([field, diff]) => fact(field, list(diff))),
        fact("environment", service.environment ? keys(service.environment) : []),
        fact("other settings", items(service.other)),
      ].filter(present),
    })),
  ],
  keys: (d) => [fileLine(fact("keys", keys(d)))],
  kubernetes: (d) => [
    fileLine(fact("objects", list(d.objects))),
    ...d.changed.map((object) => ({
      scope: { kind: "", name: oneLineText(object.object) },
      facts: orChanged(
        [
          fact("image", keys(object.images)),
          fact("replicas", value(object.replicas)),
          fact("resources", keys(object.resources)),
          fact("env", keys(object.env)),
          fact("ports", list(object.ports)),
          fact("other", items(object.otherPaths)),
        ].filter(present),
      ),
    })),
  ],
  workflow: (d) => [
    ...[fact("jobs", list(d.jobs)), fact("actions", keys(d.actions)), fact("other settings", items(d.other))].map(fileLine),
    ...d.changed.map((job) => ({
      scope: { kind: "job", name: oneLineText(job.job) },
      facts: orChanged([fact("steps", list(job.steps)), fact("changed steps", items(job.changedSteps)), fact("other settings", items(job.other))].filter(present)),
    })),
  ],
  terraform: (d) => [
    fileLine(fact("blocks", [...d.added.map(added), ...d.removed.map(removed)])),
    ...d.changed.map((block) => ({ scope: { kind: "", name: oneLineText(block.address) }, facts: [{ field: "changed", ...capped(items(block.attributes)) }] })),
  ],
};

function fact(field: string, values: DriftValue[]): DriftFact {
  return { field, ...capped(values) };
}

function capped(values: DriftValue[]): { values: DriftValue[]; more: number } {
  return { values: values.slice(0, MAX_VALUES), more: Math.max(0, values.length - MAX_VALUES) };
}

const present = (item: DriftFact) => item.values.length > 0;
const fileLine = (item: DriftFact): DriftLine => ({ scope: null, facts: present(item) ? [item] : [] });
const orChanged = (facts: DriftFact[]) => (facts.length > 0 ? facts : [{ field: "changed", values: [], more: 0 }]);

const shortText = (text: string) => {
  const line = oneLineText(text);
  return line.length > MAX_TEXT ? `${line.slice(0, MAX_TEXT - 1)}…` : line;
};
const added = (text: string): DriftValue => ({ kind: "added", text: shortText(text) });
const removed = (text: string): DriftValue => ({ kind: "removed", text: shortText(text) });
const items = (names: readonly string[]): DriftValue[] => names.map((text) => ({ kind: "item", text: shortText(text) }));
const list = (diff: ListDiff): DriftValue[] => [...diff.added.map(added), ...diff.removed.map(removed)];

function shown(text: string | null): Shown {
  if (text === null) return { text: "none", code: false };
  return text.trim() === "" ? { text: "empty", code: false } : { text: shortText(text), code: true };
}

function changed(name: string | null, pair: ValueChange, redacted = false): DriftValue {
  return { kind: "changed", name: name === null ? null : shortText(name), before: shown(pair.before), after: shown(pair.after), redacted };
}

const value = (pair: ValueChange | null): DriftValue[] => (pair ? [changed(null, pair)] : []);
const keys = (diff: KeyDiff): DriftValue[] => [...diff.added.map(added), ...diff.removed.map(removed), ...diff.changed.map((change: KeyChange) => changed(change.key, change, change.redacted))];

function plural(count: number, word: string): string {
  return `${count} ${count === 1 ? word : `${word}s`}`;
}
