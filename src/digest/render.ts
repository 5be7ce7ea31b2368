import type { ComposedEmail, EmailOptions } from "../email/compose.js";
import { usageError } from "../errors.js";
import { loadTemplates } from "../render/templates.js";
import type { Digest } from "./build.js";
import { composeDigestEmail } from "./email.js";
import { digestView, mdCell, mdUrl } from "./view.js";

export type DigestFormat = "md" | "html" | "email";
export const DIGEST_FORMATS: readonly DigestFormat[] = ["md", "html", "email"];

/** The file each format is written to under `--out`. */
export const DIGEST_FILES: Record<DigestFormat, string> = { md: "digest.md", html: "digest.html", email: "digest.eml" };

export interface DigestRenderContext {
  /** A folder of user templates that override the built-in ones. */
  templates?: string;
  /** Headers of the `email` format: from, to, and Date/Message-ID to pin them. */
  email?: EmailOptions;
}

const HELPERS = {
  md: (text: unknown) => mdCell(String(text ?? "")),
  mdUrl: (url: unknown) => mdUrl(String(url ?? "")),
  eq: (a: unknown, b: unknown) => a === b,
};

/**
 * Renders the digest as Markdown, self-contained HTML (`templates/digest.*.hbs`)
 * or an RFC 5322 email (`templates/digest-email.{txt,html}.hbs`).
 */
export async function renderDigest(format: DigestFormat, digest: Digest, context: DigestRenderContext = {}): Promise<string> {
  if (format === "email") return (await digestEmail(digest, context)).raw.toString("utf8");
  const templates = await loadTemplates({ overrideDir: context.templates, helpers: HELPERS });
  return templates.render(`digest.${format}.hbs`, digestView(digest));
}

/** The digest email as a composed message, for `--format email` and for sending. */
export async function digestEmail(digest: Digest, context: DigestRenderContext = {}): Promise<ComposedEmail> {
  const templates = await loadTemplates({ overrideDir: context.templates, helpers: HELPERS });
  return composeDigestEmail(digest, templates, context.email);
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
