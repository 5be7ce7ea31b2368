import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Region } from "../diff/lines.js";
import type { Described } from "../drift/types.js";
import type { ChangeEvidence } from "../match/types.js";
import type { Memo } from "./memo.js";
import { VERSION as DRIFTLOG_VERSION } from "../version.js";
import { HistoryCache } from "./history.js";

/**
 * What the sync engine learns from file contents, keyed by the git object ids
 * it was computed from: the changed regions between two blobs, whether a
 * change's content is in a target blob, whether a three-way merge of three
 * blobs is clean, what a file's drift between two blobs says, what evidence
 * of a change a target side holds (keyed by a hash of the change and the
 * target side). Object ids name contents, so an entry never goes stale and
 * needs no invalidation when branches move or the config changes; a re-run
 * reads from git only the blobs of what is new.
 *
 * Saved as one JSON file under `.git/driftlog/`. A file that does not parse or
 * is not ours is ignored and replaced. Only entries used by the last run are
 * kept, so the file tracks the current history instead of growing forever.
 */
export class Facts {
  private readonly used: Tables = emptyTables();

  private constructor(
    private readonly stored: Tables,
    private readonly file: string | null,
  ) {}

  /** Facts that are neither read nor written: `--no-cache`. */
  static none(): Facts {
    return new Facts(emptyTables(), null);
  }

  /** The facts saved under `dir` (the repository's `.git/driftlog/`), or none when there are none or they are unreadable. */
  static async load(dir: string): Promise<Facts> {
    const file = join(dir, FILE);
    let stored = emptyTables();
    try {
      stored = parseTables(JSON.parse(await readFile(file, "utf8")));
    } catch {
      // Missing, unreadable, corrupt or foreign: start afresh.
    }
    return new Facts(stored, file);
  }

  has(table: TableName, key: string): boolean {
    return this.used[table].has(key) || this.stored[table].has(key);
  }

  /** The remembered value for `key` (marked as used), or null when there is none. */
  peek<T extends TableName>(table: T, key: string): Value<T> | null {
    return this.get(table, key, () => null);
  }

  /** The remembered value for `key`, or `compute()`'s, remembered; null results are not kept. */
  get<T extends TableName>(table: T, key: string, compute: () => Value<T> | null): Value<T> | null {
    const used = this.used[table] as Map<string, Value<T>>;
    let value = used.get(key) ?? (this.stored[table] as Map<string, Value<T>>).get(key) ?? null;
    if (value === null) value = compute();
    if (value !== null) used.set(key, value);
    return value;
  }

  /**
   * One table as a {@link Memo}, for a stage that decides itself what may be
   * kept; none with `--no-cache`, so the stage need not build keys at all.
   */
  memo<T extends TableName>(table: T): Memo<Value<T>> | undefined {
    if (this.file === null) return undefined;
    return { peek: (key) => this.peek(table, key), keep: (key, value) => void this.get(table, key, () => value) };
  }

  /**
   * Writes the entries this run used, atomically (a temporary file renamed
   * into place). A cache that cannot be written (read-only clone, full disk)
   * only costs the next run its speed, so failures are swallowed.
   */
  async save(): Promise<void> {
    if (this.file === null) return;
    const temporary = `${this.file}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await mkdir(join(this.file, ".."), { recursive: true });
      const body: SavedTables = { tool: "driftlog", cache: "facts", version: VERSION, driftlog: DRIFTLOG_VERSION };
      for (const table of TABLES) body[table] = Object.fromEntries(this.used[table]);
      await writeFile(temporary, JSON.stringify(body));
      await rename(temporary, this.file);
    } catch {
      await rm(temporary, { force: true }).catch(() => undefined);
    }
  }
}

/**
 * The caches of one command run, loaded once per repository and saved once at
 * the end: several targets share them, so each keeps what the others used.
 */
export class FactsSession {
  private readonly loaded = new Map<string, Promise<Facts>>();
  private readonly walks = new Map<string, Promise<HistoryCache>>();

  constructor(private readonly enabled: boolean) {}

  /** The facts kept in `dir` (a repository's `.git/driftlog/`), or none with `--no-cache`. */
  factsIn(dir: string): Promise<Facts> {
    return this.enabled ? once(this.loaded, dir, Facts.load) : Promise.resolve(Facts.none());
  }

  /** The history walks kept in `dir`, or none with `--no-cache`. */
  historyIn(dir: string): Promise<HistoryCache> {
    return this.enabled ? once(this.walks, dir, HistoryCache.load) : Promise.resolve(HistoryCache.none());
  }

  async save(): Promise<void> {
    for (const cache of [...this.loaded.values(), ...this.walks.values()]) await (await cache).save();
  }
}

function once<T>(loaded: Map<string, Promise<T>>, dir: string, load: (dir: string) => Promise<T>): Promise<T> {
  let value = loaded.get(dir);
  if (!value) loaded.set(dir, (value = load(dir)));
  return value;
}

const FILE = "facts-v1.json";
// 2: line diffs bound their work per gap between anchors, so regions of huge files changed.
const VERSION = 2;
const TABLES = ["regions", "present", "merges", "drift", "evidence"] as const;
type TableName = (typeof TABLES)[number];
interface Values {
  /** `oldBlob:newBlob` → changed regions of lines as matching compares them. */
  regions: Region[];
  /** `oldBlob:newBlob:targetBlob` → is the change's content in the target blob. */
  present: boolean;
  /** `baseBlob:theirsBlob:oursBlob` → does a three-way merge apply cleanly. */
  merges: boolean;
  /** `path\0category\0targetBlob\0sourceBlob` → what the two versions' drift says. */
  drift: Described;
  /** A hash of a change and the target side it was matched against → what of it reached the target. */
  evidence: ChangeEvidence;
}
type Value<T extends TableName> = Values[T];
type Tables = { [T in TableName]: Map<string, Values[T]> };
type SavedTables = { tool: string; cache: string; version: number; driftlog: string } & { [T in TableName]?: Record<string, Values[T]> };

function emptyTables(): Tables {
  return { regions: new Map(), present: new Map(), merges: new Map(), drift: new Map(), evidence: new Map() };
}

function parseTables(data: unknown): Tables {
  const saved = data as Partial<SavedTables> | null;
  // Another driftlog version may compute facts differently (a fixed merge rule): start afresh.
  if (saved?.tool !== "driftlog" || saved.cache !== "facts" || saved.version !== VERSION || saved.driftlog !== DRIFTLOG_VERSION) return emptyTables();
  const tables = emptyTables();
  for (const [key, regions] of Object.entries(saved.regions ?? {})) if (Array.isArray(regions) && regions.every(isRegion)) tables.regions.set(key, regions);
  for (const [key, value] of Object.entries(saved.present ?? {})) if (typeof value === "boolean") tables.present.set(key, value);
  for (const [key, value] of Object.entries(saved.merges ?? {})) if (typeof value === "boolean") tables.merges.set(key, value);
  for (const [key, value] of Object.entries(saved.drift ?? {})) if (isDescribed(value)) tables.drift.set(key, value);
  for (const [key, value] of Object.entries(saved.evidence ?? {})) if (isChangeEvidence(value)) tables.evidence.set(key, value);
  return tables;
}

function isDescribed(value: unknown): value is Described {
  const described = value as Described | null;
  return typeof described?.details?.kind === "string" && typeof described.commentsOnly === "boolean";
}

function isChangeEvidence(value: unknown): value is ChangeEvidence {
  const found = value as ChangeEvidence | null;
  const isEvidence = (evidence: unknown) => {
    const { method, targetShas } = (evidence ?? {}) as Partial<ChangeEvidence["commit"][number]>;
    return typeof method === "string" && Array.isArray(targetShas) && targetShas.every((sha) => typeof sha === "string");
  };
  return Array.isArray(found?.commit) && found.commit.every(isEvidence) && Array.isArray(found.files) && found.files.every((file) => file === null || isEvidence(file));
}

function isRegion(value: unknown): value is Region {
  const region = value as Region | null;
  return (
    typeof region?.oldStart === "number" &&
    Array.isArray(region.removed) &&
    Array.isArray(region.added) &&
    region.removed.every((line) => typeof line === "string") &&
    region.added.every((line) => typeof line === "string")
  );
}
