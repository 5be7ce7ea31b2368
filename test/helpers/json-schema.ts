/**
 * A small JSON Schema validator for the keywords zod's `toJSONSchema` emits
 * for driftlog's config. It refuses any keyword it does not know, so a schema
 * that grows past this subset fails the tests instead of passing unchecked.
 */
type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(["$schema", "$id", "title", "description", "default"]);
const KEYWORDS = new Set(["type", "properties", "required", "additionalProperties", "propertyNames", "items", "minItems", "minLength", "pattern", "enum", "anyOf", "const"]);

/** Every violation of `schema` by `value`, as `path: problem` lines; empty when valid. */
export function validateJsonSchema(schema: Schema, value: unknown, path = "$"): string[] {
  for (const key of Object.keys(schema)) {
    if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key)) throw new Error(`validator does not support keyword ${key} at ${path}`);
  }
  const errors: string[] = [];
  const fail = (problem: string) => errors.push(`${path}: ${problem}`);
  if (schema.anyOf) {
    const branches = schema.anyOf as Schema[];
    if (!branches.some((branch) => validateJsonSchema(branch, value, path).length === 0)) fail("matches no anyOf branch");
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) fail(`not one of ${JSON.stringify(schema.enum)}`);
  if ("const" in schema && schema.const !== value) fail(`not ${JSON.stringify(schema.const)}`);
  if (schema.type !== undefined && !hasType(value, schema.type as string)) {
    fail(`expected ${String(schema.type)}`);
    return errors;
  }
  if (typeof value === "string") {
    if (typeof schema.minLength === "number" && [...value].length < schema.minLength) fail(`shorter than ${schema.minLength}`);
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) fail(`does not match ${schema.pattern}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) fail(`fewer than ${schema.minItems} items`);
    if (schema.items) value.forEach((item, i) => errors.push(...validateJsonSchema(schema.items as Schema, item, `${path}[${i}]`)));
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in object)) fail(`missing ${key}`);
    for (const [key, item] of Object.entries(object)) {
      if (schema.propertyNames) errors.push(...validateJsonSchema(schema.propertyNames as Schema, key, `${path}.${key} (name)`));
      if (key in properties) errors.push(...validateJsonSchema(properties[key]!, item, `${path}.${key}`));
      else if (schema.additionalProperties === false) fail(`unknown key ${key}`);
      else if (typeof schema.additionalProperties === "object") errors.push(...validateJsonSchema(schema.additionalProperties as Schema, item, `${path}.${key}`));
    }
  }
  return errors;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    default:
      throw new Error(`validator does not support type ${type}`);
  }
}
