import type { MultiReportView } from "./multi-view.js";
import { planScript } from "./plan.js";
import type { ReportView } from "./view.js";

/**
 * Row limits for formats that land where size is capped: a GitHub comment
 * takes 65,536 characters, a job summary 1 MiB. The Markdown report lists at
 * most `maxRows` rows per list (changes still to pick, plan, each collapsed
 * section, drift group, target-only commits) and says how many more the
 * HTML/JSON report has; the engine halves the rows until the output fits.
 */

/** GitHub's limit on a comment body, in characters. */
export const COMMENT_LIMIT = 65_536;
/** GitHub's limit on a job's step summary, in bytes. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;
/** Rows per list by default: on real reports (long subjects, a few files per change) the Markdown report stays well under {@link COMMENT_LIMIT}. */
export const DEFAULT_MAX_ROWS = 25;

/** A list cut to `max` entries, and how many were left out. */
function cut<T>(list: readonly T[], max: number): { rows: T[]; more: number } {
  return { rows: list.slice(0, max), more: Math.max(0, list.length - max) };
}

/** A report view with each list cut to `maxRows` (a copy: the view itself is shared by other formats), with `…More` counts of what was left out. */
export function limitRows(view: ReportView, maxRows: number) {
  const pending = cut(view.pending, maxRows);
  const plan = cut(view.plan, maxRows);
  const targetOnly = cut(view.targetOnly, maxRows);
  const bumpGroups = cut(view.bumpGroups, maxRows);
  return {
    ...view,
    pending: pending.rows,
    pendingMore: pending.more,
    bumpGroups: bumpGroups.rows,
    bumpGroupsMore: bumpGroups.more,
    plan: plan.rows,
    planMore: plan.more,
    planScript: planScript(plan.rows),
    sections: view.sections.map((section) => {
      const changes = cut(section.changes, maxRows);
      return { ...section, changes: changes.rows, more: changes.more };
    }),
    targetOnly: targetOnly.rows,
    targetOnlyMore: targetOnly.more,
    drift: view.drift && {
      ...view.drift,
      groups: view.drift.groups.map((group) => {
        const rows = cut(group.rows, maxRows);
        return { ...group, rows: rows.rows, more: rows.more };
      }),
      setAside: cut(view.drift.setAside, maxRows).rows,
      setAsideMore: cut(view.drift.setAside, maxRows).more,
      verify: cut(view.drift.verify, maxRows).rows,
    },
  };
}

/** {@link limitRows} for every target of a multi-target view, the matrix cut too. */
export function limitMultiRows(view: MultiReportView, maxRows: number) {
  // Rows still to pick somewhere first, so the cut drops settled ones.
  const matrix = cut([...view.pendingRows, ...view.matrix.filter((row) => row.pendingOn === 0)], maxRows);
  return { ...view, targets: view.targets.map((target) => ({ ...target, ...limitRows(target, maxRows) })), matrix: matrix.rows, matrixMore: matrix.more };
}
