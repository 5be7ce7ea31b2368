import type { RawFileChange } from "../git/log.js";
import type { Category, Exclusion, FileStatus, MatchMethod, Person } from "../model.js";

/** A commit read from one side of the history, message split and author gathered. */
export interface Commit {
  sha: string;
  parents: string[];
  author: Person;
  authorTime: number;
  committerTime: number;
  date: string;
  message: string;
  subject: string;
  body: string;
  files: RawFileChange[];
}

export interface ClassifiedFile extends RawFileChange {
  category: Category;
}

/** A Docker/IaC commit on source, with the files that count for its status. */
export interface SourceChange {
  commit: Commit;
  /** Classified files outside `exclude.paths` (all classified files when every one is excluded). */
  files: ClassifiedFile[];
  exclusion: Exclusion | null;
}

/** Blob contents by id: a string for text, null for binary. Absent ids were not read. */
export type BlobTexts = ReadonlyMap<string, string | null>;

export interface Evidence {
  method: MatchMethod;
  targetShas: string[];
}

/** What reached target of one change: its commit-level evidence and each classified file's, in order. */
export interface ChangeEvidence {
  commit: Evidence[];
  files: (Evidence | null)[];
}

export interface FileMatch {
  file: ClassifiedFile;
  status: FileStatus;
  evidence: Evidence | null;
  /** For a superseded file: the later source changes, on target, that replaced what it added (oldest first). */
  supersededBy: string[];
}
