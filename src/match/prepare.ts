import type { Facts } from "../cache/facts.js";
import { streamItems, type BlobReader } from "../git/blobs.js";
import type { RawFileChange } from "../git/log.js";
import type { TargetIndex } from "./evidence.js";
import { blobText, contentPresent, fileRegions, presentKey, regionsKey } from "./files.js";
import { toLines } from "./text.js";
import type { ClassifiedFile, Commit, SourceChange } from "./types.js";

export interface PrepareInput {
  changes: readonly SourceChange[];
  targetCommits: readonly Commit[];
  targetFiles: ReadonlyMap<string, readonly ClassifiedFile[]>;
  index: TargetIndex;
  /** Blob id of a source path's counterpart at the target tip (renames followed). */
  targetBlobOf: (path: string) => string | undefined;
  facts: Facts;
  blobs: BlobReader;
}

interface Item {
  file: RawFileChange;
  /** Also decide whether the change's content is in the target tip's blob (`tip`; undefined: no such file). */
  present: boolean;
  tip: string | undefined;
}

/**
 * Computes every content fact matching will ask for and the cache does not
 * hold yet: the changed regions of each file change on both sides, and for
 * each source file change whether its content is at the target tip. The
 * blobs stream through one `cat-file` and are dropped as soon as their file
 * change is done, so memory holds regions, not the history's file versions.
 */
export async function prepareMatchFacts(input: PrepareInput): Promise<void> {
  const { facts } = input;
  const items: Item[] = [];
  const queued = new Set<string>();
  const forRegions = (file: RawFileChange) => {
    const key = regionsKey(file);
    if (facts.has("regions", key) || queued.has(key)) return;
    queued.add(key);
    items.push({ file, present: false, tip: undefined });
  };
  for (const { commit, files } of input.changes) {
    for (const file of files) {
      const tip = input.targetBlobOf(file.path);
      if (facts.has("present", presentKey(file, tip))) forRegions(file);
      else {
        queued.add(regionsKey(file));
        items.push({ file, present: true, tip });
      }
    }
    const candidates = input.index.patchIdCandidates(commit);
    if (candidates.length > 0) for (const other of [commit, ...candidates]) other.files.forEach(forRegions);
  }
  for (const commit of input.targetCommits) (input.targetFiles.get(commit.sha) ?? []).forEach(forRegions);

  const tips = await input.blobs.readText(items.flatMap((item) => (item.present && item.tip ? [item.tip] : [])));
  const tipLines = new Map<string, string[] | null>();
  const linesOfTip = (id: string) => {
    if (!tipLines.has(id)) {
      const text = tips.get(id);
      tipLines.set(id, typeof text === "string" ? toLines(text) : null);
    }
    return tipLines.get(id)!;
  };
  await streamItems(
    input.blobs,
    items,
    ({ file, present, tip }) => [file.oldBlob, file.newBlob, ...(present && tip ? [tip] : [])],
    tips,
    ({ file, present, tip }, texts) => {
      const regions = facts.get("regions", regionsKey(file), () => fileRegions(file, texts));
      if (!present || !regions) return;
      facts.get("present", presentKey(file, tip), () => {
        const post = blobText(file.newBlob, texts);
        // A blob that was not read (missing from a partial clone) leaves it unknown, and unremembered.
        if (post === undefined || (tip !== undefined && !tips.has(tip))) return null;
        return contentPresent(file, regions, post === null ? null : toLines(post), tip === undefined ? undefined : linesOfTip(tip));
      });
    },
  );
}
