/**
 * `npm run bench [-- --commits 20000] [--rounds 5] [--seed 1] [--warm] [--profile] [--rebuild] [--shape huge-manifests] [--only changelog]`
 *
 * `--shape huge-manifests` benchmarks the other repository shape: generated
 * Kubernetes manifests of 20k-50k lines changed by hundreds of commits
 * (huge-manifests.ts; 3,000 commits unless --commits says otherwise).
 *
 * `--only changelog` times only the changelog rows (no sync rows, no sync
 * accuracy; `--profile` then profiles `changelog`), written to
 * .bench/results-<N>-changelog.{md,json}.
 *
 * Builds (or reuses, under .bench/) a synthetic repository and times driftlog
 * against the tools users compare it with: `sync` against
 * `git log --cherry-mark`, `changelog` against git-cliff and
 * conventional-changelog. Prints a Markdown report and writes it with the raw
 * samples to .bench/results-<N>.{md,json}.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { HUGE_GENERATOR_VERSION, makeHugeManifestRepo } from "./huge-manifests.js";
import { GENERATOR_VERSION, makeRepo, type GroundTruth } from "./make-repo.js";
import { median, measure, race, type Command, type Sample } from "./measure.js";
import { fmt, profileMarkdown, summarizeProfile } from "./profile.js";
import { cherryMarkRecall, scoreSync } from "./score.js";
import { accuracyMarkdown, rowsMarkdown, type Row } from "./table.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
const CLI = join(ROOT, "dist", "cli.js");
/**
 * git-cliff is a devDependency pinned to 2.13.1: the newest release whose
 * per-platform binaries are all on the registry, which `npm ci` needs to accept
 * the lock file. When npm skipped it (--omit=dev), one on PATH is used.
 */
const installed = (bin: string) => (existsSync(join(ROOT, "node_modules", ".bin", bin)) ? join(ROOT, "node_modules", ".bin", bin) : bin);
const GIT_CLIFF = installed("git-cliff");
/**
 * conventional-changelog (its CLI is part of the package from 7.x) and the
 * conventionalcommits preset are devDependencies pinned to 7.2.1 and 9.3.1:
 * the newest releases whose `engines` accept Node 20 (8.x and 10.x need 22).
 */
const CONVENTIONAL_CHANGELOG = installed("conventional-changelog");
const WARM_COMMITS = 100;

const { values } = parseArgs({
  options: {
    commits: { type: "string", default: "20000" },
    rounds: { type: "string" },
    seed: { type: "string", default: "1" },
    warm: { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    rebuild: { type: "boolean", default: false },
    shape: { type: "string", default: "standard" },
    only: { type: "string" },
  },
});
if (values.shape !== "standard" && values.shape !== "huge-manifests") throw new Error("--shape must be standard or huge-manifests");
if (values.only !== undefined && values.only !== "changelog") throw new Error("--only must be changelog");
const changelogOnly = values.only === "changelog";
const huge = values.shape === "huge-manifests";
const commits = Number(huge && !process.argv.includes("--commits") ? "3000" : values.commits);
const rounds = Number(values.rounds ?? (commits > 50_000 ? 3 : 5));
const seed = Number(values.seed);

const say = (text: string) => process.stderr.write(`bench: ${text}\n`);
const capture = (file: string, args: string[], cwd = ROOT) => spawnSync(file, args, { cwd, encoding: "utf8", maxBuffer: 1 << 30 });

/** The cached repository for this size, seed and generator version; truth.json is written last, so its presence means complete. */
async function ensureRepo(): Promise<{ dir: string; repo: string; truth: GroundTruth }> {
  const dir = join(ROOT, ".bench", huge ? `huge-v${HUGE_GENERATOR_VERSION}-n${commits}-s${seed}` : `v${GENERATOR_VERSION}-n${commits}-s${seed}`);
  const repo = join(dir, "repo");
  const truthFile = join(dir, "truth.json");
  if (!values.rebuild && existsSync(truthFile)) return { dir, repo, truth: JSON.parse(readFileSync(truthFile, "utf8")) as GroundTruth };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  say(`generating ${commits} commits (seed ${seed}) in ${repo}`);
  const started = performance.now();
  const truth = huge ? await makeHugeManifestRepo({ dir: repo, commits, seed }) : await makeRepo({ dir: repo, commits, seed, extra: WARM_COMMITS });
  writeFileSync(truthFile, `${JSON.stringify(truth, null, 2)}\n`);
  say(`generated in ${fmt(performance.now() - started)}`);
  return { dir, repo, truth };
}

function machine(): string {
  const git = capture("git", ["--version"]).stdout.trim();
  const cliff = capture(GIT_CLIFF, ["--version"]).stdout?.trim() || "git-cliff not installed";
  return `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, ${git}, ${cliff}`;
}

const syncCommand = (repo: string, out: string, extra: string[] = []): Command => ({
  label: "driftlog sync",
  file: process.execPath,
  args: [CLI, "sync", "--repo", repo, "--source", "main", "--target", "stable", "--format", "json", ...extra],
  cwd: ROOT,
  stdout: out,
});
const gitCherry = (repo: string): Command => ({ label: "git log --cherry-mark", file: "git", args: ["log", "--cherry-mark", "--no-merges", "main...stable"], cwd: repo });

/**
 * The same cold sync started as users start it with `npx driftlog` in a
 * project that depends on driftlog: a throwaway project under .bench/ with
 * this checkout installed as a folder dependency (a link, nothing fetched).
 */
async function npxRow(repo: string, syncOut: string): Promise<Row> {
  const project = join(ROOT, ".bench", "npx-project");
  if (!existsSync(join(project, "node_modules", ".bin", "driftlog"))) {
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "driftlog-bench-npx", private: true })}\n`);
    execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--save-dev", ROOT], { cwd: project, stdio: "ignore" });
  }
  const direct = syncCommand(repo, syncOut, ["--no-cache"]);
  const npx: Command = { ...direct, label: "npx driftlog sync", file: "npx", args: ["--no-install", "driftlog", ...direct.args.slice(1)], cwd: project };
  say(`sync started through npx, ${rounds} rounds`);
  const timed = await race(npx, gitCherry(repo), rounds);
  return { task: "sync, cold (--no-cache), started through `npx driftlog`", ours: timed.ours, reference: "`git log --cherry-mark --no-merges main...stable`", theirs: timed.theirs };
}

async function warmRow(dir: string, truth: GroundTruth): Promise<Row> {
  const copy = join(dir, "warm-repo");
  if (!existsSync(copy)) cpSync(join(dir, "repo"), copy, { recursive: true });
  const setMain = (sha: string) => execFileSync("git", ["update-ref", "refs/heads/main", sha], { cwd: copy });
  const out = join(dir, "warm.json");
  const cold: Sample[] = [];
  const warm: Sample[] = [];
  for (let round = 0; round <= rounds; round++) {
    setMain(truth.refs.main);
    rmSync(join(copy, ".git", "driftlog"), { recursive: true, force: true });
    const first = await measure(syncCommand(copy, out));
    setMain(truth.refs.warm!);
    const second = await measure(syncCommand(copy, out));
    if (first.code !== 0 || second.code !== 0) throw new Error(`warm sync failed: ${first.stderr || second.stderr}`);
    if (round > 0) cold.push(first), warm.push(second);
  }
  setMain(truth.refs.main);
  return { task: `sync after ${WARM_COMMITS} new commits, warm`, ours: warm, reference: "same, cold (no .git/driftlog)", theirs: cold, target: 0.3 };
}

function changelogAvailable(): string | null {
  if (!existsSync(join(ROOT, "dist", "cli", "changelog.js"))) return "skipped: `driftlog changelog` is not built yet";
  const help = capture(process.execPath, [CLI, "changelog", "--help"]);
  return help.status === 0 ? null : `skipped: \`driftlog changelog --help\` exited ${help.status}`;
}

const changelogCommand = (repo: string): Command => ({ label: "driftlog changelog", file: process.execPath, args: [CLI, "changelog", "--repo", repo], cwd: ROOT });

/** driftlog's changelog of every release against each reference tool that is installed. */
async function changelogRows(repo: string): Promise<Row[]> {
  const references: { task: string; reference: string; command: Command; missing: string }[] = [
    {
      task: "changelog (all releases)",
      reference: "`git-cliff --repository R` (built-in default config)",
      command: { label: "git-cliff", file: GIT_CLIFF, args: ["--repository", repo], cwd: repo },
      missing: "git-cliff not installed (`npm ci` installs it)",
    },
    {
      task: "changelog (all releases) vs conventional-changelog",
      // It reads the repository it is started in.
      reference: "`conventional-changelog -p conventionalcommits -r 0 --stdout` (cwd R)",
      command: { label: "conventional-changelog", file: CONVENTIONAL_CHANGELOG, args: ["-p", "conventionalcommits", "-r", "0", "--stdout"], cwd: repo },
      missing: "conventional-changelog not installed (`npm ci` installs it)",
    },
  ];
  const skip = huge ? "skipped: not measured on the huge-manifest shape" : changelogAvailable();
  const rows: Row[] = [];
  for (const { task, reference, command, missing } of references) {
    const why = skip ?? (capture(command.file, ["--version"]).status === 0 ? null : `skipped: ${missing}`);
    if (why) {
      rows.push({ task, ours: [], reference, theirs: [], note: why });
      continue;
    }
    say(`changelog vs ${command.label}, ${rounds} rounds`);
    const timed = await race(changelogCommand(repo), command, rounds);
    rows.push({ task, ours: timed.ours, reference, theirs: timed.theirs, target: 1 });
  }
  return rows;
}

async function main(): Promise<void> {
  const { dir, repo, truth } = await ensureRepo();
  const rows: Row[] = [];
  const syncOut = join(dir, "sync.json");
  if (!changelogOnly) {
    say(`sync vs git log --cherry-mark, ${rounds} rounds`);
    // Cold: nothing under .git/driftlog is read (--no-cache); then the same run with the cache filled.
    const cold = await race(syncCommand(repo, syncOut, ["--no-cache"]), gitCherry(repo), rounds);
    // The issue's memory targets: the huge shape, and the standard shape at 100k commits.
    const rssTarget = huge ? 400 : commits >= 100_000 ? 300 : undefined;
    rows.push({ task: "sync, cold (--no-cache)", ours: cold.ours, reference: "`git log --cherry-mark --no-merges main...stable`", theirs: cold.theirs, target: huge ? 3 : 1, rssTarget });
    await measure(syncCommand(repo, syncOut));
    const cached = await race(syncCommand(repo, syncOut), gitCherry(repo), rounds);
    rows.push({ task: "sync, re-run with the cache (nothing new)", ours: cached.ours, reference: "`git log --cherry-mark`", theirs: cached.theirs });
    if (!huge) rows.push(await npxRow(repo, syncOut));
  }
  rows.push(...(await changelogRows(repo)));
  if (values.warm && !huge && !changelogOnly) {
    say("warm re-run after new commits");
    rows.push(await warmRow(dir, truth));
  }

  const score = changelogOnly ? null : scoreSync(JSON.parse(readFileSync(syncOut, "utf8")), truth);
  const sections = [
    huge
      ? `### Huge generated manifests: ${commits.toLocaleString("en-US")} commits, ${truth.picks.length + truth.unpicked.length} manifest changes after the fork (seed ${seed}, generator huge-v${HUGE_GENERATOR_VERSION}), ${rounds} rounds, medians`
      : `### ${commits.toLocaleString("en-US")} commits (seed ${seed}, generator v${GENERATOR_VERSION}), ${rounds} rounds, medians`,
    "",
    `Machine: ${machine()}.`,
    "",
    rowsMarkdown(rows),
  ];
  if (score) sections.push("", accuracyMarkdown(score, cherryMarkRecall(cherryMarked(repo), truth)));
  if (values.profile) {
    const [what, command] = changelogOnly ? ["changelog", changelogCommand(repo)] : ["sync", syncCommand(repo, "/dev/null", ["--no-cache"])];
    sections.push("", `#### Where \`${what}\`${changelogOnly ? "" : " (cold, --no-cache)"} spends its time`, "", await profile(dir, command));
  }
  const markdown = sections.join("\n");
  const medians = Object.fromEntries(rows.filter((row) => row.ours.length > 0).map((row) => [row.task, { ours: median(row.ours.map((s) => s.ms)), theirs: median(row.theirs.map((s) => s.ms)) }]));
  // A changelog-only run has its own file, so the scaling comparison below only reads full runs.
  const name = `${huge ? `results-huge-${commits}` : `results-${commits}`}${changelogOnly ? "-changelog" : ""}`;
  writeFileSync(join(ROOT, ".bench", `${name}.json`), `${JSON.stringify({ commits, seed, medians, rows, score }, null, 2)}\n`);
  const report = huge || changelogOnly ? `${markdown}\n` : `${markdown}\n${scaling()}`;
  writeFileSync(join(ROOT, ".bench", `${name}.md`), report);
  process.stdout.write(report);
}

/** The commits `git log --cherry-mark` marks as equivalent to one on the other side. */
function cherryMarked(repo: string): Set<string> {
  const marks = capture("git", ["log", "--cherry-mark", "--no-merges", "--format=%m %H", "main...stable"], repo).stdout;
  return new Set(marks.split("\n").filter((line) => line.startsWith("=")).map((line) => line.slice(2)));
}

async function profile(dir: string, command: Command): Promise<string> {
  const profDir = join(dir, "prof");
  rmSync(profDir, { recursive: true, force: true });
  const sample = await measure({ ...command, args: ["--cpu-prof", `--cpu-prof-dir=${profDir}`, ...command.args] });
  const file = readdirSync(profDir).find((name) => name.endsWith(".cpuprofile"));
  if (sample.code !== 0 || !file) return `profiling failed: ${sample.stderr.trim()}`;
  return profileMarkdown(summarizeProfile(join(profDir, file), ROOT), sample.cpuMs);
}

/** How each tool's time grows between the sizes benchmarked so far. */
function scaling(): string {
  const results = readdirSync(join(ROOT, ".bench"))
    .filter((name) => /^results-\d+\.json$/.test(name))
    .map((name) => JSON.parse(readFileSync(join(ROOT, ".bench", name), "utf8")) as { commits: number; medians: Record<string, { ours: number; theirs: number }> })
    .sort((a, b) => a.commits - b.commits);
  // This run against the nearest smaller size benchmarked before (e.g. 20k → 100k).
  const large = results.find((result) => result.commits === commits);
  const small = results.filter((result) => result.commits < commits).pop() ?? results.find((result) => result.commits > commits);
  if (!large || !small) return "";
  const lines = Object.keys(large.medians)
    .filter((task) => small.medians[task])
    .map((task) => `- ${task}: driftlog x${(large.medians[task]!.ours / small.medians[task]!.ours).toFixed(2)}, reference x${(large.medians[task]!.theirs / small.medians[task]!.theirs).toFixed(2)}`);
  return `\nScaling ${small.commits} → ${large.commits} commits (x${(large.commits / small.commits).toFixed(1)}), median time grows:\n${lines.join("\n")}\n`;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
