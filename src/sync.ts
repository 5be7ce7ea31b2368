import { join } from "node:path";
import { Facts, FactsSession } from "./cache/facts.js";
import { resumeWalk, touchedPaths, type HistoryCache, type KeepCommit, type Walk } from "./cache/history.js";
import { planClassifier } from "./classify/context.js";
import { needsContentSniff } from "./classify/index.js";
import { countSetAside, withoutSetAside } from "./classify/set-aside.js";
import { defaultNow } from "./clock.js";
import { loadConfig } from "./config/file.js";
import { compileRules, type Rules } from "./config/rules.js";
import type { RawConfig } from "./config/schema.js";
import { computeFileDrift, excludedCommitsOnly, fileDriftBlobs } from "./drift/index.js";
import { LineTable } from "./diff/table.js";
import { BlobReader, gitlinkIds } from "./git/blobs.js";
import { forkAndBase, type Fork } from "./git/fork.js";
import { readHistory, type History } from "./git/history.js";
import { distinctFromSource, validateRevision } from "./git/refs.js";
import { listTree, openRepository, remoteUrl, resolveCommits, revList, walkOrder, type Repository } from "./git/repo.js";
import { toCommit } from "./match/commit.js";
import { matchChanges, prepare, renameOrigins, sourceChange, targetSide } from "./match/index.js";
import { isStillToPick, type SyncReport } from "./model.js";
import { pickOf, predictMerges } from "./pick/predict.js";
import { assembleReport, describeChanges, markUnread, targetOnly, withBumps, withPicks, type PickFacts } from "./report/index.js";
import type { RawCommit, RawFileChange } from "./git/log.js";
import type { Commit } from "./match/types.js";
import { parseSince, SINCE_FORMS, type Since } from "./since.js";

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
  const cacheDir = join(repo.commonDir, "driftlog");
  const progress = options.onProgress ?? (() => undefined);
  // Awaited where first needed: parsing the cache files overlaps git's first walks.
  return buildReport(repo, { source, target, since, rules: compileRules(config), now, facts: session.factsIn(cacheDir), history: session.historyIn(cacheDir), progress });
}

interface Settings {
  source: string;
  target: string;
  since: Since;
  rules: Rules;
  now: Date;
  facts: Promise<Facts>;
  history: Promise<HistoryCache>;
  progress: (progress: SyncProgress) => void;
}

async function buildReport(repo: Repository, settings: Settings): Promise<SyncReport> {
  const revisions = [
    { rev: settings.source, flag: "--source" },
    { rev: settings.target, flag: "--target" },
    ...(settings.since && "rev" in settings.since ? [{ rev: settings.since.rev, flag: "--since", also: `or give a date: ${SINCE_FORMS}` }] : []),
  ];
  const { progress } = settings;
  progress({ phase: "reading history", commits: 0, files: 0 });
  const [sourceSha, targetSha, sinceSha] = (await resolveCommits(repo, revisions)) as [string, string, string?];
  const pair = `${settings.source}\0${settings.target}`;
  const history = await settings.history;
  const previous = history.walk(pair);
  const forked = await forkAndBase(repo, sourceSha, targetSha, previous ? { source: previous.tips[0]!, target: previous.tips[1]!, ...previous.fork } : undefined);
  const { base, fork } = forked;
  // With a walk to resume, git lists the whole walk (for its order) while the tips are read.
  const resume = previous ? { previous, order: walkOrder(repo, [sourceSha, targetSha, `^${fork}`]) } : null;
  resume?.order.catch(() => undefined);
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
  const tipsPlan = planClassifier(settings.rules.custom, [], [sourceTree, targetTree]);
  const atTips = tipsPlan.classifier(await blobs.readText(tipsPlan.blobs));
  const mayCount = (path: string) => atTips(path) !== null || needsContentSniff(path, atTips) || (!sourceTree.has(path) && !targetTree.has(path));
  let read = 0;
  const onCommit = () => {
    if (++read % 256 === 0) progress({ phase: "reading history", commits: read, files: 0 });
  };
  // Both sides since the fork point, in one log; a commit the target has is on the target's side.
  const keep: KeepCommit = (sha, paths) => onTarget.has(sha) || paths.some(mayCount);
  const { commits: log, renameGap } = await readWalk(repo, history, pair, { tips: [sourceSha, targetSha], fork: forked, resume, keep, onCommit });
  blobs.notBlobs(gitlinkIds([], log));
  const facts = await settings.facts;
  const sinceTime = settings.since && "date" in settings.since ? settings.since.date.getTime() / 1000 : -Infinity;
  const sourceCommits = log
    .filter((raw) => !onTarget.has(raw.sha) && raw.committerTime >= sinceTime && (!afterSince || afterSince.has(raw.sha)))
    .reverse()
    .map(toCommit);
  const targetCommits = log.filter((raw) => onTarget.has(raw.sha)).reverse().map(toCommit);
  const kept = new Set(sourceCommits.map((commit) => commit.sha));
  const beforeSince = log.filter((raw) => !onTarget.has(raw.sha) && !kept.has(raw.sha));

  const commits = read;
  progress({ phase: "reading files", commits, files: 0 });
  const plan = planClassifier(settings.rules.custom, [...sourceCommits, ...targetCommits], [sourceTree, targetTree]);
  const { classify, setAside } = withoutSetAside(plan.classifier(await blobs.readText(plan.blobs)), settings.rules.setAside);
  const driftTexts = await blobs.readText(fileDriftBlobs(sourceTree, targetTree, classify, (key) => facts.has("drift", key)));
  const changes = sourceCommits.flatMap((commit) => sourceChange(commit, classify, settings.rules) ?? []);
  const drift = computeFileDrift({ sourceTree, targetTree, classify, texts: driftTexts, isKept: (path) => settings.rules.isKept(path), excludedBy: (path) => settings.rules.excludedBy(path), excludedCommitsOnly: excludedCommitsOnly(changes, [...targetCommits, ...beforeSince]), remembered: facts.memo("drift") });
  const target = targetSide(targetCommits, classify, new Map([...targetTreeWithGitlinks].map(([path, entry]) => [path, entry.blob])));

  // One line table for matching and pick prediction: a change still to pick has its versions numbered already.
  const lines = new LineTable();
  const matchFacts = await prepare({ changes, target, cache: facts, blobs, lines });
  const compared = changes.reduce((sum, change) => sum + change.files.length, 0);
  progress({ phase: "matching", commits, files: compared });
  const matches = matchChanges({ changes, target, methods: settings.rules.methods, facts: matchFacts, remembered: facts.memo("evidence") });

  const dates = new Map(targetCommits.map((commit) => [commit.sha, commit.date]));
  const described = describeChanges(matches, { now: settings.now, dateOf: (sha) => dates.get(sha) });
  const commitOf = new Map(changes.map(({ commit }) => [commit.sha, commit]));
  const toPick = described.filter((change) => isStillToPick(change.status)).map((change) => commitOf.get(change.sha)!);
  progress({ phase: "predicting picks", commits, files: compared });
  const merges = await predictMerges(toPick.flatMap((commit) => commit.files), { blobs, cache: facts, target, sourceOrigins: renameOrigins(log.filter((raw) => !onTarget.has(raw.sha)).reverse()), lines });
  const picked = withPicks(described, (change) => pickFacts(commitOf.get(change.sha)!, new Set(change.files.map((file) => file.path)), merges));
  const { changes: finished, unread } = markUnread(withBumps(picked), { missing: blobs.missing, renameGap, filesOf: (sha) => commitOf.get(sha)?.files ?? [], targetBlobOf: target.blobOf });

  return assembleReport(
    {
      generatedAt: settings.now,
      repository: { path: repo.path, remoteUrl: remote },
      source: { ref: settings.source, sha: sourceSha },
      target: { ref: settings.target, sha: targetSha },
      mergeBase: base,
      targetOnly: targetOnly(target.commits, target.files, finished, settings.rules),
      fileDrift: drift,
      unread,
      setAside: countSetAside(sourceCommits, [sourceTree, targetTree], classify, setAside),
    },
    finished,
  );
}

interface WalkSpec {
  tips: string[];
  fork: Fork;
  /** The last walk of the pair, and this walk's commits as `git rev-list` lists them (started early); null: read it all. */
  resume: { previous: Walk; order: Promise<string[]> } | null;
  keep: KeepCommit;
  onCommit: () => void;
}

/**
 * The non-merge commits of both sides since the fork point, kept by `keep`:
 * the commits the last walk of this pair did not reach read from git, the
 * others from its records, when they cover the walk git lists now (a
 * rewritten history or a changed config that wants a dropped commit whole
 * falls back to reading it all). The result is the whole read's, in its order.
 */
async function readWalk(repo: Repository, cache: HistoryCache, pair: string, spec: WalkSpec): Promise<History> {
  const revisions = [...spec.tips, `^${spec.fork.fork}`];
  if (spec.resume) {
    const { previous } = spec.resume;
    const since = [...spec.tips, ...previous.tips.map((tip) => `^${tip}`), `^${spec.fork.fork}`];
    // A previous tip that is gone (a force-push, then gc) fails the read: then read it all.
    const [order, fresh] = await Promise.all([spec.resume.order, readRecording(repo, since, spec).catch(() => null)]);
    const resumed = fresh && !fresh.history.renameGap ? resumeWalk(order, previous, fresh.walk, spec.keep) : null;
    if (resumed) {
      cache.remember(pair, resumed.walk);
      return { commits: resumed.commits, renameGap: null };
    }
  }
  if (!cache.enabled) return readHistory(repo.path, revisions, { extraArgs: ["--no-merges"], onCommit: spec.onCommit, keep: (raw) => spec.keep(raw.sha, touchedPaths(raw)) });
  const { history, walk } = await readRecording(repo, revisions, spec);
  if (!history.renameGap) cache.remember(pair, walk);
  return history;
}

/** {@link readHistory}, recording what it kept and the paths of what it dropped. */
async function readRecording(repo: Repository, revisions: string[], spec: WalkSpec): Promise<{ history: History; walk: Walk }> {
  const walk: Walk = { tips: spec.tips, fork: spec.fork, kept: new Map(), dropped: new Map() };
  // A path sliced out of a log record would keep the whole record's text alive: a dropped commit keeps copies, one per path.
  const owned = new Map<string, string>();
  const own = (path: string) => owned.get(path) ?? owned.set(path, Buffer.from(path).toString()).get(path)!;
  const keep = (raw: RawCommit) => {
    const paths = touchedPaths(raw);
    const kept = spec.keep(raw.sha, paths);
    if (kept) walk.kept.set(raw.sha, raw);
    else walk.dropped.set(Buffer.from(raw.sha).toString("latin1"), paths.map(own));
    return kept;
  };
  const history = await readHistory(repo.path, revisions, { extraArgs: ["--no-merges"], onCommit: spec.onCommit, keep });
  return { history, walk };
}

/** One commit's pick facts from its files' merge verdicts; `dockerIac` names its Docker/IaC files. */
function pickFacts(commit: Commit, dockerIac: ReadonlySet<string>, merges: (file: RawFileChange) => boolean | null): PickFacts {
  const isDockerIac = (file: RawFileChange) => dockerIac.has(file.path);
  return {
    pick: pickOf(commit.files.map(merges)),
    iacPick: pickOf(commit.files.filter(isDockerIac).map(merges)),
    conflictFiles: commit.files.filter((file) => merges(file) === false).map((file) => file.path),
    otherPaths: [...new Set(commit.files.filter((file) => !isDockerIac(file)).flatMap((file) => (file.oldPath && file.oldPath !== file.path ? [file.oldPath, file.path] : [file.path])))],
  };
}
