import { usageError } from "../errors.js";
import { composeFormat, renderFormat, type RenderContext } from "./engine.js";
import type { ComposedEmail } from "./email.js";
import { DIGEST, type DigestFormat } from "./products.js";
import type { Digest } from "../digest/build.js";

export type { DigestFormat };
export const DIGEST_FORMATS = Object.keys(DIGEST) as readonly DigestFormat[];

/** The file each format is written to under `--out`. */
export const DIGEST_FILES = Object.fromEntries(DIGEST_FORMATS.map((format) => [format, DIGEST[format].file])) as Record<DigestFormat, string>;

/** The render context of a digest: user templates, and the email headers. */
export type DigestRenderContext = RenderContext;

/**
 * Renders the digest as Markdown, self-contained HTML (`templates/digest.*.hbs`)
 * or an RFC 5322 email (`templates/digest-email.{txt,html}.hbs`).
 */
export function renderDigest(format: DigestFormat, digest: Digest, context: RenderContext = {}): Promise<string> {
  return renderFormat(DIGEST[format], digest, context);
}

/** The digest email as a composed message, for `--format email` and for sending. */
export function digestEmail(digest: Digest, context: RenderContext = {}): Promise<ComposedEmail> {
  return composeFormat(DIGEST.email, digest, context);
}

/** Parses `--format a,b` for the digest. */
export function parseDigestFormats(value: string): DigestFormat[] {
  const formats = value.split(",").map((format) => format.trim()).filter(Boolean);
  if (formats.length === 0) throw usageError("E_FORMAT", `--format needs at least one of ${DIGEST_FORMATS.join(", ")}`);
  for (const format of formats) {
    if (!DIGEST_FORMATS.includes(format as DigestFormat)) throw usageError("E_FORMAT", `unknown digest --format ${JSON.stringify(format)}`, `use one or more of ${DIGEST_FORMATS.join(", ")}`);
  }
  return [...new Set(formats as DigestFormat[])];
}
