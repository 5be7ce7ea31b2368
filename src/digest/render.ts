import { usageError } from "../errors.js";
import { loadTemplates } from "../render/templates.js";
import type { Digest } from "./build.js";
import { digestView, mdCell, mdUrl } from "./view.js";

export type DigestFormat = "md" | "html" | "email";
export const DIGEST_FORMATS: readonly DigestFormat[] = ["md", "html", "email"];

/** The file each format is written to under `--out`. */
export const DIGEST_FILES: Record<DigestFormat, string> = { md: "digest.md", html: "digest.html", email: "digest.eml" };

export interface DigestRenderContext {
  /** A folder of user templates that override the built-in ones. */
  templates?: string;
}

const HELPERS = {
  md: (text: unknown) => mdCell(String(text ?? "")),
  mdUrl: (url: unknown) => mdUrl(String(url ?? "")),
};

/** Renders the digest as Markdown or self-contained HTML (`templates/digest.*.hbs`). */
export async function renderDigest(format: DigestFormat, digest: Digest, context: DigestRenderContext = {}): Promise<string> {
  if (format === "email") throw usageError("E_FORMAT_UNSUPPORTED", "--format email is not yet supported by digest", "use --format md or html");
  const templates = await loadTemplates({ overrideDir: context.templates, helpers: HELPERS });
  return templates.render(`digest.${format}.hbs`, digestView(digest));
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
