/**
 * The report model, assembled in one place: what matching found becomes
 * described changes, pick predictions and their dependencies are attached,
 * and the report's counts and target-only commits are derived. Views and
 * renderers read the result; they never recompute a status.
 */
import type { FileDriftEntry, FileDriftSummary } from "../drift/types.js";
import type { ChangeMatch } from "../match/index.js";
import { isStillToPick, type SetAside, type Change, type PickPrediction, type RefInfo, type SyncReport, type TargetOnlyChange, type Unread } from "../model.js";
import { VERSION } from "../version.js";
import { changeStatus, dependencies, describeChange, withPick } from "./describe.js";
import { summarize } from "./summary.js";

export { changeStatus, dependencies, describeChange, withPick } from "./describe.js";
export { summarize } from "./summary.js";
export { dependencyBumpOf, isDependencyBot, withBumps } from "./bumps.js";
export { targetOnly } from "./target-only.js";
export { markUnread, type UnreadInput } from "./unread.js";

/** Every matched change as the report describes it, before pick prediction. */
export function describeChanges(matches: readonly ChangeMatch[], context: { now: Date; dateOf: (sha: string) => string | undefined }): Change[] {
  return matches.map((match) => describeChange(match, changeStatus(match), context));
}

/** What pick prediction found for one change still to pick (see {@link Change.conflictFiles}). */
export interface PickFacts {
  /** The whole commit's pick; null when a missing blob leaves it unknown. */
  pick: PickPrediction | null;
  /** Its Docker/IaC files' pick alone. */
  iacPick: PickPrediction | null;
  conflictFiles: string[];
  otherPaths: string[];
}

/**
 * The changes with each one still to pick given its predicted pick (whole
 * and Docker/IaC part alone) and a predicted conflict the closest earlier
 * changes it depends on, by its Docker/IaC files only: a shared README is
 * no reason to pick one change before another.
 */
export function withPicks(described: readonly Change[], factsOf: (change: Change) => PickFacts): Change[] {
  const dependsOn = dependencies(described);
  return described.map((change, i) => {
    if (!isStillToPick(change.status)) return change;
    const facts = factsOf(change);
    const detail = { conflictFiles: [...facts.conflictFiles].sort(), iacPick: facts.iacPick, otherPaths: [...facts.otherPaths].sort() };
    // Null: unknown, a blob the merge needs is missing; the change keeps no prediction.
    return facts.pick ? { ...withPick(change, facts.pick, () => dependsOn(i)), ...detail } : { ...change, ...detail };
  });
}

/** What a sync report says besides its changes. */
export interface ReportFrame {
  generatedAt: Date;
  repository: SyncReport["repository"];
  source: RefInfo;
  target: RefInfo;
  mergeBase: string;
  targetOnly: TargetOnlyChange[];
  fileDrift: { summary: FileDriftSummary; entries: FileDriftEntry[] };
  /** What could not be read (a partial clone's missing blobs); null when everything was. */
  unread: Unread | null;
  /** Vendored and fixture files set aside, and the commits left without a Docker/IaC file of their own. */
  setAside?: SetAside;
}

/** The JSON report (schemaVersion 1). */
export function assembleReport(frame: ReportFrame, changes: Change[]): SyncReport {
  return {
    schemaVersion: 1,
    tool: { name: "driftlog", version: VERSION },
    generatedAt: frame.generatedAt.toISOString(),
    repository: frame.repository,
    source: frame.source,
    target: frame.target,
    mergeBase: frame.mergeBase,
    summary: { ...summarize(changes), fileDrift: frame.fileDrift.summary },
    changes,
    targetOnly: frame.targetOnly,
    fileDrift: frame.fileDrift.entries,
    ...(frame.unread ? { unread: frame.unread } : {}),
    ...(frame.setAside ? { setAside: frame.setAside } : {}),
  };
}
