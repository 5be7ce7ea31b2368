import type { Facts } from "../cache/facts.js";
import { streamItems, type BlobReader } from "../git/blobs.js";
import { ZERO_SHA, type RawFileChange } from "../git/log.js";
import type { TargetSide } from "../match/sides.js";
import { mergesCleanly, pickFiles } from "./pick.js";

/**
 * Whether `git cherry-pick` would merge each file cleanly onto the target tip:
 * a three-way merge of the commit's parent, the commit and the tip's version,
 * remembered in the cache by those three blob ids. One blob stream for all.
 */
export async function predictMerges(
  files: readonly RawFileChange[],
  { blobs, cache, target }: { blobs: BlobReader; cache: Facts; target: Pick<TargetSide, "tip" | "renames"> },
): Promise<(file: RawFileChange) => boolean> {
  const idsOf = (file: RawFileChange) => [file.oldBlob, file.newBlob, target.tip.get(target.renames.get(file.oldPath) ?? file.oldPath) ?? ZERO_SHA];
  const keyOf = (file: RawFileChange) => idsOf(file).join(":");
  const unknown = files.filter((file) => !cache.has("merges", keyOf(file)));
  const tipTexts = await blobs.readText(unknown.map((file) => idsOf(file)[2]!).filter((id) => id !== ZERO_SHA));
  await streamItems(blobs, unknown, idsOf, tipTexts, (file, texts) => {
    cache.get("merges", keyOf(file), () => mergesCleanly(pickFiles([file], texts, target.tip, target.renames)[0]!));
  });
  return (file) => cache.get("merges", keyOf(file), () => null) === true;
}
