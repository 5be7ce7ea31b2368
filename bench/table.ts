import { fmt } from "./profile.js";
import { median, type Sample } from "./measure.js";
import type { Score } from "./score.js";

/** One benchmark row: driftlog against a reference, each measured several times. */
export interface Row {
  task: string;
  ours: Sample[];
  reference: string;
  theirs: Sample[];
  /** The target ratio ours/theirs the issue sets, if any. */
  target?: number;
  /** The target peak RSS of driftlog's whole run (all processes at once), in MB, if any. */
  rssTarget?: number;
  note?: string;
}

/** The highest peak of the samples in MB, or null when none was measured. */
const peakMb = (samples: readonly Sample[], field: "rssKb" | "treeRssKb") => {
  const peaks = samples.map((sample) => sample[field]).filter((kb): kb is number => kb !== null);
  return peaks.length === 0 ? null : Math.max(...peaks) / 1024;
};
const mb = (samples: readonly Sample[], field: "rssKb" | "treeRssKb" = "rssKb") => {
  const peak = peakMb(samples, field);
  return peak === null ? "n/a" : `${peak.toFixed(0)} MB`;
};

export function rowsMarkdown(rows: readonly Row[]): string {
  const lines = [
    "| task | driftlog (median) | reference | reference (median) | ratio ours/theirs | target | driftlog peak RSS (largest process) | driftlog peak RSS (all processes at once) | reference peak RSS |",
    "|---|---:|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const row of rows) {
    if (row.ours.length === 0) {
      lines.push(`| ${row.task} | skipped | ${row.reference} | | | | | | |`);
      continue;
    }
    const ours = median(row.ours.map((sample) => sample.ms));
    const theirs = median(row.theirs.map((sample) => sample.ms));
    const ratio = ours / theirs;
    const verdict = row.target === undefined ? "" : `≤ ${row.target.toFixed(1)}x ${ratio <= row.target ? "✓" : "✗"}`;
    lines.push(`| ${row.task} | ${fmt(ours)} | ${row.reference} | ${fmt(theirs)} | ${ratio.toFixed(2)}x | ${verdict} | ${mb(row.ours)} | ${mb(row.ours, "treeRssKb")}${rssVerdict(row)} | ${mb(row.theirs)} |`);
  }
  const notes = rows.filter((row) => row.note).map((row) => `- ${row.task}: ${row.note}`);
  return [...lines, ...(notes.length > 0 ? ["", ...notes] : [])].join("\n");
}

/** ` (≤ N MB ✓)` after the all-processes peak when the row has an RSS target. */
function rssVerdict(row: Row): string {
  if (row.rssTarget === undefined) return "";
  const peak = peakMb(row.ours, "treeRssKb");
  if (peak === null) return ` (≤ ${row.rssTarget} MB: not measured)`;
  return ` (≤ ${row.rssTarget} MB ${peak <= row.rssTarget ? "✓" : "✗"})`;
}

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

export function accuracyMarkdown(score: Score, cherryMark: number): string {
  const statuses = [...new Set(Object.values(score.table).flatMap((counts) => Object.keys(counts)))].sort();
  const lines = [
    `Sync accuracy against the ground truth: recall ${percent(score.recall)} (${score.found}/${score.picks} picks reported synced, partial or superseded; target ≥ 99%), ` +
      `precision ${percent(score.precision)} (${score.falsePositives.length} unpicked commits reported synced or partial; target 0). ` +
      `For comparison, \`git log --cherry-mark\` marks ${percent(cherryMark)} of the picks as equivalent.`,
    "",
    `| ground truth | ${statuses.join(" | ")} |`,
    `|---|${statuses.map(() => "---:").join("|")}|`,
    ...Object.entries(score.table).map(([row, counts]) => `| ${row} | ${statuses.map((status) => counts[status] ?? 0).join(" | ")} |`),
  ];
  return lines.join("\n");
}
