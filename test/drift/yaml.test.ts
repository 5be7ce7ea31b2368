import fc from "fast-check";
import { parseDocument } from "yaml";
import { describe, expect, test } from "vitest";
import { parseYaml, parseYamlDocuments } from "../../src/drift/yaml.js";

/** What parseYaml read before it shared parsed documents with parseYamlDocuments: yaml's own parseDocument. */
function direct(text: string): unknown {
  try {
    const doc = parseDocument(text, { logLevel: "silent" });
    return doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

const line = fc.constantFrom("a: 1", "b:", "  - x", "- y", "---", "...", "# c", "", ": x", "c: [1, 2", "d: {e: f}", "&a g: 1", "h: *a", "%YAML 1.2", "  i: 2", "'q", '"r": s', "|", "  block", "? k", "\t");

describe("YAML parsing shared by a file's drift and its comments-only check", () => {
  test("the first document reads as yaml's parseDocument reads it: empty, multi-document, broken and aliased streams", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.boolean(), (lines, newline) => {
        const text = lines.join("\n") + (newline ? "\n" : "");
        expect(parseYaml(text)).toEqual(direct(text));
      }),
      { numRuns: 2000 },
    );
  });

  test("each call builds its own values: a caller changing what it got changes nobody else's", () => {
    const text = "services:\n  api:\n    image: api:1\n";
    const first = parseYaml(text) as { services: { api: { image: string } } };
    first.services.api.image = "changed";
    expect(parseYaml(text)).toEqual({ services: { api: { image: "api:1" } } });
    expect(parseYamlDocuments(text)).toEqual([{ services: { api: { image: "api:1" } } }]);
  });
});
