import type { Facts } from "../cache/facts.js";
import { LineTable } from "../diff/table.js";
import { streamItems, type BlobReader } from "../git/blobs.js";
import { ZERO_SHA, type RawFileChange } from "../git/log.js";
import type { TargetSide } from "../match/sides.js";
import type { BlobTexts } from "../match/types.js";
import type { PickPrediction } from "../model.js";
import { mergesCleanly, originOnTarget, pickFiles, type PickFile } from "./pick.js";

/**
 * Whether `git cherry-pick` would merge each file cleanly onto the target tip:
 * a three-way merge of the commit's parent, the commit and the tip's version,
 * remembered in the cache by those three blob ids. One blob stream for all.
 * `sourceOrigins` (a path source renamed → its name at the fork) lets a file
 * source renamed with edits be found under its old name on target, as git's
 * rename detection finds it.
 */
export async function predictMerges(
  files: readonly RawFileChange[],
  {
    blobs,
    cache,
    target,
    sourceOrigins = new Map(),
    lines = new LineTable(),
  }: { blobs: BlobReader; cache: Facts; target: Pick<TargetSide, "tip" | "renames">; sourceOrigins?: ReadonlyMap<string, string>; lines?: LineTable },
): Promise<(file: RawFileChange) => boolean | null> {
  // Per file, once: the three blob ids of its merge and their cache key. A
  // version found under source's old name is marked: the same three ids at one path are another merge.
  const merges = new Map<RawFileChange, { ids: string[]; key: string }>();
  const mergeOf = (file: RawFileChange) => {
    let merge = merges.get(file);
    if (!merge) {
      const origin = originOnTarget(file, target.tip, target.renames, sourceOrigins);
      const ids = [file.oldBlob, file.newBlob, target.tip.get(origin ?? target.renames.get(file.oldPath) ?? file.oldPath) ?? ZERO_SHA];
      merges.set(file, (merge = { ids, key: [...ids, ...(origin === undefined ? [] : ["renamed"])].join(":") }));
    }
    return merge;
  };
  const idsOf = (file: RawFileChange) => mergeOf(file).ids;
  const keyOf = (file: RawFileChange) => mergeOf(file).key;
  const unknown = files.filter((file) => !cache.has("merges", keyOf(file)));
  const tipTexts = await blobs.readText(unknown.map((file) => idsOf(file)[2]!).filter((id) => id !== ZERO_SHA));
  await streamItems(blobs, unknown, idsOf, tipTexts, (file, texts) => {
    cache.get("merges", keyOf(file), () => mergeVerdict(pickFiles([file], texts, target.tip, target.renames, sourceOrigins)[0]!, texts, lines));
  });
  // Null: unknown, a blob it needs is missing (and nothing is remembered).
  return (file) => cache.get("merges", keyOf(file), () => null);
}

/**
 * {@link mergesCleanly} when a blob may be missing: true or false when the
 * blob ids decide it (a side equal to another, a deleted or added file, a
 * rename conflict) or every text was read; null, unknown, when the three-way
 * merge needs a text that is not there. A missing blob is no binary file.
 */
export function mergeVerdict(file: PickFile, texts: BlobTexts, lines?: LineTable): boolean | null {
  if (mergesCleanly(file, lines)) return true;
  const unread = [file.base, file.theirs, file.ours].some((side) => side !== undefined && !texts.has(side.blob));
  if (!unread || file.renameConflict || !file.base || !file.theirs || !file.ours) return false;
  return null;
}

/** A change's pick from its files' verdicts: one known conflict decides; otherwise an unknown file leaves it unknown. */
export function pickOf(verdicts: readonly (boolean | null)[]): PickPrediction | null {
  if (verdicts.includes(false)) return "conflict";
  return verdicts.includes(null) ? null : "clean";
}

