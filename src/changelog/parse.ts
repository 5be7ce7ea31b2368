import { CommitParser, type Commit as ParsedCommit } from "conventional-commits-parser";
import { REFERENCE, undecoratedMessage } from "../match/backport-subject.js";
import { revertOf as revertedCommit } from "../match/message.js";

/** What a commit message says in conventional-commit terms. */
export interface ConventionalMessage {
  /** Lower-cased type; `other` when the header does not follow the convention. */
  type: string;
  scope: string | null;
  /** The header's description, or the whole header for a non-conventional commit. */
  subject: string;
  /** Whether the header follows `type(scope)!: subject`. */
  conventional: boolean;
  breaking: boolean;
  /** Text of the `BREAKING CHANGE:` / `BREAKING-CHANGE:` footers (or the subject for a bare `!`). */
  breakingNote: string | null;
  /** Issue and PR references, as written without action words: `#12`, `owner/repo#3`. */
  references: string[];
  /** What a `Revert "..."` commit (or a `revert:` commit naming a SHA) undoes. */
  revert: { header: string | null; hash: string | null } | null;
}

export const OTHER_TYPE = "other";

// `type(scope)!: subject`; the scope may hold anything but parentheses (`api,docker`, `deps/dev`).
const HEADER = /^(\w[\w-]*)(?:\(([^()\r\n]*)\))?(!?): ?(.*\S.*)$/;
// Git trailers that end a `BREAKING CHANGE:` note: `git cherry-pick -x -s` appends them after it.
const TRAILER_LINE = /^\s*(?:\(cherry picked from commit [0-9a-f]{7,64}\)|[A-Za-z][\w-]*-by:\s|Change-Id:\s)/i;
// A references footer (`Closes #34`, `Fixes owner/repo#3`, `#12`) ends a note too.
const REFERENCE_LINE = /^\s*(?:(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s+)?(?:[\w.-]+\/[\w.-]+)?#\d+\b/i;

/**
 * One parser for a whole history: conventional-commits-parser configured for
 * `type(scope)!:`, both breaking-change footers, `#12` / `Closes #34`
 * references and `Revert "..."` commits. A backport's decoration
 * (`[Backport stable] `, `[2.7] `, `Backport: `, `(cherry-pick #12 for 3.4)`)
 * is taken off first, so it is read as the commit it carries. `parse` never throws.
 */
export function createMessageParser(): (message: string) => ConventionalMessage {
  const parser = new CommitParser({
    headerPattern: HEADER,
    headerCorrespondence: ["type", "scope", "breakingMark", "subject"],
    noteKeywords: ["BREAKING CHANGE", "BREAKING-CHANGE"],
    revertPattern: /^(?:Revert|revert:)\s"?([\s\S]*?)"?\s*This reverts commit (\w*)\.?/,
    revertCorrespondence: ["header", "hash"],
    // References are found by REFERENCE below: the parser's own pattern
    // backtracks cubically on long runs of spaces or path characters, and
    // commit messages are untrusted (2,000 spaces in a body took 7 s).
    issuePrefixes: undefined,
    // The default field pattern would swallow lines like `-foo-` in bodies.
    fieldPattern: /^\0never\0$/,
  });
  return (original) => {
    const message = undecoratedMessage(original);
    let parsed: ParsedCommit | null = null;
    try {
      if (message.trim() !== "") parsed = parser.parse(message.replace(/\r\n?/g, "\n"));
    } catch {
      parsed = null;
    }
    return interpret(parsed, message);
  };
}

function interpret(parsed: ParsedCommit | null, message: string): ConventionalMessage {
  const header = (message.replace(/^\s+/, "").split(/\r?\n/)[0] ?? "").trim();
  const type = parsed?.type?.toLowerCase();
  const conventional = typeof type === "string" && type !== "" && HEADER.test(header);
  const mark = conventional && parsed?.breakingMark === "!";
  const notes = (parsed?.notes ?? []).filter((note) => /^BREAKING[ -]CHANGE$/i.test(note.title));
  const footerNotes = notes.map((note) => withoutTrailers(note.text)).filter((text) => text !== "");
  const subject = conventional ? (parsed?.subject ?? "").trim() : header;
  const breaking = mark || notes.length > 0;
  return {
    type: conventional ? type : OTHER_TYPE,
    scope: conventional && parsed?.scope ? parsed.scope.trim() || null : null,
    subject,
    conventional,
    breaking,
    breakingNote: footerNotes.length > 0 ? footerNotes.join("\n") : breaking ? subject : null,
    references: referencesIn(message),
    revert: revertOf(parsed, message, conventional ? type : undefined),
  };
}

function withoutTrailers(note: string): string {
  const lines = note.split("\n");
  const end = lines.findIndex((line) => TRAILER_LINE.test(line) || REFERENCE_LINE.test(line));
  return (end < 0 ? lines : lines.slice(0, end)).join("\n").trim();
}

/** `#12` and `owner/repo#3` in the message, in order, once each; lines holding a URL are skipped (`https://host/page#12` is not an issue). */
function referencesIn(message: string): string[] {
  const lines = message.split(/\r?\n/).filter((line) => !line.includes("://"));
  return [...new Set(lines.flatMap((line) => line.match(REFERENCE) ?? []))];
}

function revertOf(parsed: ParsedCommit | null, message: string, type: string | undefined): ConventionalMessage["revert"] {
  const hash = revertedCommit(message);
  if (parsed?.revert) {
    const header = typeof parsed.revert.header === "string" ? parsed.revert.header : null;
    return { header, hash: hash ?? (parsed.revert.hash || null) };
  }
  if (type === "revert" && hash) return { header: null, hash };
  return null;
}
