import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { expect } from "vitest";

const ajv = new Ajv2020({ allErrors: true, strict: true, validateFormats: false });
const compiled = new Map<string, ReturnType<typeof ajv.compile>>();

/** Asserts that `data` validates against a JSON Schema shipped in schema/. */
export function expectValid(schemaFile: string, data: unknown): void {
  let validate = compiled.get(schemaFile);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readFileSync(new URL(`../../schema/${schemaFile}`, import.meta.url), "utf8")));
    compiled.set(schemaFile, validate);
  }
  const ok = validate(JSON.parse(JSON.stringify(data)));
  expect(ok ? [] : validate.errors, `${schemaFile} violations`).toEqual([]);
}
