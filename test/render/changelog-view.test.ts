import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { mdTextOf } from "../../src/render/changelog-view.js";
import { mdText } from "../../src/render/escape.js";

// Characters around the shortcut's edges: the ones it lets through, the ones mdText escapes or strips, and look-alikes.
const pieces = fc.constantFrom(..." aZ09,.;:'\"()/?=%$@^#+-_\\`*[]<>|~&!{}\t\r\n\u00a0\u2028\u017f\u212a\x1b\x7f\u202eé".split(""), "://", "www.", "WWW.", "1.", "2)", "- ", "# ", "+");
const text = fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join(""));

describe("changelog view escaping", () => {
  test("mdTextOf is mdText", () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 })), (value) => {
        expect(mdTextOf(value)).toBe(mdText(value));
      }),
      { numRuns: 20000 },
    );
  });

  test.each(["fix the build", "add tls 53314 (#15029)", " leading blank", "trailing blank ", "- item", "-x", "1. one", "12) x", "12 x", "see https://x.y", "www.example.com", "a_b", "50% of $5 @ me ^ 2 = 3?", ""])("%j", (value) => {
    expect(mdTextOf(value)).toBe(mdText(value));
  });
});
