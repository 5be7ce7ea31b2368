import { z } from "zod";
import { usageError } from "../errors.js";
import { CHANGE_STATUSES, type ChangeStatus, type SyncReport } from "../model.js";

const count = z.number().int().nonnegative();
const ref = z.looseObject({ ref: z.string(), sha: z.string() });
const tool = z.looseObject({ name: z.literal("driftlog"), version: z.string() });

/**
 * The parts of a sync report (schemaVersion 1) the digest reads. Objects are
 * loose: later versions may add fields, and the digest keeps working.
 */
const syncReportSchema = z.looseObject({
  schemaVersion: z.literal(1),
  tool,
  generatedAt: z.string(),
  repository: z.looseObject({ path: z.string(), remoteUrl: z.string().nullable() }),
  source: ref,
  target: ref,
  mergeBase: z.string(),
  summary: z.looseObject({ total: count, synced: count, partial: count, unsynced: count, superseded: count, excluded: count, reverted: count, conflicts: count }),
  changes: z.array(
    z.looseObject({
      sha: z.string(),
      shortSha: z.string(),
      subject: z.string(),
      date: z.string(),
      ageDays: z.number(),
      status: z.enum(CHANGE_STATUSES as [ChangeStatus, ...ChangeStatus[]]),
      pick: z.enum(["clean", "conflict"]).nullable(),
    }),
  ),
  targetOnly: z.array(z.unknown()),
});

/** `sync --target a --target b` writes one report per target under `targets`. */
const multiTargetSchema = z.looseObject({
  schemaVersion: z.literal(1),
  tool,
  generatedAt: z.string(),
  targets: z.array(syncReportSchema).min(1),
});

/**
 * The sync reports in one JSON text: a single-target report or a multi-target
 * `{ targets: [...] }` file. Anything else is a usage error naming `file` and
 * the first thing wrong with it.
 */
export function parseReports(text: string, file: string): SyncReport[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw notAReport(file, `not JSON (${(error as Error).message})`);
  }
  const isMulti = typeof data === "object" && data !== null && "targets" in data;
  const result = (isMulti ? multiTargetSchema : syncReportSchema).safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
    const detail = version !== undefined && version !== 1 ? `schemaVersion ${JSON.stringify(version)} is not supported (this driftlog reads 1)` : `${where}${issue.message}`;
    throw notAReport(file, detail);
  }
  // The schema checks what the digest reads; the rest is the producer's SyncReport as written.
  return isMulti ? ((result.data as { targets: unknown[] }).targets as SyncReport[]) : [result.data as unknown as SyncReport];
}

const notAReport = (file: string, detail: string) =>
  usageError("E_DIGEST_INPUT", `${file} is not a driftlog sync report: ${detail}`, "pass files written by `driftlog sync --format json`");
