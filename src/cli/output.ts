import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Temporary files not yet renamed into place; removed if the process is interrupted. */
const pending = new Set<string>();

export interface OutputFile {
  path: string;
  content: string | Buffer;
}

/**
 * Writes files atomically as a set: each to a temporary file in its own
 * folder first, then all renamed into place, so readers never see half a
 * report and a failure (or SIGINT) before the renames leaves nothing new.
 */
export async function writeFilesAtomic(files: readonly OutputFile[]): Promise<void> {
  const staged: { temporary: string; path: string }[] = [];
  try {
    for (const { path, content } of files) {
      await mkdir(dirname(path), { recursive: true });
      const temporary = join(dirname(path), `.${randomBytes(6).toString("hex")}.driftlog.tmp`);
      pending.add(temporary);
      staged.push({ temporary, path });
      await writeFile(temporary, content);
    }
    for (const { temporary, path } of staged) {
      await rename(temporary, path);
      pending.delete(temporary);
    }
  } finally {
    await Promise.all(staged.filter(({ temporary }) => pending.has(temporary)).map(({ temporary }) => discard(temporary)));
  }
}

export const writeFileAtomic = (path: string, content: string | Buffer) => writeFilesAtomic([{ path, content }]);

/** Removes temporary files of writes still in flight (called on SIGINT/SIGTERM). */
export async function discardPendingWrites(): Promise<void> {
  await Promise.all([...pending].map(discard));
}

async function discard(temporary: string): Promise<void> {
  pending.delete(temporary);
  await rm(temporary, { force: true });
}
