import type { GroundTruth } from "./make-repo.js";

/** The part of a driftlog sync report (JSON schemaVersion 1) that scoring reads. */
export interface ReportLike {
  changes: { sha: string; status: string; matchedBy: string[] }[];
}

export interface Score {
  /** Ground-truth picks reported synced, partial or superseded, over all picks. */
  recall: number;
  /** Of the commits reported synced or partial, the share that truly reached stable. */
  precision: number;
  picks: number;
  found: number;
  /** Unpicked commits reported synced or partial. */
  falsePositives: { sha: string; subject: string; reason: string; status: string; matchedBy: string[] }[];
  /** Picks reported unsynced (or not at all). */
  missed: { sha: string; subject: string; shape: string; detail?: string; status: string }[];
  /** shape (or `unpicked:<reason>`) → reported status → count. */
  table: Record<string, Record<string, number>>;
}

const REACHED = new Set(["synced", "partial", "superseded"]);
const CLAIMED = new Set(["synced", "partial"]);

/** Scores a sync report against the generator's ground truth. */
export function scoreSync(report: ReportLike, truth: GroundTruth): Score {
  const reported = new Map(report.changes.map((change) => [change.sha, change]));
  const table: Score["table"] = {};
  const count = (row: string, status: string) => {
    const counts = (table[row] ??= {});
    counts[status] = (counts[status] ?? 0) + 1;
  };
  const missed: Score["missed"] = [];
  let found = 0;
  for (const pick of truth.picks) {
    const status = reported.get(pick.sha)?.status ?? "absent";
    count(pick.shape, status);
    if (REACHED.has(status)) found++;
    else missed.push({ sha: pick.sha, subject: pick.subject, shape: pick.shape, ...(pick.detail ? { detail: pick.detail } : {}), status });
  }
  const falsePositives: Score["falsePositives"] = [];
  for (const commit of truth.unpicked) {
    const change = reported.get(commit.sha);
    const status = change?.status ?? "absent";
    count(`unpicked:${commit.reason}`, status);
    if (change && CLAIMED.has(status)) falsePositives.push({ sha: commit.sha, subject: commit.subject, reason: commit.reason, status, matchedBy: change.matchedBy });
  }
  const claimedTrue = truth.picks.filter((pick) => CLAIMED.has(reported.get(pick.sha)?.status ?? "")).length;
  return {
    recall: truth.picks.length === 0 ? 1 : found / truth.picks.length,
    precision: claimedTrue + falsePositives.length === 0 ? 1 : claimedTrue / (claimedTrue + falsePositives.length),
    picks: truth.picks.length,
    found,
    falsePositives,
    missed,
    table,
  };
}

/** Share of ground-truth picks that `git log --cherry-mark` marks `=` (patch-id equal), for comparison. */
export function cherryMarkRecall(equivalent: ReadonlySet<string>, truth: GroundTruth): number {
  if (truth.picks.length === 0) return 1;
  return truth.picks.filter((pick) => equivalent.has(pick.sha)).length / truth.picks.length;
}
