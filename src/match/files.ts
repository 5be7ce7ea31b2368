import { countBlock, diffRegions, hasSubstance, toLines, type Region } from "../diff/lines.js";
import { ZERO_SHA } from "../git/log.js";
import type { BlobTexts, ClassifiedFile } from "./types.js";

/** The facts-cache key of a file change's regions: its two blob ids. */
export const regionsKey = (file: { oldBlob: string; newBlob: string }) => `${file.oldBlob}:${file.newBlob}`;

/** The facts-cache key of "is this change's content in that target blob" (`-` when the target has no such file). */
export const presentKey = (file: { oldBlob: string; newBlob: string }, targetBlob: string | undefined) => `${regionsKey(file)}:${targetBlob ?? "-"}`;

export function fileRegions(file: { oldBlob: string; newBlob: string }, texts: BlobTexts): Region[] | null {
  const before = blobText(file.oldBlob, texts);
  const after = blobText(file.newBlob, texts);
  if (before === undefined || after === undefined) return null;
  if (before === null || after === null) {
    return file.oldBlob === file.newBlob ? [] : [{ oldStart: 0, removed: [`binary ${file.oldBlob}`], added: [`binary ${file.newBlob}`] }];
  }
  return detached(diffRegionsOf(before, after));
}

/** Text of a blob: "" for the zero id (absent side), null for binary, undefined when it was not read. */
export function blobText(id: string, texts: BlobTexts): string | null | undefined {
  if (id === ZERO_SHA) return "";
  return texts.get(id);
}

/**
 * The regions with their lines copied out of the blob texts: V8 keeps a
 * substring as a slice of its parent, so a remembered line would otherwise
 * hold the whole file version in memory for the rest of the run.
 */
function detached(regions: Region[]): Region[] {
  return JSON.parse(JSON.stringify(regions)) as Region[];
}

const diffRegionsOf = (before: string, after: string) => diffRegions(toLines(before), toLines(after));

/**
 * Is this file change's content already in the target's version of the file?
 * Each added block must occur on target at least as often as in the change's
 * own result, and each removed block no more often: context may differ, the
 * change may have arrived squashed, by hand or after a resolved conflict.
 */
export function contentPresent(
  file: Pick<ClassifiedFile, "status">,
  regions: readonly Region[],
  postLines: readonly string[] | null,
  targetLines: readonly string[] | null | undefined,
): boolean {
  if (file.status === "D") return targetLines === undefined;
  if (targetLines === undefined) return false;
  if (postLines === null || targetLines === null) return false;
  const substantial = regions.filter((region) => hasSubstance(region.added) || hasSubstance(region.removed));
  if (substantial.length === 0) return postLines.join("\n") === targetLines.join("\n");
  return substantial.every(
    (region) =>
      (!hasSubstance(region.added) || countBlock(targetLines, region.added) >= countBlock(postLines, region.added)) &&
      (!hasSubstance(region.removed) || countBlock(targetLines, region.removed) <= countBlock(postLines, region.removed)),
  );
}

/** Lines with substance that a set of regions adds (or removes). */
export function substantialLines(regions: readonly Region[], side: "added" | "removed"): Set<string> {
  const lines = new Set<string>();
  for (const region of regions) for (const line of region[side]) if (line.trim() !== "") lines.add(line.trim());
  return lines;
}
