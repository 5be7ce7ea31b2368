import { join, resolve } from "node:path";
import { usageError } from "../errors.js";
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

  const report = await syncReport({
    repo: resolve(io.cwd, values.repo ?? "."),
    source: values.source,
    target: values.target,
    since: values.since,
    configFile: values.config === undefined ? undefined : resolve(io.cwd, values.config),
  });
  const rendered = await Promise.all(formats.map(async (format) => ({ format, content: await renderReport(format, report) })));
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
