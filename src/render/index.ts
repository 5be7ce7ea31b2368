/**
 * The render stage's face: every product (sync report, multi-target report,
 * changelog, release notes, digest) goes through one engine, one template
 * set per folder, one helper set and one escape module.
 */
import { usageError } from "../errors.js";
import { isMultiTarget, type SyncOutput } from "../model.js";
import { composeFormat, renderFormat, type RenderContext } from "./engine.js";
import type { ComposedEmail } from "./email.js";
import { MULTI_TARGET_REPORT, SYNC_REPORT, type Format } from "./products.js";

export type { RenderContext } from "./engine.js";
export type { Format } from "./products.js";
export const FORMATS = Object.keys(SYNC_REPORT) as readonly Format[];

/** The file each format is written to under `--out`. */
export const REPORT_FILES = Object.fromEntries(FORMATS.map((format) => [format, SYNC_REPORT[format].file])) as Record<Format, string>;

/** A sync report (or a multi-target one: matrix first, then each target) in one format. */
export function renderReport(format: Format, report: SyncOutput, context: RenderContext = {}): Promise<string> {
  return isMultiTarget(report) ? renderFormat(MULTI_TARGET_REPORT[format], report, context) : renderFormat(SYNC_REPORT[format], report, context);
}

/**
 * The drift email as an RFC 5322 message: multipart/alternative with the
 * plain-text and the HTML part (inline styles only) rendered from templates.
 * With several targets the subject sums over them and the body starts with
 * the change × target matrix. Deterministic: Date, Message-ID and MIME
 * boundaries derive from the report unless given.
 */
export function composeEmail(report: SyncOutput, context: RenderContext = {}): Promise<ComposedEmail> {
  return isMultiTarget(report) ? composeFormat(MULTI_TARGET_REPORT.email, report, context) : composeFormat(SYNC_REPORT.email, report, context);
}

/** Parses `--format a,b`; an unknown format is a usage error. */
export function parseFormats(value: string): Format[] {
  const formats = value.split(",").map((format) => format.trim()).filter(Boolean);
  if (formats.length === 0) throw usageError("E_FORMAT", `--format needs at least one of ${FORMATS.join(", ")}`);
  for (const format of formats) {
    if (!FORMATS.includes(format as Format)) throw usageError("E_FORMAT", `unknown --format ${JSON.stringify(format)}`, `use one or more of ${FORMATS.join(", ")}`);
  }
  return [...new Set(formats as Format[])];
}

export { DIGEST_FILES, DIGEST_FORMATS, digestEmail, parseDigestFormats, renderDigest, type DigestFormat, type DigestRenderContext } from "./digest.js";
export { CHANGELOG_FORMATS, renderChangelog, renderReleaseNotes, type ChangelogFormat, type RenderChangelogOptions } from "./changelog.js";
export { composeMessage, digestSubject, emailSubject, multiEmailSubject, DEFAULT_FROM, type ComposedEmail, type EmailOptions, type MessageContent } from "./email.js";
export { digestEmailView, digestView, SORT_RULE, type DigestEmailView, type DigestView } from "./digest-view.js";
