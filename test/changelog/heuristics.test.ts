import { describe, expect, test } from "vitest";
import { inferType } from "../../src/changelog/heuristics.js";
import { createMessageParser } from "../../src/changelog/parse.js";
import { quotedTitle, revertLayers } from "../../src/changelog/reverts.js";
import { DEFAULT_TYPES } from "../../src/changelog/settings.js";

const parse = createMessageParser();
const known = new Set(DEFAULT_TYPES.map(({ type }) => type));
const infer = (title: string) => {
  const { type, scope, subject } = inferType(parse(title), known);
  return { type, scope, subject };
};

describe("label-free grouping of PR titles", () => {
  test.each([
    ["docs: fix typos in the README", "docs", null, "fix typos in the README"],
    ["fix(api): retry on 503", "fix", "api", "retry on 503"],
    ["build: add a redis service", "build", null, "add a redis service"],
    ["Docs: explain the config", "docs", null, "explain the config"],
    ["bugfix: handle empty input", "fix", null, "handle empty input"],
    ["[docs] Explain the config", "docs", null, "Explain the config"],
    ["ui: Add dark mode", "feat", "ui", "Add dark mode"],
    ["ui(button): fix focus ring", "fix", "ui/button", "fix focus ring"],
    ["net/http: Fix a leak on close", "fix", "net/http", "Fix a leak on close"],
    ["[compose] Support profiles", "feat", "compose", "Support profiles"],
    ["Fix flicker on submit", "fix", null, "Fix flicker on submit"],
    ["Add dark mode", "feat", null, "Add dark mode"],
    ["Refactor the settings loader", "refactor", null, "Refactor the settings loader"],
    ["Bump lodash from 4.17.20 to 4.17.21", "build", null, "Bump lodash from 4.17.20 to 4.17.21"],
    ["Tidy up the Makefile", "other", null, "Tidy up the Makefile"],
    ["release: 2.8.0", "other", "release", "2.8.0"],
  ])("%s", (title, type, scope, subject) => {
    expect(infer(title)).toEqual({ type, scope, subject });
  });

  test("only types the config groups: a custom list without perf keeps perf-ish titles under other", () => {
    const custom = new Set(["feat", "fix", "other"]);
    expect(inferType(parse("Optimize the index"), custom).type).toBe("other");
    expect(inferType(parse("docs: x"), custom).type).toBe("other");
  });
});

describe("quoted revert titles", () => {
  test("Revert and Reapply, with trailing PR groups, nested", () => {
    expect(quotedTitle('Revert "fix(ui): flicker on submit"')).toEqual({ title: "fix(ui): flicker on submit", reapply: false });
    expect(quotedTitle('Revert "fix: x (#7853)" (#7872) (#7873)')).toEqual({ title: "fix: x (#7853)", reapply: false });
    expect(quotedTitle('Reapply "fix: x"')).toEqual({ title: "fix: x", reapply: true });
    expect(quotedTitle('Revert "x')).toBeNull();
    expect(quotedTitle('Revert "')).toBeNull();
    expect(quotedTitle("Revert the cache change")).toBeNull();
    expect(revertLayers('Revert "Revert "Revert "perf: x"""')).toEqual({ depth: 3, root: "perf: x" });
    expect(revertLayers('Revert "Reapply "perf: x""')).toEqual({ depth: 3, root: "perf: x" });
    expect(revertLayers("perf: x")).toEqual({ depth: 0, root: "perf: x" });
  });

  test("a hostile nesting stays bounded", () => {
    const deep = `${'Revert "'.repeat(5_000)}x${'"'.repeat(5_000)}`;
    expect(revertLayers(deep).depth).toBe(64);
  });
});

test("a revert title ending in very many PR groups is read in linear time", () => {
  const groups = " (#1)".repeat(50_000);
  expect(quotedTitle(`Revert "fix: x"${groups}`)).toEqual({ title: "fix: x", reapply: false });
  expect(quotedTitle(`Revert "fix: x${groups}`)).toBeNull();
});
