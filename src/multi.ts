import type { SyncReport } from "./model.js";
import { FactsSession } from "./cache/facts.js";
import { distinctFromSource } from "./git/refs.js";
import { defaultNow, syncReportIn, type SyncOptions, type SyncProgress } from "./sync.js";

/**
 * The JSON of `driftlog sync` with more than one target: one full sync
 * report per target, in the order the targets were given. With one target
 * the output stays the plain {@link SyncReport}.
 */
export interface MultiSyncReport {
  schemaVersion: 1;
  tool: SyncReport["tool"];
  generatedAt: string;
  targets: SyncReport[];
}

/** What `sync` produces: one report, or one per target. */
export type SyncOutput = SyncReport | MultiSyncReport;

export const isMultiTarget = (output: SyncOutput): output is MultiSyncReport => "targets" in output;

/** The per-target reports of either shape. */
export const reportsOf = (output: SyncOutput): SyncReport[] => (isMultiTarget(output) ? output.targets : [output]);

export interface SyncTargetsOptions extends Omit<SyncOptions, "target" | "onProgress"> {
  /** Progress of each target's run, with its target and place in the list. */
  onProgress?: (progress: SyncProgress & { target: string; index: number; count: number }) => void;
}

/**
 * Compares `source` with each target in turn (one {@link syncReport} run
 * each, all measured from the same moment) and returns the single report
 * for one target, the multi-target report for several. Repeated targets
 * count once.
 */
export async function syncTargets(targets: readonly string[], options: SyncTargetsOptions = {}): Promise<SyncOutput> {
  const unique = [...new Set(targets)];
  if (unique.length === 0) throw new Error("syncTargets needs at least one target");
  // Refused before any target runs, not after the others' work (the config file, when not given, is read per run).
  const source = options.source ?? (options.config ? (options.config.source ?? "main") : undefined);
  if (source !== undefined) for (const target of unique) distinctFromSource(source, target);
  const now = options.now ?? defaultNow();
  const { onProgress, ...rest } = options;
  const reports: SyncReport[] = [];
  // One cache for all targets, saved once: each target keeps what the others used.
  const session = new FactsSession(options.cache !== false);
  for (const [index, target] of unique.entries()) {
    const report = await syncReportIn(session, {
      ...rest,
      now,
      target,
      ...(onProgress ? { onProgress: (progress: SyncProgress) => onProgress({ ...progress, target, index, count: unique.length }) } : {}),
    });
    reports.push(report);
  }
  await session.save();
  if (reports.length === 1) return reports[0]!;
  return { schemaVersion: 1, tool: reports[0]!.tool, generatedAt: now.toISOString(), targets: reports };
}
