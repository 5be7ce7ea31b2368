import { parseAllDocuments, parseDocument, type Document } from "yaml";
import { isRecord } from "../values.js";

/** YAML parsing shared by the differs: aliases bounded, warnings silent, failures as `undefined`. */
const OPTIONS = { maxAliasCount: 100, logLevel: "silent" } as const;

/** The first document (as `parseDocument` reads it with warnings silent), or undefined when it fails to parse. */
export function parseYaml(text: string): unknown {
  try {
    const docs = documentsOf(text);
    const doc = docs.length > 0 ? docs[0]! : parseDocument(text, OPTIONS);
    return doc.errors.length > 0 ? undefined : (doc.toJS({ maxAliasCount: 100 }) as unknown);
  } catch {
    return undefined;
  }
}

/** Every document of a multi-document stream, or undefined when any of them fails to parse. */
export function parseYamlDocuments(text: string): unknown[] | undefined {
  try {
    const docs = documentsOf(text);
    if (docs.some((doc) => doc.errors.length > 0)) return undefined;
    return docs.map((doc) => doc.toJS({ maxAliasCount: 100 }) as unknown);
  } catch {
    return undefined;
  }
}

/**
 * The parsed documents of the texts parsed last: a file's drift and its
 * comments-only check read the same two versions, and parsing is most of
 * their cost. Values are built afresh from them on each call, so no caller
 * sees another's objects.
 */
const parsed = new Map<string, Document.Parsed[]>();
const PARSED_KEPT = 4;

function documentsOf(text: string): Document.Parsed[] {
  let docs = parsed.get(text);
  if (!docs) {
    docs = parseAllDocuments(text, OPTIONS) as Document.Parsed[];
    if (parsed.size >= PARSED_KEPT) parsed.delete(parsed.keys().next().value!);
    parsed.set(text, docs);
  }
  return docs;
}

/**
 * Keys outside `itemised` whose values differ, so a change driftlog does not
 * spell out still shows (by name) and is never mistaken for formatting.
 */
export function otherKeys(before: Record<string, unknown>, after: Record<string, unknown>, itemised: ReadonlySet<string>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => !itemised.has(key) && canonical(before[key] ?? null) !== canonical(after[key] ?? null)).sort();
}

/** For the names on both sides (with a value before) whose values differ, `describe(name, before, after)`, in the order of `after`. */
export function changedEntries<T, D>(before: ReadonlyMap<string, T>, after: ReadonlyMap<string, T>, describe: (name: string, before: T, after: T) => D): D[] {
  const changed: D[] = [];
  for (const [name, value] of after) {
    const previous = before.get(name);
    if (previous && canonical(previous) !== canonical(value)) changed.push(describe(name, previous, value));
  }
  return changed;
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
