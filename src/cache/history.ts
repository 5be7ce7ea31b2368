import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Fork } from "../git/fork.js";
import type { RawCommit, RawFileChange } from "../git/log.js";
import { VERSION as DRIFTLOG_VERSION } from "../version.js";

/**
 * What one history walk read: the commits it kept, whole, and the paths of
 * those it dropped, so that a later walk over the same commits can decide
 * again without reading them. Commits never change, so the records never go
 * stale; what changes between runs (the tips, the fork point, the config and
 * with it which commits are kept) is decided afresh by {@link resumeWalk}.
 */
export interface Walk {
  /** The tips the walk started from: a later walk reads only what they do not reach. */
  tips: string[];
  /** Where the source left the target at those tips, and their merge base: a later run reuses them while they hold. */
  fork: Fork;
  /** Kept commits by sha. */
  kept: Map<string, RawCommit>;
  /** Dropped commits by sha, with the paths (old and new) of their changed files. */
  dropped: Map<string, readonly string[]>;
}

/** Whether the walk keeps a commit, from its sha and the paths it touches. */
export type KeepCommit = (sha: string, paths: readonly string[]) => boolean;

/** The paths a commit touches: each file's path, and its old path when it was renamed or copied. */
export function touchedPaths(commit: RawCommit): string[] {
  const paths = new Set<string>();
  for (const file of commit.files) paths.add(file.path).add(file.oldPath);
  return [...paths];
}

/**
 * The commits a walk keeps, in `order` (the shas `git rev-list` lists for
 * it, the order `git log` lists them in), from a previous walk's records and
 * the commits read since (`fresh`: everything the previous tips do not reach,
 * kept or dropped by `keep` as they streamed). A previous record is kept or
 * dropped again by `keep`. Null when the records do not cover the walk: a
 * commit neither read now nor before (history rewritten below the previous
 * tips), or one dropped before that `keep` now wants whole.
 */
export function resumeWalk(order: readonly string[], previous: Walk, fresh: Walk, keep: KeepCommit): { commits: RawCommit[]; walk: Walk } | null {
  const commits: RawCommit[] = [];
  const walk: Walk = { tips: fresh.tips, fork: fresh.fork, kept: new Map(), dropped: new Map() };
  for (const sha of order) {
    const commit = fresh.kept.get(sha) ?? previous.kept.get(sha);
    const paths = commit ? null : (fresh.dropped.get(sha) ?? previous.dropped.get(sha));
    if (commit && (fresh.kept.has(sha) || keep(sha, touchedPaths(commit)))) {
      commits.push(commit);
      walk.kept.set(sha, commit);
    } else if (commit) {
      walk.dropped.set(sha, touchedPaths(commit));
    } else if (paths && (fresh.dropped.has(sha) || !keep(sha, paths))) {
      walk.dropped.set(sha, paths);
    } else {
      return null;
    }
  }
  return { commits, walk };
}

/**
 * The walks of recent runs, one per source and target pair, saved as one
 * JSON file under `.git/driftlog/` beside the facts. A file that does not
 * parse or is not ours is ignored and replaced; at most {@link LIMIT} pairs
 * are kept, the most recently used.
 */
export class HistoryCache {
  private readonly fresh = new Map<string, Walk>();

  private constructor(
    private readonly stored: Map<string, Walk>,
    private readonly file: string | null,
  ) {}

  /** A cache that is neither read nor written: `--no-cache`. */
  static none(): HistoryCache {
    return new HistoryCache(new Map(), null);
  }

  static async load(dir: string): Promise<HistoryCache> {
    const file = join(dir, FILE);
    let stored = new Map<string, Walk>();
    try {
      stored = parseWalks(JSON.parse(await readFile(file, "utf8")));
    } catch {
      // Missing, unreadable, corrupt or foreign: start afresh.
    }
    return new HistoryCache(stored, file);
  }

  /** Whether walks are kept: false with `--no-cache`. */
  get enabled(): boolean {
    return this.file !== null;
  }

  /** The last walk of this source and target pair, or null. */
  walk(pair: string): Walk | null {
    return this.fresh.get(pair) ?? this.stored.get(pair) ?? null;
  }

  /** Records this run's walk of the pair, to be saved. */
  remember(pair: string, walk: Walk): void {
    if (this.enabled) this.fresh.set(pair, walk);
  }

  /** Writes this run's walks and the most recent others, atomically; failures only cost the next run its speed. */
  async save(): Promise<void> {
    if (this.file === null || this.fresh.size === 0) return;
    const temporary = `${this.file}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      const walks = [...this.fresh, ...[...this.stored].filter(([pair]) => !this.fresh.has(pair))].slice(0, LIMIT);
      const body: SavedWalks = { tool: "driftlog", cache: "history", version: VERSION, driftlog: DRIFTLOG_VERSION, walks: walks.map(([pair, walk]) => saveWalk(pair, walk)) };
      await mkdir(join(this.file, ".."), { recursive: true });
      await writeFile(temporary, JSON.stringify(body));
      await rename(temporary, this.file);
    } catch {
      await rm(temporary, { force: true }).catch(() => undefined);
    }
  }
}

const FILE = "history-v1.json";
const OBJECT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
// 2: walks remember their fork point and merge base.
const VERSION = 2;
/** Source and target pairs kept: a few release lines, each walked by its own runs. */
const LIMIT = 4;

/** A file change as a tuple: at 100k commits the file holds tens of thousands of them. */
type SavedFile = [status: string, path: string, oldPath: string, oldMode: string, newMode: string, oldBlob: string, newBlob: string];
type SavedCommit = Omit<RawCommit, "files"> & { files: SavedFile[] };
interface SavedWalk {
  pair: string;
  tips: string[];
  fork: Fork;
  kept: SavedCommit[];
  /** Every path a dropped commit touched, once; `dropped` refers to them by index. */
  paths: string[];
  /** `[sha, ...path indexes]` per dropped commit. */
  dropped: [string, ...number[]][];
}
interface SavedWalks {
  tool: string;
  cache: string;
  version: number;
  driftlog: string;
  walks: SavedWalk[];
}

function saveWalk(pair: string, walk: Walk): SavedWalk {
  const paths: string[] = [];
  const indexOf = new Map<string, number>();
  const index = (path: string) => {
    let at = indexOf.get(path);
    if (at === undefined) indexOf.set(path, (at = paths.push(path) - 1));
    return at;
  };
  return {
    pair,
    tips: walk.tips,
    fork: walk.fork,
    kept: [...walk.kept.values()].map(({ files, ...commit }) => ({ ...commit, files: files.map((file) => [file.status, file.path, file.oldPath, file.oldMode, file.newMode, file.oldBlob, file.newBlob]) })),
    paths,
    dropped: [...walk.dropped].map(([sha, touched]) => [sha, ...touched.map(index)]),
  };
}

function parseWalks(data: unknown): Map<string, Walk> {
  const saved = data as Partial<SavedWalks> | null;
  const walks = new Map<string, Walk>();
  // Another driftlog version may read the log differently: start afresh.
  if (saved?.tool !== "driftlog" || saved.cache !== "history" || saved.version !== VERSION || saved.driftlog !== DRIFTLOG_VERSION || !Array.isArray(saved.walks)) return walks;
  for (const walk of saved.walks) {
    const parsed = parseWalk(walk);
    if (parsed) walks.set(walk.pair, parsed);
  }
  return walks;
}

/** A saved walk, or null when any part of it is not what {@link saveWalk} writes. */
function parseWalk(walk: SavedWalk): Walk | null {
  const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === "string");
  const ids = (value: unknown): value is string[] => strings(value) && value.every((id) => OBJECT_ID.test(id));
  if (typeof walk?.pair !== "string" || !ids(walk.tips) || !ids([walk.fork?.fork, walk.fork?.base]) || !Array.isArray(walk.kept) || !strings(walk.paths) || !Array.isArray(walk.dropped)) return null;
  const kept = new Map<string, RawCommit>();
  for (const commit of walk.kept) {
    const files = commit?.files;
    if (!isCommitShape(commit) || !Array.isArray(files) || !files.every((file) => strings(file) && file.length === 7)) return null;
    kept.set(commit.sha, { ...commit, files: files.map(toFile) });
  }
  const dropped = new Map<string, string[]>();
  for (const [sha, ...indexes] of walk.dropped) {
    const paths = indexes.map((index) => walk.paths[index]);
    if (typeof sha !== "string" || !strings(paths)) return null;
    dropped.set(sha, paths);
  }
  return { tips: walk.tips, fork: { fork: walk.fork.fork, base: walk.fork.base }, kept, dropped };
}

function isCommitShape(commit: SavedCommit | null): commit is SavedCommit {
  return (
    typeof commit?.sha === "string" &&
    typeof commit.mark === "string" &&
    Array.isArray(commit.parents) &&
    typeof commit.authorName === "string" &&
    typeof commit.authorEmail === "string" &&
    typeof commit.authorTime === "number" &&
    typeof commit.committerTime === "number" &&
    typeof commit.date === "string" &&
    typeof commit.message === "string"
  );
}

function toFile([status, path, oldPath, oldMode, newMode, oldBlob, newBlob]: SavedFile): RawFileChange {
  return { status, path, oldPath, oldMode, newMode, oldBlob, newBlob };
}
