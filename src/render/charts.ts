import { isStillToPick, type Change } from "../model.js";

/**
 * Chart geometry, computed here so templates only draw: every coordinate is
 * a plain number in the SVG's own units, so charts need no script and no
 * network, print as they are, and are testable without a browser.
 */

export interface Bar {
  label: string;
  value: number;
  /** A CSS class for the colour (`status-unsynced`, `age`). */
  tone: string;
  x: number;
  y: number;
  width: number;
  height: number;
  labelX: number;
  labelY: number;
  valueX: number;
  valueY: number;
}

export interface BarChart {
  width: number;
  height: number;
  bars: Bar[];
  /** SVG text-anchor of the bar labels and of the values. */
  labelAnchor: "end" | "middle";
  valueAnchor: "start" | "middle";
  /** One sentence saying what the chart shows, for `<title>` and screen readers. */
  summary: string;
}

export interface TrendPoint {
  x: number;
  y: number;
  value: number;
  /** The week's last day, `YYYY-MM-DD`. */
  label: string;
  /** Whether the x axis shows this point's label (every fourth point, counted from the last, so labels never overlap). */
  showLabel: boolean;
  /** The label's text-anchor: the first and last labels keep inside the chart. */
  anchor: "start" | "middle" | "end";
}

export interface TrendChart {
  width: number;
  height: number;
  /** `x,y x,y ...` for a `<polyline>`. */
  linePoints: string;
  /** The area under the line, for a `<polygon>`. */
  areaPoints: string;
  points: TrendPoint[];
  max: number;
  axis: { x1: number; x2: number; yBase: number; yTop: number };
  summary: string;
  /** `Unsynced changes, last 12 weeks` or, over a longer window, `… last 40 weeks`. */
  caption: string;
}

const DAY = 86_400_000;
const WIDTH = 360;

/** Horizontal bars, one row per entry, with the label left of the bar and the value after it. */
export function horizontalBars(entries: readonly { label: string; value: number; tone: string }[], summary: string): BarChart {
  const labelWidth = 90;
  const barArea = WIDTH - labelWidth - 40;
  const row = 26;
  const max = Math.max(1, ...entries.map((entry) => entry.value));
  const bars = entries.map((entry, i) => {
    const y = 6 + i * row;
    const width = round((entry.value / max) * barArea);
    return { ...entry, x: labelWidth, y, width, height: row - 8, labelX: labelWidth - 6, labelY: y + 13, valueX: labelWidth + width + 6, valueY: y + 13 };
  });
  return { width: WIDTH, height: 6 + entries.length * row, bars, labelAnchor: "end", valueAnchor: "start", summary };
}

/** Vertical bars over labelled buckets, values above the bars. */
export function verticalBars(entries: readonly { label: string; value: number; tone: string }[], summary: string): BarChart {
  const height = 170;
  const base = height - 24;
  const top = 18;
  const slot = (WIDTH - 20) / Math.max(1, entries.length);
  const max = Math.max(1, ...entries.map((entry) => entry.value));
  const bars = entries.map((entry, i) => {
    const barHeight = round(((base - top) * entry.value) / max);
    const x = round(10 + i * slot + slot * 0.15);
    const width = round(slot * 0.7);
    return { ...entry, x, y: base - barHeight, width, height: barHeight, labelX: round(x + width / 2), labelY: height - 8, valueX: round(x + width / 2), valueY: base - barHeight - 5 };
  });
  return { width: WIDTH, height, bars, labelAnchor: "middle", valueAnchor: "middle", summary };
}

/** Age buckets of changes still to pick, in days. */
export const AGE_BUCKETS: readonly { label: string; max: number }[] = [
  { label: "≤ 7 d", max: 7 },
  { label: "8–30 d", max: 30 },
  { label: "31–90 d", max: 90 },
  { label: "91–180 d", max: 180 },
  { label: "> 180 d", max: Infinity },
];

export function ageHistogram(ages: readonly number[]): BarChart {
  const counts = AGE_BUCKETS.map((bucket, i) => ages.filter((age) => age <= bucket.max && (i === 0 || age > AGE_BUCKETS[i - 1]!.max)).length);
  const entries = AGE_BUCKETS.map((bucket, i) => ({ label: bucket.label, value: counts[i]!, tone: "age" }));
  const summary = `Age of the ${ages.length} changes still to pick: ${entries.map((entry) => `${entry.value} ${entry.label}`).join(", ")}.`;
  return verticalBars(entries, summary);
}

/**
 * How many changes were unsynced at the end of each of the last `weeks`
 * weeks (the last week ends at `now`): a change counts in week W when its
 * date is at or before W's end and it reached target after W's end or not
 * at all. Changes still to pick count up to now, even when partly synced;
 * excluded and reverted ones never count; a superseded one only counts up
 * to the date it reached target, if known.
 */
export function weeklyUnsynced(changes: readonly Change[], now: Date, weeks = 12, stepWeeks = 1): { end: Date; count: number }[] {
  const counted = changes.flatMap((change) => {
    if (isStillToPick(change.status)) return [{ from: Date.parse(change.date), until: Infinity }];
    if (change.syncedAt && (change.status === "synced" || change.status === "superseded")) return [{ from: Date.parse(change.date), until: Date.parse(change.syncedAt) }];
    return [];
  });
  return Array.from({ length: weeks }, (_, i) => {
    const end = new Date(now.getTime() - (weeks - 1 - i) * 7 * stepWeeks * DAY);
    const at = end.getTime();
    return { end, count: counted.filter(({ from, until }) => from <= at && until > at).length };
  });
}

/**
 * The trend's window chosen from the data: 12 points, one a week, unless
 * the oldest change counted is older than that; then the points spread
 * (2, 3, … weeks apart) so the first one comes before it and the line shows
 * the rise instead of a flat line at its height.
 */
export function unsyncedTrend(changes: readonly Change[], now: Date): TrendChart {
  const dates = changes.filter((change) => isStillToPick(change.status) || (change.syncedAt && (change.status === "synced" || change.status === "superseded"))).map((change) => Date.parse(change.date));
  const oldest = dates.length > 0 ? Math.min(...dates) : now.getTime();
  const spanWeeks = Math.max(0, (now.getTime() - oldest) / (7 * DAY));
  const stepWeeks = Math.max(1, Math.min(52, Math.ceil(spanWeeks / 11 + 1e-9)));
  return trendChart(weeklyUnsynced(changes, now, 12, stepWeeks), stepWeeks);
}

export function trendChart(series: readonly { end: Date; count: number }[], stepWeeks = 1): TrendChart {
  const height = 170;
  const left = 30;
  const right = WIDTH - 12;
  const yBase = height - 24;
  const yTop = 14;
  const max = Math.max(1, ...series.map((point) => point.count));
  const step = series.length > 1 ? (right - left) / (series.length - 1) : 0;
  const points = series.map(({ end, count }, i) => ({
    x: round(left + i * step),
    y: round(yBase - ((yBase - yTop) * count) / max),
    value: count,
    label: end.toISOString().slice(0, 10),
    showLabel: (series.length - 1 - i) % 4 === 0,
    anchor: i === series.length - 1 ? ("end" as const) : i === 0 ? ("start" as const) : ("middle" as const),
  }));
  const linePoints = points.map((point) => `${point.x},${point.y}`).join(" ");
  const areaPoints = points.length > 0 ? `${left},${yBase} ${linePoints} ${points[points.length - 1]!.x},${yBase}` : "";
  const last = series[series.length - 1]?.count ?? 0;
  const first = series[0]?.count ?? 0;
  const weeks = (series.length - 1) * stepWeeks + 1;
  const every = stepWeeks === 1 ? "each of the last" : `every ${stepWeeks} weeks over the last`;
  const summary = `Unsynced changes at the end of ${every} ${stepWeeks === 1 ? series.length : weeks} weeks: ${first} then, ${last} now (peak ${Math.max(0, ...series.map((point) => point.count))}).`;
  return { width: WIDTH, height, linePoints, areaPoints, points, max, axis: { x1: left, x2: right, yBase, yTop }, summary, caption: `Unsynced changes, last ${stepWeeks === 1 ? series.length : weeks} weeks` };
}

const round = (value: number) => Math.round(value * 10) / 10;
