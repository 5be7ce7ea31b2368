import { dirname, join, resolve } from "node:path";
import { loadConfig } from "../config/file.js";
import type { RawConfig } from "../config/schema.js";
import { sendReportEmail, transportOptions } from "../email/send.js";
import { usageError } from "../errors.js";
import { evaluateGate, parseFailOn, type GateRule } from "../gate.js";
import { openRepository } from "../git/repo.js";
import { reportsOf, type SyncOutput } from "../model.js";
import { syncTargets } from "../multi.js";
import { renderContextOf } from "../config/render-context.js";
import { parseFormats, renderReport, REPORT_FILES } from "../render/index.js";
import { COMMON_OPTIONS, parseCommandArgs } from "./args.js";
import { writeFilesAtomic } from "./output.js";
import { progressDisplay, type Terminal } from "./progress.js";
import type { CliIO } from "./io.js";
import { unreadLine } from "./unread.js";

export const SYNC_HELP = `Usage: driftlog sync [options]

Which Docker/IaC changes on the source branch have reached the target branch.

Options:
  --repo DIR            repository to read (default: .)
  --source REF          branch that gets changes first (default: main)
  --target REF          release branch to compare with (default: targets: or target:
                        in the config, else stable); repeat it for several targets:
                        one report per target, and a change × target matrix
  --since REV|DATE      only source changes after this revision or date
  --config FILE         config file (default: driftlog.config.yaml at the top level)
  --format LIST         json, md, html, email, comma-separated (default: json)
  --out DIR             write DIR/sync-report.<json|md|html|eml> instead of stdout
  --max-rows N          rows per list in the Markdown report, then "and 42 more: see the
                        HTML/JSON report" (default: 25, cut further until the report fits
                        a GitHub comment, 65,536 characters; given, it fits 1 MiB)
  --fail-on RULES       exit 1 after writing the reports when a change matches a rule
                        (comma-separated, across all targets):
                          unsynced   a change is unsynced or partial
                          conflict   a change's cherry-pick is predicted to conflict
                          drift      a Docker/IaC file differs between the tips, not kept
                          age:14d    an unsynced or partial change is 14 days old or
                                     more (units: d days, w weeks, h hours)
  --email-to LIST       send the drift email to these addresses (comma-separated; default: email.to)
  --smtp URL            SMTP server for --email-to: smtp://host:587 or smtps://host:465
                        (credentials in the URL or DRIFTLOG_SMTP_USER / DRIFTLOG_SMTP_PASS)
  --no-cache            neither read nor update the cache under .git/driftlog/
  --quiet               print nothing but errors and tripped --fail-on rules
                        (and no progress line)
  --debug               print stack traces with errors

On a terminal, a progress line shows on stderr while the history is read.
Exit codes: 0 done, 1 a --fail-on rule tripped, 2 usage or config error, 3 repository error,
5 the SMTP server failed, 6 a device error while writing.
`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  source: { type: "string" },
  target: { type: "string", multiple: true },
  since: { type: "string" },
  format: { type: "string" },
  out: { type: "string" },
  "max-rows": { type: "string" },
  "fail-on": { type: "string", multiple: true },
  "email-to": { type: "string" },
  smtp: { type: "string" },
  "no-cache": { type: "boolean" },
} as const;

/** The CLI's streams, plus the terminal stderr is when it is one (for the progress line). */
export type SyncIO = CliIO & { terminal?: Terminal };

export async function syncCommand(argv: string[], io: SyncIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, "sync");
  if (values.help) {
    io.stdout(SYNC_HELP);
    return 0;
  }
  if (positionals.length > 0) throw usageError("E_USAGE", `unexpected argument ${JSON.stringify(positionals[0])}`, "run `driftlog sync --help`");
  const formats = parseFormats(values.format ?? "json");
  if (formats.length > 1 && !values.out) throw usageError("E_USAGE", "several formats need --out DIR", "add --out reports/ or pass one --format");
  const maxRows = values["max-rows"] === undefined ? undefined : parseMaxRows(values["max-rows"]);
  const rules: GateRule[] = values["fail-on"] ? parseFailOn(values["fail-on"].join(",")) : [];
  if (values["email-to"] !== undefined && !values.smtp) throw usageError("E_USAGE", "--email-to needs --smtp URL", "add --smtp smtp://host:587");
  const smtp = values.smtp ? { url: values.smtp, user: process.env.DRIFTLOG_SMTP_USER, pass: process.env.DRIFTLOG_SMTP_PASS } : undefined;
  if (smtp) transportOptions(smtp); // a malformed URL fails before the run, not after it

  const repo = resolve(io.cwd, values.repo ?? ".");
  const configFile = values.config === undefined ? undefined : resolve(io.cwd, values.config);
  const repository = await openRepository(repo);
  const { config, file } = await loadConfig(configFile, repository.path);
  const context = { ...renderContextOf(config, file ? dirname(file) : repository.path), ...(maxRows === undefined ? {} : { maxRows }) };
  const recipients = values["email-to"]?.split(",").map((address) => address.trim()).filter(Boolean) ?? context.email?.to ?? [];
  if (smtp && recipients.length === 0) throw usageError("E_USAGE", "--smtp needs recipients", "add --email-to ADDR or email.to in the config");
  const progress = progressDisplay(values.quiet ? undefined : io.terminal);
  let output: SyncOutput;
  try {
    output = await syncTargets(targetsOf(values.target, config), {
      repo,
      config,
      source: values.source,
      since: values.since,
      cache: values["no-cache"] !== true,
      onProgress: (event) => progress.update(event),
    });
  } finally {
    progress.clear();
  }
  const unread = reportsOf(output).flatMap((report) => (report.unread ? [{ label: report.target.ref, unread: report.unread }] : []));
  if (unread.length > 0 && !values.quiet) io.stderr(unreadLine(unread));
  const rendered = await Promise.all(formats.map(async (format) => ({ format, content: await renderReport(format, output, context) })));

  // Reports first: a tripped gate or a failed send still leaves them written.
  const outDir = values.out === undefined ? undefined : resolve(io.cwd, values.out);
  if (outDir) await writeFilesAtomic(rendered.map(({ format, content }) => ({ path: join(outDir, REPORT_FILES[format]), content })));
  else io.stdout(rendered[0]!.content);
  if (smtp) {
    const sent = await sendReportEmail(output, recipients, smtp, context);
    if (!values.quiet) io.stderr(`driftlog: sent "${sent.subject}" to ${sent.accepted.join(", ")}\n`);
  }
  if (outDir && !values.quiet) io.stderr(`driftlog: ${countsLine(output)}; wrote ${rendered.map(({ format }) => REPORT_FILES[format]).join(", ")} to ${outDir}\n`);

  const tripped = evaluateGate(reportsOf(output), rules);
  for (const rule of tripped) io.stderr(`driftlog: ${rule.message}\n`);
  return tripped.length > 0 ? 1 : 0;
}

/** `--max-rows N`: a whole number of rows, at least 1. */
export function parseMaxRows(value: string): number {
  if (!/^[1-9]\d{0,6}$/.test(value.trim())) throw usageError("E_USAGE", `--max-rows needs a whole number of rows from 1, got ${JSON.stringify(value)}`, "e.g. --max-rows 50");
  return Number(value.trim());
}

/** `--target` flags win; else the config's `targets:`, then `target:`, then `stable`. */
export function targetsOf(flags: readonly string[] | undefined, config: RawConfig): string[] {
  if (flags && flags.length > 0) return [...new Set(flags)];
  if (config.targets && config.targets.length > 0) return [...new Set(config.targets)];
  return [config.target ?? "stable"];
}

function countsLine(output: SyncOutput): string {
  const reports = reportsOf(output);
  const counts = (summary: { unsynced: number; partial: number; conflicts: number }) => `${summary.unsynced} unsynced, ${summary.partial} partial, ${summary.conflicts} predicted conflicts`;
  if (reports.length === 1) return counts(reports[0]!.summary);
  return reports.map((report) => `${report.target.ref}: ${counts(report.summary)}`).join("; ");
}
