import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createMessageParser } from "../../src/changelog/parse.js";

const parse = createMessageParser();
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
const scope = fc.stringMatching(/^[a-z0-9][a-z0-9_.\-/, ]{0,12}[a-z0-9]$/);
const subject = fc.stringMatching(/^[A-Za-z0-9][ -~]{0,60}$/).filter((text) => text.trim() === text);

describe("conventional message parser", () => {
  test("never throws and always yields a type, whatever the message", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (message) => {
        const parsed = parse(message);
        expect(typeof parsed.type).toBe("string");
        expect(parsed.type.length).toBeGreaterThan(0);
        expect(Array.isArray(parsed.references)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test("round-trips type, scope and breaking for generated valid headers", () => {
    fc.assert(
      fc.property(word, fc.option(scope, { nil: null }), fc.boolean(), fc.boolean(), subject, fc.option(fc.string(), { nil: undefined }), (type, sc, bang, footer, text, body) => {
        const header = `${type}${sc === null ? "" : `(${sc})`}${bang ? "!" : ""}: ${text}`;
        const message = [header, ...(body?.trim() ? ["", body.replace(/BREAKING[ -]CHANGE/gi, "")] : []), ...(footer ? ["", "BREAKING CHANGE: old config keys are gone"] : [])].join("\n");
        const parsed = parse(message);
        expect(parsed.conventional).toBe(true);
        expect(parsed.type).toBe(type);
        expect(parsed.scope).toBe(sc === null ? null : sc.trim());
        expect(parsed.subject).toBe(text);
        expect(parsed.breaking).toBe(bang || footer);
      }),
      { numRuns: 500 },
    );
  });

  test("reads both footer spellings, references and reverts", () => {
    const footer = parse("feat(api): new auth\n\nLong body.\n\nBREAKING-CHANGE: tokens expire\nCloses #34");
    expect(footer).toMatchObject({ type: "feat", scope: "api", breaking: true, breakingNote: "tokens expire", references: ["#34"] });
    const bang = parse("fix(db)!: drop the legacy table (#12)");
    expect(bang).toMatchObject({ breaking: true, breakingNote: "drop the legacy table (#12)", references: ["#12"] });
    const revert = parse('Revert "feat: x"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.');
    expect(revert.revert).toEqual({ header: "feat: x", hash: "0123456789abcdef0123456789abcdef01234567" });
    expect(parse("Update README").type).toBe("other");
  });
});
