import { posix } from "node:path";
import type { Memo } from "../cache/memo.js";
import type { Category } from "../classify/category.js";
import type { Classify } from "../classify/index.js";
import type { TreeEntry } from "../git/repo.js";
import { onlyCommentsDiffer } from "./comments.js";
import { countLines, diffLineCount, MAX_STRUCTURED_LINES, unparsed } from "./lines.js";
import { differFor } from "./registry.js";
import type { Described, DriftState, FileDriftEntry, FileDriftSummary } from "./types.js";
import { verifyCommands } from "./verify.js";

export type * from "./types.js";
export { quote as shellQuote } from "./verify.js";

type Tree = ReadonlyMap<string, TreeEntry>;

/** Inputs of {@link computeFileDrift}: the two tip trees, the classifier, blob texts and the config's rules. */
export interface FileDriftInput {
  sourceTree: Tree;
  targetTree: Tree;
  classify: Classify;
  /** Texts of the blobs {@link fileDriftBlobs} named; null for binary or unreadable blobs. */
  texts: ReadonlyMap<string, string | null>;
  isKept(path: string): boolean;
  excludedBy(path: string): string | null;
  /** Whether only excluded source commits (and no target commit) touched the path; see {@link excludedCommitsOnly}. */
  excludedCommitsOnly?(path: string): boolean;
  /**
   * Files' descriptions as remembered (a cache), under {@link driftKey}: a
   * remembered one needs no text, so {@link fileDriftBlobs} can skip it. One
   * described without a blob's text (missing from a partial clone) is not kept.
   */
  remembered?: Memo<Described>;
}

/** Names a file's description by what decides it: its path, category and the blobs on both sides. */
export function driftKey(path: string, category: string, before: TreeEntry | undefined, after: TreeEntry | undefined): string {
  return `${path}\0${category}\0${before?.blob ?? ""}\0${after?.blob ?? ""}`;
}

/**
 * Classified files that differ between the source and target tips, each
 * described in its file type's terms, with the commands to verify it on the
 * target. Identical files are only counted. Pure: all reading happens before.
 */
export function computeFileDrift(input: FileDriftInput): { entries: FileDriftEntry[]; summary: FileDriftSummary } {
  const summary: FileDriftSummary = { files: 0, identical: 0, differs: 0, sourceOnly: 0, targetOnly: 0, kept: 0, excluded: 0 };
  const entries: FileDriftEntry[] = [];
  const chartDirs = [...input.sourceTree.keys(), ...input.targetTree.keys()].filter((path) => posix.basename(path) === "Chart.yaml").map(posix.dirname);
  const chartOf = (path: string) => chartDirs.filter((dir) => dir === "." || path.startsWith(`${dir}/`)).sort((a, b) => b.length - a.length)[0] ?? null;

  for (const path of classifiedPaths(input.sourceTree, input.targetTree, input.classify)) {
    const category = input.classify(path)!;
    const after = input.sourceTree.get(path);
    const before = input.targetTree.get(path);
    summary.files++;
    if (after && before && after.blob === before.blob) {
      summary.identical++;
      continue;
    }
    const state: DriftState = after && before ? "differs" : after ? "source-only" : "target-only";
    const key = input.remembered ? driftKey(path, category, before, after) : "";
    const { details, commentsOnly } = input.remembered?.peek(key) ?? describeTexts(path, category, before, after, input.texts, (described) => input.remembered?.keep(key, described));
    const kept = input.isKept(path);
    const excluded = input.excludedBy(path) !== null;
    entries.push({
      path,
      category,
      state,
      kept,
      excluded,
      details,
      // Excluded files are not meant to reach the target, so there is nothing to verify there.
      verify: excluded ? [] : verifyCommands(path, category, { chartOf }),
      ...(commentsOnly ? { commentsOnly: true as const } : {}),
      ...(input.excludedCommitsOnly?.(path) ? { excludedCommitsOnly: true as const } : {}),
    });
    summary[state === "differs" ? "differs" : state === "source-only" ? "sourceOnly" : "targetOnly"]++;
    if (kept) summary.kept++;
    if (excluded) summary.excluded++;
  }
  return { entries, summary };
}

/**
 * Paths that only excluded source commits touched (by message or scope: a
 * path excluded by `exclude.paths` is marked `excluded` already), and no
 * other commit did: their drift is the exclusion's, not a sync to do.
 * `others` are commits whose touches always count: the target's, and the
 * source's before `--since` (not judged, so never taken as excluded).
 */
export function excludedCommitsOnly(
  sourceChanges: readonly { exclusion: unknown; commit: { files: readonly { path: string; oldPath: string }[] } }[],
  others: readonly { files: readonly { path: string; oldPath: string }[] }[],
): (path: string) => boolean {
  const touched = (files: readonly { path: string; oldPath: string }[]) => files.flatMap((file) => [file.path, file.oldPath]);
  const byTarget = new Set(others.flatMap((commit) => touched(commit.files)));
  const counts = new Map<string, boolean>();
  for (const change of sourceChanges) {
    for (const path of touched(change.commit.files)) counts.set(path, (counts.get(path) ?? true) && change.exclusion !== null);
  }
  return (path) => counts.get(path) === true && !byTarget.has(path);
}

/**
 * The blob ids {@link computeFileDrift} reads: both sides of every classified
 * file whose blobs differ, for one batch; `known` names descriptions
 * remembered already (by {@link driftKey}), whose blobs are not needed.
 */
export function fileDriftBlobs(sourceTree: Tree, targetTree: Tree, classify: Classify, known: (key: string) => boolean = () => false): string[] {
  const ids = new Set<string>();
  for (const path of classifiedPaths(sourceTree, targetTree, classify)) {
    const after = sourceTree.get(path);
    const before = targetTree.get(path);
    if (after?.blob === before?.blob || known(driftKey(path, classify(path)!, before, after))) continue;
    if (after) ids.add(after.blob);
    if (before) ids.add(before.blob);
  }
  return [...ids];
}

/** Describes a file from the texts of its two blobs; `complete` is told when both were read. */
function describeTexts(path: string, category: Category, before: TreeEntry | undefined, after: TreeEntry | undefined, texts: FileDriftInput["texts"], complete: (described: Described) => void): Described {
  // A blob that was not read (missing from the repository) reads as binary, and is no fact about its contents.
  const text = (entry: TreeEntry | undefined) => (entry ? (texts.get(entry.blob) ?? null) : undefined);
  const described = describeFile(path, category, text(before), text(after));
  if ([before, after].every((entry) => !entry || texts.has(entry.blob))) complete(described);
  return described;
}

/**
 * Describes a file from its two texts: undefined for a side that has no
 * file, null for a side that is binary or could not be read.
 */
function describeFile(path: string, category: Category, old: string | null | undefined, now: string | null | undefined): Described {
  if (old === null || now === null) return { details: { kind: "binary" }, commentsOnly: false };
  const [before, after] = [old ?? null, now ?? null];
  if (differFor(path, category) !== diffLineCount && tooLarge(before, after)) {
    // Whether only comments differ is read by parsing too: for a file too large to parse, it is not known.
    return { details: { kind: "lines", ...countLines(before, after), tooLarge: true }, commentsOnly: false };
  }
  return { details: describeDrift(path, category, before, after), commentsOnly: before !== null && after !== null && onlyCommentsDiffer(path, category, before, after) === true };
}

/** Paths of either tree that the classifier places, sorted. Gitlinks (submodules) have no text and are skipped. */
function classifiedPaths(sourceTree: Tree, targetTree: Tree, classify: Classify): string[] {
  const paths = new Set<string>();
  for (const tree of [sourceTree, targetTree]) for (const [path, entry] of tree) if (entry.mode !== "160000" && classify(path) !== null) paths.add(path);
  return [...paths].sort();
}

/** Whether either version has more lines than {@link MAX_STRUCTURED_LINES}. */
function tooLarge(before: string | null, after: string | null): boolean {
  return [before, after].some((text) => text !== null && text.length > MAX_STRUCTURED_LINES && lineCountAbove(text, MAX_STRUCTURED_LINES));
}

/** Whether the text has more than `bound` lines (a last line without its newline counts). */
function lineCountAbove(text: string, bound: number): boolean {
  let lines = text.endsWith("\n") ? 0 : 1;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) if (++lines > bound) return true;
  return lines > bound;
}

/** A file type's differ, or a line count when it fails on what it was given (deep nesting, a parser bug): never a crash. */
function describeDrift(path: string, category: Parameters<typeof differFor>[1], before: string | null, after: string | null): FileDriftEntry["details"] {
  try {
    return differFor(path, category)(before, after);
  } catch {
    return unparsed(before, after);
  }
}
