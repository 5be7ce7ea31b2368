import { join, resolve } from "node:path";
import { usageError } from "../errors.js";
import { buildDigest, DIGEST_FILES, parseDigestFormats, readDigestInputs, renderDigest } from "../digest/index.js";
import { defaultNow } from "../sync.js";
import { COMMON_OPTIONS, parseCommandArgs } from "./args.js";
import { writeFilesAtomic } from "./output.js";
import type { CliIO } from "./run.js";

export const DIGEST_HELP = `Usage: driftlog digest REPORT.json... [options]

Merges sync reports (from many repositories and targets, e.g. one CI job
each) into one overview: a row per repository and target, most urgent first
(predicted conflicts, then the oldest unsynced change, then the unsynced count).

Options:
  --format LIST         md, html, comma-separated (default: md); email is not
                        available yet
  --out DIR             write DIR/digest.<md|html|eml> instead of stdout
  --link-base URL       link each row to URL/<report path relative to .>
                        (default: the report's path relative to --out or .)
  --templates DIR       templates that override the built-in digest.*.hbs
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

  const inputs = await readDigestInputs(positionals, (file) => resolve(io.cwd, file));
  const digest = buildDigest(inputs, { now: defaultNow(), cwd: io.cwd, outDir, linkBase: values["link-base"] });
  const context = { templates: values.templates === undefined ? undefined : resolve(io.cwd, values.templates) };
  const rendered = await Promise.all(formats.map(async (format) => ({ format, content: await renderDigest(format, digest, context) })));
  if (!outDir) {
    io.stdout(rendered[0]!.content);
    return 0;
  }
  await writeFilesAtomic(rendered.map(({ format, content }) => ({ path: join(outDir, DIGEST_FILES[format]), content })));
  if (!values.quiet) {
    io.stderr(`driftlog: digest of ${digest.totals.rows} report(s): ${digest.totals.pending} to pick, ${digest.totals.conflicts} predicted conflicts; wrote ${rendered.map(({ format }) => DIGEST_FILES[format]).join(", ")} to ${outDir}\n`);
  }
  return 0;
}
