import type { MatchMethod } from "../model.js";
import { carriedPullRequests, cherryPickedFrom, normalizedSubject, ownPullRequests } from "./message.js";
import { patchId, type Region } from "../diff/lines.js";
import type { Commit, Evidence } from "./types.js";
import { pushTo } from "./multimap.js";

/** Regions of one file of one commit, by commit SHA and path; missing when the blobs were not read. */
export type RegionsOf = (commit: Commit, path: string) => Region[] | null;

const authorKey = (commit: Commit) =>
  `${commit.author.name}\0${commit.author.email}\0${commit.authorTime}\0${normalizedSubject(commit.subject)}`;
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
  private readonly byPathSet = new Map<string, Commit[]>();

  constructor(readonly commits: readonly Commit[]) {
    for (const commit of commits) {
      for (const sha of cherryPickedFrom(commit.message)) pushTo(this.byTrailer, sha, commit.sha);
      for (const pr of carriedPullRequests(commit.message)) pushTo(this.byPullRequest, pr, commit);
      pushTo(this.byAuthor, authorKey(commit), commit.sha);
      if (commit.files.length > 0) pushTo(this.byPathSet, pathSetKey(commit), commit);
    }
  }

  /** Target commits whose whole set of changed paths equals the source commit's: the only patch-id candidates. */
  patchIdCandidates(source: Commit): readonly Commit[] {
    return source.files.length > 0 ? (this.byPathSet.get(pathSetKey(source)) ?? []) : [];
  }

  /** Commit-level evidence for a source commit, strongest method first. */
  evidence(source: Commit, methods: ReadonlySet<MatchMethod>, regionsOf: RegionsOf): Evidence[] {
    const found: Evidence[] = [];
    const add = (method: MatchMethod, shas: Iterable<string>) => {
      const unique = [...new Set(shas)];
      if (unique.length > 0 && methods.has(method)) found.push({ method, targetShas: unique });
    };
    add("trailer", this.trailerMatches(source.sha));
    add("pr-number", this.pullRequestMatches(source));
    add("author", this.byAuthor.get(authorKey(source)) ?? []);
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
