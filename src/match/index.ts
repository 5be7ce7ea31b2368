import { createHash } from "node:crypto";
import type { Memo } from "../cache/memo.js";
import { patchId, type Region } from "../diff/lines.js";
import type { FileStatus, MatchMethod } from "../model.js";
import { looseAuthorKeys } from "./evidence.js";
import { substantialLines } from "./files.js";
import { revertOf } from "./message.js";
import { pushTo } from "./multimap.js";
import type { MatchFacts } from "./prepare.js";
import type { TargetSide } from "./sides.js";
import type { ChangeEvidence, ClassifiedFile, Commit, Evidence, FileMatch, SourceChange } from "./types.js";

export { prepare, type MatchFacts } from "./prepare.js";
export { classifiedFiles, renameOrigins, sourceChange, targetSide, type TargetSide } from "./sides.js";

export interface MatchInput {
  changes: readonly SourceChange[];
  /** Every non-merge commit on target since the fork point, with its files, tip and indexes. */
  target: TargetSide;
  methods: ReadonlySet<MatchMethod>;
  /** Regions and content checks, from {@link prepare}. */
  facts: MatchFacts;
  /**
   * Each change's evidence as remembered (a cache), under a key naming all it
   * depends on: the change, its classified files, the target side and the
   * methods. Evidence found while a blob it needed was unread is not kept.
   */
  remembered?: Memo<ChangeEvidence>;
}

export interface ChangeMatch {
  change: SourceChange;
  /** Commit-level evidence, strongest first (trailer, pr-number, author, patch-id). */
  evidence: Evidence[];
  files: FileMatch[];
  revertedBy: string | null;
  reverts: string | null;
  /** The later source changes on target that replaced this change's superseded files, in history order. */
  supersededBy: string[];
}

/** Decides, for every file of every source change, whether and how it reached target. */
export function matchChanges(input: MatchInput): ChangeMatch[] {
  const { regionsOf } = input.facts;
  const { index } = input.target;
  // Built only when a change's evidence is not remembered; with a target file's regions unknown, no evidence is remembered.
  let indexes: { filePatchIds: Map<string, string[]>; targetLines: TargetLines } | undefined;
  let targetKnown = true;
  const targetRegions: typeof regionsOf = (commit, path) => regionsOf(commit, path) ?? ((targetKnown = false), null);
  const indexed = () => (indexes ??= { filePatchIds: indexFilePatchIds(input, targetRegions), targetLines: indexTargetLines(input, targetRegions) });

  // A pick that target later reverted carries nothing: drop it from every piece of evidence.
  const revertedOnTarget = targetReverts(index.commits);
  const live = (evidence: Evidence | null): Evidence | null => {
    if (!evidence || revertedOnTarget.size === 0) return evidence;
    const targetShas = evidence.targetShas.filter((sha) => !revertedOnTarget.has(sha));
    return targetShas.length > 0 ? { ...evidence, targetShas } : null;
  };

  // Subject and author without the date name one change only when no other source change shares them.
  const looseKeys = new Map<string, number>();
  for (const { commit } of input.changes) for (const key of looseAuthorKeys(commit)) looseKeys.set(key, (looseKeys.get(key) ?? 0) + 1);
  const findEvidence = (change: SourceChange, looseAuthor: boolean, complete: (found: ChangeEvidence) => void): ChangeEvidence => {
    // What was found without some file's regions or content (a blob missing from a partial clone) is not for remembering.
    let known = true;
    const regionsKnown: typeof regionsOf = (commit, path) => regionsOf(commit, path) ?? ((known = false), null);
    const presentAt: MatchFacts["presentAt"] = (file) => input.facts.presentAt(file) ?? ((known = false), null);
    const { filePatchIds, targetLines } = indexed();
    const commit = index.evidence(change.commit, input.methods, regionsKnown, { looseAuthor }).flatMap((evidence) => live(evidence) ?? []);
    const facts = { regionsOf: regionsKnown, presentAt };
    const found = { commit, files: change.files.map((file) => commit[0] ?? live(fileEvidence(change.commit, file, { ...input, facts }, regionsKnown, filePatchIds, targetLines))) };
    if (known && targetKnown) complete(found);
    return found;
  };
  const context = input.remembered ? targetContext(input.target, input.methods) : "";
  const matches = input.changes.map((change): ChangeMatch => {
    const looseAuthor = looseAuthorKeys(change.commit).every((key) => looseKeys.get(key) === 1);
    const key = input.remembered ? changeKey(context, change, looseAuthor) : "";
    const found = input.remembered?.peek(key) ?? findEvidence(change, looseAuthor, (found) => input.remembered?.keep(key, found));
    const files = change.files.map((file, i): FileMatch => {
      const evidence = found.files[i] ?? null;
      return { file, status: evidence ? "synced" : "unsynced", evidence, supersededBy: [] };
    });
    return { change, evidence: found.commit, files, revertedBy: null, reverts: null, supersededBy: [] };
  });
  markReverts(matches);
  markSuperseded(matches, regionsOf);
  return matches;
}

/**
 * What every change's evidence depends on besides the change: the methods,
 * the target tip's files, and the target's commits with their classified
 * files (commits are named by their ids; classification follows the config
 * and the tips). Contents enter only through blob ids.
 */
function targetContext(target: TargetSide, methods: ReadonlySet<MatchMethod>): string {
  const hash = createHash("sha1").update([...methods].sort().join(",")).update("\0");
  for (const [path, blob] of target.tip) hash.update(`${path}\0${blob}\0`);
  for (const commit of target.commits) {
    hash.update(`\n${commit.sha}`);
    for (const file of target.files.get(commit.sha) ?? []) hash.update(`\0${file.path}\0${file.category}`);
  }
  return hash.digest("hex");
}

/** A change's evidence key: the target context, the change's commit, its classified files and whether its loose author key is its own. */
function changeKey(context: string, change: SourceChange, looseAuthor: boolean): string {
  const hash = createHash("sha1").update(`${context}\0${change.commit.sha}\0${looseAuthor}`);
  for (const file of change.files) hash.update(`\0${file.path}\0${file.oldPath}\0${file.category}`);
  return hash.digest("hex");
}

function fileEvidence(
  commit: Commit,
  file: ClassifiedFile,
  input: MatchInput,
  regionsOf: (commit: Commit, path: string) => Region[] | null,
  filePatchIds: Map<string, string[]>,
  targetLines: TargetLines,
): Evidence | null {
  const regions = regionsOf(commit, file.path);
  if (!regions) return null;
  if (input.methods.has("patch-id") && regions.length > 0) {
    const shas = filePatchIds.get(patchId([{ path: file.path, regions }]));
    if (shas) return { method: "patch-id", targetShas: shas };
  }
  if (!input.methods.has("content")) return null;
  const targetPath = input.target.renames.get(file.path) ?? file.path;
  const present = input.facts.presentAt(file);
  if (present === null) return null;
  // Content alone is not enough: some target commit, made after the change
  // was written, must have brought each of its lines. A removal of lines
  // stable never had, or lines stable had since the fork, leaves the target
  // looking right without anyone having picked anything.
  const { targetShas, replacedSince } = targetLines.carriers(file, regions, targetPath, commit.authorTime);
  if (targetShas.length === 0) return null;
  // Added lines all brought by target commits, though the tip's file no longer
  // reads like the change: the target replaced some of them since (a version
  // bumped again on the release line, a setting changed back on purpose).
  return present || replacedSince ? { method: "content", targetShas } : null;
}

interface TargetLines {
  /**
   * Target commits that brought a change: those adding (or, for a pure
   * removal, removing) its lines, or deleting its file, committed no earlier
   * than `since` (the change's author date), oldest first. Empty unless every
   * line was brought by one of them. `replacedSince`: a later target commit
   * removed one of the added lines again.
   */
  carriers(file: ClassifiedFile, regions: readonly Region[], targetPath: string, since: number): { targetShas: string[]; replacedSince: boolean };
}

/** Which target commits added, removed or deleted which lines of each path: built once, so carriers are looked up, not searched. */
function indexTargetLines(input: MatchInput, regionsOf: (commit: Commit, path: string) => Region[] | null): TargetLines {
  const byLine = { added: new Map<string, number[]>(), removed: new Map<string, number[]>() };
  const deleted = new Map<string, number[]>();
  const commits = input.target.index.commits;
  commits.forEach((commit, position) => {
    for (const file of input.target.files.get(commit.sha) ?? []) {
      const regions = regionsOf(commit, file.path) ?? [];
      for (const path of new Set([file.path, file.oldPath])) {
        if (file.status === "D") pushTo(deleted, path, position);
        for (const side of ["added", "removed"] as const) {
          for (const line of substantialLines(regions, side)) pushTo(byLine[side], `${path}\0${line}`, position);
        }
      }
    }
  });
  return {
    carriers(file, regions, targetPath, since) {
      const paths = new Set([file.path, targetPath]);
      const after = (at: number) => commits[at]!.committerTime >= since;
      const found = new Set<number>();
      let replacedSince = false;
      if (file.status === "D") {
        for (const path of paths) for (const at of (deleted.get(path) ?? []).filter(after)) found.add(at);
      } else {
        const side = substantialLines(regions, "added").size === 0 ? "removed" : "added";
        for (const line of substantialLines(regions, side)) {
          const lineAt = (map: Map<string, number[]>) => [...paths].flatMap((path) => map.get(`${path}\0${line}`) ?? []);
          const carried = lineAt(byLine[side]).filter(after);
          if (carried.length === 0) return { targetShas: [], replacedSince: false };
          for (const at of carried) found.add(at);
          if (side === "added") replacedSince ||= lineAt(byLine.removed).some((at) => at > Math.min(...carried));
        }
      }
      return { targetShas: [...found].sort((a, b) => a - b).map((at) => commits[at]!.sha), replacedSince };
    },
  };
}

function indexFilePatchIds(input: MatchInput, regionsOf: (commit: Commit, path: string) => Region[] | null): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  for (const commit of input.target.index.commits) {
    for (const file of input.target.files.get(commit.sha) ?? []) {
      const regions = regionsOf(commit, file.path);
      if (!regions || regions.length === 0) continue;
      pushTo(ids, patchId([{ path: file.path, regions }]), commit.sha);
    }
  }
  return ids;
}

/** Target commits reverted by a later target commit ("This reverts commit <sha>"). */
function targetReverts(commits: readonly Commit[]): Set<string> {
  const reverted = new Set<string>();
  const shas = new Set(commits.map((commit) => commit.sha));
  for (const commit of commits) {
    const original = revertOf(commit.message);
    if (!original) continue;
    if (shas.has(original)) reverted.add(original);
    else if (original.length < 40) for (const sha of shas) if (sha.startsWith(original)) reverted.add(sha);
  }
  return reverted;
}

/**
 * A change and its revert, both on source after the merge base, cancel out.
 * Newest first, so a revert that was itself reverted (a "Reapply") cancels
 * with its own revert and leaves the original standing. A revert of a change
 * the target already has is not paired unless the target has the revert too:
 * otherwise the target needs that revert.
 */
function markReverts(matches: ChangeMatch[]): void {
  const bySha = new Map(matches.map((match) => [match.change.commit.sha, match]));
  const paired = (match: ChangeMatch) => match.revertedBy !== null || match.reverts !== null;
  for (let i = matches.length - 1; i >= 0; i--) {
    const revert = matches[i]!;
    if (paired(revert)) continue;
    const original = revertOf(revert.change.commit.message);
    if (!original) continue;
    const reverted =
      bySha.get(original) ?? (original.length < 40 ? matches.find((candidate) => candidate.change.commit.sha.startsWith(original)) : undefined);
    if (!reverted || reverted === revert || paired(reverted)) continue;
    // The target has the change but not its revert: it still needs the revert.
    const onTarget = (match: ChangeMatch) => match.files.every((entry) => entry.status === "synced");
    if (onTarget(reverted) && !onTarget(revert)) continue;
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
  // Filled newest first: per path, the closest later target-reaching source
  // change that removed each line, and the one that deleted the file.
  const replacedLater = new Map<string, Map<string, string>>();
  const deletedLater = new Map<string, string>();
  const position = new Map(matches.map((match, i) => [match.change.commit.sha, i]));
  const supersede = (entry: FileMatch, by: readonly string[]) => {
    entry.status = "superseded";
    entry.supersededBy = [...new Set(by)].sort((a, b) => position.get(a)! - position.get(b)!);
  };
  for (let i = matches.length - 1; i >= 0; i--) {
    const { change, files } = matches[i]!;
    for (const entry of files) {
      if (entry.status !== "unsynced") continue;
      const added = substantialLines(regionsOf(change.commit, entry.file.path) ?? [], "added");
      if (added.size === 0) continue;
      const deletedBy = deletedLater.get(entry.file.path);
      const replaced = replacedLater.get(entry.file.path);
      if (deletedBy !== undefined) supersede(entry, [deletedBy]);
      else if (replaced && [...added].every((line) => replaced.has(line))) supersede(entry, [...added].map((line) => replaced.get(line)!));
    }
    for (const entry of files) {
      if (!isOnTarget(entry.status)) continue;
      for (const path of new Set([entry.file.path, entry.file.oldPath])) {
        if (entry.file.status === "D") deletedLater.set(path, change.commit.sha);
        let replaced = replacedLater.get(path);
        if (!replaced) replacedLater.set(path, (replaced = new Map()));
        for (const line of substantialLines(regionsOf(change.commit, entry.file.path) ?? [], "removed")) replaced.set(line, change.commit.sha);
      }
    }
  }
  for (const match of matches) {
    const by = new Set(match.files.flatMap((file) => file.supersededBy));
    if (by.size > 0) match.supersededBy = [...by].sort((a, b) => position.get(a)! - position.get(b)!);
  }
}


const isOnTarget = (status: FileStatus) => status === "synced" || status === "superseded";
