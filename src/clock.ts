/** The moment reports are measured from: now, unless SOURCE_DATE_EPOCH pins it for reproducible reports and snapshots. */
export function defaultNow(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}
