import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { undecoratedHeader } from "../../src/match/backport-subject.js";
import { createMessageParser } from "../../src/changelog/parse.js";
import { normalizedSubject } from "../../src/match/message.js";

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

  test("reads a backport as the commit it carries, whatever the release branch's decoration", () => {
    const cases: [header: string, type: string, scope: string | null, subject: string, references: string[]][] = [
      ["[Backport stable] feat(compose): add a redis healthcheck (#113)", "feat", "compose", "add a redis healthcheck (#113)", ["#113"]],
      ["[Backport release/3.5.x] fix(x)!: drop y (#8032) (#8043)", "fix", "x", "drop y (#8032) (#8043)", ["#8032", "#8043"]],
      ["[2.7] perf: cache layers", "perf", null, "cache layers", []],
      ["[4.2.x] [Backport 4.2] docs: typo", "docs", null, "typo", []],
      ["Backport: fix(api): retry on 503", "fix", "api", "retry on 503", []],
      ["Backport of #12 to 2.7: refactor: split config", "refactor", null, "split config (#12)", ["#12"]],
      ["backport(2.7): fix(k8s): raise the limit", "fix", "k8s", "raise the limit", []],
      ["fix: z (cherry-pick #1234 for 3.4)", "fix", null, "z (#1234)", ["#1234"]],
      ["fix: z (cherry-pick #1234 for 3.4) (#1300)", "fix", null, "z (#1234) (#1300)", ["#1234", "#1300"]],
      ["Automated cherry pick of #95386: fix(kubelet): y", "fix", "kubelet", "y (#95386)", ["#95386"]],
      ["(cherry-pick) fix(ui): flicker on submit (#12)", "fix", "ui", "flicker on submit (#12)", ["#12"]],
      ["(Cherry-pick #77) (backport) docs: typo", "docs", null, "typo (#77)", ["#77"]],
      ["[cherry-pick] feat: x", "feat", null, "x", []],
      ["[Cherry-Pick] [2.7] fix(api)!: y (#9)", "fix", "api", "y (#9)", ["#9"]],
      ["cherry pick 23248 to release-2.15.0: fix: x", "fix", null, "x (#23248)", ["#23248"]],
      ["cherry-pick 23248 to 2.15: fix(api): y (#23300)", "fix", "api", "y (#23248) (#23300)", ["#23248", "#23300"]],
      ["fix: z (cherry pick 1234 to release-3.4)", "fix", null, "z (#1234)", ["#1234"]],
      // Nothing but the pick: the PR it names becomes a reference.
      ["cherry pick 23248 to release-2.15.0", "other", null, "cherry pick #23248 to release-2.15.0", ["#23248"]],
      ["cherry pick 23248 to release-2.15.0 (#23300)", "other", null, "cherry pick #23248 to release-2.15.0 (#23300)", ["#23248", "#23300"]],
      // A release-line scope is not a scope of the code; without a typed header inside it is `other`.
      ["backport(2.7): harden the entrypoint", "other", null, "harden the entrypoint", []],
      // Not backport decoration: left as written.
      ["[WIP] fix: y", "other", null, "[WIP] fix: y", []],
      ["Backporting the fix: y", "other", null, "Backporting the fix: y", []],
      ["[Backport stable]", "other", null, "[Backport stable]", []],
      ["(cherry-pick)", "other", null, "(cherry-pick)", []],
      ["(wip) fix: y", "other", null, "(wip) fix: y", []],
    ];
    for (const [header, type, sc, text, references] of cases) {
      expect({ header, ...parse(`${header}\n\nBody.`) }).toMatchObject({ header, type, scope: sc, subject: text, references });
    }
    expect(parse("[Backport stable] fix(x)!: drop y (#8032) (#8043)").breaking).toBe(true);
    // A backported revert is still a revert.
    expect(parse('[Backport stable] Revert "feat: x"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.').revert).toEqual({ header: "feat: x", hash: "0123456789abcdef0123456789abcdef01234567" });
  });

  test("takes off what the sync engine's normalizedSubject takes off, and keeps case and PR numbers", () => {
    const cases: [decorated: string, plain: string][] = [
      ["[Backport stable] Feat(Compose): Add Redis (#113)", "Feat(Compose): Add Redis (#113)"],
      ["[cherry-pick 2.7] fix: X", "fix: X"],
      ["fix: Z (cherry-pick #1234 for 3.4)", "fix: Z (#1234)"],
      ["fix: Y (#8031) (backport #8053)", "fix: Y (#8031) (#8053)"],
      ["(cherry-pick) Fix: Flicker", "Fix: Flicker"],
      ["[cherry-pick] fix: X", "fix: X"],
      ["cherry pick 23248 to release-2.15.0: fix: X", "fix: X (#23248)"],
    ];
    for (const [decorated, plain] of cases) {
      expect(undecoratedHeader(decorated)).toEqual({ header: plain, decorated: true });
      expect(normalizedSubject(plain)).toBe(normalizedSubject(decorated));
    }
    expect(undecoratedHeader("fix: plain (#3)")).toEqual({ header: "fix: plain (#3)", decorated: false });
  });

  test("hostile runs of spaces and path characters parse, references still found", () => {
    // conventional-commits-parser's reference pattern backtracks cubically on
    // these; with it, this message alone would run for hours.
    const message = `fix(ci): ${"a/".repeat(5_000)} (#7)\n\nx${" ".repeat(50_000)}y\nSee https://example.com/page#12.\nNeeds acme/infra#3.\n\nCloses #9`;
    // A line with a URL names no issue: `page#12` is an anchor.
    expect(parse(message)).toMatchObject({ type: "fix", scope: "ci", references: ["#7", "acme/infra#3", "#9"] });
  });

  test("a breaking-change note ends where git's trailers begin", () => {
    const picked = parse("feat(config)!: drop APP_ENV\n\nBREAKING CHANGE: APP_ENV is gone;\nset DRIFTLOG_ENV instead.\nSigned-off-by: Dev One <dev1@example.com>\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\nSigned-off-by: Dev Two <dev2@example.com>");
    expect(picked.breakingNote).toBe("APP_ENV is gone;\nset DRIFTLOG_ENV instead.");
  });
});
