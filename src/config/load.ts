import { CST, isMap, isScalar, LineCounter, Parser, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { configError } from "../errors.js";
import { closest } from "../git/refs.js";
import { MAX_CONFIG_BYTES } from "./limits.js";
import { configSchema, type RawConfig } from "./schema.js";


/** Parses and validates config text; errors carry `file:line:column`. */
export function parseConfig(text: string, file: string): RawConfig {
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
    throw configError("E_CONFIG", `${file}: the config is larger than 1 MiB`, "a driftlog config is a few dozen lines; check the file name");
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const where = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return `${file}:${pos.line}:${pos.col}`;
  };
  const syntax = doc.errors[0];
  if (syntax) {
    const tooDeep = /call stack/i.test(syntax.message);
    const at = tooDeep ? syntax.pos[0] : (unclosedStart(text, syntax.pos[0]) ?? syntax.pos[0]);
    throw configError("E_CONFIG_SYNTAX", `${where(at)}: ${tooDeep ? "the YAML is nested too deeply" : syntax.message.split("\n")[0]}`, "fix the YAML syntax");
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw configError("E_CONFIG", `${file}: ${error instanceof Error ? error.message : String(error)}`, "remove the repeated aliases");
  }
  const result = configSchema.safeParse(data);
  if (result.success) {
    checkPatterns(result.data, doc, where);
    return result.data;
  }
  // Report the problem that comes first in the file; zod lists a map's unknown keys after its children.
  const [first, ...others] = result.error.issues
    .map((issue) => ({ issue, offset: offsetOf(doc, issue.path, issue.code === "unrecognized_keys" ? issue.keys[0] : undefined) ?? 0 }))
    .sort((a, b) => a.offset - b.offset);
  const more = others.length > 0 ? ` (and ${others.length} more problem${others.length > 1 ? "s" : ""})` : "";
  throw configError("E_CONFIG", `${where(first!.offset)}: ${describeIssue(first!.issue, doc)}${more}`, "see the config reference in README.md");
}

/**
 * Where the innermost construct left open before `errorOffset` starts: a flow
 * collection without its `]`/`}` or a quoted scalar without its closing quote.
 * The yaml package reports those where it gives up (often the end of the
 * file); the line that needs fixing is the one the construct opens on.
 */
export function unclosedStart(text: string, errorOffset: number): number | undefined {
  let found: number | undefined;
  const consider = (token: CST.Token | undefined) => {
    if (!token || token.offset > errorOffset || (found !== undefined && token.offset <= found)) return;
    if (token.type === "flow-collection") {
      const close = token.start.source === "[" ? "]" : "}";
      if (!token.end.some((end) => end.source === close)) found = token.offset;
    } else if (token.type === "double-quoted-scalar" || token.type === "single-quoted-scalar") {
      const quote = token.source[0]!;
      if (token.source.length < 2 || !token.source.endsWith(quote) || (quote === '"' && /(?<!\\)(?:\\\\)*\\"$/.test(token.source))) found = token.offset;
    }
  };
  try {
    for (const token of new Parser().parse(text)) {
      if (token.type !== "document") continue;
      consider(token.value);
      CST.visit(token, (item) => {
        consider(item.key ?? undefined);
        consider(item.value);
      });
    }
  } catch {
    // Nesting too deep to walk: keep the parser's own position.
    return undefined;
  }
  return found;
}

/** Where the node at `path` starts (or the nearest parent that exists); with `key`, where that key of the map starts. */
function offsetOf(doc: Document, path: readonly PropertyKey[], key?: string): number | undefined {
  if (key !== undefined) {
    const parent = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
    }
  }
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true);
    if (node && typeof node === "object" && "range" in node) {
      const range = (node as { range?: [number, number, number] }).range;
      if (range) return range[0];
    }
  }
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue, doc: Document): string {
  const at = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  if (issue.code === "unrecognized_keys") {
    const parent = doc.getIn(issue.path as unknown[], true);
    const known = isMap(parent) || issue.path.length === 0 ? knownKeys(issue.path) : [];
    return issue.keys
      .map((key) => {
        const near = closest(key, known, 1);
        return `${at}unknown key "${key}"${near.length > 0 ? ` (did you mean "${near[0]}"?)` : ""}`;
      })
      .join("; ");
  }
  if (issue.code === "invalid_type") {
    const received = /received (\w+)/.exec(issue.message)?.[1];
    return `${at}expected ${TYPE_NAMES[issue.expected] ?? issue.expected}${received ? `, got ${TYPE_NAMES[received] ?? received}` : ""}`;
  }
  return `${at}${issue.message}`;
}

/** Zod's type names in YAML's terms. */
const TYPE_NAMES: Record<string, string> = {
  array: "a list",
  object: "a mapping (key: value lines)",
  string: "a string",
  number: "a number",
  boolean: "true or false",
  null: "nothing (null)",
  undefined: "nothing",
};

function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema: unknown = configSchema;
  for (const key of path) {
    const shape = unwrap(schema);
    if (!shape) return [];
    schema = typeof key === "string" ? shape[key] : undefined;
  }
  return Object.keys(unwrap(schema) ?? {});
}

function unwrap(schema: unknown): Record<string, unknown> | undefined {
  let current = schema as { shape?: Record<string, unknown>; unwrap?: () => unknown } | undefined;
  while (current && !current.shape && typeof current.unwrap === "function") current = current.unwrap() as typeof current;
  return current?.shape;
}

function checkPatterns(config: RawConfig, doc: Document, where: (offset: number | undefined) => string): void {
  (config.exclude?.messagePatterns ?? []).forEach((pattern, index) => {
    try {
      new RegExp(pattern);
    } catch (error) {
      const node = doc.getIn(["exclude", "messagePatterns", index], true);
      const offset = isScalar(node) ? node.range?.[0] : undefined;
      throw configError("E_CONFIG", `${where(offset)}: exclude.messagePatterns[${index}] is not a valid regular expression: ${(error as Error).message}`);
    }
  });
}
