import { parseAllDocuments, parseDocument } from "yaml";
import { isRecord } from "../values.js";

/** YAML parsing shared by the differs: aliases bounded, warnings silent, failures as `undefined`. */
const OPTIONS = { maxAliasCount: 100, logLevel: "silent" } as const;

export function parseYaml(text: string): unknown {
  try {
    const doc = parseDocument(text, OPTIONS);
    return doc.errors.length > 0 ? undefined : (doc.toJS({ maxAliasCount: 100 }) as unknown);
  } catch {
    return undefined;
  }
}

/** Every document of a multi-document stream, or undefined when any of them fails to parse. */
export function parseYamlDocuments(text: string): unknown[] | undefined {
  try {
    const docs = parseAllDocuments(text, OPTIONS);
    if (!Array.isArray(docs) || docs.some((doc) => doc.errors.length > 0)) return undefined;
    return docs.map((doc) => doc.toJS({ maxAliasCount: 100 }) as unknown);
  } catch {
    return undefined;
  }
}

/** JSON with sorted keys: the same data always reads the same. */
export function canonical(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(sortKeys(value)) ?? "null";
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}
