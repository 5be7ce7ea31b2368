import { readFileSync } from "node:fs";

/** The parts of V8's `.cpuprofile` JSON that the summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Wall time the profile covers, ms. */
  totalMs: number;
  /** Main thread waiting (for git's output, for I/O), ms. */
  idleMs: number;
  gcMs: number;
  /** Self time by function, largest first. */
  functions: { name: string; where: string; ms: number }[];
  /** Self time by source file (our modules, dependencies by package, node internals), largest first. */
  files: { file: string; ms: number }[];
}

/**
 * Self time per function and per file from a `node --cpu-prof` profile:
 * each sample's time delta is charged to the frame on top of the stack.
 */
export function summarizeProfile(path: string, root: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const functions = new Map<string, { name: string; where: string; ms: number }>();
  const files = new Map<string, number>();
  let idleMs = 0;
  let gcMs = 0;
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = functionName || "(anonymous)";
    if (name === "(idle)") idleMs += ms;
    if (name === "(garbage collector)") gcMs += ms;
    const file = fileOf(url, root) || name;
    const where = url ? `${file}:${lineNumber + 1}` : "";
    const key = `${name}\0${where}`;
    const entry = functions.get(key) ?? { name, where, ms: 0 };
    entry.ms += ms;
    functions.set(key, entry);
    files.set(file, (files.get(file) ?? 0) + ms);
  }
  const byMs = <T extends { ms: number }>(a: T, b: T) => b.ms - a.ms;
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    idleMs,
    gcMs,
    functions: [...functions.values()].sort(byMs),
    files: [...files].map(([file, ms]) => ({ file, ms })).sort(byMs),
  };
}

/** `dist/diff/lines.js` for our files, `node_modules/<package>` for dependencies, `node:<module>` for internals. */
function fileOf(url: string, root: string): string {
  if (!url) return "";
  const path = url.replace(/^file:\/\//, "");
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (dependency) return `node_modules/${dependency[1]}`;
  if (path.startsWith(`${root}/`)) return path.slice(root.length + 1);
  return path;
}

/** The summary as Markdown: where the wall time went, then the top self-time functions and files. */
export function profileMarkdown(summary: ProfileSummary, cpuMs: number | null, top = 15): string {
  const pct = (ms: number) => `${((100 * ms) / summary.totalMs).toFixed(1)}%`;
  const busy = summary.totalMs - summary.idleMs;
  const lines = [
    `Wall ${fmt(summary.totalMs)} in the profile: JavaScript and GC busy ${fmt(busy)} (${pct(busy)}), of which GC ${fmt(summary.gcMs)}; main thread idle (waiting for git / I/O) ${fmt(summary.idleMs)} (${pct(summary.idleMs)}).`,
  ];
  if (cpuMs !== null) lines.push(`CPU of the whole run (node + git children, GNU time): ${fmt(cpuMs)}; so git and other threads used about ${fmt(Math.max(0, cpuMs - busy))}.`);
  lines.push("", "| self time | share | function | where |", "|---:|---:|---|---|");
  for (const f of summary.functions.filter((entry) => entry.name !== "(idle)").slice(0, top)) lines.push(`| ${fmt(f.ms)} | ${pct(f.ms)} | \`${f.name}\` | ${f.where} |`);
  lines.push("", "| self time | share | file |", "|---:|---:|---|");
  for (const f of summary.files.filter((entry) => entry.file !== "(idle)").slice(0, top)) lines.push(`| ${fmt(f.ms)} | ${pct(f.ms)} | ${f.file} |`);
  return lines.join("\n");
}

export const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
