import { posix } from "node:path";
import { parse as parseToml } from "smol-toml";
import { parseDotenv } from "./env.js";
import { canonical, parseYamlDocuments } from "./yaml.js";

/**
 * Whether two versions of a file differ only in comments, blank lines or
 * formatting, for the file types where that is decidable: .env (same keys
 * and values), YAML and TOML (same data), Dockerfiles (same lines once
 * comments, blank lines and trailing spaces are left out; parser directives
 * such as `# syntax=` count). Null for any other file type or a file that
 * does not parse.
 */
export function onlyCommentsDiffer(path: string, category: string, before: string, after: string): boolean | null {
  const name = posix.basename(path);
  const reader = readerFor(name, category);
  if (!reader) return null;
  try {
    const [old, now] = [reader(before), reader(after)];
    return old === null || now === null ? null : old === now;
  } catch {
    return null;
  }
}

type Reader = (text: string) => string | null;

function readerFor(name: string, category: string): Reader | null {
  if (/(?:^\.env$|^\.env\.|\.env$)/i.test(name) && !/\.(?:ya?ml|toml|json)$/i.test(name)) return (text) => canonical([...parseDotenv(text)].sort());
  if (/\.ya?ml$/i.test(name)) return (text) => {
    const docs = parseYamlDocuments(text);
    return docs ? canonical(docs) : null;
  };
  if (/\.toml$/i.test(name)) return (text) => canonical(parseToml(text));
  if (category === "docker" && /(?:^|\.)(?:Dockerfile|Containerfile)(?:\.|$)|\.dockerfile$/i.test(name)) return dockerfileLines;
  return null;
}

function dockerfileLines(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const kept: string[] = [];
  let header = true;
  for (const line of lines) {
    const trimmed = line.trim();
    // Parser directives (`# syntax=`, `# escape=`) are only directives before the first other line.
    if (header && /^#\s*[a-z]+\s*=/i.test(trimmed)) {
      kept.push(trimmed.toLowerCase());
      continue;
    }
    header = false;
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    kept.push(line.trimEnd());
  }
  return kept.join("\n");
}
