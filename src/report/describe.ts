import type { ChangeMatch } from "../match/index.js";
import { pushTo } from "../match/multimap.js";
import { isStillToPick, MATCH_METHODS, type Change, type ChangeStatus, type FileChange, type MatchMethod, type PickPrediction } from "../model.js";

/** The status a change earns from its files, its exclusion and its revert. */
export function changeStatus(match: ChangeMatch): ChangeStatus {
  if (match.change.exclusion) return "excluded";
  if (match.revertedBy || match.reverts) return "reverted";
  const statuses = match.files.map((file) => file.status);
  const unsynced = statuses.filter((status) => status === "unsynced").length;
  if (unsynced === 0) return statuses.every((status) => status === "synced") ? "synced" : "superseded";
  return statuses.some((status) => status === "synced") ? "partial" : "unsynced";
}

/** Everything of a change the report shows, except the pick prediction and its dependencies. */
export function describeChange(
  match: ChangeMatch,
  status: ChangeStatus,
  context: { now: Date; dateOf: (sha: string) => string | undefined },
): Change {
  const { commit } = match.change;
  const files: FileChange[] = match.files.map(({ file, status: fileStatus, evidence }) => ({
    path: file.path,
    category: file.category,
    status: fileStatus,
    method: evidence?.method ?? null,
    targetShas: evidence?.targetShas ?? [],
  }));
  const methods = new Set([
    ...match.evidence.map((evidence) => evidence.method),
    ...files.map((file) => file.method).filter((method): method is MatchMethod => method !== null),
  ]);
  const targetShas = [...new Set(files.flatMap((file) => file.targetShas))];
  const targetDates = targetShas.map((sha) => context.dateOf(sha)).filter((date): date is string => date !== undefined);
  return {
    sha: commit.sha,
    shortSha: commit.sha.slice(0, 7),
    subject: commit.subject,
    body: commit.body,
    author: commit.author,
    date: commit.date,
    ageDays: Math.max(0, Math.floor((context.now.getTime() - commit.committerTime * 1000) / 86_400_000)),
    categories: [...new Set(files.map((file) => file.category))].sort(),
    status,
    pick: null,
    files,
    matchedBy: MATCH_METHODS.filter((method) => methods.has(method)),
    targetShas,
    syncedAt: targetDates.length > 0 ? targetDates.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b)) : null,
    dependsOn: [],
    exclusion: match.change.exclusion,
    revertedBy: match.revertedBy,
    supersededBy: match.supersededBy,
  };
}

/**
 * For a predicted conflict: per file it touches, the closest earlier change
 * still to pick that touched the same Docker/IaC file. Those depend on their own
 * predecessors in turn, so following `dependsOn` gives the whole chain while
 * each list stays short on a branch with thousands of unsynced changes.
 * Returns a lookup by position in `changes`, indexed by path once.
 */
export function dependencies(changes: readonly Change[], pathsOf: (change: Change) => readonly string[] = dockerIacPaths): (index: number) => string[] {
  const byPath = new Map<string, number[]>();
  changes.forEach((change, i) => {
    if (!isStillToPick(change.status)) return;
    for (const path of new Set(pathsOf(change))) pushTo(byPath, path, i);
  });
  return (index) => {
    const closest = new Set<number>();
    for (const path of pathsOf(changes[index]!)) {
      const earlier = lastBefore(byPath.get(path) ?? [], index);
      if (earlier !== undefined) closest.add(earlier);
    }
    return [...closest].sort((a, b) => a - b).map((i) => changes[i]!.sha);
  };
}

/** The change's Docker/IaC files: what its dependencies are counted by. */
const dockerIacPaths = (change: Change) => change.files.map((file) => file.path);

/** The largest entry of an ascending list below `limit`. */
function lastBefore(ascending: readonly number[], limit: number): number | undefined {
  let low = 0;
  let high = ascending.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (ascending[mid]! < limit) low = mid + 1;
    else high = mid;
  }
  return low > 0 ? ascending[low - 1] : undefined;
}

export function withPick(change: Change, pick: PickPrediction, dependsOn: () => string[]): Change {
  return { ...change, pick, dependsOn: pick === "conflict" ? dependsOn() : [] };
}
