import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createMessageParser } from "../../src/changelog/parse.js";

const fast = createMessageParser();
const full = createMessageParser({ fastPath: false });

// Pieces that sit on the edges of HEADER and of the full parser's patterns.
const odd = fc.constantFrom("", " ", "  ", "\t", "!", ":", ": ", "(", ")", "()", "-", "_", "#12", "(#34)", '"', "'", "`", "*", "|", "\u00a0", "é", "日本", "\u202e", "\x1b[31m", "\r", "\n", "\r\n", "gpg:", "BREAKING CHANGE", "breaking-change");
const text = fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^[a-z ]{1,12}$/), odd), { maxLength: 6 }).map((parts) => parts.join(""));
const type = fc.oneof(fc.constantFrom("feat", "fix", "Fix", "FEAT", "revert", "chore", "build-deps", "x", "_a", "-a", "9"), fc.stringMatching(/^[\w-]{0,8}$/));
const scope = fc.oneof(fc.constant(null), fc.constantFrom("", " ", "api", "api,docker", "deps/dev", " ui ", "a b", "(x)", "2.7"), text.filter((s) => !/[()\r\n]/.test(s)));
const conventional = fc.tuple(type, scope, fc.constantFrom("", "!"), fc.constantFrom(": ", ":", ":  ", " : "), text).map(([t, s, bang, colon, subject]) => `${t}${s === null ? "" : `(${s})`}${bang}${colon}${subject}`);
const header = fc.oneof(
  conventional,
  text,
  fc.constantFrom("", " ", "feat:", "feat: ", "feat!:", "fix(ui):  ", "Merge pull request #12 from a/b", "Merge branch 'release' into main", "Merge remote-tracking branch 'origin/x'"),
  conventional.map((inner) => `Revert "${inner}"`),
  conventional.map((inner) => `Revert "${inner}" (#77)`),
  conventional.map((inner) => `Revert "Revert "${inner}""`),
  conventional.map((inner) => `Reapply "${inner}"`),
  conventional.map((inner) => `[Backport stable] ${inner} (#113)`),
  conventional.map((inner) => `[2.7] ${inner}`),
  conventional.map((inner) => `backport(2.7): ${inner}`),
  conventional.map((inner) => `${inner} (cherry-pick #1234 for 3.4)`),
);
const bodyLine = fc.oneof(
  text,
  fc.constantFrom(
    "",
    "BREAKING CHANGE: the old keys are gone",
    "BREAKING-CHANGE: renamed",
    "breaking change: lower case",
    "  * BREAKING CHANGE  spaced",
    "This reverts commit 0123456789abcdef0123456789abcdef01234567.",
    "this reverts commit abc",
    "gpg: Signature made",
    "  gpg: Good signature",
    "Closes #34",
    "Fixes owner/repo#3",
    "Signed-off-by: A <a@b>",
    "(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)",
    "-field-",
    "see https://example.com/page#12",
    "# comment",
  ),
);
const lineBreak = fc.constantFrom("\n", "\r\n", "\r", "\n\n");
const message = fc
  .tuple(fc.constantFrom("", "\n", "\n\n", " ", "\r\n", " \n"), header, fc.array(fc.tuple(lineBreak, bodyLine), { maxLength: 6 }), fc.constantFrom("", "\n", "\r\n", " "))
  .map(([lead, head, body, tail]) => `${lead}${head}${body.map(([br, line]) => `${br}${line}`).join("")}${tail}`);

describe("the header fast path", () => {
  test("reads every message as the full conventional-commits-parser does", () => {
    fc.assert(
      fc.property(message, (m) => {
        expect(fast(m)).toEqual(full(m));
      }),
      { numRuns: 5000 },
    );
  });

  test("agrees with the full parser on arbitrary text too", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (m) => {
        expect(fast(m)).toEqual(full(m));
      }),
      { numRuns: 2000 },
    );
  });

  test.each([
    "feat(api)!: drop v1",
    "fix: ",
    "fix:",
    "feat(): empty scope",
    "Feat(UI): upper case",
    '  feat: leading spaces',
    "\n\nfeat: leading newlines",
    "feat: a\rb",
    'Revert "fix(ui): flicker on submit" (#12)',
    'Revert "fix(ui): flicker"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.',
    "revert: fix(ui): flicker\n\nThis reverts commit 0123456.",
    "feat: x\n\nbody\n\nBREAKING CHANGE: gone\nCloses #3",
    "gpg: signed\nfeat: after a gpg line",
    "Merge pull request #12 from a/b\n\nfeat: the title",
    "[Backport stable] feat(compose): add a redis healthcheck (#113)",
  ])("%j", (m) => {
    expect(fast(m)).toEqual(full(m));
  });
});
