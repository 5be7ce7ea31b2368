import { diffRegions, exactLines } from "../diff/lines.js";
import type { LineCount, LinesDetails, ListDiff } from "./types.js";

/**
 * Past this many lines a version is compared line by line, not in its file
 * type's terms: parsing costs about 30 µs a line of YAML, and a generated
 * manifest of 50k lines on each tip (parsed again to tell whether only
 * comments differ) took seconds of a run whose other stages take less.
 * The report says so (`tooLarge`).
 */
export const MAX_STRUCTURED_LINES = 10_000;

/** Added and removed lines from the target's text (before) to the source's (after). */
export function countLines(before: string | null, after: string | null): LineCount {
  let added = 0;
  let removed = 0;
  for (const region of diffRegions(exactLines(before ?? ""), exactLines(after ?? ""))) {
    added += region.added.length;
    removed += region.removed.length;
  }
  return { added, removed };
}

/** The differ for files with no structure driftlog reads: only a line count, never the lines (they may hold secrets). */
export function diffLineCount(before: string | null, after: string | null): LinesDetails {
  return { kind: "lines", ...countLines(before, after) };
}

/** The fallback when a file does not parse as its type. */
export function unparsed(before: string | null, after: string | null): LinesDetails {
  return { ...diffLineCount(before, after), unparsed: true };
}

/** Items only in `after` (added) and only in `before` (removed), in their first order. */
export function diffList(before: Iterable<string>, after: Iterable<string>): ListDiff {
  const old = new Set(before);
  const now = new Set(after);
  return { added: [...now].filter((item) => !old.has(item)), removed: [...old].filter((item) => !now.has(item)) };
}

export function emptyList(diff: ListDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0;
}

/** A value-level comparison: null when equal. */
export function pairIfChanged<T extends string | null>(before: T, after: T): { before: T; after: T } | null {
  return before === after ? null : { before, after };
}
