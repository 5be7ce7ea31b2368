import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { isStillToPick, type SyncReport, type Summary } from "../model.js";

/** One row of the digest: one repository compared with one target. */
export interface DigestRow {
  /** `owner/name` from the remote URL, else the repository folder's name. */
  repository: string;
  remoteUrl: string | null;
  source: string;
  target: string;
  summary: Summary;
  /** Changes still to pick: unsynced plus partial. */
  pending: number;
  /** Age in days of the oldest unsynced or partial change; null when none is. */
  oldestPendingDays: number | null;
  oldestPending: { shortSha: string; subject: string; date: string } | null;
  /** When the row's sync report was generated. */
  generatedAt: string;
  /** Link to the full report (its HTML when it sits next to the JSON). */
  reportUrl: string;
  /** The JSON file the row came from, as given. */
  file: string;
}

/** A report left out because an earlier-kept one has the same repository, source, target and tips. */
export interface DuplicateReport {
  /** The file it came from, and the file of the report kept in its place. */
  file: string;
  sameAs: string;
  repository: string;
  target: string;
}

export interface Digest {
  generatedAt: string;
  rows: DigestRow[];
  /** Reports left out as duplicates, in input order. */
  duplicates: DuplicateReport[];
  totals: { repositories: number; rows: number; pending: number; partial: number; unsynced: number; conflicts: number };
}

/** One input file and the reports it held. */
export interface DigestInput {
  file: string;
  reports: SyncReport[];
  /** The full report to link to; default the JSON file itself. */
  reportPath?: string;
}

export interface DigestOptions {
  now: Date;
  /** Links become `linkBase/` + the report's path relative to `cwd`. */
  linkBase?: string;
  cwd: string;
  /** Without a link base, links are relative to where the digest is written (default `cwd`). */
  outDir?: string;
}

/**
 * Merges sync reports into one overview sorted by urgency: most predicted
 * conflicts first, then the oldest unsynced change, then the most unsynced
 * (and partial) changes; ties by repository and target name. Reports of the
 * same repository, source, target and tips (the same job's output passed
 * twice, or downloaded from two runs) count once: the newest is kept.
 */
export function buildDigest(inputs: readonly DigestInput[], options: DigestOptions): Digest {
  const { kept, duplicates } = withoutDuplicates(inputs);
  const rows = kept.map(({ report, input }) => rowOf(report, input, options));
  rows.sort(byUrgency);
  const sum = (pick: (row: DigestRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    generatedAt: options.now.toISOString(),
    rows,
    duplicates,
    totals: {
      repositories: new Set(rows.map((row) => row.remoteUrl ?? row.repository)).size,
      rows: rows.length,
      pending: sum((row) => row.pending),
      partial: sum((row) => row.summary.partial),
      unsynced: sum((row) => row.summary.unsynced),
      conflicts: sum((row) => row.summary.conflicts),
    },
  };
}

type Entry = { report: SyncReport; input: DigestInput };

/** One entry per repository, source, target and tips: the newest report (the first of equally new ones). */
function withoutDuplicates(inputs: readonly DigestInput[]): { kept: Entry[]; duplicates: DuplicateReport[] } {
  const entries = inputs.flatMap((input) => input.reports.map((report) => ({ report, input })));
  const keyOf = ({ report }: Entry) =>
    JSON.stringify([report.repository.remoteUrl ?? report.repository.path, report.source.ref, report.source.sha, report.target.ref, report.target.sha]);
  const chosen = new Map<string, Entry>();
  for (const entry of entries) {
    const key = keyOf(entry);
    const found = chosen.get(key);
    if (!found || Date.parse(entry.report.generatedAt) > Date.parse(found.report.generatedAt)) chosen.set(key, entry);
  }
  const kept = new Set(chosen.values());
  const duplicates = entries
    .filter((entry) => !kept.has(entry))
    .map((entry) => ({ file: entry.input.file, sameAs: chosen.get(keyOf(entry))!.input.file, repository: repositoryName(entry.report), target: entry.report.target.ref }));
  return { kept: entries.filter((entry) => kept.has(entry)), duplicates };
}

/** The urgency order, exported so the rule is tested as written. */
export function byUrgency(a: DigestRow, b: DigestRow): number {
  return (
    b.summary.conflicts - a.summary.conflicts ||
    (b.oldestPendingDays ?? -1) - (a.oldestPendingDays ?? -1) ||
    b.pending - a.pending ||
    a.repository.localeCompare(b.repository) ||
    a.target.localeCompare(b.target)
  );
}

function rowOf(report: SyncReport, input: DigestInput, options: DigestOptions): DigestRow {
  const pending = report.changes.filter((change) => isStillToPick(change.status));
  const oldest = pending.reduce<(typeof pending)[number] | null>((found, change) => (!found || change.ageDays > found.ageDays ? change : found), null);
  return {
    repository: repositoryName(report),
    remoteUrl: report.repository.remoteUrl,
    source: report.source.ref,
    target: report.target.ref,
    summary: report.summary,
    pending: report.summary.unsynced + report.summary.partial,
    oldestPendingDays: oldest ? Math.floor(oldest.ageDays) : null,
    oldestPending: oldest ? { shortSha: oldest.shortSha, subject: oldest.subject, date: oldest.date } : null,
    generatedAt: report.generatedAt,
    reportUrl: reportUrl(input.reportPath ?? input.file, options),
    file: input.file,
  };
}

/** `owner/name` of `https://host/owner/name.git` or `git@host:owner/name.git`. */
export function repositoryName(report: Pick<SyncReport, "repository">): string {
  const url = report.repository.remoteUrl?.replace(/\.git$/, "").replace(/\/+$/, "");
  const parts = url?.split(/[/:]/).filter(Boolean) ?? [];
  if (parts.length >= 2) return parts.slice(-2).join("/");
  return basename(report.repository.path) || report.repository.path;
}

function reportUrl(path: string, options: DigestOptions): string {
  const absolute = resolve(options.cwd, path);
  const fromRoot = (root: string) => relative(root, absolute).split(sep).map(encodeURIComponent).join("/");
  if (options.linkBase) return `${options.linkBase.replace(/\/+$/, "")}/${fromRoot(options.cwd)}`;
  return fromRoot(options.outDir ?? options.cwd) || encodeURIComponent(basename(absolute));
}

/** `x/sync-report.json` → `x/sync-report.html`. */
export const htmlSibling = (file: string): string => join(dirname(file), `${basename(file).replace(/\.json$/i, "")}.html`);
