import type { RenameGap } from "./git/history.js";
import type { RawFileChange } from "./git/log.js";
import { mergesCleanly, type PickFile } from "./match/pick.js";
import type { BlobTexts } from "./match/types.js";
import type { Change, PickPrediction, Unread, UnreadPart } from "./model.js";

/**
 * {@link mergesCleanly} when a blob may be missing: true or false when the
 * blob ids decide it (a side equal to another, a deleted or added file, a
 * rename conflict) or every text was read; null, unknown, when the three-way
 * merge needs a text that is not there. A missing blob is no binary file.
 */
export function mergeVerdict(file: PickFile, texts: BlobTexts): boolean | null {
  if (mergesCleanly(file)) return true;
  const unread = [file.base, file.theirs, file.ours].some((side) => side !== undefined && !texts.has(side.blob));
  if (!unread || file.renameConflict || !file.base || !file.theirs || !file.ours) return false;
  return null;
}

/** A change's pick from its files' verdicts: one known conflict decides; otherwise an unknown file leaves it unknown. */
export function pickOf(verdicts: readonly (boolean | null)[]): PickPrediction | null {
  if (verdicts.includes(false)) return "conflict";
  return verdicts.includes(null) ? null : "clean";
}

export interface UnreadInput {
  /** Blob ids asked for and missing. */
  missing: ReadonlySet<string>;
  renameGap: RenameGap | null;
  /** The raw file changes of a source commit. */
  filesOf: (sha: string) => readonly RawFileChange[];
  /** Blob id at the target tip of a source path's counterpart. */
  targetBlobOf: (path: string) => string | undefined;
}

/**
 * Marks the files of each change that could not be fully read, and sums up
 * the cost; null (and the changes untouched) when everything was read.
 */
export function markUnread(changes: readonly Change[], input: UnreadInput): { changes: Change[]; unread: Unread | null } {
  const { missing, renameGap } = input;
  if (missing.size === 0 && renameGap === null) return { changes: [...changes], unread: null };
  let filesWithoutContent = 0;
  let picksUnknown = 0;
  const marked = changes.map((change) => {
    const raw = new Map(input.filesOf(change.sha).map((file) => [file.path, file]));
    const unpaired = new Set(renameGap?.unpaired.get(change.sha) ?? []);
    let touched = false;
    const files = change.files.map((file) => {
      const parts: UnreadPart[] = [];
      if (unpaired.has(file.path)) parts.push("renames");
      const blobs = blobsOf(raw.get(file.path), input.targetBlobOf);
      if (blobs.some((id) => missing.has(id))) parts.push("content");
      if (parts.length === 0) return file;
      touched = true;
      if (parts.includes("content")) filesWithoutContent++;
      return { ...file, unread: parts };
    });
    if ((change.status === "unsynced" || change.status === "partial") && change.pick === null) picksUnknown++;
    return touched ? { ...change, files } : change;
  });
  const objects = new Set(missing);
  if (renameGap) objects.add(renameGap.missingObject);
  return {
    changes: marked,
    unread: { missingObjects: [...objects].sort(), renamesNotFollowed: renameGap?.count ?? 0, filesWithoutContent, picksUnknown },
  };
}

function blobsOf(file: RawFileChange | undefined, targetBlobOf: (path: string) => string | undefined): string[] {
  if (!file) return [];
  return [file.oldBlob, file.newBlob, targetBlobOf(file.path), targetBlobOf(file.oldPath)].filter((id): id is string => id !== undefined);
}
