import type { Change, Summary } from "../model.js";

/** Counts by status; `conflicts` counts predicted cherry-pick conflicts. */
export function summarize(changes: readonly Change[]): Summary {
  const summary: Summary = { total: changes.length, synced: 0, partial: 0, unsynced: 0, superseded: 0, excluded: 0, reverted: 0, conflicts: 0 };
  for (const change of changes) {
    summary[change.status]++;
    if (change.pick === "conflict") summary.conflicts++;
  }
  return summary;
}
