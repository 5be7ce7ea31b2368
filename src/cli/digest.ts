import { join, resolve } from "node:path";
import { usageError } from "../errors.js";
import { buildDigest, readDigestInputs } from "../digest/index.js";
import { DIGEST_FILES, digestEmail, parseDigestFormats, renderDigest } from "../render/index.js";
import { duplicatesLine } from "../render/digest-view.js";
import { sendComposed, transportOptions } from "../email/send.js";
import { defaultNow } from "../clock.js";
import { COMMON_OPTIONS, parseCommandArgs } from "./args.js";
import { writeFilesAtomic } from "./output.js";
import type { CliIO } from "./io.js";

export const DIGEST_HELP = `Usage: driftlog digest REPORT.json... [options]

Merges sync reports (from many repositories and targets, e.g. one CI job
each) into one overview: a row per repository and target, most urgent first
(predicted conflicts, then the oldest unsynced change, then the unsynced count).
Reports of the same repository, source, target and tips count once.
A report written for several targets gives one row per target.

Options:
  --format LIST         md, html, email, comma-separated (default: md); email is
                        the message as it would be sent (digest.eml)
  --out DIR             write DIR/digest.<md|html|eml> instead of stdout
  --link-base URL       link each row to URL/<report path relative to .>
                        (default: the report's path relative to --out or .;
                        the email links rows only to http(s) URLs)
  --templates DIR       templates that override the built-in digest.*.hbs and
                        digest-email.*.hbs
  --email-to LIST       send the digest email to these addresses (comma-separated)
  --email-from ADDR     its From (default: driftlog <driftlog@localhost>)
  --smtp URL            SMTP server for --email-to: smtp://host:587 or smtps://host:465
                        (credentials in the URL or DRIFTLOG_SMTP_USER / DRIFTLOG_SMTP_PASS)
  --quiet               print nothing but errors
  --debug               print stack traces with errors
`;

const OPTIONS = {
  quiet: COMMON_OPTIONS.quiet,
  debug: COMMON_OPTIONS.debug,
  help: COMMON_OPTIONS.help,
  format: { type: "string" },
  out: { type: "string" },
  "link-base": { type: "string" },
  templates: { type: "string" },
  "email-to": { type: "string" },
  "email-from": { type: "string" },
  smtp: { type: "string" },
} as const;

export async function digestCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, "digest");
  if (values.help) {
    io.stdout(DIGEST_HELP);
    return 0;
  }
  if (positionals.length === 0) throw usageError("E_USAGE", "digest needs at least one sync report JSON file", "run `driftlog digest --help`");
  const formats = parseDigestFormats(values.format ?? "md");
  if (formats.length > 1 && !values.out) throw usageError("E_USAGE", "several formats need --out DIR", "add --out digest/ or pass one --format");
  const outDir = values.out === undefined ? undefined : resolve(io.cwd, values.out);
  const to = values["email-to"]?.split(",").map((address) => address.trim()).filter(Boolean);
  if (to !== undefined && !values.smtp) throw usageError("E_USAGE", "--email-to needs --smtp URL", "add --smtp smtp://host:587");
  if (values.smtp && (to === undefined || to.length === 0)) throw usageError("E_EMAIL_TO", "no recipients for the digest email", "pass --email-to ADDR");
  const smtp = values.smtp ? { url: values.smtp, user: process.env.DRIFTLOG_SMTP_USER, pass: process.env.DRIFTLOG_SMTP_PASS } : undefined;
  if (smtp) transportOptions(smtp); // a malformed URL fails before any work

  const inputs = await readDigestInputs(positionals, (file) => resolve(io.cwd, file));
  const digest = buildDigest(inputs, { now: defaultNow(), cwd: io.cwd, outDir, linkBase: values["link-base"] });
  const duplicates = duplicatesLine(digest);
  if (duplicates && !values.quiet) io.stderr(`driftlog: ${duplicates}\n`);
  const context = {
    templates: values.templates === undefined ? undefined : resolve(io.cwd, values.templates),
    email: values["email-from"] ? { from: values["email-from"] } : {},
  };
  const rendered = await Promise.all(formats.map(async (format) => ({ format, content: await renderDigest(format, digest, context) })));
  if (outDir) await writeFilesAtomic(rendered.map(({ format, content }) => ({ path: join(outDir, DIGEST_FILES[format]), content })));
  else io.stdout(rendered[0]!.content);
  if (smtp && to) {
    const message = await digestEmail(digest, { ...context, email: { ...context.email, to } });
    const sent = await sendComposed(message, to, smtp);
    if (!values.quiet) io.stderr(`driftlog: sent "${sent.subject}" to ${sent.accepted.join(", ")}\n`);
  }
  if (!outDir) return 0;
  if (!values.quiet) {
    io.stderr(`driftlog: digest of ${digest.totals.rows} report(s): ${digest.totals.pending} to pick, ${digest.totals.conflicts} predicted conflicts; wrote ${rendered.map(({ format }) => DIGEST_FILES[format]).join(", ")} to ${outDir}\n`);
  }
  return 0;
}
