import { ZERO_SHA, type RawFileChange } from "../git/log.js";
import type { PickPrediction } from "../model.js";
import { diffRegions, exactLines, type Region } from "./text.js";
import type { BlobTexts } from "./types.js";

/** A file's three versions for a cherry-pick: the commit's parent, the commit, and the target tip. */
export interface PickFile {
  base: string | null | undefined;
  theirs: string | null | undefined;
  ours: string | null | undefined;
}

/**
 * What `git cherry-pick <commit>` onto the target tip would do, decided in
 * memory with git's rules: per file a three-way merge of parent → commit into
 * the target's version, where changes that overlap or touch conflict unless
 * they are the same change. `undefined` means the file does not exist there;
 * `null` means it is binary.
 */
export function predictPick(files: readonly PickFile[]): PickPrediction {
  return files.every(mergesCleanly) ? "clean" : "conflict";
}

export function mergesCleanly({ base, theirs, ours }: PickFile): boolean {
  if (same(ours, theirs) || same(base, ours) || same(base, theirs)) return true;
  // One side deleted what the other changed, or both added different files.
  if (ours === undefined || theirs === undefined || base === undefined) return false;
  if (ours === null || theirs === null || base === null) return false;
  const original = exactLines(base);
  return !overlaps(diffRegions(original, exactLines(ours)), diffRegions(original, exactLines(theirs)));
}

function same(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a === null || b === null) return false;
  return a === b;
}

/** git's xdl_merge: regions conflict when they overlap or are adjacent, unless both sides made the same change. */
function overlaps(ours: readonly Region[], theirs: readonly Region[]): boolean {
  let j = 0;
  for (const a of ours) {
    const aEnd = a.oldStart + a.removed.length;
    while (j < theirs.length && theirs[j]!.oldStart + theirs[j]!.removed.length < a.oldStart) j++;
    for (let k = j; k < theirs.length; k++) {
      const b = theirs[k]!;
      if (b.oldStart > aEnd) break;
      if (!sameRegion(a, b)) return true;
    }
  }
  return false;
}

function sameRegion(a: Region, b: Region): boolean {
  return (
    a.oldStart === b.oldStart &&
    a.removed.length === b.removed.length &&
    a.added.length === b.added.length &&
    a.added.every((line, i) => line === b.added[i])
  );
}

/** The three versions of each file a commit changes, with the target's renames followed. */
export function pickFiles(
  files: readonly RawFileChange[],
  texts: BlobTexts,
  targetTip: ReadonlyMap<string, string>,
  targetRenames: ReadonlyMap<string, string>,
): PickFile[] {
  const version = (id: string | undefined) => (id === undefined || id === ZERO_SHA ? undefined : (texts.get(id) ?? null));
  return files.map((file) => {
    const ours = targetTip.get(targetRenames.get(file.oldPath) ?? file.oldPath);
    return { base: version(file.oldBlob), theirs: version(file.newBlob), ours: version(ours) };
  });
}
