import type { RenameGap } from "../git/history.js";
import type { RawFileChange } from "../git/log.js";
import { isStillToPick, type Change, type Unread, type UnreadPart } from "../model.js";

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
    if (isStillToPick(change.status) && change.pick === null) picksUnknown++;
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
