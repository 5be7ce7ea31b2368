import { countBlock, diffRegionsOfIds, hasSubstance, type Region } from "../diff/lines.js";
import { LineTable } from "../diff/table.js";
import { ZERO_SHA } from "../git/log.js";
import type { BlobTexts, ClassifiedFile } from "./types.js";

/** The facts-cache key of a file change's regions: its two blob ids. */
export const regionsKey = (file: { oldBlob: string; newBlob: string }) => `${file.oldBlob}:${file.newBlob}`;

/** The facts-cache key of "is this change's content in that target blob" (`-` when the target has no such file). */
export const presentKey = (file: { oldBlob: string; newBlob: string }, targetBlob: string | undefined) => `${regionsKey(file)}:${targetBlob ?? "-"}`;

/**
 * A file change's changed regions (as reviewers read lines, see toLines);
 * `lines` shares the split lines of versions between changes, and `like`
 * names a version the parent resembles (the file's version read last).
 */
export function fileRegions(file: { oldBlob: string; newBlob: string }, texts: BlobTexts, lines: LineTable = new LineTable(), like?: string): Region[] | null {
  const before = blobText(file.oldBlob, texts);
  const after = blobText(file.newBlob, texts);
  if (before === undefined || after === undefined) return null;
  if (before === null || after === null) {
    return file.oldBlob === file.newBlob ? [] : [{ oldStart: 0, removed: [`binary ${file.oldBlob}`], added: [`binary ${file.newBlob}`] }];
  }
  // The table's lines are copies: a remembered line holds no blob text in memory.
  const [a, b] = lines.of("trimmed", [
    [file.oldBlob, before, like],
    [file.newBlob, after, file.oldBlob],
  ]);
  return diffRegionsOfIds(a!, b!, (id) => lines.line(id));
}

/** Text of a blob: "" for the zero id (absent side), null for binary, undefined when it was not read. */
export function blobText(id: string, texts: BlobTexts): string | null | undefined {
  if (id === ZERO_SHA) return "";
  return texts.get(id);
}

/**
 * Is this file change's content already in the target's version of the file?
 * Each added block must occur on target at least as often as in the change's
 * own result, and each removed block no more often: context may differ, the
 * change may have arrived squashed, by hand or after a resolved conflict.
 */
export function contentPresent(
  file: Pick<ClassifiedFile, "status">,
  regions: readonly Region[],
  postLines: Int32Array | null,
  targetLines: Int32Array | null | undefined,
  idOf: (line: string) => number | undefined,
): boolean {
  if (file.status === "D") return targetLines === undefined;
  if (targetLines === undefined) return false;
  if (postLines === null || targetLines === null) return false;
  const substantial = regions.filter((region) => hasSubstance(region.added) || hasSubstance(region.removed));
  if (substantial.length === 0) return sameText(postLines, targetLines, idOf);
  // A line no version has is in neither: its block counts 0 on both.
  const count = (lines: Int32Array, block: readonly string[]) => {
    const ids = block.map(idOf);
    return ids.includes(undefined) ? 0 : countBlock<number>(lines, ids as number[]);
  };
  return substantial.every(
    (region) =>
      (!hasSubstance(region.added) || count(targetLines, region.added) >= count(postLines, region.added)) &&
      (!hasSubstance(region.removed) || count(targetLines, region.removed) <= count(postLines, region.removed)),
  );
}

/** Whether the lines joined by newlines read the same: the same lines, or no lines against one empty line. */
function sameText(a: Int32Array, b: Int32Array, idOf: (line: string) => number | undefined): boolean {
  if (a.length !== b.length) {
    const [short, long] = a.length < b.length ? [a, b] : [b, a];
    return short.length === 0 && long.length === 1 && long[0] === idOf("");
  }
  return a.every((id, i) => id === b[i]);
}

/** Lines with substance that a set of regions adds (or removes). */
export function substantialLines(regions: readonly Region[], side: "added" | "removed"): Set<string> {
  const lines = new Set<string>();
  for (const region of regions) for (const line of region[side]) if (line.trim() !== "") lines.add(line.trim());
  return lines;
}
