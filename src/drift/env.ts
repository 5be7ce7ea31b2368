import { diffKeys, redactorFor } from "./secrets.js";
import type { KeysDetails } from "./types.js";

/**
 * .env files: keys added, removed and changed. Every value is hidden, whatever
 * its key: a .env file is where secrets live.
 */
export function diffDotenv(before: string | null, after: string | null): KeysDetails {
  const redact = redactorFor(before, after);
  return { kind: "keys", format: "dotenv", ...diffKeys(parseDotenv(before ?? ""), parseDotenv(after ?? ""), { redact, redactAll: true }) };
}

/** INI-style config (`[section]`, `key = value`): keys as `section.key`; values hidden for secret-looking keys. */
export function diffIni(before: string | null, after: string | null): KeysDetails {
  const redact = redactorFor(before, after);
  return { kind: "keys", format: "ini", ...diffKeys(parseIni(before ?? ""), parseIni(after ?? ""), { redact }) };
}

const DOTENV_LINE = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*(.*)$/;

/** The dotenv format as docker compose and dotenv read it: `export`, quotes, multi-line quoted values, `#` comments. */
export function parseDotenv(text: string): Map<string, string> {
  const env = new Map<string, string>();
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const match = DOTENV_LINE.exec(lines[i]!);
    if (!match) continue;
    const key = match[1]!;
    let raw = match[2]!.trim();
    const quote = raw[0];
    if (quote === '"' || quote === "'" || quote === "`") {
      // A quoted value ends at its closing quote, possibly lines later.
      let body = raw.slice(1);
      while (!closes(body, quote) && i + 1 < lines.length) body += `\n${lines[++i]}`;
      const end = closingIndex(body, quote);
      raw = end < 0 ? body : body.slice(0, end);
      env.set(key, quote === '"' ? raw.replace(/\\n/g, "\n").replace(/\\(["\\])/g, "$1") : raw);
    } else {
      env.set(key, raw.replace(/\s+#.*$/, ""));
    }
  }
  return env;
}

function closes(body: string, quote: string): boolean {
  return closingIndex(body, quote) >= 0;
}

function closingIndex(body: string, quote: string): number {
  for (let i = 0; i < body.length; i++) {
    if (body[i] === "\\" && quote === '"') i++;
    else if (body[i] === quote) return i;
  }
  return -1;
}

export function parseIni(text: string): Map<string, string> {
  const values = new Map<string, string>();
  let section = "";
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith(";") || trimmed.startsWith("#")) continue;
    const header = /^\[([^\]]+)\]$/.exec(trimmed);
    if (header) {
      section = header[1]!.trim();
      continue;
    }
    const at = trimmed.search(/[=:]/);
    const key = (at < 0 ? trimmed : trimmed.slice(0, at)).trim();
    if (key === "") continue;
    values.set(section ? `${section}.${key}` : key, at < 0 ? "" : trimmed.slice(at + 1).trim());
  }
  return values;
}
