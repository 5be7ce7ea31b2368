import type { SyncReport, Summary } from "../model.js";

/** The counts published as step outputs, summed over every target. */
export const OUTPUT_COUNTS = ["unsynced", "partial", "conflicts", "synced", "superseded", "excluded", "reverted", "total"] as const satisfies readonly (keyof Summary)[];

/** A command's data as the runner reads it back: `%`, CR and LF escaped, so text from a commit cannot start a command of its own. */
export const escapeData = (text: string): string => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");

/** One `::error` annotation line (stdout) for a tripped gate rule. */
export const errorAnnotation = (message: string): string => `::error title=driftlog::${escapeData(message)}\n`;

/** Hides a secret (the SMTP URL, its password) wherever it would appear in the job log. */
export const maskCommand = (secret: string): string => `::add-mask::${escapeData(secret)}\n`;

export interface OutputFacts {
  outDir: string;
  jsonFile: string;
  gateTripped: boolean;
  cli: string;
}

/** `$GITHUB_OUTPUT` lines: the counts summed over the targets, then where things are. */
export function outputLines(reports: readonly SyncReport[], facts: OutputFacts): string {
  const lines = OUTPUT_COUNTS.map((name) => `${name}=${reports.reduce((sum, report) => sum + report.summary[name], 0)}`);
  lines.push(`targets=${reports.map((report) => report.target.ref).join(",")}`);
  lines.push(`report-dir=${facts.outDir}`, `report-json=${facts.jsonFile}`, `gate-tripped=${facts.gateTripped}`, `cli=${facts.cli}`);
  return `${lines.join("\n")}\n`;
}
