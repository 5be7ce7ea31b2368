import { appendFile, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { run, type CliIO } from "../cli/run.js";
import { parseReports } from "../digest/parse.js";
import type { Summary, SyncReport } from "../model.js";
import type { SyncOutput } from "../multi.js";
import { renderReport, REPORT_FILES } from "../render/index.js";
import { readInputs, syncArgs } from "./inputs.js";

type Env = Readonly<Record<string, string | undefined>>;

/** driftlog's own CLI next to this script, so later steps can run `node <cli> changelog ...`. */
const CLI_PATH = fileURLToPath(new URL("../cli.js", import.meta.url));

/** The counts published as step outputs, summed over every target. */
export const OUTPUT_COUNTS = ["unsynced", "partial", "conflicts", "synced", "superseded", "excluded", "reverted", "total"] as const satisfies readonly (keyof Summary)[];

/**
 * The GitHub Action: runs `driftlog sync` with the `INPUT_*` values in the
 * workspace, then appends the Markdown report to `$GITHUB_STEP_SUMMARY` and
 * the counts to `$GITHUB_OUTPUT` when the runner sets them. Returns the
 * CLI's exit code, so a tripped `fail-on` gate (1) still fails the step
 * after its summary and outputs are written.
 */
export async function runAction(env: Env, io: Omit<CliIO, "cwd">): Promise<number> {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const inputs = readInputs(env);
  const code = await run(syncArgs(inputs), { ...io, cwd: workspace });
  if (code !== 0 && code !== 1) return code;

  const outDir = resolve(workspace, inputs.output);
  const jsonFile = join(outDir, REPORT_FILES.json);
  const text = await readFile(jsonFile, "utf8");
  const reports = parseReports(text, jsonFile);
  if (env.GITHUB_OUTPUT) await appendFile(env.GITHUB_OUTPUT, outputLines(reports, { outDir, jsonFile, code }));
  if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, await stepSummary(JSON.parse(text) as SyncOutput));
  return code;
}

function outputLines(reports: readonly SyncReport[], extra: { outDir: string; jsonFile: string; code: number }): string {
  const lines = OUTPUT_COUNTS.map((name) => `${name}=${reports.reduce((sum, report) => sum + report.summary[name], 0)}`);
  lines.push(`targets=${reports.map((report) => report.target.ref).join(",")}`);
  lines.push(`report-dir=${extra.outDir}`, `report-json=${extra.jsonFile}`, `gate-tripped=${extra.code === 1}`, `cli=${CLI_PATH}`);
  return `${lines.join("\n")}\n`;
}

/** The Markdown report: with several targets, the change × target matrix and then each target's details. */
export async function stepSummary(output: SyncOutput): Promise<string> {
  return `${await renderReport("md", output)}\n`;
}
