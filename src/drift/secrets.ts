import { createHash, createHmac } from "node:crypto";
import type { KeyChange, KeyDiff, ValueChange } from "./types.js";

/**
 * Secret handling shared by every differ. Values of secret-looking keys (and
 * every value of a .env file) are never shown: they become keyed hashes.
 *
 * The hash is HMAC-SHA256 of the value, keyed with SHA-256 of the file's two
 * versions, truncated to 12 hex digits. Within one file the same value gives
 * the same hash (so `before`/`after` can be compared) and runs are
 * reproducible; but only someone who already holds both versions of the file
 * can recompute it, so a report reader cannot guess a weak secret offline.
 */
export type Redactor = (value: string) => string;

/** Words that make a key (or any segment of a key path) secret. Substrings on purpose: a false positive only hides a value. */
const SECRET_KEY = /pass(?:word|wd|phrase)?|secret|token|credential|key|pwd|private|auth|cert|salt|signature|dsn/i;

/** Longer values are not scanned for credentials but redacted whole (the patterns below are superlinear on hostile text). */
const MAX_SCANNED = 1024;
/** Credentials written into a value: `scheme://user:password@host`. */
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)@/gi;
/** `--password=x`, `TOKEN=x`, `api_key: x` inside a command line or a string. */
const INLINE_SECRET = /((?:^|[\s"'{,-])[\w.-]*(?:pass(?:word|wd)?|secret|token|credential|api[_-]?key|private[_-]?key|pwd)[\w.-]*["']?\s*[=:]\s*["']?)([^\s"',}]+)/gi;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** True when a value carries credentials of its own (a URL with a password, an inline `password=`). */
export function hasInlineSecret(value: string): boolean {
  // The patterns backtrack on long runs of name characters; a value this long is hidden whole.
  if (value.length > MAX_SCANNED) return true;
  URL_USERINFO.lastIndex = 0;
  INLINE_SECRET.lastIndex = 0;
  return URL_USERINFO.test(value) || INLINE_SECRET.test(value);
}

/** The redactor for one file: keyed by both versions of the file. */
export function redactorFor(before: string | null, after: string | null): Redactor {
  const key = createHash("sha256").update(`${before ?? "\0absent"}\0${after ?? "\0absent"}`).digest();
  return (value) => `hmac:${createHmac("sha256", key).update(value).digest("hex").slice(0, 12)}`;
}

/** Masks credentials inside free text (commands, healthchecks, URLs) while keeping the rest readable. */
export function maskInline(text: string, redact: Redactor): string {
  if (text.length > MAX_SCANNED) return redact(text);
  return text
    .replace(URL_USERINFO, (_all, head: string, secret: string) => `${head}${redact(secret)}@`)
    .replace(INLINE_SECRET, (_all, head: string, secret: string) => `${head}${redact(secret)}`);
}

export interface KeyDiffOptions {
  redact: Redactor;
  /** Hide every value (a .env file), not only those of secret-looking keys. */
  redactAll?: boolean;
}

/**
 * Compares two key → value maps. Values are shown only when neither the key
 * nor the value looks secret and the file is not one whose values are all hidden.
 */
export function diffKeys(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>, options: KeyDiffOptions): KeyDiff {
  const added = [...after.keys()].filter((key) => !before.has(key)).sort();
  const removed = [...before.keys()].filter((key) => !after.has(key)).sort();
  const changed: KeyChange[] = [];
  for (const [key, value] of after) {
    const old = before.get(key);
    if (old === undefined || old === value) continue;
    changed.push({ key, ...showPair(key, { before: old, after: value }, options) });
  }
  changed.sort((a, b) => a.key.localeCompare(b.key));
  return { added, removed, changed };
}

/** A before/after pair of one key, hashed when it must not be shown. */
export function showPair(key: string, pair: ValueChange, options: KeyDiffOptions): ValueChange & { redacted: boolean } {
  const values = [pair.before, pair.after].filter((value): value is string => value !== null);
  const redacted = options.redactAll === true || isSecretKey(key) || values.some(hasInlineSecret);
  const show = (value: string | null) => (value === null ? null : redacted ? options.redact(value) : value);
  return { before: show(pair.before), after: show(pair.after), redacted };
}

export function emptyKeyDiff(diff: KeyDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}
