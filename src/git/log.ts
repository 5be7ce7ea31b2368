import { randomBytes } from "node:crypto";
import { spawnGit, whenExited } from "./exec.js";

/** One changed file as `git log --raw` reports it (blob ids unabbreviated). */
export interface RawFileChange {
  /** A, M, D, T, R or C. */
  status: string;
  path: string;
  /** The path before a rename or copy; equal to `path` otherwise. */
  oldPath: string;
  oldMode: string;
  newMode: string;
  oldBlob: string;
  newBlob: string;
}

/** A commit as read from git, before any interpretation. */
export interface RawCommit {
  /** `<` or `>` with `--left-right`, empty otherwise. */
  mark: string;
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** Unix seconds. */
  authorTime: number;
  committerTime: number;
  /** Committer date, ISO 8601 with offset. */
  date: string;
  message: string;
  files: RawFileChange[];
}

export const ZERO_SHA = "0000000000000000000000000000000000000000";
const FIELDS = ["%m", "%H", "%P", "%an", "%ae", "%at", "%ct", "%cI"];

/** The `--format` for a record: fixed fields, the message, then an end marker no message can forge. */
export function logFormat(nonce: string): string {
  return `%x1e${nonce}%x00${FIELDS.join("%x00")}%x00%B%x00${nonce}%x00`;
}

/**
 * Incremental parser for `git log -z --raw --format=<logFormat(nonce)>` output.
 * Feed it the bytes as they arrive; it hands back every record it has completed.
 *
 * Records are cut out of the bytes and each is decoded on its own: a string
 * decoded from a whole chunk would be kept alive, all of it, by any field a
 * kept commit slices out of it (at 100k commits, most of the log). The
 * start marker is ASCII, so no cut falls inside a multi-byte character. Each
 * byte is searched and copied a fixed number of times, however long a record.
 */
export class LogRecordParser {
  /** The bytes of the record being read (from its start marker on), as they came. */
  private parts: Buffer[] = [];
  private length = 0;
  private readonly start: Buffer;
  private readonly bodyEnd: string;

  constructor(nonce: string) {
    this.start = Buffer.from(`\x1e${nonce}\0`);
    this.bodyEnd = `\0${nonce}\0`;
  }

  push(chunk: Buffer): RawCommit[] {
    // A marker may be cut between the pending bytes and this chunk: search from just before the seam.
    const seam = Math.min(this.start.length - 1, this.length);
    const probe = seam === 0 ? chunk : Buffer.concat([lastBytes(this.parts, seam), chunk]);
    const found = probe.indexOf(this.start);
    this.parts.push(chunk);
    this.length += chunk.length;
    if (found < 0) return [];
    const buffer = this.parts.length === 1 ? chunk : Buffer.concat(this.parts, this.length);
    const out: RawCommit[] = [];
    let first = buffer.indexOf(this.start);
    for (;;) {
      const next = first < 0 ? -1 : buffer.indexOf(this.start, first + this.start.length);
      if (next < 0) break;
      out.push(this.parseRecord(buffer.toString("utf8", first + this.start.length, next)));
      first = next;
    }
    const rest = first < 0 ? buffer : buffer.subarray(first);
    this.parts = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return out;
  }

  end(): RawCommit[] {
    const buffer = Buffer.concat(this.parts, this.length);
    this.parts = [];
    this.length = 0;
    const first = buffer.indexOf(this.start);
    return first < 0 ? [] : [this.parseRecord(buffer.toString("utf8", first + this.start.length))];
  }

  private parseRecord(record: string): RawCommit {
    const fields: string[] = [];
    let at = 0;
    for (let i = 0; i < FIELDS.length; i++) {
      const stop = record.indexOf("\0", at);
      fields.push(record.slice(at, stop < 0 ? record.length : stop));
      at = stop < 0 ? record.length : stop + 1;
    }
    const bodyStop = record.indexOf(this.bodyEnd, at);
    const message = record.slice(at, bodyStop < 0 ? record.length : bodyStop).replace(/\n+$/, "");
    const raw = bodyStop < 0 ? "" : record.slice(bodyStop + this.bodyEnd.length);
    const [mark = "", sha = "", parents = "", authorName = "", authorEmail = "", at2 = "0", ct = "0", date = ""] = fields;
    return {
      mark,
      sha,
      parents: parents ? parents.split(" ") : [],
      authorName,
      authorEmail,
      authorTime: Number(at2),
      committerTime: Number(ct),
      date,
      message,
      files: parseRawEntries(raw),
    };
  }
}

/** The last `count` bytes of `parts`, joined (count at most their total length). */
function lastBytes(parts: readonly Buffer[], count: number): Buffer {
  const taken: Buffer[] = [];
  for (let i = parts.length - 1, left = count; i >= 0 && left > 0; i--) {
    const part = parts[i]!;
    taken.unshift(part.subarray(Math.max(0, part.length - left)));
    left -= part.length;
  }
  return Buffer.concat(taken);
}

/** Parses the NUL-separated `--raw -z` section of one commit. */
export function parseRawEntries(raw: string): RawFileChange[] {
  const tokens = raw.split("\0");
  const files: RawFileChange[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] ?? "").replace(/^\n+/, "");
    if (!token.startsWith(":")) continue;
    const [oldMode = "", newMode = "", oldBlob = "", newBlob = "", status = ""] = token.slice(1).split(" ");
    const kind = status.charAt(0);
    if (kind === "R" || kind === "C") {
      const oldPath = tokens[++i] ?? "";
      const path = tokens[++i] ?? "";
      files.push({ status: kind, path, oldPath, oldMode, newMode, oldBlob, newBlob });
    } else {
      const path = tokens[++i] ?? "";
      files.push({ status: kind, path, oldPath: path, oldMode, newMode, oldBlob, newBlob });
    }
  }
  return files;
}

/**
 * Streams `git log` with raw changed files, one process for the whole history.
 * `revisions` must already be validated; they follow `--end-of-options`.
 */
export async function readLog(
  dir: string,
  revisions: string[],
  options: {
    extraArgs?: string[];
    onCommit?: (commit: RawCommit) => void;
    /** Which commits to return; the others are dropped as they stream by, so a long history need not fit in memory. */
    keep?: (commit: RawCommit) => boolean;
    /** Detect renames (`-M`, the default); false reads them as a deletion and an addition, needing no blob. */
    renames?: boolean;
  } = {},
): Promise<RawCommit[]> {
  const nonce = randomBytes(12).toString("hex");
  const args = [
    "-c",
    "log.showSignature=false",
    "log",
    "-z",
    "--raw",
    // Root commits as creations even when the user's log.showRoot is false.
    "--root",
    "--no-abbrev",
    // Without -M, `diff.renames` (on by default) would still detect them.
    options.renames === false ? "--no-renames" : "-M",
    "--encoding=UTF-8",
    "--no-color",
    "--no-decorate",
    `--format=${logFormat(nonce)}`,
    ...(options.extraArgs ?? []),
    "--end-of-options",
    ...revisions,
  ];
  const child = spawnGit(dir, args);
  const exited = whenExited(child, "log");
  const parser = new LogRecordParser(nonce);
  const commits: RawCommit[] = [];
  const take = (records: RawCommit[]) => {
    for (const record of records) {
      options.onCommit?.(record);
      if (!options.keep || options.keep(record)) commits.push(record);
    }
  };
  child.stdout.on("data", (chunk: Buffer) => take(parser.push(chunk)));
  child.stdin.end();
  await exited;
  take(parser.end());
  return commits;
}
