import { ZERO_SHA, type RawFileChange } from "../git/log.js";
import type { PickPrediction } from "../model.js";
import { LineTable } from "../diff/table.js";
import { mergeConflictsOfIds } from "./git-merge.js";
import type { BlobTexts } from "../match/types.js";

/** One version of a file: its blob id, and its text (null when binary or not read). */
export interface PickSide {
  blob: string;
  text: string | null;
}

/** A file's three versions for a cherry-pick: the commit's parent, the commit, and the target tip; undefined where the file does not exist. */
export interface PickFile {
  base: PickSide | undefined;
  theirs: PickSide | undefined;
  ours: PickSide | undefined;
  /** Target has the file under another name, and the commit deletes it or moves it elsewhere: git's rename/delete or rename/rename conflict. */
  renameConflict?: boolean;
}

/**
 * What `git cherry-pick <commit>` onto the target tip would do, decided in
 * memory with git's rules: per file a three-way merge of parent → commit into
 * the target's version (see {@link mergeConflicts}), where changes that
 * overlap or touch conflict unless both sides read the same.
 */
export function predictPick(files: readonly PickFile[]): PickPrediction {
  const lines = new LineTable();
  return files.every((file) => mergesCleanly(file, lines)) ? "clean" : "conflict";
}

/**
 * {@link predictPick} of one file. `lines` shares each file version's merge
 * lines between the merges of a run: the target tip's version of a file is a
 * side of every change to that file, and one change's result is the next
 * one's parent, so a 50k-line manifest is split and hashed once per version,
 * not once per change that reads it.
 */
export function mergesCleanly({ base, theirs, ours, renameConflict }: PickFile, lines: LineTable = new LineTable()): boolean {
  if (renameConflict) return false;
  if (same(ours, theirs) || same(base, ours) || same(base, theirs)) return true;
  // One side deleted what the other changed, or both added different files.
  if (ours === undefined || theirs === undefined || base === undefined) return false;
  // Binary files do not merge.
  if (ours.text === null || theirs.text === null || base.text === null) return false;
  // The target's version is read first: the parent is read against it, the commit against its parent.
  const [a, o, b] = lines.of("merge", [
    [ours.blob, ours.text],
    [base.blob, base.text, ours.blob],
    [theirs.blob, theirs.text, base.blob],
  ]);
  return !mergeConflictsOfIds(o!, a!, b!);
}

/** Equal blob ids are equal contents, binary or not. */
function same(a: PickSide | undefined, b: PickSide | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.blob === b.blob;
}

/**
 * Lines as git's merge compares them, each with its line ending: a last line
 * without a newline differs from the same line with one, so adding the final
 * newline is a change to that line.
 */
export function mergeLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * The three versions of each file a commit changes. The target's version is
 * found the way git's rename detection finds it: at the same path, at the path
 * target renamed it to, or, when the file is gone from target, wherever target
 * has the commit's parent version unchanged (the source side renamed it, and
 * target never took the rename), or under the name source renamed it from
 * (`sourceOrigins`) when that version is similar enough for git to pair it
 * (a rename with edits, R099). A file target moved that the commit deletes or
 * moves elsewhere is git's rename/delete or rename/rename conflict.
 */
export function pickFiles(
  files: readonly RawFileChange[],
  texts: BlobTexts,
  targetTip: ReadonlyMap<string, string>,
  targetRenames: ReadonlyMap<string, string>,
  sourceOrigins: ReadonlyMap<string, string> = new Map(),
): PickFile[] {
  const version = (id: string | undefined): PickSide | undefined =>
    id === undefined || id === ZERO_SHA ? undefined : { blob: id, text: texts.get(id) ?? null };
  return files.map((file) => {
    const base = version(file.oldBlob);
    let oursAt: string | undefined = targetRenames.get(file.oldPath) ?? file.oldPath;
    if (!targetTip.has(oursAt)) oursAt = base && (uniqueBlobPaths(targetTip).get(base.blob) ?? undefined);
    if (oursAt === undefined && base?.text != null) {
      const origin = originOnTarget(file, targetTip, targetRenames, sourceOrigins);
      const text = origin === undefined ? undefined : texts.get(targetTip.get(origin)!);
      if (typeof text === "string" && similarForRenames(base.text, text)) oursAt = origin;
    }
    const moved = oursAt !== undefined && oursAt !== file.oldPath;
    return {
      base,
      theirs: version(file.newBlob),
      ours: version(oursAt === undefined ? undefined : targetTip.get(oursAt)),
      renameConflict: moved && (file.status === "D" || (file.path !== file.oldPath && file.path !== oursAt)),
    };
  });
}

/**
 * Where the target has a file that source renamed since the fork: its name
 * before source's renames, after target's own; undefined when the file is at
 * its own path on target or under no earlier name.
 */
export function originOnTarget(
  file: Pick<RawFileChange, "oldPath">,
  targetTip: ReadonlyMap<string, string>,
  targetRenames: ReadonlyMap<string, string>,
  sourceOrigins: ReadonlyMap<string, string>,
): string | undefined {
  if (targetTip.has(targetRenames.get(file.oldPath) ?? file.oldPath)) return undefined;
  const origin = sourceOrigins.get(file.oldPath);
  if (origin === undefined) return undefined;
  const at = targetRenames.get(origin) ?? origin;
  return targetTip.has(at) ? at : undefined;
}

/**
 * git's rename test (`-M`, 50%): the bytes the two versions share, counted by
 * line, against the larger one. git hashes lines (and 64-byte chunks of long
 * ones); for the files a pick meets, lines give the same answer.
 */
export function similarForRenames(a: string, b: string): boolean {
  const counts = new Map<string, number>();
  for (const line of mergeLines(a)) counts.set(line, (counts.get(line) ?? 0) + 1);
  let shared = 0;
  for (const line of mergeLines(b)) {
    const left = counts.get(line) ?? 0;
    if (left === 0) continue;
    counts.set(line, left - 1);
    shared += Buffer.byteLength(line);
  }
  const larger = Math.max(Buffer.byteLength(a), Buffer.byteLength(b));
  return larger > 0 && shared * 2 >= larger;
}

const EMPTY_BLOB = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";
const blobPaths = new WeakMap<ReadonlyMap<string, string>, Map<string, string | null>>();

/**
 * The path of each blob id in a tree, null when several paths share it (or it
 * is the empty file): a copy that already existed is no rename target for git,
 * and which one it is cannot be told from the tip alone. Built once per tree.
 */
function uniqueBlobPaths(tree: ReadonlyMap<string, string>): Map<string, string | null> {
  let paths = blobPaths.get(tree);
  if (!paths) {
    paths = new Map([[EMPTY_BLOB, null]]);
    for (const [path, blob] of tree) paths.set(blob, paths.has(blob) ? null : path);
    blobPaths.set(tree, paths);
  }
  return paths;
}
