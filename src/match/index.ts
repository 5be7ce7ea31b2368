import type { FileStatus, MatchMethod } from "../model.js";
import type { TargetIndex } from "./evidence.js";
import { blobText, contentPresent, regionCache, substantialLines } from "./files.js";
import { revertOf } from "./message.js";
import { patchId, type Region } from "./text.js";
import type { BlobTexts, ClassifiedFile, Commit, Evidence, FileMatch, SourceChange } from "./types.js";

export interface MatchInput {
  changes: readonly SourceChange[];
  /** Every non-merge commit on target after the merge base, indexed. */
  index: TargetIndex;
  /** Target commits' classified files, for file-level evidence. */
  targetFiles: ReadonlyMap<string, readonly ClassifiedFile[]>;
  /** Blob id of each path at the target tip. */
  targetTip: ReadonlyMap<string, string>;
  /** Paths renamed on target after the merge base: old → new. */
  targetRenames: ReadonlyMap<string, string>;
  methods: ReadonlySet<MatchMethod>;
  texts: BlobTexts;
}

export interface ChangeMatch {
  change: SourceChange;
  /** Commit-level evidence, strongest first (trailer, pr-number, author, patch-id). */
  evidence: Evidence[];
  files: FileMatch[];
  revertedBy: string | null;
  reverts: string | null;
}

/** Decides, for every file of every source change, whether and how it reached target. */
export function matchChanges(input: MatchInput): ChangeMatch[] {
  const regionsOf = regionCache(input.texts);
  const { index } = input;
  const filePatchIds = indexFilePatchIds(input, regionsOf);
  const targetTouching = indexTouching(input);

  const matches = input.changes.map((change): ChangeMatch => {
    const commitEvidence = index.evidence(change.commit, input.methods, regionsOf);
    const files = change.files.map((file): FileMatch => {
      const evidence = commitEvidence[0] ?? fileEvidence(change.commit, file, input, regionsOf, filePatchIds, targetTouching);
      return { file, status: evidence ? "synced" : "unsynced", evidence };
    });
    return { change, evidence: commitEvidence, files, revertedBy: null, reverts: null };
  });
  markReverts(matches);
  markSuperseded(matches, regionsOf);
  return matches;
}

function fileEvidence(
  commit: Commit,
  file: ClassifiedFile,
  input: MatchInput,
  regionsOf: (commit: Commit, path: string) => Region[] | null,
  filePatchIds: Map<string, string[]>,
  targetTouching: Map<string, Commit[]>,
): Evidence | null {
  const regions = regionsOf(commit, file.path);
  if (!regions) return null;
  if (input.methods.has("patch-id") && regions.length > 0) {
    const shas = filePatchIds.get(patchId([{ path: file.path, regions }]));
    if (shas) return { method: "patch-id", targetShas: shas };
  }
  if (!input.methods.has("content")) return null;
  const targetPath = input.targetRenames.get(file.path) ?? file.path;
  const tipBlob = input.targetTip.get(targetPath);
  const target = tipBlob === undefined ? undefined : blobText(tipBlob, input.texts);
  const post = blobText(file.newBlob, input.texts);
  if (post === undefined || !contentPresent(file, regions, post, target)) return null;
  // Content alone is not enough: some target commit must have brought it. A
  // removal of lines stable never had, or lines stable had since the fork,
  // leaves the target looking right without anyone having picked anything.
  const targetShas = carriers(file, regions, targetTouching.get(targetPath) ?? [], regionsOf);
  return targetShas.length > 0 ? { method: "content", targetShas } : null;
}

/** Target commits that brought a content-matched change: those adding (or removing) the same lines. */
function carriers(file: ClassifiedFile, regions: Region[], candidates: Commit[], regionsOf: (commit: Commit, path: string) => Region[] | null): string[] {
  const side = file.status === "D" || substantialLines(regions, "added").size === 0 ? "removed" : "added";
  const wanted = substantialLines(regions, side);
  return candidates
    .filter((target) => {
      const touched = target.files.find((candidate) => candidate.path === file.path || candidate.oldPath === file.path);
      if (file.status === "D") return touched?.status === "D";
      const theirs = touched ? regionsOf(target, touched.path) : null;
      return theirs !== null && [...substantialLines(theirs, side)].some((line) => wanted.has(line));
    })
    .map((target) => target.sha);
}

function indexFilePatchIds(input: MatchInput, regionsOf: (commit: Commit, path: string) => Region[] | null): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  for (const commit of input.index.commits) {
    for (const file of input.targetFiles.get(commit.sha) ?? []) {
      const regions = regionsOf(commit, file.path);
      if (!regions || regions.length === 0) continue;
      const id = patchId([{ path: file.path, regions }]);
      ids.set(id, [...(ids.get(id) ?? []), commit.sha]);
    }
  }
  return ids;
}

function indexTouching(input: MatchInput): Map<string, Commit[]> {
  const touching = new Map<string, Commit[]>();
  for (const commit of input.index.commits) {
    for (const file of input.targetFiles.get(commit.sha) ?? []) {
      for (const path of new Set([file.path, file.oldPath])) touching.set(path, [...(touching.get(path) ?? []), commit]);
    }
  }
  return touching;
}

/** A change and its revert, both on source after the merge base, cancel out. */
function markReverts(matches: ChangeMatch[]): void {
  for (const revert of matches) {
    const original = revertOf(revert.change.commit.message);
    if (!original) continue;
    const reverted = matches.find((candidate) => candidate !== revert && candidate.change.commit.sha.startsWith(original));
    if (!reverted) continue;
    reverted.revertedBy = revert.change.commit.sha;
    revert.reverts = reverted.change.commit.sha;
  }
}

/**
 * An unsynced file change is superseded when every line it added was replaced
 * later on source by changes that are themselves on target (or superseded in
 * turn): an image tag bumped twice, only the last bump picked.
 */
function markSuperseded(matches: ChangeMatch[], regionsOf: (commit: Commit, path: string) => Region[] | null): void {
  for (let i = matches.length - 1; i >= 0; i--) {
    for (const entry of matches[i]!.files) {
      if (entry.status !== "unsynced") continue;
      const added = substantialLines(regionsOf(matches[i]!.change.commit, entry.file.path) ?? [], "added");
      if (added.size === 0) continue;
      const replaced = new Set<string>();
      for (const later of matches.slice(i + 1)) {
        const laterFile = later.files.find((candidate) => candidate.file.oldPath === entry.file.path || candidate.file.path === entry.file.path);
        if (!laterFile || !isOnTarget(laterFile.status)) continue;
        const regions = regionsOf(later.change.commit, laterFile.file.path) ?? [];
        for (const line of substantialLines(regions, "removed")) replaced.add(line);
        if (laterFile.file.status === "D") for (const line of added) replaced.add(line);
      }
      if ([...added].every((line) => replaced.has(line))) entry.status = "superseded";
    }
  }
}

const isOnTarget = (status: FileStatus) => status === "synced" || status === "superseded";
