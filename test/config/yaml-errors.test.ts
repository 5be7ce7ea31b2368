import { describe, expect, test } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import { changelogCli } from "../helpers/changelog.js";
import { TestRepo } from "../helpers/repo.js";

const syntaxError = (text: string) => {
  try {
    parseConfig(text, "driftlog.config.yaml");
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a syntax error");
};

describe("YAML errors point at the line where the broken construct starts", () => {
  test("an unclosed [ on line 2 of a real repository's config is reported on line 2, not at the end of the file", async () => {
    const r = TestRepo.create();
    try {
      r.commit("feat: one", { "a.txt": "1" });
      r.write({ "driftlog.config.yaml": "source: main\ntargets: [stable, release/2.8\nchangelog:\n  includeOther: true\n  hidden: [docs]\n" });
      const { code, stderr } = await changelogCli(r.dir);
      expect(code).toBe(2);
      expect(stderr).toMatch(/driftlog\.config\.yaml:2:10: Flow sequence .* end with a \]; fix the YAML syntax/);
    } finally {
      r.remove();
    }
  });

  test.each([
    ["an unclosed { ", "source: main\nchangelog: { includeOther: true\ntarget: stable\n", "2:12"],
    ["an unclosed [ holding a closed {", "source: main\ntargets: [stable, { a: 1 }\n\n\ntarget: stable\n", "2:10"],
    ["an unclosed [ that is the whole document", "[stable, main\n", "1:1"],
    ["an unclosed double quote", "source: main\ntarget: \"stable\nsince: 2025-01-01\n", "2:9"],
    ["an unclosed single quote", "source: main\ntarget: 'stable\n", "2:9"],
    ["a double quote closed by an escaped quote only", 'source: main\ntarget: "stable\\"\n', "2:9"],
  ])("%s", (_name, text, at) => {
    expect(syntaxError(text)).toContain(`driftlog.config.yaml:${at}: `);
  });

  test("other syntax errors keep the parser's position", () => {
    expect(syntaxError("source: main\ntarget: stable: extra\n")).toContain("driftlog.config.yaml:2:9: Nested mappings");
    expect(syntaxError(`source: ${"[".repeat(100_000)}\n`)).toMatch(/driftlog\.config\.yaml:\d+:\d+: /);
  });
});
