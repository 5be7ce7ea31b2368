import { createRequire } from "node:module";

// A CommonJS module whose `exports.default` Node's ESM loader and vitest's interop disagree about.
const diffSequences = (createRequire(import.meta.url)("@jest/diff-sequences") as typeof import("@jest/diff-sequences")).default;

const MAX_CHAIN_LENGTH = 64;

/**
 * Lines a histogram diff may scan before the rest of a file counts as one
 * changed block. Histogram diff is quadratic when changes are dense (a
 * regenerated 50k-line manifest takes git seconds and JavaScript half a
 * minute); a pick touching such a file conflicts whenever the other side
 * changed it too, which this rougher answer still gives.
 */
const WORK_BUDGET = 5_000_000;

/**
 * git's histogram diff (xhistogram.c) of two files of interned lines: marks
 * the changed lines of each in `rchgA`/`rchgB`, where line k (from 0) is at
 * index k + 1 (index 0 and n + 1 are the sentinels C reads at -1 and n).
 */
export function histogramDiff(a: Int32Array, b: Int32Array, rchgA: Uint8Array, rchgB: Uint8Array): void {
  growScratch(a, b);
  diffRange(a, b, rchgA, rchgB, 1, a.length, 1, b.length, { left: WORK_BUDGET });
}

/** One range, lines numbered from 1 as in C. */
function diffRange(
  a: Int32Array,
  b: Int32Array,
  rchgA: Uint8Array,
  rchgB: Uint8Array,
  line1: number,
  count1: number,
  line2: number,
  count2: number,
  budget: { left: number },
): void {
  for (;;) {
    if (count1 <= 0 && count2 <= 0) return;
    budget.left -= count1 + count2;
    if (count1 <= 0 || count2 <= 0 || budget.left < 0) {
      for (let i = 0; i < count1; i++) rchgA[line1 + i] = 1;
      for (let i = 0; i < count2; i++) rchgB[line2 + i] = 1;
      return;
    }
    const lcs = findLcs(a, b, line1, count1, line2, count2);
    if (lcs === "fallback") return myersDiff(a, b, rchgA, rchgB, line1, count1, line2, count2);
    if (lcs === null) {
      for (let i = 0; i < count1; i++) rchgA[line1 + i] = 1;
      for (let i = 0; i < count2; i++) rchgB[line2 + i] = 1;
      return;
    }
    diffRange(a, b, rchgA, rchgB, line1, lcs.begin1 - line1, line2, lcs.begin2 - line2, budget);
    count1 = line1 + count1 - 1 - lcs.end1;
    line1 = lcs.end1 + 1;
    count2 = line2 + count2 - 1 - lcs.end2;
    line2 = lcs.end2 + 1;
  }
}

interface Lcs {
  begin1: number;
  end1: number;
  begin2: number;
  end2: number;
}

/** The longest common run built around the rarest lines of `a`'s range, as xhistogram.c's find_lcs picks it. */
function findLcs(a: Int32Array, b: Int32Array, line1: number, count1: number, line2: number, count2: number): Lcs | "fallback" | null {
  const end1 = line1 + count1 - 1;
  const end2 = line2 + count2 - 1;
  // The records of xhistogram.c's hash table, by line id: first position in the range and count (0: not in the range).
  const { ptrOf, cntOf } = scratch;
  const nextPtr = new Int32Array(count1);
  const countAt = new Int32Array(count1);
  for (let ptr = end1; ptr >= line1; ptr--) {
    const id = a[ptr - 1]!;
    if (cntOf[id]! > 0) {
      nextPtr[ptr - line1] = ptrOf[id]!;
      cntOf[id]!++;
    } else cntOf[id] = 1;
    ptrOf[id] = ptr;
  }
  for (let i = 0; i < count1; i++) countAt[i] = cntOf[a[line1 + i - 1]!]!;

  // Zeroes, as in C: line numbers start at 1, so begin1 === 0 means none found.
  const best: Lcs = { begin1: 0, end1: 0, begin2: 0, end2: 0 };
  let cnt = MAX_CHAIN_LENGTH + 1;
  let hasCommon = false;
  for (let bPtr = line2; bPtr <= end2; ) {
    let bNext = bPtr + 1;
    const id = b[bPtr - 1]!;
    if (cntOf[id]! > 0) {
      hasCommon = true;
      const recCnt = cntOf[id]!;
      if (recCnt <= cnt) {
        let as = ptrOf[id]!;
        for (;;) {
          let np = nextPtr[as - line1]!;
          let bs = bPtr;
          let ae = as;
          let be = bs;
          let rc = recCnt;
          while (line1 < as && line2 < bs && a[as - 2] === b[bs - 2]) {
            as--;
            bs--;
            if (1 < rc) rc = Math.min(rc, countAt[as - line1]!);
          }
          while (ae < end1 && be < end2 && a[ae] === b[be]) {
            ae++;
            be++;
            if (1 < rc) rc = Math.min(rc, countAt[ae - line1]!);
          }
          if (bNext <= be) bNext = be + 1;
          if (best.end1 - best.begin1 < ae - as || rc < cnt) {
            Object.assign(best, { begin1: as, begin2: bs, end1: ae, end2: be });
            cnt = rc;
          }
          if (np === 0) break;
          while (np !== 0 && np <= ae) np = nextPtr[np - line1]!;
          if (np === 0) break;
          as = np;
        }
      }
    }
    bPtr = bNext;
  }
  for (let ptr = line1; ptr <= end1; ptr++) cntOf[a[ptr - 1]!] = 0;
  if (hasCommon && MAX_CHAIN_LENGTH < cnt) return "fallback";
  return best.begin1 === 0 ? null : best;
}

/**
 * Per-id tables for findLcs, all zero between calls (each call clears what it
 * set): line ids are small integers, so arrays replace xhistogram.c's hash
 * table, and one allocation serves every range of a diff.
 */
let scratch = { ptrOf: new Int32Array(0), cntOf: new Int32Array(0) };
function growScratch(a: Int32Array, b: Int32Array): void {
  let top = 0;
  for (const id of a) if (id > top) top = id;
  for (const id of b) if (id > top) top = id;
  if (scratch.cntOf.length <= top) scratch = { ptrOf: new Int32Array(2 * top + 1), cntOf: new Int32Array(2 * top + 1) };
}

/** git's fallback for ranges whose common lines all repeat too often: a Myers diff of the range. */
function myersDiff(a: Int32Array, b: Int32Array, rchgA: Uint8Array, rchgB: Uint8Array, line1: number, count1: number, line2: number, count2: number): void {
  let i = 0;
  let j = 0;
  const mark = (untilA: number, untilB: number) => {
    for (; i < untilA; i++) rchgA[line1 + i] = 1;
    for (; j < untilB; j++) rchgB[line2 + j] = 1;
  };
  diffSequences(
    count1,
    count2,
    (x, y) => a[line1 - 1 + x] === b[line2 - 1 + y],
    (length, x, y) => {
      mark(x, y);
      i = x + length;
      j = y + length;
    },
  );
  mark(count1, count2);
}
