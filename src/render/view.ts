import type { Category, Change, ChangeStatus, PickPrediction, SyncReport } from "../model.js";
import { CHANGE_STATUSES, isStillToPick } from "../model.js";
import { ageHistogram, horizontalBars, unsyncedTrend, type BarChart, type TrendChart } from "./charts.js";
import { driftView, type DriftView } from "./drift-view.js";
import { oneLineText, stripControl } from "./escape.js";
import { cherryPickPlan, planScript, type PlanStep } from "./plan.js";

export { cherryPickPlan, planScript, shellWord, type PlanStep } from "./plan.js";

/**
 * The report as templates need it: sentences, rows, plan order and chart
 * geometry decided here, in one pure function, so templates only lay out.
 * Commit text is stripped of control characters here; each template escapes
 * it for its format with a helper (or handlebars' own HTML escaping).
 */
export interface ReportView {
  /** `Drift main → stable`. */
  title: string;
  source: { ref: string; sha: string; shortSha: string };
  target: { ref: string; sha: string; shortSha: string };
  mergeBase: string;
  remoteUrl: string | null;
  generatedAt: string;
  /** `YYYY-MM-DD` of generatedAt. */
  generatedDate: string;
  tool: string;
  /** One sentence saying whether target is in sync. */
  verdict: string;
  verdictLevel: "ok" | "warn" | "alert";
  /** How many changes are still to pick (unsynced or partial). */
  pendingCount: number;
  summary: SyncReport["summary"];
  statusRows: { status: ChangeStatus; label: string; count: number }[];
  categoryRows: { category: Category; counts: number[]; total: number }[];
  /** Unsynced and partial changes, most depended-on first, then oldest first; dependency bumps apart, in {@link bumpGroups}. */
  pending: ChangeView[];
  /** Dependency bumps still to pick, one group per dependency: the newest bump, and the older ones it supersedes. */
  bumpGroups: BumpGroup[];
  plan: PlanStep[];
  /** The plan as shell lines, each step's commands with a comment saying what to expect. */
  planScript: string[];
  /** Some step picks only its Docker/IaC paths. */
  planDockerIacOnly: boolean;
  /** Excluded, reverted, superseded and synced changes, one section each (empty ones left out). */
  sections: { status: ChangeStatus; title: string; changes: ChangeView[] }[];
  targetOnly: TargetOnlyView[];
  /** Every change, for the filterable table: still to pick first (ranked as {@link pending}), then the rest in history order. */
  changes: ChangeView[];
  statuses: { status: ChangeStatus; label: string }[];
  categories: Category[];
  charts: { status: BarChart; age: BarChart; trend: TrendChart };
  /** Configuration drift at the branch tips; null when the report has none (an older report). */
  drift: DriftView | null;
  /** Vendored and fixture files set aside, the first paths listed (`more` not shown); null when nothing was (or an older report). */
  setAside: { commits: number; files: number; paths: string[]; more: number } | null;
}

export interface ChangeView {
  /** Position in history order (the report's order). */
  index: number;
  /** Position in the "still to pick first" order: ranked changes still to pick, then the rest in history order. */
  rank: number;
  /** How many changes still to pick depend on this one. */
  dependents: number;
  sha: string;
  shortSha: string;
  subject: string;
  body: string;
  author: string;
  date: string;
  ageDays: number;
  categories: Category[];
  status: ChangeStatus;
  statusLabel: string;
  pick: PickPrediction | null;
  conflict: boolean;
  files: { path: string; category: Category; status: string }[];
  matchedBy: string[];
  targetShas: string[];
  syncedAt: string | null;
  dependsOn: string[];
  /** The same, as full SHAs: short ones can collide among thousands of changes. */
  dependsOnShas: string[];
  /** For a dependency bump: what it bumps, and the newest bump (short SHA) that supersedes it, if another. */
  bump: { dependency: string; from: string | null; to: string | null; supersededBy: string | null; supersededBySha: string | null } | null;
  exclusion: { rule: string; reason: string } | null;
  revertedBy: string | null;
  /** For a superseded change: short SHAs of the later changes, already on target, that replaced what it added. */
  supersededBy: string[];
  /** For a change still to pick: the paths a cherry-pick would leave conflicted. */
  conflictFiles: string[];
  /** Every predicted conflict is outside the Docker/IaC files, whose part alone picks cleanly ("conflicts only in docs/…"). */
  conflictsOnlyOutside: boolean;
  /** For a change still to pick: the commit's paths besides its Docker/IaC files. */
  otherPaths: string[];
}

export interface BumpGroup {
  dependency: string;
  newest: ChangeView;
  /** Older bumps of the same dependency still to pick, newest first: superseded by {@link newest}. */
  older: ChangeView[];
  /** `1.2.0 → 1.5.0`, the oldest bump's from to the newest's to, when the subjects say. */
  range: string | null;
}

export interface TargetOnlyView {
  shortSha: string;
  subject: string;
  date: string;
  files: { path: string; category: Category; kept: boolean }[];
  /** Every Docker/IaC file it touches is kept on purpose (`keep.paths`). */
  kept: boolean;
}

export const STATUS_LABELS: Record<ChangeStatus, string> = {
  unsynced: "Unsynced",
  partial: "Partial",
  synced: "Synced",
  superseded: "Superseded",
  excluded: "Excluded",
  reverted: "Reverted",
};

const SECTION_TITLES: Partial<Record<ChangeStatus, string>> = {
  excluded: "Excluded by config",
  reverted: "Reverted",
  superseded: "Superseded on target",
  synced: "Already synced",
};

export function reportView(report: SyncReport): ReportView {
  const changes = ranked(report.changes.map(changeView));
  const pending = changes.filter((change) => isStillToPick(change.status)).sort((a, b) => a.index - b.index);
  const { summary } = report;
  const title = `Drift ${oneLineText(report.source.ref)} → ${oneLineText(report.target.ref)}`;
  const categories = [...new Set(changes.flatMap((change) => change.categories))].sort();
  const plan = cherryPickPlan(pending);
  const bumps = bumpGroups(pending);
  const statusRows = CHANGE_STATUSES.map((status) => ({ status, label: STATUS_LABELS[status], count: summary[status] }));
  return {
    title,
    source: ref(report.source),
    target: ref(report.target),
    mergeBase: report.mergeBase,
    remoteUrl: report.repository.remoteUrl === null ? null : oneLineText(report.repository.remoteUrl),
    generatedAt: report.generatedAt,
    generatedDate: report.generatedAt.slice(0, 10),
    tool: `${report.tool.name} ${report.tool.version}`,
    ...verdict(report),
    pendingCount: pending.length,
    summary,
    statusRows,
    categoryRows: categories.map((category) => {
      const counts = CHANGE_STATUSES.map((status) => changes.filter((change) => change.status === status && change.categories.includes(category)).length);
      return { category, counts, total: changes.filter((change) => change.categories.includes(category)).length };
    }),
    pending: pending.filter((change) => !change.bump).sort((a, b) => a.rank - b.rank),
    bumpGroups: bumps,
    plan,
    planScript: planScript(plan),
    planDockerIacOnly: plan.some((step) => step.dockerIacOnly),
    sections: (["excluded", "reverted", "superseded", "synced"] as const)
      .map((status) => ({ status, title: SECTION_TITLES[status]!, changes: changes.filter((change) => change.status === status) }))
      .filter((section) => section.changes.length > 0),
    targetOnly: report.targetOnly.map((change) => ({
      shortSha: change.sha.slice(0, 7),
      subject: oneLineText(change.subject),
      date: change.date.slice(0, 10),
      files: change.files.map((file) => ({ ...file, path: oneLineText(file.path) })),
      kept: change.files.length > 0 && change.files.every((file) => file.kept),
    })),
    changes,
    statuses: CHANGE_STATUSES.map((status) => ({ status, label: STATUS_LABELS[status] })),
    categories,
    charts: {
      status: horizontalBars(
        statusRows.map((row) => ({ label: row.label, value: row.count, tone: `status-${row.status}` })),
        `Changes by status: ${statusRows.map((row) => `${row.count} ${row.status}`).join(", ")}.`,
      ),
      age: ageHistogram(pending.map((change) => change.ageDays)),
      trend: unsyncedTrend(report.changes, new Date(report.generatedAt)),
    },
    drift: driftView(report),
    setAside: setAsideView(report.setAside),
  };
}

const MAX_SET_ASIDE_PATHS = 40;

function setAsideView(setAside: SyncReport["setAside"]): ReportView["setAside"] {
  if (!setAside || (setAside.files === 0 && setAside.commits === 0)) return null;
  // A vendored tree can hold hundreds of Dockerfiles and manifests: the JSON lists them all, the reports the first few dozen.
  const paths = setAside.paths.slice(0, MAX_SET_ASIDE_PATHS).map(oneLineText);
  return { commits: setAside.commits, files: setAside.files, paths, more: setAside.paths.length - paths.length };
}

function verdict(report: SyncReport): Pick<ReportView, "verdict" | "verdictLevel"> {
  const { summary } = report;
  const pending = summary.unsynced + summary.partial;
  const target = oneLineText(report.target.ref);
  if (pending === 0) {
    return { verdict: `In sync: every Docker/IaC change on ${oneLineText(report.source.ref)} since the merge base is on ${target} or accounted for (${summary.total} changes).`, verdictLevel: "ok" };
  }
  const parts = [`${summary.unsynced} unsynced`, ...(summary.partial > 0 ? [`${summary.partial} partial`] : [])].join(", ");
  const conflicts = summary.conflicts > 0 ? `; ${summary.conflicts} predicted to conflict` : "; all predicted to pick cleanly";
  return { verdict: `${pending} Docker/IaC ${pending === 1 ? "change is" : "changes are"} not on ${target} yet (${parts})${conflicts}.`, verdictLevel: summary.conflicts > 0 ? "alert" : "warn" };
}

function ref(info: { ref: string; sha: string }) {
  return { ref: oneLineText(info.ref), sha: info.sha, shortSha: info.sha.slice(0, 7) };
}

/**
 * The changes with their rank: still to pick first, most depended-on first
 * (others wait for them), then oldest first; the rest after, in history
 * order. Returned in rank order.
 */
function ranked(changes: ChangeView[]): ChangeView[] {
  const dependents = new Map<string, number>();
  for (const change of changes) if (isStillToPick(change.status)) for (const sha of change.dependsOnShas) dependents.set(sha, (dependents.get(sha) ?? 0) + 1);
  const withCounts = changes.map((change) => ({ ...change, dependents: dependents.get(change.sha) ?? 0 }));
  const order = [...withCounts].sort((a, b) => {
    const pendingFirst = Number(isStillToPick(b.status)) - Number(isStillToPick(a.status));
    if (pendingFirst !== 0 || !isStillToPick(a.status)) return pendingFirst || a.index - b.index;
    return b.dependents - a.dependents || b.ageDays - a.ageDays || a.index - b.index;
  });
  return order.map((change, rank) => ({ ...change, rank }));
}

function changeView(change: Change, index: number): ChangeView {
  return {
    index,
    rank: index,
    dependents: 0,
    sha: change.sha,
    shortSha: change.shortSha,
    subject: oneLineText(change.subject),
    body: stripControl(change.body),
    author: oneLineText(change.author.name),
    date: change.date.slice(0, 10),
    ageDays: change.ageDays,
    categories: change.categories,
    status: change.status,
    statusLabel: STATUS_LABELS[change.status],
    pick: change.pick,
    conflict: change.pick === "conflict",
    files: change.files.map((file) => ({ path: oneLineText(file.path), category: file.category, status: file.status })),
    matchedBy: change.matchedBy,
    targetShas: change.targetShas.map((sha) => sha.slice(0, 7)),
    syncedAt: change.syncedAt?.slice(0, 10) ?? null,
    dependsOn: change.dependsOn.map((sha) => sha.slice(0, 7)),
    dependsOnShas: change.dependsOn,
    exclusion: change.exclusion && { rule: oneLineText(change.exclusion.rule), reason: oneLineText(change.exclusion.reason) },
    revertedBy: change.revertedBy?.slice(0, 7) ?? null,
    supersededBy: (change.supersededBy ?? []).map((sha) => sha.slice(0, 7)),
    conflictFiles: (change.conflictFiles ?? []).map(oneLineText),
    conflictsOnlyOutside: change.pick === "conflict" && change.iacPick === "clean" && (change.otherPaths ?? []).length > 0,
    otherPaths: (change.otherPaths ?? []).map(oneLineText),
    bump: change.bump
      ? { dependency: oneLineText(change.bump.dependency), from: change.bump.from && oneLineText(change.bump.from), to: change.bump.to && oneLineText(change.bump.to), supersededBy: change.bump.supersededBy?.slice(0, 7) ?? null, supersededBySha: change.bump.supersededBy }
      : null,
  };
}

/** The bumps still to pick, one group per dependency in the order of their newest bump, newest first. */
export function bumpGroups(pending: readonly ChangeView[]): BumpGroup[] {
  const groups = new Map<string, ChangeView[]>();
  for (const change of pending) {
    if (!change.bump) continue;
    const list = groups.get(change.bump.dependency) ?? [];
    list.push(change);
    groups.set(change.bump.dependency, list);
  }
  return [...groups.entries()].map(([dependency, bumps]) => {
    const newestFirst = [...bumps].reverse();
    const from = bumps[0]!.bump!.from;
    const to = newestFirst[0]!.bump!.to;
    return { dependency, newest: newestFirst[0]!, older: newestFirst.slice(1), range: from && to ? `${from} → ${to}` : to };
  });
}
