import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One timed run of a command. */
export interface Sample {
  ms: number;
  /** Peak resident set size in KiB of the largest process of the run, or null when it could not be read. */
  rssKb: number | null;
  /** Peak of the summed resident set sizes of the command and all its descendants at the same instant (polled from /proc every 10 ms), or null off Linux. */
  treeRssKb: number | null;
  /** User + system CPU of the command and the children it waited for, in ms (null without GNU time). */
  cpuMs: number | null;
  code: number;
  stderr: string;
}

export interface Command {
  label: string;
  file: string;
  args: string[];
  cwd: string;
  /** Where stdout goes; default /dev/null. */
  stdout?: string;
  env?: NodeJS.ProcessEnv;
}

const GNU_TIME = "/usr/bin/time";
const hasGnuTime = existsSync(GNU_TIME);

/**
 * Runs a command once and measures wall time and peak RSS. With GNU time
 * (`/usr/bin/time -v -o FILE`) the RSS is the kernel's ru_maxrss over the
 * command and its children; without it, the command's own VmHWM is polled
 * from /proc (Linux), which misses its children.
 */
export async function measure(command: Command): Promise<Sample> {
  const scratch = mkdtempSync(join(tmpdir(), "driftlog-bench-time-"));
  const stats = join(scratch, "time.txt");
  const out = openSync(command.stdout ?? "/dev/null", "w");
  try {
    const [file, args] = hasGnuTime ? [GNU_TIME, ["-v", "-o", stats, command.file, ...command.args]] : [command.file, command.args];
    const started = performance.now();
    const child = spawn(file, args, { cwd: command.cwd, env: command.env ?? process.env, stdio: ["ignore", out, "pipe"] });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      if (stderr.length < 8192) stderr += chunk;
    });
    let polled: number | null = null;
    let tree: number | null = null;
    const poll = setInterval(() => {
      if (!hasGnuTime) {
        const hwm = vmHwm(child.pid);
        if (hwm !== null) polled = Math.max(polled ?? 0, hwm);
      }
      const sum = treeRss(child.pid);
      if (sum !== null) tree = Math.max(tree ?? 0, sum);
    }, 10);
    const code = await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (exit) => resolve(exit ?? 1));
    });
    const ms = performance.now() - started;
    clearInterval(poll);
    if (!hasGnuTime) return { ms, rssKb: polled, treeRssKb: tree, cpuMs: null, code, stderr };
    const text = existsSync(stats) ? readFileSync(stats, "utf8") : "";
    const field = (name: string) => Number(new RegExp(`${name}[^:]*:\\s*([\\d.]+)`).exec(text)?.[1] ?? NaN);
    const cpu = (field("User time") + field("System time")) * 1000;
    return { ms, rssKb: field("Maximum resident set size") || null, treeRssKb: tree, cpuMs: Number.isNaN(cpu) ? null : cpu, code, stderr: stderr.replace(/\s*Command exited with non-zero status \d+\s*$/, "") };
  } finally {
    closeSync(out);
    rmSync(scratch, { recursive: true, force: true });
  }
}

function vmHwm(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** VmRSS of a process and all its descendants now, in KiB (Linux: /proc/PID/task/TID/children). */
function treeRss(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  const read = (file: string) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return "";
    }
  };
  let total = 0;
  let seen = false;
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop()!;
    const rss = /VmRSS:\s+(\d+) kB/.exec(read(`/proc/${next}/status`));
    if (rss) (total += Number(rss[1])), (seen = true);
    for (const children of read(`/proc/${next}/task/${next}/children`).split(" ")) if (children.trim()) pending.push(Number(children));
  }
  return seen ? total : null;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Runs `ours` and `theirs` alternately (ABBA order) so drift in machine load hits both alike; one untimed warm-up each. */
export async function race(ours: Command, theirs: Command, rounds: number, before?: () => void): Promise<{ ours: Sample[]; theirs: Sample[] }> {
  const result = { ours: [] as Sample[], theirs: [] as Sample[] };
  const run = async (which: "ours" | "theirs", keep: boolean) => {
    before?.();
    const sample = await measure(which === "ours" ? ours : theirs);
    if (sample.code !== 0) throw new Error(`${(which === "ours" ? ours : theirs).label} exited with ${sample.code}: ${sample.stderr.trim().split("\n").slice(-3).join(" | ")}`);
    if (keep) result[which].push(sample);
  };
  await run("ours", false);
  await run("theirs", false);
  for (let round = 0; round < rounds; round++) {
    const order: ("ours" | "theirs")[] = round % 2 === 0 ? ["ours", "theirs"] : ["theirs", "ours"];
    for (const which of order) await run(which, true);
  }
  return result;
}
