import { isStillToPick, type Category, type Change, type ChangeStatus, type MultiSyncReport, type PickPrediction } from "../model.js";
import { oneLineText } from "./escape.js";
import { reportView, STATUS_LABELS, type ReportView } from "./view.js";

/**
 * A multi-target report as templates need it: a matrix of every source
 * change against every target, totals summed over targets, and each
 * target's own {@link ReportView} for the details.
 */
export interface MultiReportView {
  /** `Drift main → stable, release/2.8`. */
  title: string;
  source: { ref: string; sha: string; shortSha: string };
  targets: TargetView[];
  generatedAt: string;
  generatedDate: string;
  tool: string;
  remoteUrl: string | null;
  verdict: string;
  verdictLevel: "ok" | "warn" | "alert";
  /** Changes still to pick, summed over targets (a change missing on two targets counts twice). */
  pendingCount: number;
  /** Summary counts summed over targets. */
  summary: { unsynced: number; partial: number; conflicts: number; total: number };
  matrix: MatrixRow[];
  /** Rows still to pick on at least one target. */
  pendingRows: MatrixRow[];
  /** Rows accounted for on every target (the rest of {@link matrix}). */
  settledCount: number;
}

/** One target's details: its report view, plus an anchor unique in the page. */
export interface TargetView extends ReportView {
  ref: string;
  shortSha: string;
  /** `target-1`, … for links and ids. */
  anchor: string;
  /** Prefix of the ids inside this target's section. */
  idPrefix: string;
}

export interface MatrixRow {
  sha: string;
  shortSha: string;
  subject: string;
  date: string;
  ageDays: number;
  categories: Category[];
  /** One cell per target, in target order. */
  cells: MatrixCell[];
  /** On how many targets it is still to pick. */
  pendingOn: number;
}

export interface MatrixCell {
  target: string;
  /** Null when the change is not in this target's report: its merge base is later (the change is in its history) or `--since` left it out. */
  status: ChangeStatus | null;
  label: string;
  pick: PickPrediction | null;
  conflict: boolean;
  pending: boolean;
}

export function multiReportView(multi: MultiSyncReport): MultiReportView {
  const first = multi.targets[0]!;
  const targets = multi.targets.map((report, i): TargetView => ({
    ...reportView(report),
    ref: oneLineText(report.target.ref),
    shortSha: report.target.sha.slice(0, 7),
    anchor: `target-${i + 1}`,
    idPrefix: `target-${i + 1}-`,
  }));
  const matrix = matrixRows(multi);
  const sum = (pick: (view: ReportView) => number) => targets.reduce((total, view) => total + pick(view), 0);
  const summary = {
    unsynced: sum((view) => view.summary.unsynced),
    partial: sum((view) => view.summary.partial),
    conflicts: sum((view) => view.summary.conflicts),
    total: matrix.length,
  };
  const source = oneLineText(first.source.ref);
  const pendingCount = summary.unsynced + summary.partial;
  const pendingRows = matrix.filter((row) => row.pendingOn > 0);
  return {
    title: `Drift ${source} → ${targets.map((target) => target.ref).join(", ")}`,
    source: { ref: source, sha: first.source.sha, shortSha: first.source.sha.slice(0, 7) },
    targets,
    generatedAt: multi.generatedAt,
    generatedDate: multi.generatedAt.slice(0, 10),
    tool: `${multi.tool.name} ${multi.tool.version}`,
    remoteUrl: first.repository.remoteUrl === null ? null : oneLineText(first.repository.remoteUrl),
    ...verdict(targets, pendingCount, summary.conflicts, source),
    pendingCount,
    summary,
    matrix,
    pendingRows,
    settledCount: matrix.length - pendingRows.length,
  };
}

function verdict(targets: readonly TargetView[], pending: number, conflicts: number, source: string): Pick<MultiReportView, "verdict" | "verdictLevel"> {
  const names = targets.map((target) => target.ref);
  if (pending === 0) {
    return { verdict: `In sync: every Docker/IaC change on ${source} since each merge base is on ${names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0]} or accounted for.`, verdictLevel: "ok" };
  }
  const per = targets.filter((target) => target.pendingCount > 0).map((target) => `${target.ref} ${target.pendingCount}`);
  const conflictText = conflicts > 0 ? `; ${conflicts} predicted to conflict` : "; all predicted to pick cleanly";
  return {
    verdict: `${pending} Docker/IaC ${pending === 1 ? "change is" : "changes are"} still to pick across ${targets.length} targets (${per.join(", ")})${conflictText}.`,
    verdictLevel: conflicts > 0 ? "alert" : "warn",
  };
}

/**
 * Every source change of any target, in source history order (by commit
 * date, then the order the reports list them), with its status on each target.
 */
function matrixRows(multi: MultiSyncReport): MatrixRow[] {
  const bySha = new Map<string, { change: Change; order: number }>();
  for (const report of multi.targets) for (const change of report.changes) if (!bySha.has(change.sha)) bySha.set(change.sha, { change, order: bySha.size });
  const lookups = multi.targets.map((report) => new Map(report.changes.map((change) => [change.sha, change])));
  return [...bySha.values()]
    .sort((a, b) => Date.parse(a.change.date) - Date.parse(b.change.date) || a.order - b.order)
    .map(({ change }) => {
      const cells = multi.targets.map((report, i): MatrixCell => {
        const found = lookups[i]!.get(change.sha);
        const status = found?.status ?? null;
        return {
          target: oneLineText(report.target.ref),
          status,
          label: status === null ? "—" : STATUS_LABELS[status],
          pick: found?.pick ?? null,
          conflict: found?.pick === "conflict",
          pending: isStillToPick(status),
        };
      });
      return {
        sha: change.sha,
        shortSha: change.shortSha,
        subject: oneLineText(change.subject),
        date: change.date.slice(0, 10),
        ageDays: change.ageDays,
        categories: change.categories,
        cells,
        pendingOn: cells.filter((cell) => cell.pending).length,
      };
    });
}
