import { FactsSession } from "./cache/facts.js";
import { defaultNow } from "./clock.js";
import { usageError } from "./errors.js";
import { distinctFromSource } from "./git/refs.js";
import type { SyncOutput, SyncReport } from "./model.js";
import { syncReportIn, type SyncOptions, type SyncProgress } from "./sync.js";

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
  if (unique.length === 0) throw usageError("E_NO_TARGET", "no target to compare with", "pass --target REF or set targets: in the config");
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
