import type { RawCommit } from "../git/log.js";
import { undecoratedHeader } from "../match/backport-subject.js";
import { ownPullRequests } from "../match/message.js";
import type { EntriesFrom } from "../config/choices.js";
import type { Person } from "../model.js";
import { inferType } from "./heuristics.js";
import type { ConventionalMessage } from "./parse.js";
import type { PullRequests } from "./pull-requests.js";

export { ENTRIES_FROM, type EntriesFrom } from "../config/choices.js";

/** One candidate entry: a commit, or (with `entriesFrom: pull-requests`) a merged PR. */
export interface Change {
  /** The commit, or the PR's merge commit. */
  sha: string;
  /** Its header without backport decoration (the PR title for a merge). */
  header: string;
  /** The message as written (a PR's title and body for a merge). */
  text: string;
  /** The message read; parsed on first use, so releases never listed (`--unreleased`) cost no parsing. */
  readonly message: ConventionalMessage;
  /** The commits whose files count: the commit itself, or those the PR brought in. */
  commits: RawCommit[];
  author: Person;
  /** The PR that landed it: the merge that brought it in, else the last `(#N)` its header ends with. */
  readonly pullRequest: number | null;
}

export interface ChangeReader {
  entriesFrom: EntriesFrom;
  /** Reads a message (with `pull-requests`, inferring types for non-conventional titles: see {@link inferType}). */
  read: (message: string) => ConventionalMessage;
}

/** The message reader for a history: the conventional parser, with the label-free heuristics for PR titles. */
export function changeReader(entriesFrom: EntriesFrom, parse: (message: string) => ConventionalMessage, knownTypes: ReadonlySet<string>): ChangeReader {
  return { entriesFrom, read: entriesFrom === "pull-requests" ? (message) => inferType(parse(message), knownTypes) : parse };
}

/**
 * The changes of a history (newest first). Merges are left out; with
 * `pull-requests`, a PR merge not inside another PR stands for the commits
 * it brought in, read from its title with the label-free heuristics.
 */
export function readChanges(history: readonly RawCommit[], pulls: PullRequests, reader: ChangeReader): Change[] {
  const inPullRequest = new Set([...pulls.outermost.values()].flatMap((pr) => pr.commits.map((commit) => commit.sha)));
  const byTitle = reader.entriesFrom === "pull-requests";
  const read = reader.read;
  return history.flatMap((commit): Change[] => {
    const pr = pulls.outermost.get(commit.sha);
    if (pr && byTitle) {
      const own = pr.commits.filter((brought) => brought.parents.length <= 1);
      const message = pr.title === null ? (own[0]?.message ?? pr.merge.message) : `${pr.title}${pr.body ? `\n\n${pr.body}` : ""}`;
      const oldest = own[own.length - 1] ?? pr.merge;
      return [lazily({ sha: commit.sha, header: headerOf(message), text: message, commits: pr.commits, author: personOf(oldest), pullRequest: pr.number }, read)];
    }
    if (commit.parents.length > 1 || (byTitle && inPullRequest.has(commit.sha))) return [];
    const header = headerOf(commit.message);
    return [lazily({ sha: commit.sha, header, text: commit.message, commits: [commit], author: personOf(commit), pullRequest: pulls.numberOf.get(commit.sha) ?? null }, read)];
  });
}

function lazily(fields: Omit<Change, "message">, read: (message: string) => ConventionalMessage): Change {
  return new LazyChange(fields, read);
}

/** A change whose message is parsed on first use (a class, so every change shares one shape). */
class LazyChange implements Change {
  readonly sha: string;
  readonly header: string;
  readonly text: string;
  readonly commits: RawCommit[];
  readonly author: Person;
  private readonly merged: number | null;
  private parsed: ConventionalMessage | undefined;

  constructor(
    fields: Omit<Change, "message">,
    private readonly read: (message: string) => ConventionalMessage,
  ) {
    this.sha = fields.sha;
    this.header = fields.header;
    this.text = fields.text;
    this.commits = fields.commits;
    this.author = fields.author;
    this.merged = fields.pullRequest;
  }

  /** The merge's PR number, else the last `(#N)` of the header (read on first use). */
  get pullRequest(): number | null {
    return this.merged ?? ownPullRequests(this.header)[0] ?? null;
  }

  get message(): ConventionalMessage {
    return (this.parsed ??= this.read(this.text));
  }
}

/** The first line of a message, without backport decoration. */
export function headerOf(message: string): string {
  const start = Math.max(0, message.search(/\S/));
  const newline = message.indexOf("\n", start);
  return undecoratedHeader(message.slice(start, newline < 0 ? message.length : newline).trim()).header;
}

function personOf(commit: RawCommit): Person {
  return { name: commit.authorName, email: commit.authorEmail };
}
