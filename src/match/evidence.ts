import type { MatchMethod } from "../model.js";
import { carriedPullRequests, cherryPickedFrom, normalizedSubject, ownPullRequests } from "./message.js";
import { patchId, type Region } from "../diff/lines.js";
import type { Commit, Evidence } from "./types.js";
import { pushTo } from "./multimap.js";

/** Regions of one file of one commit, by commit SHA and path; missing when the blobs were not read. */
export type RegionsOf = (commit: Commit, path: string) => Region[] | null;

const authorKey = (commit: Commit) =>
  `${commit.author.name}\0${commit.author.email}\0${commit.authorTime}\0${normalizedSubject(commit.subject)}`;
/**
 * The same change redone by the same person weeks later, or picked from
 * another address: name or email with the normalized subject, no date.
 */
export const looseAuthorKeys = (commit: Commit): string[] => {
  const subject = normalizedSubject(commit.subject);
  // A subject this short ("fix", "update") says nothing about which change it is.
  if (subject.length < 12) return [];
  return [`name\0${commit.author.name.trim().toLowerCase()}\0${subject}`, `email\0${commit.author.email.trim().toLowerCase()}\0${subject}`];
};
/** Built once per commit: prepare and evidence ask for each source commit's candidates. */
const pathSetKeys = new WeakMap<Commit, string>();
function pathSetKey(commit: Commit): string {
  let key = pathSetKeys.get(commit);
  if (key === undefined) pathSetKeys.set(commit, (key = commit.files.map((file) => file.path).sort().join("\0")));
  return key;
}

/**
 * Indexes of target commits for the commit-level methods (trailer, pr-number,
 * author, whole-commit patch-id); built once, queried per source change.
 */
export class TargetIndex {
  private readonly byTrailer = new Map<string, string[]>();
  private readonly byPullRequest = new Map<number, Commit[]>();
  private readonly byAuthor = new Map<string, string[]>();
  private readonly byLooseAuthor = new Map<string, Commit[]>();
  private readonly byPathSet = new Map<string, Commit[]>();

  constructor(readonly commits: readonly Commit[]) {
    for (const commit of commits) {
      for (const sha of cherryPickedFrom(commit.message)) pushTo(this.byTrailer, sha, commit.sha);
      for (const pr of carriedPullRequests(commit.message)) pushTo(this.byPullRequest, pr, commit);
      pushTo(this.byAuthor, authorKey(commit), commit.sha);
      for (const key of looseAuthorKeys(commit)) pushTo(this.byLooseAuthor, key, commit);
      if (commit.files.length > 0) pushTo(this.byPathSet, pathSetKey(commit), commit);
    }
  }

  /** Target commits whose whole set of changed paths equals the source commit's: the only patch-id candidates. */
  patchIdCandidates(source: Commit): readonly Commit[] {
    return source.files.length > 0 ? (this.byPathSet.get(pathSetKey(source)) ?? []) : [];
  }

  /**
   * Commit-level evidence for a source commit, strongest method first. With
   * `looseAuthor` (the caller knows no other source change shares the
   * subject and author), `author` also takes a target commit by the same name
   * or email and subject at another date, touching a common file, committed
   * after the source commit was written.
   */
  evidence(source: Commit, methods: ReadonlySet<MatchMethod>, regionsOf: RegionsOf, options: { looseAuthor?: boolean } = {}): Evidence[] {
    const found: Evidence[] = [];
    const add = (method: MatchMethod, shas: Iterable<string>) => {
      const unique = [...new Set(shas)];
      if (unique.length > 0 && methods.has(method)) found.push({ method, targetShas: unique });
    };
    add("trailer", this.trailerMatches(source.sha));
    add("pr-number", this.pullRequestMatches(source));
    const exact = this.byAuthor.get(authorKey(source)) ?? [];
    add("author", exact.length > 0 || !options.looseAuthor ? exact : this.looseAuthorMatches(source));
    const candidates = methods.has("patch-id") ? this.patchIdCandidates(source) : [];
    if (candidates.length > 0) {
      const id = wholePatchId(source, regionsOf);
      add("patch-id", candidates.filter((target) => id !== null && wholePatchId(target, regionsOf) === id).map((target) => target.sha));
    }
    return found;
  }

  private trailerMatches(sha: string): string[] {
    const out: string[] = [];
    for (let length = 7; length <= sha.length; length++) out.push(...(this.byTrailer.get(sha.slice(0, length)) ?? []));
    return out;
  }

  private looseAuthorMatches(source: Commit): string[] {
    const paths = new Set(source.files.map((file) => file.path));
    const found = new Set(looseAuthorKeys(source).flatMap((key) => this.byLooseAuthor.get(key) ?? []));
    return [...found]
      .filter((target) => target.committerTime >= source.authorTime && target.files.some((file) => paths.has(file.path)))
      .map((target) => target.sha);
  }

  private pullRequestMatches(source: Commit): string[] {
    const paths = new Set(source.files.map((file) => file.path));
    return ownPullRequests(source.subject).flatMap((pr) =>
      (this.byPullRequest.get(pr) ?? []).filter((target) => target.files.some((file) => paths.has(file.path))).map((target) => target.sha),
    );
  }
}

/** Patch id of a whole commit, or null when a file's blobs were not read (binary files count by blob id). */
export function wholePatchId(commit: Commit, regionsOf: RegionsOf): string | null {
  if (wholePatchIds.has(commit)) return wholePatchIds.get(commit)!;
  const id = computeWholePatchId(commit, regionsOf);
  // Only known ids are remembered: null means "blobs not read yet".
  if (id !== null) wholePatchIds.set(commit, id);
  return id;
}

const wholePatchIds = new WeakMap<Commit, string>();

function computeWholePatchId(commit: Commit, regionsOf: RegionsOf): string | null {
  const parts: { path: string; regions: Region[] }[] = [];
  for (const file of commit.files) {
    const regions = regionsOf(commit, file.path);
    if (!regions) return null;
    parts.push({ path: file.path, regions });
  }
  return patchId(parts);
}
