import { join, resolve } from "node:path";
import { usageError } from "../errors.js";
import { sendReportEmail } from "../email/send.js";
import { loadRenderContext } from "../render/context.js";
import { parseFormats, renderReport, REPORT_FILES } from "../render/index.js";
import { syncReport } from "../sync.js";
import { COMMON_OPTIONS, parseCommandArgs } from "./args.js";
import { writeFilesAtomic } from "./output.js";
import type { CliIO } from "./run.js";

export const SYNC_HELP = `Usage: driftlog sync [options]

Which Docker/IaC changes on the source branch have reached the target branch.

Options:
  --repo DIR            repository to read (default: .)
  --source REF          branch that gets changes first (default: main)
  --target REF          release branch to compare with (default: stable)
  --since REV|DATE      only source changes after this revision or date
  --config FILE         config file (default: driftlog.config.yaml at the top level)
  --format LIST         json, md, html, email, comma-separated (default: json)
  --out DIR             write DIR/sync-report.<json|md|html|eml> instead of stdout
  --email-to LIST       send the drift email to these addresses (comma-separated; default: email.to)
  --smtp URL            SMTP server for --email-to: smtp://host:587 or smtps://host:465
                        (credentials in the URL or DRIFTLOG_SMTP_USER / DRIFTLOG_SMTP_PASS)
  --quiet               print nothing but errors
  --debug               print stack traces with errors
`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  source: { type: "string" },
  target: { type: "string" },
  since: { type: "string" },
  format: { type: "string" },
  out: { type: "string" },
  "email-to": { type: "string" },
  smtp: { type: "string" },
} as const;

export async function syncCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, "sync");
  if (values.help) {
    io.stdout(SYNC_HELP);
    return 0;
  }
  if (positionals.length > 0) throw usageError("E_USAGE", `unexpected argument ${JSON.stringify(positionals[0])}`, "run `driftlog sync --help`");
  const formats = parseFormats(values.format ?? "json");
  if (formats.length > 1 && !values.out) throw usageError("E_USAGE", "several formats need --out DIR", "add --out reports/ or pass one --format");

  if (values["email-to"] !== undefined && !values.smtp) throw usageError("E_USAGE", "--email-to needs --smtp URL", "add --smtp smtp://host:587");

  const repo = resolve(io.cwd, values.repo ?? ".");
  const configFile = values.config === undefined ? undefined : resolve(io.cwd, values.config);
  const report = await syncReport({ repo, source: values.source, target: values.target, since: values.since, configFile });
  const context = await loadRenderContext({ repo, configFile });
  const rendered = await Promise.all(formats.map(async (format) => ({ format, content: await renderReport(format, report, context) })));
  if (values.smtp) {
    const to = values["email-to"]?.split(",").map((address) => address.trim()).filter(Boolean) ?? context.email?.to ?? [];
    const sent = await sendReportEmail(report, to, { url: values.smtp, user: process.env.DRIFTLOG_SMTP_USER, pass: process.env.DRIFTLOG_SMTP_PASS }, context);
    if (!values.quiet) io.stderr(`driftlog: sent "${sent.subject}" to ${sent.accepted.join(", ")}\n`);
  }
  if (!values.out) {
    io.stdout(rendered[0]!.content);
    return 0;
  }
  const outDir = resolve(io.cwd, values.out);
  await writeFilesAtomic(rendered.map(({ format, content }) => ({ path: join(outDir, REPORT_FILES[format]), content })));
  if (!values.quiet) {
    const { summary } = report;
    io.stderr(`driftlog: ${summary.unsynced} unsynced, ${summary.partial} partial, ${summary.conflicts} predicted conflicts; wrote ${rendered.map(({ format }) => REPORT_FILES[format]).join(", ")} to ${outDir}\n`);
  }
  return 0;
}
