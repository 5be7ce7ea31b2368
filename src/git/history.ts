import { posix } from "node:path";
import { missingObjectOf } from "./exec.js";
import { readLog, ZERO_SHA, type RawCommit, type RawFileChange } from "./log.js";

/** Renames a history read could not follow: detecting them needed blobs the repository lacks. */
export interface RenameGap {
  /** The object git named when rename detection stopped. */
  missingObject: string;
  /** Commit → paths of the deletions and additions it has both of that no identical blob pairs: each may be one side of a rename. */
  unpaired: Map<string, string[]>;
  /** How many renames may have gone unseen: per commit, the fewer of its unpaired deletions and additions. */
  count: number;
}

export interface History {
  commits: RawCommit[];
  /** Null when renames were followed as usual. */
  renameGap: RenameGap | null;
}

type LogOptions = Omit<NonNullable<Parameters<typeof readLog>[2]>, "renames">;

/**
 * {@link readLog} with rename detection, and without it when git cannot
 * detect renames because a blob is missing (a partial clone, whose promisor
 * remote is never asked, or a mirror lacking blobs): one more `git log`, only
 * then. Renames of unchanged content are still found, by identical blob ids,
 * as git finds them; the others are counted and named in the gap.
 */
export async function readHistory(dir: string, revisions: string[], options: LogOptions = {}): Promise<History> {
  const { onCommit } = options;
  let reported = 0;
  try {
    const counting = onCommit && ((commit: RawCommit) => {
      reported++;
      onCommit(commit);
    });
    const commits = await readLog(dir, revisions, { ...options, onCommit: counting });
    return { commits, renameGap: null };
  } catch (error) {
    const missingObject = missingObjectOf(error);
    if (missingObject === null) throw error;
    // The same walk in the same order: the commits already reported are not reported again.
    let seen = 0;
    const rest = onCommit && ((commit: RawCommit) => {
      if (++seen > reported) onCommit(commit);
    });
    const read = await readLog(dir, revisions, { ...options, renames: false, onCommit: rest });
    const commits = read.map((commit) => ({ ...commit, files: pairExactRenames(commit.files) }));
    const unpaired = new Map<string, string[]>();
    let count = 0;
    for (const commit of commits) {
      const deleted = commit.files.filter((file) => file.status === "D");
      const added = commit.files.filter((file) => file.status === "A");
      if (deleted.length === 0 || added.length === 0) continue;
      unpaired.set(commit.sha, [...deleted, ...added].map((file) => file.path));
      count += Math.min(deleted.length, added.length);
    }
    return { commits, renameGap: { missingObject, unpaired, count } };
  }
}

const EMPTY_BLOB = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";

/**
 * A deletion and an addition of the same (non-empty) blob in one commit are
 * a rename, as git's exact rename detection reports it; a same-named file is
 * preferred when several deletions share the blob.
 */
export function pairExactRenames(files: readonly RawFileChange[]): RawFileChange[] {
  const deleted = files.filter((file) => file.status === "D" && file.oldBlob !== EMPTY_BLOB && file.oldBlob !== ZERO_SHA);
  const taken = new Set<RawFileChange>();
  const paired = files.map((file) => {
    if (file.status !== "A") return file;
    const sources = deleted.filter((source) => !taken.has(source) && source.oldBlob === file.newBlob);
    const source = sources.find((candidate) => posix.basename(candidate.path) === posix.basename(file.path)) ?? sources[0];
    if (!source) return file;
    taken.add(source);
    return { ...file, status: "R", oldPath: source.path, oldMode: source.oldMode, oldBlob: source.oldBlob };
  });
  return paired.filter((file) => !taken.has(file));
}
