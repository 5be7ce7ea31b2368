import { randomBytes } from "node:crypto";
import { fstatSync, renameSync, rmSync, writeSync } from "node:fs";
import { chmod, lstat, mkdir, realpath, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { isatty } from "node:tty";
import { DriftlogError, usageError } from "../errors.js";

/**
 * Every temporary file that may exist, listed before it is created (its write
 * starts in the same synchronous step, and the file appears on a later tick)
 * and unlisted only once it is renamed into place or removed.
 */
const pending = new Map<string, { write: Promise<unknown>; removal?: Promise<void> }>();
/** Set once the process is being interrupted: no folder, temporary file or rename may be made after that. */
let interrupted = false;

export interface OutputFile {
  path: string;
  content: string | Buffer;
}

interface Staged {
  temporary: string;
  /** Where the file lands: the path given, or the file a symlink at that path points to. */
  target: string;
  existed: boolean;
}

/**
 * Writes files atomically as a set: each to a temporary file in its own
 * folder first, then all renamed into place in one synchronous step, so
 * readers never see half a report and an error (or SIGINT) before the renames
 * leaves nothing new. An existing file keeps its permissions, and a symlink
 * stays a symlink (the file it points to is replaced). A path that cannot be
 * written is a usage error naming it; a failing device (disk full, quota,
 * I/O error) is an `io` error.
 */
export async function writeFilesAtomic(files: readonly OutputFile[]): Promise<void> {
  const staged: Staged[] = [];
  try {
    for (const { path, content } of files) staged.push(await stage(path, content));
    refuseIfInterrupted();
    commit(staged);
  } finally {
    await Promise.all(staged.map(({ temporary }) => discard(temporary)));
  }
}

export const writeFileAtomic = (path: string, content: string | Buffer) => writeFilesAtomic([{ path, content }]);

/**
 * Removes every temporary file of the writes in flight and stops any later
 * folder, temporary file or rename (called on SIGINT/SIGTERM, before the
 * process exits). When it resolves no temporary file exists, and none can
 * appear later.
 */
export async function discardPendingWrites(): Promise<void> {
  interrupted = true;
  while (pending.size > 0) await Promise.all([...pending.keys()].map(discard));
}

async function stage(path: string, content: string | Buffer): Promise<Staged> {
  const existing = await destination(path);
  const target = existing?.target ?? path;
  const folder = dirname(target);
  refuseIfInterrupted();
  await attempt(path, () => mkdir(folder, { recursive: true }));
  const temporary = join(folder, `.${basename(target)}.${randomBytes(6).toString("hex")}.driftlog.tmp`);
  // Checked, started and listed in one synchronous step: an interrupt either finds the file listed or stops it being made.
  refuseIfInterrupted();
  const write = attempt(path, async () => {
    await writeFile(temporary, content, { flag: "wx", mode: existing ? existing.mode : 0o666 });
    // The mode given to open() is masked by the umask; an existing file's mode is kept exactly.
    if (existing) await chmod(temporary, existing.mode);
  });
  pending.set(temporary, { write });
  try {
    await write;
  } catch (error) {
    await discard(temporary);
    throw error;
  }
  return { temporary, target, existed: existing !== null };
}

function refuseIfInterrupted(): void {
  if (interrupted) throw usageError("E_INTERRUPTED", "interrupted before the output was written");
}

/** The file a write to `path` replaces, if any; a folder in the way is an error before anything is written. */
async function destination(path: string): Promise<{ target: string; mode: number } | null> {
  let link;
  try {
    link = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw writeError(path, error);
  }
  const target = link.isSymbolicLink() ? await attempt(path, () => realpath(path)).catch(() => path) : path;
  const info = target === path ? link : await attempt(path, () => stat(target));
  if (info.isDirectory()) throw usageError("E_WRITE", `cannot write ${path}: it is a folder`, "pass a file path, or remove the folder");
  if (!info.isFile()) throw usageError("E_WRITE", `cannot write ${path}: it is not a regular file`, "pass the path of a regular file");
  return { target, mode: info.mode & 0o7777 };
}

/** Renames every staged file into place; synchronous, so a signal handler cannot run halfway through the set. */
function commit(staged: readonly Staged[]): void {
  const done: Staged[] = [];
  try {
    for (const file of staged) {
      renameSync(file.temporary, file.target);
      pending.delete(file.temporary);
      done.push(file);
    }
  } catch (error) {
    // Rare (the folder was writable a moment ago): take back the files this call created.
    for (const file of done) if (!file.existed) rmSync(file.target, { force: true });
    throw writeError(staged[done.length]?.target ?? "", error);
  }
}

/** Removes a temporary file once its write has settled (so it cannot be created after); it stays listed until it is gone. */
function discard(temporary: string): Promise<void> {
  const entry = pending.get(temporary);
  if (!entry) return Promise.resolve();
  entry.removal ??= entry.write
    .catch(() => undefined)
    .then(() => rm(temporary, { force: true }))
    .catch(() => undefined)
    .finally(() => pending.delete(temporary));
  return entry.removal;
}

async function attempt<T>(path: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw writeError(path, error);
  }
}

/**
 * The CLI's stdout. When it is a file or a device (`> report.md`, `> /dev/full`)
 * it is written synchronously here, so a failed write (disk full) is an `io`
 * error mapped to its exit code instead of an unhandled stream error.
 */
export function stdoutWriter(): (text: string) => void {
  if (!isFileLike(1)) return streamWriter(process.stdout);
  return (text) => {
    const bytes = Buffer.from(text, "utf8");
    try {
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(1, bytes, offset);
    } catch (error) {
      throw writeError("stdout", error);
    }
  };
}

/**
 * A writer to a pipe or terminal. A reader that stops early (`driftlog sync
 * | head -1`) closes the pipe: that is not a failure of the run, so what is
 * left to print is dropped without a word, and the exit code stays the run's
 * own (0, or 1 for a tripped gate).
 */
export function streamWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

function isFileLike(fd: number): boolean {
  try {
    const info = fstatSync(fd);
    return info.isFile() || (info.isCharacterDevice() && !isatty(fd));
  } catch {
    return false;
  }
}

function writeError(path: string, error: unknown) {
  if (error instanceof DriftlogError) return error;
  const { code, message } = error as NodeJS.ErrnoException;
  const reason = REASONS[code ?? ""] ?? message;
  const device = DEVICE_FAILURES[code ?? ""];
  if (device) return new DriftlogError("io", "E_WRITE", `cannot write ${path}: ${reason}`, { hint: device, cause: error });
  return usageError("E_WRITE", `cannot write ${path}: ${reason}`, "check the --out / --write path and its permissions");
}

/** Failures of the device rather than of the path given: the same command can work once they are fixed. */
const DEVICE_FAILURES: Record<string, string> = {
  ENOSPC: "free some space on the device, then run again",
  EDQUOT: "free some space or raise the quota, then run again",
  EFBIG: "raise the file size limit (ulimit -f) or write to another file system",
  EIO: "the device reported an I/O error; check it, then run again",
};

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOTDIR: "a part of the path is a file, not a folder",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EISDIR: "it is a folder",
  EFBIG: "the file is too large",
  EIO: "an I/O error",
};
