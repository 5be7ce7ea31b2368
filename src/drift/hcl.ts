/**
 * A small HCL reader: enough to find blocks and attributes, by a tokenizer
 * that knows strings (with `${...}` templates holding nested strings),
 * heredocs, the three comment forms and nested brackets. It does not evaluate
 * expressions: an attribute's value is its normalised token text.
 */

export interface Token {
  type: "ident" | "string" | "heredoc" | "other" | "newline";
  text: string;
}

export interface HclAttribute {
  kind: "attribute";
  name: string;
  text: string;
}

export interface HclBlock {
  kind: "block";
  type: string;
  labels: string[];
  body: HclItem[];
  text: string;
}

export type HclItem = HclAttribute | HclBlock;

const IDENT = /[A-Za-z_][\w-]*/y;
const HEREDOC = /<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n/y;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    const heredoc = c === "<" && next === "<" ? matchAt(HEREDOC, text, i) : null;
    const ident = heredoc ? null : matchAt(IDENT, text, i);
    if (c === "\n") {
      tokens.push({ type: "newline", text: "\n" });
      i++;
    } else if (c === " " || c === "\t" || c === "\r") i++;
    else if (c === "#" || (c === "/" && next === "/")) i = lineEnd(text, i);
    else if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      tokens.push({ type: "string", text: text.slice(i, end) });
      i = end;
    } else if (heredoc) {
      const end = heredocEnd(text, i + heredoc[0].length, heredoc[2]!);
      tokens.push({ type: "heredoc", text: text.slice(i, end) });
      tokens.push({ type: "newline", text: "\n" });
      i = end;
    } else if (ident) {
      tokens.push({ type: "ident", text: ident[0] });
      i += ident[0].length;
    } else {
      tokens.push({ type: "other", text: c });
      i++;
    }
  }
  return tokens;
}

function matchAt(regex: RegExp, text: string, at: number): RegExpExecArray | null {
  regex.lastIndex = at;
  return regex.exec(text);
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end < 0 ? text.length : end;
}

/** The index after a quoted string starting at `start`; template interpolations may hold strings of their own. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\") i += 2;
    else if (c === '"') return i + 1;
    else if (c === "\n") return i;
    else if ((c === "$" || c === "%") && text[i + 1] === "{" && text[i - 1] !== c) i = templateEnd(text, i + 2);
    else i++;
  }
  return text.length;
}

function templateEnd(text: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < text.length && depth > 0) {
    const c = text[i]!;
    if (c === '"') i = stringEnd(text, i);
    else {
      if (c === "{") depth++;
      else if (c === "}") depth--;
      i++;
    }
  }
  return i;
}

/** Heredocs end at a line holding only the marker (indentation allowed, as `<<-` needs). */
function heredocEnd(text: string, from: number, marker: string): number {
  let i = from;
  while (i < text.length) {
    const end = lineEnd(text, i);
    if (text.slice(i, end).trim() === marker) return end;
    i = end + 1;
  }
  return text.length;
}

/** Top-level items of an HCL file, or null when its brackets do not balance. */
export function readHcl(text: string): HclItem[] | null {
  return readBody(tokenize(text));
}

const OPEN = new Set(["{", "[", "("]);
const CLOSE = new Set(["}", "]", ")"]);

function readBody(tokens: readonly Token[]): HclItem[] | null {
  const items: HclItem[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (token.type === "newline") {
      i++;
      continue;
    }
    if (token.type !== "ident") return null;
    if (tokens[i + 1]?.text === "=" && tokens[i + 2]?.text !== "=") {
      const end = expressionEnd(tokens, i + 2);
      if (end < 0) return null;
      items.push({ kind: "attribute", name: token.text, text: textOf(tokens.slice(i + 2, end)) });
      i = end;
      continue;
    }
    const labels: string[] = [];
    let j = i + 1;
    while (tokens[j] && (tokens[j]!.type === "string" || tokens[j]!.type === "ident")) labels.push(unquote(tokens[j++]!.text));
    if (tokens[j]?.text !== "{") return null;
    const close = matching(tokens, j);
    if (close < 0) return null;
    const body = readBody(tokens.slice(j + 1, close));
    if (!body) return null;
    items.push({ kind: "block", type: token.text, labels, body, text: textOf(tokens.slice(j + 1, close)) });
    i = close + 1;
  }
  return items;
}

/** An expression ends at a newline outside brackets. */
function expressionEnd(tokens: readonly Token[], from: number): number {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const text = tokens[i]!.text;
    if (tokens[i]!.type === "other" && OPEN.has(text)) depth++;
    else if (tokens[i]!.type === "other" && CLOSE.has(text)) {
      if (--depth < 0) return -1;
    } else if (text === "\n" && depth === 0) return i;
  }
  return depth === 0 ? tokens.length : -1;
}

function matching(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.type !== "other") continue;
    if (OPEN.has(tokens[i]!.text)) depth++;
    else if (CLOSE.has(tokens[i]!.text) && --depth === 0) return i;
  }
  return -1;
}

/** Token text without comments, layout or newlines: formatting-only edits compare equal. */
function textOf(tokens: readonly Token[]): string {
  return tokens.filter((token) => token.type !== "newline").map((token) => token.text).join(" ");
}

function unquote(text: string): string {
  return text.startsWith('"') && text.endsWith('"') && text.length >= 2 ? text.slice(1, -1) : text;
}
