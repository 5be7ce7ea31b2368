/**
 * The decoration release branches put around a backported commit's header,
 * taken off so the original `type(scope): subject` parses as it did on the
 * source branch. Case and the `(#123)` PR groups are kept; the sync
 * engine's `normalizedSubject` builds its lower-cased comparison key on top.
 */

// `[Backport stable]`, `[backport release/3.5.x]`, `[Cherry-pick 2.7]`, `[cherry-pick]`, and bare
// release-line labels: `[2.7]`, `[4.2.x]`, `[v3.1]`, `[release-2.7]`, `[release/3.5.x]`.
const BRACKET_PREFIX = /^\[\s*(?:(?:back-?port|cherry[- ]?pick(?:ed)?)\b[^\]\r\n]*|(?:v?\d+(?:\.(?:\d+|x))+|release[-/][^\]\s]+)\s*)\]\s*/i;

// `(cherry-pick) `, `(backport #12) `: the same words in parentheses, before the header.
const PAREN_PREFIX = /^\((?:back-?port(?:ed)?|cherry[- ]?pick(?:ed)?)\b[^()\r\n]*\)\s*/i;

// `Backport: `, `backport(2.7): `, `cherry pick 23248 to release-2.15.0: `, `Backport to 2.7: `, `Backport of #12: `, `Cherry-pick: `,
// `Automated cherry pick of #123: `. `backport`/`cherry-pick` as a conventional type is
// read as decoration too: its scope names a release line, not a part of the code.
const WORD_PREFIX =
  /^(?:automated\s+)?(?:back-?port|cherry[- ]?pick(?:ed)?)(?:\s*\([^()\r\n]*\))?(?:\s+(?:of\s+)?(?:[\w.-]+\/[\w.-]+)?#\d+|\s+(?:to|for|into)\s+[^\s:]+|\s+v?\d[\w./-]*)*\s*:\s*/i;

// `(cherry-pick #1234 for 3.4)`, `(cherry pick 1234 to 3.4)`, `(backport of #12)`, `(cherry picked from commit abc1234)`,
// standing at the end or before the trailing `(#123)` groups.
// (No pattern here starts with `\s*` or lets two repeats share characters: headers are
// untrusted, and a long run of spaces must not cost quadratic time.)
const SUFFIX = /\((?:back-?port(?:ed)?|cherry[- ]?pick(?:ed)?)\b[^()\r\n]*\)(?=(?:\s*\((?:[\w.-]+\/[\w.-]+)?#\d+\))*\s*$)/i;

// A whole header that only says what was picked: `cherry pick 23248 to release-2.15.0` (pingcap-style bots).
const PICK_ONLY = /^((?:automated\s+)?cherry[- ]?pick(?:ed)?\s+(?:of\s+)?)(\d+)(\s+(?:to|for|into)\s+[^\s()]+)(?=(?:\s*\((?:[\w.-]+\/[\w.-]+)?#\d+\))*\s*$)/i;

// A PR a backport phrase names: `cherry-pick #12`, `backport of #12`, `Backport #12 to 2.7`, and
// bare numbers before a release line: `cherry pick 23248 to release-2.15.0` (`cherry-pick 2.7` is a line, not a PR).
const NAMED_PR = /\b(?:cherry[- ]?pick(?:ed)?|back-?port(?:ed)?)(?:\s+of)?\s*(?:#(\d+)|(\d+)(?![\d.])\s+(?:to|for|into)\s)/gi;

/** `#12` and `owner/repo#3`, not inside a word or a path. Linear: a reference can start only after a separator. */
export const REFERENCE = /(?<![\w./-])(?:[\w.-]+\/[\w.-]+)?#\d+\b/g;
const LAST_GROUP = /\((?:[\w.-]+\/[\w.-]+)?#\d+\)$/;

/** A header without its backport decoration. */
export interface UndecoratedHeader {
  header: string;
  /** Whether anything was taken off. */
  decorated: boolean;
}

/**
 * `[Backport stable] feat(compose): add a healthcheck (#113)` →
 * `feat(compose): add a healthcheck (#113)`. Decorations nest
 * (`[2.7] Backport: fix: x`) and are taken off one after the other; one
 * that would leave nothing behind stays. The PRs a decoration names are the
 * original change's, so they stay as `(#n)` groups, where a source commit's
 * header has them: `fix: z (cherry-pick #1234 for 3.4)` → `fix: z (#1234)`.
 */
export function undecoratedHeader(header: string): UndecoratedHeader {
  let rest = header.trim();
  let decorated = false;
  const fromPrefixes: string[] = [];
  const pickOnly = PICK_ONLY.exec(rest);
  if (pickOnly) return { header: `${pickOnly[1]}#${pickOnly[2]}${rest.slice(pickOnly[1]!.length + pickOnly[2]!.length)}`, decorated: true };
  for (let changed = true; changed; ) {
    changed = false;
    for (const pattern of [BRACKET_PREFIX, PAREN_PREFIX, WORD_PREFIX]) {
      const m = pattern.exec(rest);
      if (m && rest.length > m[0].length) {
        fromPrefixes.push(...namedReferences(m[0]));
        rest = rest.slice(m[0].length);
        changed = decorated = true;
      }
    }
    const suffix = SUFFIX.exec(rest);
    if (suffix && suffix.index > 0) {
      const after = rest.slice(suffix.index + suffix[0].length);
      rest = withReferences(rest.slice(0, suffix.index).trimEnd(), namedReferences(suffix[0]), after).trim();
      changed = decorated = true;
    }
  }
  if (fromPrefixes.length > 0) {
    const at = trailingGroupsStart(rest);
    rest = withReferences(rest.slice(0, at), fromPrefixes, rest.slice(at));
  }
  return { header: rest, decorated };
}

/** The references a piece of decoration names: `#12`, `owner/repo#3`, and the bare PR of `cherry pick 12 to 2.7`. */
function namedReferences(decoration: string): string[] {
  return [...(decoration.match(REFERENCE) ?? []), ...[...decoration.matchAll(NAMED_PR)].flatMap((m) => (m[2] ? [`#${m[2]}`] : []))];
}

/**
 * The PR numbers backport phrases anywhere in a text name: `cherry-pick #12`,
 * `Backport of #12`, `cherry pick 23248 to release-2.15.0`. (`(#12)` groups are the caller's to read.)
 */
export function pullRequestsNamed(text: string): number[] {
  return [...text.matchAll(NAMED_PR)].map((m) => Number(m[1] ?? m[2]));
}

/** Where the `(#12) (owner/repo#3)` groups a header ends with begin (its trimmed end when there are none); linear. */
export function trailingGroupsStart(header: string): number {
  let at = header.trimEnd().length;
  for (let m = LAST_GROUP.exec(header.slice(0, at)); m; m = LAST_GROUP.exec(header.slice(0, at))) at = header.slice(0, m.index).trimEnd().length;
  return at;
}

/** `before (#n)… after`, with each reference not already in the text. */
function withReferences(before: string, references: readonly string[], after: string): string {
  const present = new Set([...before.matchAll(REFERENCE), ...after.matchAll(REFERENCE)].map((m) => m[0]));
  const added = [...new Set(references)].filter((reference) => !present.has(reference));
  return `${before}${added.map((reference) => ` (${reference})`).join("")}${after}`;
}

/** The message with its first line undecorated; the body as it was. */
export function undecoratedMessage(message: string): string {
  const start = message.length - message.replace(/^\s+/, "").length;
  const newline = message.indexOf("\n", start);
  const end = newline < 0 ? message.length : newline;
  const { header, decorated } = undecoratedHeader(message.slice(start, end).replace(/\r$/, ""));
  return decorated ? `${header}${message.slice(end)}` : message;
}
