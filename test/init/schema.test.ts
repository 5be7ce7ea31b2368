import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import { configJsonSchemaText, readPublishedSchema } from "../../src/init/schema.js";
import { validateJsonSchema } from "../helpers/json-schema.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/config");
const fixtures = (kind: "valid" | "invalid") =>
  readdirSync(join(FIXTURES, kind)).map((name) => ({ name, text: readFileSync(join(FIXTURES, kind, name), "utf8") }));
const schema = JSON.parse(configJsonSchemaText()) as Record<string, unknown>;

describe("config JSON Schema", () => {
  test("the committed schema equals the one generated from the zod schema (run `npm run schema`)", async () => {
    expect(await readPublishedSchema()).toBe(configJsonSchemaText());
  });

  test.each(fixtures("valid"))("valid/$name is accepted by parseConfig and by the schema", ({ name, text }) => {
    expect(() => parseConfig(text, name)).not.toThrow();
    expect(validateJsonSchema(schema, parse(text) ?? {})).toEqual([]);
  });

  test.each(fixtures("invalid"))("invalid/$name is rejected by parseConfig and by the schema", ({ name, text }) => {
    expect(() => parseConfig(text, name)).toThrow(/E_CONFIG|:\d+:\d+/);
    expect(validateJsonSchema(schema, parse(text) ?? {})).not.toEqual([]);
  });

  test("the schema knows every top-level key and refuses others", () => {
    const properties = Object.keys(schema.properties as object);
    expect(properties).toEqual(expect.arrayContaining(["source", "target", "targets", "categories", "exclude", "keep", "match", "email", "changelog"]));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });
});
