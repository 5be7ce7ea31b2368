import { join } from "node:path";
import { Facts, FactsSession } from "./cache/facts.js";
import { buildClassifier } from "./classify/context.js";
import { needsContentSniff } from "./classify/index.js";
import type { Classify } from "./classify/index.js";
import { loadConfig } from "./config/load.js";
import { compileRules, type Rules } from "./config/rules.js";
import type { RawConfig } from "./config/schema.js";
import { computeFileDrift, fileDriftBlobs } from "./drift/index.js";
import { BlobReader, gitlinkIds, streamItems } from "./git/blobs.js";
import { forkPoint } from "./git/fork.js";
import { readHistory } from "./git/history.js";
import { ZERO_SHA, type RawFileChange } from "./git/log.js";
import { distinctFromSource, validateRevision } from "./git/refs.js";
import { listTree, mergeBase, openRepository, remoteUrl, resolveCommits, revList, type Repository } from "./git/repo.js";
import { toCommit } from "./match/commit.js";
import { TargetIndex } from "./match/evidence.js";
import { matchChanges } from "./match/index.js";
import { pickFiles } from "./match/pick.js";
import { prepareMatchFacts } from "./match/prepare.js";
import { changeStatus, dependencies, describeChange, needsPick, withPick } from "./match/status.js";
import type { ClassifiedFile, Commit, SourceChange } from "./match/types.js";
import type { Change, SyncReport, TargetOnlyChange } from "./model.js";
import { summarize } from "./report.js";
import { parseSince, SINCE_FORMS, type Since } from "./since.js";
import { markUnread, mergeVerdict, pickOf } from "./unread.js";
import { VERSION } from "./version.js";

/** Options of {@link syncReport}; flags given here win over the config file. */
export interface SyncOptions {
  /** Repository directory (a clone, a bare repository or a linked worktree). Default `.`. */
  repo?: string;
  source?: string;
  target?: string;
  /** Only source changes after this date (YYYY-MM-DD or ISO 8601) or revision. */
  since?: string;
  /** Config file; default `driftlog.config.yaml` at the repository's top level when it exists. */
  configFile?: string;
  /** A config object to use instead of reading a file. */
  config?: RawConfig;
  /** The moment ages are measured from; default now (or SOURCE_DATE_EPOCH). */
  now?: Date;
  /** Reuse and update the cache under `.git/driftlog/` (default true; `--no-cache` sets false). */
  cache?: boolean;
  /** Called as the run advances, for a progress display; never called after the promise settles. */
  onProgress?: (progress: SyncProgress) => void;
}

/** Where a sync run is: its phase, commits read so far and file changes compared so far. */
export interface SyncProgress {
  phase: "reading history" | "reading files" | "matching" | "predicting picks";
  commits: number;
  files: number;
}

/**
 * Compares the Docker/IaC history of `source` (default `main`) with `target`
 * (default `stable`) since their merge base. Reads the repository, never writes it.
 */
export async function syncReport(options: SyncOptions = {}): Promise<SyncReport> {
  const session = new FactsSession(options.cache !== false);
  const report = await syncReportIn(session, options);
  await session.save();
  return report;
}

/** {@link syncReport} with the cache of a longer run (several targets); the caller saves the session. */
export async function syncReportIn(session: FactsSession, options: SyncOptions): Promise<SyncReport> {
  const repo = await openRepository(options.repo ?? ".");
  const config = options.config ?? (await loadConfig(options.configFile, repo.path)).config;
  const source = validateRevision(options.source ?? config.source ?? "main", "--source");
  const target = validateRevision(options.target ?? config.targets?.[0] ?? config.target ?? "stable", "--target");
  distinctFromSource(source, target);
  const now = options.now ?? defaultNow();
  const since = parseSince(options.since ?? config.since, now);
  const facts = await session.factsIn(join(repo.commonDir, "driftlog"));
  const progress = options.onProgress ?? (() => undefined);
  return buildReport(repo, { source, target, since, rules: compileRules(config), now, facts, progress });
}

interface Settings {
  source: string;
  target: string;
  since: Since;
  rules: Rules;
  now: Date;
  facts: Facts;
  progress: (progress: SyncProgress) => void;
}

async function buildReport(repo: Repository, settings: Settings): Promise<SyncReport> {
  const revisions = [
    { rev: settings.source, flag: "--source" },
    { rev: settings.target, flag: "--target" },
    ...(settings.since && "rev" in settings.since ? [{ rev: settings.since.rev, flag: "--since", also: `or give a date: ${SINCE_FORMS}` }] : []),
  ];
  const { facts, progress } = settings;
  progress({ phase: "reading history", commits: 0, files: 0 });
  const [sourceSha, targetSha, sinceSha] = (await resolveCommits(repo, revisions)) as [string, string, string?];
  const [base, fork] = await Promise.all([mergeBase(repo, sourceSha, targetSha), forkPoint(repo, sourceSha, targetSha)]);
  const [sourceTree, targetTreeWithGitlinks, remote, afterSince, onTarget] = await Promise.all([
    listTree(repo, sourceSha),
    listTree(repo, targetSha, { gitlinks: true }),
    remoteUrl(repo),
    sinceSha ? revList(repo, sinceSha, sourceSha) : Promise.resolve(null),
    revList(repo, fork, targetSha),
  ]);
  // Submodules count for what the target has (a pick bumps them), not as files to read.
  const targetTree = new Map([...targetTreeWithGitlinks].filter(([, entry]) => entry.mode !== "160000"));
  // Source commits that touch nothing that could be Docker/IaC are dropped as
  // the log streams by: on a long history they are most of it. What the tips
  // classify, YAML that content may classify, and paths that exist only in
  // history (the full classifier decides those) are kept.
  const blobs = new BlobReader(repo.path);
  blobs.notBlobs(gitlinkIds([targetTreeWithGitlinks], []));
  const atTips = await buildClassifier(blobs, settings.rules.custom, [], [sourceTree, targetTree]);
  const mayCount = (path: string) => atTips(path) !== null || needsContentSniff(path, atTips) || (!sourceTree.has(path) && !targetTree.has(path));
  let read = 0;
  // Both sides since the fork point, in one log; a commit the target has is on the target's side.
  const { commits: log, renameGap } = await readHistory(repo.path, [sourceSha, targetSha, `^${fork}`], {
    extraArgs: ["--no-merges"],
    onCommit: () => {
      if (++read % 256 === 0) progress({ phase: "reading history", commits: read, files: 0 });
    },
    keep: (raw) => onTarget.has(raw.sha) || raw.files.some((file) => mayCount(file.path) || mayCount(file.oldPath)),
  });
  blobs.notBlobs(gitlinkIds([], log));
  const sinceTime = settings.since && "date" in settings.since ? settings.since.date.getTime() / 1000 : -Infinity;
  const sourceCommits = log
    .filter((raw) => !onTarget.has(raw.sha) && raw.committerTime >= sinceTime && (!afterSince || afterSince.has(raw.sha)))
    .reverse()
    .map(toCommit);
  const targetCommits = log.filter((raw) => onTarget.has(raw.sha)).reverse().map(toCommit);

  const commits = read;
  progress({ phase: "reading files", commits, files: 0 });
  const classify = await buildClassifier(blobs, settings.rules.custom, [...sourceCommits, ...targetCommits], [sourceTree, targetTree]);
  const driftTexts = await blobs.readText(fileDriftBlobs(sourceTree, targetTree, classify));
  const drift = computeFileDrift({ sourceTree, targetTree, classify, texts: driftTexts, isKept: (path) => settings.rules.isKept(path), excludedBy: (path) => settings.rules.excludedBy(path) });
  const changes = sourceCommits.flatMap((commit) => sourceChange(commit, classify, settings.rules) ?? []);
  const targetFiles = new Map(targetCommits.map((commit) => [commit.sha, classifiedFiles(commit, classify)]));
  const targetTip = new Map([...targetTreeWithGitlinks].map(([path, entry]) => [path, entry.blob]));
  const targetRenames = renamesOf(targetCommits);
  const index = new TargetIndex(targetCommits);

  const targetBlobOf = (path: string) => targetTip.get(targetRenames.get(path) ?? path);
  await prepareMatchFacts({ changes, targetCommits, targetFiles, index, targetBlobOf, facts, blobs });
  const compared = changes.reduce((sum, change) => sum + change.files.length, 0);
  progress({ phase: "matching", commits, files: compared });
  const matches = matchChanges({ changes, index, targetFiles, targetTip, targetRenames, methods: settings.rules.methods, facts });

  const dates = new Map(targetCommits.map((commit) => [commit.sha, commit.date]));
  const described = matches.map((match) => describeChange(match, changeStatus(match), { now: settings.now, dateOf: (sha) => dates.get(sha) }));
  const commitOf = new Map(changes.map(({ commit }) => [commit.sha, commit]));
  const toPick = described.filter((change) => needsPick(change.status)).map((change) => commitOf.get(change.sha)!);
  progress({ phase: "predicting picks", commits, files: compared });
  const merges = await predictMerges(toPick.flatMap((commit) => commit.files), { blobs, facts, targetTip, targetRenames });
  const pathsOf = (sha: string) => commitOf.get(sha)?.files.map((file) => file.path) ?? [];
  const dependsOn = dependencies(described, pathsOf);
  const picked: Change[] = described.map((change, i) => {
    if (!needsPick(change.status)) return change;
    const pick = pickOf(commitOf.get(change.sha)!.files.map(merges));
    return pick ? withPick(change, pick, () => dependsOn(i)) : change;
  });
  const { changes: finished, unread } = markUnread(picked, { missing: blobs.missing, renameGap, filesOf: (sha) => commitOf.get(sha)?.files ?? [], targetBlobOf });

  return {
    schemaVersion: 1,
    tool: { name: "driftlog", version: VERSION },
    generatedAt: settings.now.toISOString(),
    repository: { path: repo.path, remoteUrl: remote },
    source: { ref: settings.source, sha: sourceSha },
    target: { ref: settings.target, sha: targetSha },
    mergeBase: base,
    summary: { ...summarize(finished), fileDrift: drift.summary },
    changes: finished,
    targetOnly: targetOnly(targetCommits, targetFiles, finished, settings.rules),
    fileDrift: drift.entries,
    ...(unread ? { unread } : {}),
  };
}

/**
 * Whether `git cherry-pick` would merge each file cleanly onto the target tip:
 * a three-way merge of the commit's parent, the commit and the tip's version,
 * remembered as a fact by those three blob ids. One blob stream for the rest.
 */
async function predictMerges(
  files: readonly RawFileChange[],
  { blobs, facts, targetTip, targetRenames }: { blobs: BlobReader; facts: Facts; targetTip: ReadonlyMap<string, string>; targetRenames: ReadonlyMap<string, string> },
): Promise<(file: RawFileChange) => boolean | null> {
  const idsOf = (file: RawFileChange) => [file.oldBlob, file.newBlob, targetTip.get(targetRenames.get(file.oldPath) ?? file.oldPath) ?? ZERO_SHA];
  const keyOf = (file: RawFileChange) => idsOf(file).join(":");
  const unknown = files.filter((file) => !facts.has("merges", keyOf(file)));
  const tipTexts = await blobs.readText(unknown.map((file) => idsOf(file)[2]!).filter((id) => id !== ZERO_SHA));
  await streamItems(blobs, unknown, idsOf, tipTexts, (file, texts) => {
    facts.get("merges", keyOf(file), () => mergeVerdict(pickFiles([file], texts, targetTip, targetRenames)[0]!, texts));
  });
  // Null: unknown, a blob it needs is missing (and nothing is remembered).
  return (file) => facts.get("merges", keyOf(file), () => null);
}

function classifiedFiles(commit: Commit, classify: Classify): ClassifiedFile[] {
  return commit.files.flatMap((file) => {
    const category = classify(file.path) ?? classify(file.oldPath);
    return category ? [{ ...file, category }] : [];
  });
}

/** A source commit as a Docker/IaC change, or null when it touches no classified file. */
function sourceChange(commit: Commit, classify: Classify, rules: Rules): SourceChange | null {
  const classified = classifiedFiles(commit, classify);
  if (classified.length === 0) return null;
  const counted = classified.filter((file) => rules.excludedBy(file.path) === null);
  const byMessage = rules.messageExclusion(commit.subject, commit.message);
  const exclusion =
    byMessage ??
    (counted.length === 0
      ? { rule: `exclude.paths: ${rules.excludedBy(classified[0]!.path)}`, reason: "every Docker/IaC file it changes is under an excluded path" }
      : null);
  return { commit, files: counted.length > 0 ? counted : classified, exclusion };
}

/** Paths renamed on target since the merge base, old → newest name. */
function renamesOf(commits: readonly Commit[]): Map<string, string> {
  const renames = new Map<string, string>();
  for (const commit of commits) {
    for (const file of commit.files) {
      if (file.status !== "R") continue;
      for (const [old, current] of renames) if (current === file.oldPath) renames.set(old, file.path);
      renames.set(file.oldPath, file.path);
    }
  }
  return renames;
}

function targetOnly(
  commits: readonly Commit[],
  files: ReadonlyMap<string, readonly ClassifiedFile[]>,
  changes: readonly Change[],
  rules: Rules,
): TargetOnlyChange[] {
  const accounted = new Set(changes.flatMap((change) => change.targetShas));
  return commits
    .filter((commit) => !accounted.has(commit.sha) && (files.get(commit.sha)?.length ?? 0) > 0)
    .map((commit) => ({
      sha: commit.sha,
      subject: commit.subject,
      date: commit.date,
      files: (files.get(commit.sha) ?? []).map((file) => ({ path: file.path, category: file.category, kept: rules.isKept(file.path) })),
    }));
}

/** SOURCE_DATE_EPOCH pins "now" for reproducible reports and snapshots. */
export function defaultNow(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}
