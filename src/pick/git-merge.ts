import { histogramDiff } from "./histogram.js";

/**
 * Whether git's three-way content merge (`xdl_merge` at the default
 * "zealous" level, as `git cherry-pick` and `git merge` run it through
 * merge-ort) leaves conflicts. Lines carry their endings (`mergeLines` in
 * pick.ts). Where two changes sit depends on how the diff aligns
 * repeated lines, and adjacent changes conflict, so this follows git step by
 * step: histogram diff, change compaction, then the merge walk. Git falls back
 * to its Myers diff when every common line repeats more than 64 times in a
 * region; there this uses another Myers implementation, which may align
 * differently.
 */
export function mergeConflicts(base: readonly string[], ours: readonly string[], theirs: readonly string[]): boolean {
  const ids = new Map<string, number>();
  const intern = (lines: readonly string[]) => Int32Array.from(lines, (line) => ids.get(line) ?? (ids.set(line, ids.size), ids.size - 1));
  return mergeConflictsOfIds(intern(base), intern(ours), intern(theirs));
}

/** {@link mergeConflicts} of lines already interned (equal lines, equal numbers), for callers that intern each file version once. */
export function mergeConflictsOfIds(o: Int32Array, a: Int32Array, b: Int32Array): boolean {
  return hasConflict(script(o, a), script(o, b), o.length, a, b);
}

/** One hunk of an edit script: `chg1` lines of the old file at `i1` became `chg2` lines of the new one at `i2`. */
interface Hunk {
  i1: number;
  chg1: number;
  i2: number;
  chg2: number;
}

/** xdl_do_diff (histogram), xdl_change_compact both ways, xdl_build_script. */
function script(before: Int32Array, after: Int32Array): Hunk[] {
  const old = { recs: before, rchg: new Uint8Array(before.length + 2) };
  const now = { recs: after, rchg: new Uint8Array(after.length + 2) };
  histogramDiff(before, after, old.rchg, now.rchg);
  compact(old, now);
  compact(now, old);
  const hunks: Hunk[] = [];
  // rchg[k + 1] is line k's flag; rchg[0] and rchg[n + 1] are the sentinels C reads at -1 and n.
  const changed = (rchg: Uint8Array, line: number) => rchg[line + 1] === 1;
  for (let i1 = before.length, i2 = after.length; i1 >= 0 || i2 >= 0; i1--, i2--) {
    if (changed(old.rchg, i1 - 1) || changed(now.rchg, i2 - 1)) {
      const l1 = i1;
      const l2 = i2;
      while (changed(old.rchg, i1 - 1)) i1--;
      while (changed(now.rchg, i2 - 1)) i2--;
      hunks.push({ i1, chg1: l1 - i1, i2, chg2: l2 - i2 });
    }
  }
  return hunks.reverse();
}

interface Side {
  recs: Int32Array;
  /** Changed flags, offset by one: index 0 and n + 1 are always 0. */
  rchg: Uint8Array;
}

/**
 * xdiffi.c's xdl_change_compact without the indent heuristic (merges do not
 * use it): slide each group of changed lines as far down as repeated lines
 * allow, or back up to line up with a change in the other file.
 */
function compact(side: Side, other: Side): void {
  const n = side.recs.length;
  const no = other.recs.length;
  const flag = (s: Side, k: number) => s.rchg[k + 1] === 1;
  const set = (s: Side, k: number, value: number) => (s.rchg[k + 1] = value);
  const g = { start: 0, end: 0 };
  const go = { start: 0, end: 0 };
  while (flag(side, g.end)) g.end++;
  while (flag(other, go.end)) go.end++;

  const next = (s: Side, grp: { start: number; end: number }, count: number) => {
    if (grp.end === count) return false;
    grp.start = grp.end + 1;
    for (grp.end = grp.start; flag(s, grp.end); grp.end++);
    return true;
  };
  const previous = (s: Side, grp: { start: number; end: number }) => {
    if (grp.start === 0) return false;
    grp.end = grp.start - 1;
    for (grp.start = grp.end; flag(s, grp.start - 1); grp.start--);
    return true;
  };
  const slideDown = () => {
    if (g.end < n && side.recs[g.start] === side.recs[g.end]) {
      set(side, g.start++, 0);
      set(side, g.end++, 1);
      while (flag(side, g.end)) g.end++;
      return true;
    }
    return false;
  };
  const slideUp = () => {
    if (g.start > 0 && side.recs[g.start - 1] === side.recs[g.end - 1]) {
      set(side, --g.start, 1);
      set(side, --g.end, 0);
      while (flag(side, g.start - 1)) g.start--;
      return true;
    }
    return false;
  };

  for (;;) {
    if (g.end !== g.start) {
      let size: number;
      let earliestEnd: number;
      let endMatchingOther: number;
      do {
        size = g.end - g.start;
        endMatchingOther = -1;
        while (slideUp()) previous(other, go);
        earliestEnd = g.end;
        if (go.end > go.start) endMatchingOther = g.end;
        while (slideDown()) {
          next(other, go, no);
          if (go.end > go.start) endMatchingOther = g.end;
        }
      } while (size !== g.end - g.start);
      if (g.end !== earliestEnd && endMatchingOther !== -1) {
        while (go.end === go.start) {
          slideUp();
          previous(other, go);
        }
      }
    }
    if (!next(side, g, n)) break;
    next(other, go, no);
  }
}

/** One block of the merge: base lines at i0, ours at i1, theirs at i2; mode 1 ours only, 2 theirs only, 0 conflict. */
interface Block {
  mode: number;
  i0: number;
  chg0: number;
  i1: number;
  chg1: number;
  i2: number;
  chg2: number;
}

/** xmerge.c's xdl_do_merge and xdl_refine_conflicts, reduced to "is any conflict left". */
function hasConflict(ours: readonly Hunk[], theirs: readonly Hunk[], baseLength: number, a: Int32Array, b: Int32Array): boolean {
  if (ours.length === 0 || theirs.length === 0) return false;
  const blocks: Block[] = [];
  const append = (mode: number, i0: number, chg0: number, i1: number, chg1: number, i2: number, chg2: number) => {
    const m = blocks.at(-1);
    if (m && (i1 <= m.i1 + m.chg1 || i2 <= m.i2 + m.chg2)) {
      if (mode !== m.mode) m.mode = 0;
      m.chg0 = i0 + chg0 - m.i0;
      m.chg1 = i1 + chg1 - m.i1;
      m.chg2 = i2 + chg2 - m.i2;
    } else blocks.push({ mode, i0, chg0, i1, chg1, i2, chg2 });
  };
  const sameLines = (x: Hunk, y: Hunk) => {
    for (let k = 0; k < x.chg2; k++) if (a[x.i2 + k] !== b[y.i2 + k]) return false;
    return true;
  };

  let p = 0;
  let q = 0;
  while (p < ours.length && q < theirs.length) {
    const x = ours[p]!;
    const y = theirs[q]!;
    if (x.i1 + x.chg1 < y.i1) {
      append(1, x.i1, x.chg1, x.i2, x.chg2, y.i2 - y.i1 + x.i1, x.chg1);
      p++;
      continue;
    }
    if (y.i1 + y.chg1 < x.i1) {
      append(2, y.i1, y.chg1, x.i2 - x.i1 + y.i1, y.chg1, y.i2, y.chg2);
      q++;
      continue;
    }
    if (x.i1 !== y.i1 || x.chg1 !== y.chg1 || x.chg2 !== y.chg2 || !sameLines(x, y)) {
      const off = x.i1 - y.i1;
      const ffo = off + x.chg1 - y.chg1;
      let i0 = x.i1;
      let i1 = x.i2;
      let i2 = y.i2;
      if (off > 0) {
        i0 -= off;
        i1 -= off;
      } else i2 += off;
      let chg0 = x.i1 + x.chg1 - i0;
      let chg1 = x.i2 + x.chg2 - i1;
      let chg2 = y.i2 + y.chg2 - i2;
      if (ffo < 0) {
        chg0 -= ffo;
        chg1 -= ffo;
      } else chg2 += ffo;
      append(0, i0, chg0, i1, chg1, i2, chg2);
    }
    const end1 = x.i1 + x.chg1;
    const end2 = y.i1 + y.chg1;
    if (end1 >= end2) q++;
    if (end2 >= end1) p++;
  }
  const shiftA = a.length - baseLength;
  const shiftB = b.length - baseLength;
  for (; p < ours.length; p++) {
    const x = ours[p]!;
    append(1, x.i1, x.chg1, x.i2, x.chg2, x.i1 + shiftB, x.chg1);
  }
  for (; q < theirs.length; q++) {
    const y = theirs[q]!;
    append(2, y.i1, y.chg1, y.i1 + shiftA, y.chg1, y.i2, y.chg2);
  }

  // Zealous refinement: a conflict whose two sides read the same is no conflict.
  return blocks.some((m) => {
    if (m.mode !== 0) return false;
    if (m.chg1 === 0 || m.chg2 === 0) return true;
    if (m.chg1 !== m.chg2) return true;
    for (let k = 0; k < m.chg1; k++) if (a[m.i1 + k] !== b[m.i2 + k]) return true;
    return false;
  });
}
