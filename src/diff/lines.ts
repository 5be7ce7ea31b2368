import { createHash } from "node:crypto";
import { createRequire } from "node:module";

// A CommonJS module whose `exports.default` Node's ESM loader and vitest's
// interop disagree about; require() sees the same thing everywhere.
const diffSequences = (createRequire(import.meta.url)("@jest/diff-sequences") as typeof import("@jest/diff-sequences")).default;

/**
 * One changed region of a line diff (no context): the old lines from
 * `oldStart` replaced by `added`. A pure insertion has no `removed` lines.
 */
export interface Region {
  oldStart: number;
  removed: string[];
  added: string[];
}

/**
 * Past this many lines between two anchors (lines unique to both sides) the
 * gap counts as one replaced block: Myers' diff costs (N + M) × D, and a
 * regenerated 50k-line manifest is not worth seconds of line matching. The
 * bound is per gap, not per file: a few lines changed far apart in a
 * generated manifest stay a few small regions, not one block of the whole
 * file that every later stage (patch ids, presence, picks) would carry.
 */
const MAX_MIDDLE_LINES = 40_000;

/** Lines compared the way a reviewer would: line endings and trailing blanks do not count. */
export function toLines(text: string | null): string[] {
  if (text === null || text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((line) => line.trimEnd());
}

/** Lines exactly as git's merge sees them (only the final newline dropped). */
export function exactLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** The changed regions between two versions of a file. */
export function diffRegions(before: readonly string[], after: readonly string[]): Region[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const oldMid = before.slice(head, before.length - tail);
  const newMid = after.slice(head, after.length - tail);
  if (oldMid.length === 0 && newMid.length === 0) return [];
  if (oldMid.length === 0 || newMid.length === 0) return [{ oldStart: head, removed: oldMid, added: newMid }];
  const [a, b] = intern(oldMid, newMid);
  return middleRegions(a, b, head, (ids, start, end) => (ids === a ? oldMid : newMid).slice(start, end));
}

/**
 * {@link diffRegions} of two versions whose lines are numbers already (see
 * LineTable), with `lineOf` naming each number's line: the same regions, and
 * a 50k-line version is not split and hashed again for every diff it is in.
 */
export function diffRegionsOfIds(before: Int32Array, after: Int32Array, lineOf: (id: number) => string): Region[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const a = before.subarray(head, before.length - tail);
  const b = after.subarray(head, after.length - tail);
  const lines = (ids: Int32Array, start: number, end: number) => Array.from(ids.subarray(start, end), lineOf);
  if (a.length === 0 && b.length === 0) return [];
  if (a.length === 0 || b.length === 0) return [{ oldStart: head, removed: lines(a, 0, a.length), added: lines(b, 0, b.length) }];
  return middleRegions(a, b, head, lines);
}

/** The regions between the middles `a` and `b` (what is left once common head and tail lines are off), `head` lines into the file. */
function middleRegions(a: Int32Array, b: Int32Array, head: number, lines: (ids: Int32Array, start: number, end: number) => string[]): Region[] {
  const regions: Region[] = [];
  let oldIndex = 0;
  let newIndex = 0;
  const gapUntil = (oldEnd: number, newEnd: number) => {
    if (oldEnd > oldIndex || newEnd > newIndex) {
      regions.push({ oldStart: head + oldIndex, removed: lines(a, oldIndex, oldEnd), added: lines(b, newIndex, newEnd) });
    }
  };
  for (const [oldCommon, newCommon, length] of commonRuns(a, b)) {
    gapUntil(oldCommon, newCommon);
    oldIndex = oldCommon + length;
    newIndex = newCommon + length;
  }
  gapUntil(a.length, b.length);
  return regions;
}

/** Above this N × M, lines unique to both sides anchor the diff first. */
const ANCHOR_ABOVE = 10_000;

/**
 * The runs of equal lines `[aStart, bStart, length]`, in order. Myers' diff
 * (what git uses) costs (N + M) × D, and a release branch's copy of a file
 * differs from main's in many places: so on larger inputs, lines that occur
 * once on each side are matched first, in their longest increasing order
 * (as patience diff does), and Myers runs only between those anchors.
 */
function commonRuns(a: Int32Array, b: Int32Array): [number, number, number][] {
  const runs: [number, number, number][] = [];
  const myers = (aStart: number, aEnd: number, bStart: number, bEnd: number) => {
    if (aEnd === aStart || bEnd === bStart || aEnd - aStart + (bEnd - bStart) > MAX_MIDDLE_LINES) return;
    diffSequences(
      aEnd - aStart,
      bEnd - bStart,
      (i, j) => a[aStart + i] === b[bStart + j],
      (length, i, j) => runs.push([aStart + i, bStart + j, length]),
    );
  };
  let aPos = 0;
  let bPos = 0;
  for (const [i, j] of a.length * b.length > ANCHOR_ABOVE ? uniqueAnchors(a, b) : []) {
    myers(aPos, i, bPos, j);
    runs.push([i, j, 1]);
    aPos = i + 1;
    bPos = j + 1;
  }
  myers(aPos, a.length, bPos, b.length);
  return runs;
}

/** Pairs of positions of lines that occur exactly once in `a` and once in `b`, the longest run increasing on both sides. */
function uniqueAnchors(a: Int32Array, b: Int32Array): [number, number][] {
  const { inA, inB, whereB } = anchorScratch(a, b);
  for (const id of a) inA[id]!++;
  b.forEach((id, j) => {
    inB[id]!++;
    whereB[id] = j;
  });
  const pairs: [number, number][] = [];
  a.forEach((id, i) => {
    if (inA[id] === 1 && inB[id] === 1) pairs.push([i, whereB[id]!]);
  });
  // Longest increasing subsequence of the b positions (patience sorting).
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length).fill(-1);
  pairs.forEach(([, j], k) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (pairs[tails[mid]!]![1] < j) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[k] = tails[low - 1]!;
    tails[low] = k;
  });
  const anchors: [number, number][] = [];
  for (let k = tails.length > 0 ? tails[tails.length - 1]! : -1; k >= 0; k = previous[k]!) anchors.push(pairs[k]!);
  for (const id of a) inA[id] = 0;
  for (const id of b) inB[id] = 0;
  return anchors.reverse();
}

/**
 * Counts by line number for {@link uniqueAnchors}, all zero between calls
 * (each call clears what it set): numbers from a run's LineTable reach the
 * number of distinct lines of the run, and one allocation serves every diff.
 */
let scratch = { inA: new Int32Array(0), inB: new Int32Array(0), whereB: new Int32Array(0) };
function anchorScratch(a: Int32Array, b: Int32Array): typeof scratch {
  let top = 0;
  for (const id of a) if (id > top) top = id;
  for (const id of b) if (id > top) top = id;
  if (scratch.inA.length <= top) {
    const size = Math.max(2 * scratch.inA.length, top + 1);
    scratch = { inA: new Int32Array(size), inB: new Int32Array(size), whereB: new Int32Array(size) };
  }
  return scratch;
}

/** Lines as small integers, equal for equal lines: Myers compares (N + M) × D times, and long lines with common prefixes compare slowly. */
function intern(a: readonly string[], b: readonly string[]): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  const idsOf = (lines: readonly string[]) => {
    const out = new Int32Array(lines.length);
    lines.forEach((line, i) => {
      let id = ids.get(line);
      if (id === undefined) ids.set(line, (id = ids.size));
      out[i] = id;
    });
    return out;
  };
  return [idsOf(a), idsOf(b)];
}

/**
 * A patch id in the spirit of `git patch-id --stable`: the changed lines with
 * whitespace removed, their file path, and nothing of line numbers or context,
 * so the same change applied elsewhere in a file hashes the same.
 */
export function patchId(parts: readonly { path: string; regions: readonly Region[] }[]): string {
  const hash = createHash("sha1");
  for (const { path, regions } of [...parts].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`\0${path}\0`);
    for (const region of regions) {
      for (const line of region.removed) hash.update(`-${line.replace(/\s+/g, "")}\n`);
      for (const line of region.added) hash.update(`+${line.replace(/\s+/g, "")}\n`);
    }
  }
  return hash.digest("hex");
}

/** How often `block` occurs as a contiguous run of lines in `lines` (lines as text, or as numbers from a LineTable). */
export function countBlock<T>(lines: ArrayLike<T>, block: ArrayLike<T>): number {
  if (block.length === 0) return 0;
  let count = 0;
  const first = block[0];
  for (let i = 0; i + block.length <= lines.length; i++) {
    if (lines[i] !== first) continue;
    let j = 1;
    while (j < block.length && lines[i + j] === block[j]) j++;
    if (j === block.length) count++;
  }
  return count;
}

export const isBlank = (line: string) => line.trim() === "";
export const hasSubstance = (block: readonly string[]) => block.some((line) => !isBlank(line));
