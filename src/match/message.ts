import { pullRequestsNamed, trailingGroupsStart, undecoratedHeader } from "./backport-subject.js";
/**
 * What a commit message says about where a change came from. Pure string
 * functions; the shapes they accept are those seen on real release branches.
 */

const CHERRY_PICK_TRAILER = /\(cherry picked from commit ([0-9a-f]{7,64})\)/gi;
const REVERT_LINE = /This reverts commit ([0-9a-f]{7,64})/i;
const TRAILING_PR = /\(#(\d+)\)$/;
/** Subjects are compared by their first 1,000 characters: enough for any real one, and bounded for hostile ones. */
const MAX_SUBJECT = 1000;

export function splitMessage(message: string): { subject: string; body: string } {
  const newline = message.indexOf("\n");
  if (newline < 0) return { subject: message.trim(), body: "" };
  return { subject: message.slice(0, newline).trim(), body: message.slice(newline + 1).trim() };
}

/** SHAs (possibly abbreviated) named by `(cherry picked from commit <sha>)` lines, wherever they stand. */
export function cherryPickedFrom(message: string): string[] {
  return [...message.matchAll(CHERRY_PICK_TRAILER)].map((m) => m[1]!.toLowerCase());
}

/** The PR numbers a source commit's subject ends with: `fix: x (#12)` → [12]. */
export function ownPullRequests(subject: string): number[] {
  const found: number[] = [];
  // trimEnd and an anchored pattern without leading `\s*`: linear on any subject.
  let rest = subject.trimEnd();
  for (let m = TRAILING_PR.exec(rest); m; m = TRAILING_PR.exec(rest)) {
    found.push(Number(m[1]));
    rest = rest.slice(0, m.index).trimEnd();
  }
  return found;
}

/**
 * Every PR a target commit says it carries: `(#123)` groups in subject or body
 * (squashed backports list one per line), `cherry-pick #123`, `Backport of #123`,
 * `cherry pick 123 to release-2.15`. The quoted title of a revert
 * (`Revert "fix: x (#7853)" (#7872)`) is the reverted commit's: its PRs are not carried.
 */
export function carriedPullRequests(message: string): Set<number> {
  const found = new Set<number>();
  for (const line of message.split("\n").map(withoutRevertedTitle)) {
    for (const m of line.matchAll(/\(#(\d+)\)/g)) found.add(Number(m[1]));
    for (const pr of pullRequestsNamed(line)) found.add(pr);
  }
  return found;
}

const REVERTED_TITLE = /\b(?:revert|reapply)\s+"/i;

/** The line without the quoted title of a `Revert "..."`/`Reapply "..."` (up to the line's last quote). */
export function withoutRevertedTitle(line: string): string {
  const m = REVERTED_TITLE.exec(line);
  if (!m) return line;
  const open = m.index + m[0].length - 1;
  const close = line.lastIndexOf('"');
  return close > open ? `${line.slice(0, open)}${line.slice(close + 1)}` : line;
}

/**
 * A subject as a comparison key for a pick and its original: backport
 * decoration removed (see {@link undecoratedHeader}), PR groups dropped,
 * whitespace squeezed, lower-cased.
 */
export function normalizedSubject(subject: string): string {
  const key = undecoratedHeader(subject.slice(0, MAX_SUBJECT)).header;
  return key.slice(0, trailingGroupsStart(key)).replace(/\s+/g, " ").trim().toLowerCase();
}

/** The commit a `git revert` message names. */
export function revertOf(message: string): string | null {
  const m = REVERT_LINE.exec(message);
  return m ? m[1]!.toLowerCase() : null;
}

/** Scopes of a conventional-commit header: `fix(api,docker)!: x` → [api, docker]. */
export function headerScopes(subject: string): string[] {
  const m = /^[A-Za-z]+\(([^)]*)\)!?:/.exec(subject);
  if (!m) return [];
  return m[1]!.split(/[,/]/).map((scope) => scope.trim()).filter(Boolean);
}
