import { parse as parseToml } from "smol-toml";
import { unparsed } from "./lines.js";
import { diffKeys, redactorFor } from "./secrets.js";
import type { KeysDetails, LinesDetails } from "./types.js";
import { isRecord } from "../values.js";
import { canonical, parseYaml } from "./yaml.js";

type Format = "toml" | "yaml" | "json";

const PARSERS: Record<Format, (text: string) => unknown> = {
  toml: (text) => parseToml(text),
  yaml: (text) => {
    const doc = parseYaml(text);
    if (doc === undefined) throw new Error("unparsable");
    return doc;
  },
  json: (text) => JSON.parse(text) as unknown,
};

/** A differ for one structured format: keys as dotted paths, values hidden when a path segment looks secret. */
export function structuredDiffer(format: Format): (before: string | null, after: string | null) => KeysDetails | LinesDetails {
  return (before, after) => {
    const old = flattenText(format, before);
    const now = flattenText(format, after);
    if (!old || !now) return unparsed(before, after);
    return { kind: "keys", format, ...diffKeys(old, now, { redact: redactorFor(before, after) }) };
  };
}

function flattenText(format: Format, text: string | null): Map<string, string> | null {
  if (text === null || text.trim() === "") return new Map();
  try {
    return flatten(PARSERS[format](text));
  } catch {
    return null;
  }
}

/**
 * Leaf paths of a document: `a.b.c` for maps, `a.list[0].name` for lists of
 * maps; a list of scalars is one value, so reordering reads as one change.
 */
export function flatten(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (isRecord(value) && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) flatten(item, prefix ? `${prefix}.${key}` : key, out);
    if (Object.keys(value).length === 0 && prefix) out.set(prefix, "{}");
  } else if (Array.isArray(value) && value.some((item) => isRecord(item) || Array.isArray(item))) {
    value.forEach((item, i) => flatten(item, `${prefix}[${i}]`, out));
  } else {
    out.set(prefix || "(document)", leaf(value));
  }
  return out;
}

function leaf(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value === null || value === undefined) return "null";
  return typeof value === "string" ? value : canonical(value);
}
