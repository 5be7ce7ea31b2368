import type { RawCommit } from "../git/log.js";
import type { ReleaseTag } from "./tags.js";

/** The commits of one release (merges included), newest first, before interpretation. */
export interface ReleaseSlice {
  tag: ReleaseTag | null;
  commits: RawCommit[];
}

/** Commits reachable from `tip` within the commits read. */
export function reachable(byId: ReadonlyMap<string, RawCommit>, tip: string): Set<string> {
  const seen = new Set<string>();
  const stack = [tip];
  while (stack.length > 0) {
    const sha = stack.pop()!;
    if (seen.has(sha) || !byId.has(sha)) continue;
    seen.add(sha);
    for (const parent of byId.get(sha)!.parents) if (!seen.has(parent)) stack.push(parent);
  }
  return seen;
}

/**
 * Cuts a topologically ordered history (newest first) into releases. Each
 * tag claims the commits it reaches that no older tag reaches, so a tag on a
 * merged side branch keeps only its own commits, and tags outside the history
 * claim nothing. Commits no tag reaches are the unreleased slice (first, even when empty).
 */
export function sliceReleases(history: readonly RawCommit[], tags: readonly ReleaseTag[]): ReleaseSlice[] {
  const byId = new Map(history.map((commit) => [commit.sha, commit]));
  const position = new Map(history.map((commit, i) => [commit.sha, i]));
  const tagAt = new Map<string, ReleaseTag>();
  for (const tag of tags) {
    if (!position.has(tag.commit)) continue;
    const current = tagAt.get(tag.commit);
    if (!current || compareVersions(tag.version, current.version) > 0) tagAt.set(tag.commit, tag);
  }
  // Oldest tag first: it claims everything it reaches before newer tags look.
  const ordered = [...tagAt.values()].sort((a, b) => position.get(b.commit)! - position.get(a.commit)!);
  const owner = new Map<string, ReleaseTag>();
  for (const tag of ordered) {
    const stack = [tag.commit];
    while (stack.length > 0) {
      const sha = stack.pop()!;
      if (owner.has(sha) || !byId.has(sha)) continue;
      owner.set(sha, tag);
      stack.push(...byId.get(sha)!.parents);
    }
  }
  const slices = new Map<ReleaseTag | null, RawCommit[]>([[null, []], ...[...ordered].reverse().map((tag) => [tag, []] as [ReleaseTag, RawCommit[]])]);
  for (const commit of history) slices.get(owner.get(commit.sha) ?? null)!.push(commit);
  return [...slices].map(([tag, commits]) => ({ tag, commits }));
}

/** Orders versions numerically part by part (`1.10.0` > `1.9.0`; `1.0.0` > `1.0.0-rc.1`). */
export function compareVersions(a: string, b: string): number {
  const [coreA = "", preA] = a.split(/-(.*)/s);
  const [coreB = "", preB] = b.split(/-(.*)/s);
  const partsA = coreA.split(/[.+]/);
  const partsB = coreB.split(/[.+]/);
  for (let i = 0; i < Math.max(partsA.length, partsB.length); i++) {
    const diff = comparePart(partsA[i] ?? "0", partsB[i] ?? "0");
    if (diff !== 0) return diff;
  }
  if (preA === undefined || preB === undefined) return preA === preB ? 0 : preA === undefined ? 1 : -1;
  return comparePart(preA, preB);
}

function comparePart(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}
