import { appendFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../config/file.js";
import { writeFilesAtomic } from "../cli/output.js";
import { reportError, terminalSafe } from "../cli/run.js";
import { targetsOf } from "../cli/sync.js";
import { sendReportEmail, transportOptions, type SmtpOptions } from "../email/send.js";
import { usageError } from "../errors.js";
import { evaluateGate, parseFailOn } from "../gate.js";
import { openRepository } from "../git/repo.js";
import { reportsOf, type SyncOutput } from "../model.js";
import { syncTargets } from "../multi.js";
import { renderContextOf } from "../config/render-context.js";
import { parseFormats, renderReport, REPORT_FILES, type RenderContext } from "../render/index.js";
import { STEP_SUMMARY_LIMIT } from "../render/limit.js";
import { readInputs, type ActionInputs } from "./inputs.js";
import { errorAnnotation, maskCommand, outputLines } from "./workflow.js";

export { OUTPUT_COUNTS } from "./workflow.js";

type Env = Readonly<Record<string, string | undefined>>;

export interface ActionIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** driftlog's CLI next to the compiled action (`dist/cli.js`); the bundle passes its own path instead. */
const CLI_PATH = fileURLToPath(new URL("../cli.js", import.meta.url));

/**
 * The GitHub Action, in-process: one sync with the `INPUT_*` values in the
 * workspace; writes the reports, appends the Markdown report to
 * `$GITHUB_STEP_SUMMARY` and the counts to `$GITHUB_OUTPUT`, sends the drift
 * email when `email-to`/`smtp-url` ask for it, then checks `fail-on`. Returns
 * the CLI's exit code for the same run (1 for a tripped gate, which also
 * prints one `::error` annotation per rule); never throws.
 */
export async function runAction(env: Env, rawIO: ActionIO, options: { cli?: string } = {}): Promise<number> {
  const io: ActionIO = { ...rawIO, stderr: (text) => rawIO.stderr(terminalSafe(text)) };
  try {
    return await syncAction(env, readInputs(env), io, options.cli ?? CLI_PATH);
  } catch (error) {
    return reportError(error, io, false);
  }
}

async function syncAction(env: Env, inputs: ActionInputs, io: ActionIO, cli: string): Promise<number> {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const formats = parseFormats(inputs.formats.join(","));
  const rules = inputs.failOn.length > 0 ? parseFailOn(inputs.failOn.join(",")) : [];
  const smtp = smtpOf(inputs, env, io);

  const repo = resolve(workspace, inputs.repo);
  const repository = await openRepository(repo);
  const { config, file } = await loadConfig(inputs.config === undefined ? undefined : resolve(workspace, inputs.config), repository.path);
  const context = withInputs(renderContextOf(config, file ? dirname(file) : repository.path), inputs, workspace);
  const recipients = inputs.emailTo.length > 0 ? inputs.emailTo : (context.email?.to ?? []);
  if (smtp && recipients.length === 0) throw usageError("E_USAGE", "smtp-url needs recipients", "set the email-to input or email.to in the config");

  const output = await syncTargets(targetsOf(inputs.targets, config), { repo, config, source: inputs.source });
  const rendered = await Promise.all(formats.map(async (format) => ({ format, content: await renderReport(format, output, context) })));
  const outDir = resolve(workspace, inputs.output);
  await writeFilesAtomic(rendered.map(({ format, content }) => ({ path: join(outDir, REPORT_FILES[format]), content })));
  io.stderr(`driftlog: wrote ${formats.map((format) => REPORT_FILES[format]).join(", ")} to ${outDir}\n`);

  // Outputs and summary before the email and the gate: a failed send or a tripped gate still leaves them.
  const reports = reportsOf(output);
  const tripped = evaluateGate(reports, rules);
  if (env.GITHUB_OUTPUT) await appendFile(env.GITHUB_OUTPUT, outputLines(reports, { outDir, jsonFile: join(outDir, REPORT_FILES.json), gateTripped: tripped.length > 0, cli }));
  if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, await stepSummary(output, context, rendered.find(({ format }) => format === "md")?.content));
  if (smtp) {
    const sent = await sendReportEmail(output, recipients, smtp, context);
    io.stderr(`driftlog: sent "${sent.subject}" to ${sent.accepted.join(", ")}\n`);
  }
  for (const rule of tripped) {
    io.stderr(`driftlog: ${rule.message}\n`);
    io.stdout(errorAnnotation(rule.message));
  }
  return tripped.length > 0 ? 1 : 0;
}

/** The `templates` input (relative to the workspace) and `email-from` win over the config. */
function withInputs(context: RenderContext, inputs: ActionInputs, workspace: string): RenderContext {
  return {
    ...context,
    ...(inputs.templates ? { templates: resolve(workspace, inputs.templates) } : {}),
    email: { ...context.email, ...(inputs.emailFrom ? { from: inputs.emailFrom } : {}) },
  };
}

/**
 * The SMTP server, checked before the sync. The URL is masked in the job
 * log, and a malformed one is reported without quoting it.
 */
function smtpOf(inputs: ActionInputs, env: Env, io: ActionIO): SmtpOptions | undefined {
  if (!inputs.smtpUrl) {
    if (inputs.emailTo.length > 0) throw usageError("E_USAGE", "email-to needs smtp-url", "pass smtp-url from a secret: smtp-url: ${{ secrets.DRIFTLOG_SMTP_URL }}");
    return undefined;
  }
  io.stdout(maskCommand(inputs.smtpUrl));
  const smtp = { url: inputs.smtpUrl, user: env.DRIFTLOG_SMTP_USER, pass: env.DRIFTLOG_SMTP_PASS };
  try {
    const { auth } = transportOptions(smtp);
    if (auth?.pass) io.stdout(maskCommand(auth.pass));
  } catch {
    throw usageError("E_SMTP_URL", "smtp-url is not an smtp:// or smtps:// URL", "use smtp://user:password@host:587 or smtps://user:password@host:465");
  }
  return smtp;
}

/** The Markdown report: with several targets, the change × target matrix and then each target's details. */
export async function stepSummary(output: SyncOutput, context: RenderContext = {}, markdown?: string): Promise<string> {
  return capBytes(`${markdown ?? (await renderReport("md", output, context))}\n`, STEP_SUMMARY_LIMIT);
}

/**
 * A job's step summary is capped at 1 MiB: GitHub drops a bigger one whole.
 * The Markdown report fits by design; a user template may not, so it is cut
 * at a line end with a note.
 */
export function capBytes(text: string, limit: number): string {
  if (Buffer.byteLength(text) <= limit) return text;
  const note = "\n\n…cut at the 1 MiB step summary limit: see the HTML/JSON report.\n";
  const kept = Buffer.from(text).subarray(0, limit - Buffer.byteLength(note)).toString("utf8").replace(/\uFFFD$/, "");
  return `${kept.slice(0, Math.max(0, kept.lastIndexOf("\n")))}${note}`;
}
