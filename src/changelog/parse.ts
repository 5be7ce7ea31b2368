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
// What can make the full parser's reading differ from the first line's: a
// breaking-change note, a revert (`This reverts commit`) or a `gpg:` line the
// parser drops. Wider than the parser's own patterns (any case, anywhere), so
// a message without any of these reads the same by HEADER alone.
const NEEDS_FULL_PARSER = /breaking[ -]change|this reverts commit|gpg:/i;

/** The fields of a parsed commit that {@link interpret} reads. */
type Parsed = Pick<ParsedCommit, "notes" | "revert"> & { [field in "type" | "scope" | "breakingMark" | "subject"]?: string | null };

export interface MessageParserOptions {
  /**
   * Read messages that hold no breaking-change note, revert or `gpg:` line
   * (most of a history) by the header pattern alone instead of the full
   * parser, which splits and scans every body line. Same result either way
   * (a property test compares them). Default true.
   */
  fastPath?: boolean;
}

/**
 * One parser for a whole history: conventional-commits-parser configured for
 * `type(scope)!:`, both breaking-change footers, `#12` / `Closes #34`
 * references and `Revert "..."` commits. A backport's decoration
 * (`[Backport stable] `, `[2.7] `, `Backport: `, `(cherry-pick #12 for 3.4)`)
 * is taken off first, so it is read as the commit it carries. `parse` never throws.
 */
export function createMessageParser(options: MessageParserOptions = {}): (message: string) => ConventionalMessage {
  const fastPath = options.fastPath !== false;
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
    let parsed: Parsed | null = null;
    try {
      if (message.trim() !== "") {
        const text = message.replace(/\r\n?/g, "\n");
        parsed = fastPath && !NEEDS_FULL_PARSER.test(text) ? headerFields(text) : parser.parse(text);
      }
    } catch {
      parsed = null;
    }
    return interpret(parsed, message);
  };
}

/**
 * What the full parser makes of a message with no note, revert or `gpg:`
 * line: its header is the first line after leading newlines, matched against
 * HEADER, and the body changes none of the fields read.
 */
function headerFields(text: string): Parsed {
  const start = text.search(/[^\n]/);
  const end = text.indexOf("\n", start);
  const match = HEADER.exec(end < 0 ? text.slice(start) : text.slice(start, end));
  return { type: match?.[1] || null, scope: match?.[2] || null, breakingMark: match?.[3] || null, subject: match?.[4] || null, notes: [], revert: null };
}

function interpret(parsed: Parsed | null, message: string): ConventionalMessage {
  const header = firstLine(message.trimStart()).trim();
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

/** Up to the first line break (a `\r` before it goes with the trim that follows). */
function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end < 0 ? text : text.slice(0, end);
}

function withoutTrailers(note: string): string {
  const lines = note.split("\n");
  const end = lines.findIndex((line) => TRAILER_LINE.test(line) || REFERENCE_LINE.test(line));
  return (end < 0 ? lines : lines.slice(0, end)).join("\n").trim();
}

/** `#12` and `owner/repo#3` in the message, in order, once each; lines holding a URL are skipped (`https://host/page#12` is not an issue). */
function referencesIn(message: string): string[] {
  // REFERENCE never spans a line break, so without a URL the whole message reads as its lines one by one.
  const lines = message.includes("://") ? message.split(/\r?\n/).filter((line) => !line.includes("://")) : [message];
  return [...new Set(lines.flatMap((line) => line.match(REFERENCE) ?? []))];
}

function revertOf(parsed: Parsed | null, message: string, type: string | undefined): ConventionalMessage["revert"] {
  const hash = revertedCommit(message);
  if (parsed?.revert) {
    const header = typeof parsed.revert.header === "string" ? parsed.revert.header : null;
    return { header, hash: hash ?? (parsed.revert.hash || null) };
  }
  if (type === "revert" && hash) return { header: null, hash };
  return null;
}
