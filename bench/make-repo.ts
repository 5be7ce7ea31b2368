/**
 * Deterministic synthetic repository for benchmarks: main with N commits of
 * application code and Docker/IaC files, semver tags every 1,000 commits, and
 * a stable branch forked half way that receives some of the later Docker/IaC
 * commits in the shapes real release branches show. Built with two
 * `git fast-import` runs (main, then stable, whose `-x` trailers need main's
 * SHAs). Same seed and size, same SHAs.
 *
 *   node dist-bench/make-repo.js --commits 20000 --out .bench/r20k  # writes r20k/repo and r20k/truth.json [--seed 1] [--extra 100]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { FastImport, GIT_ENV, readMarks } from "./fast-import.js";
import { mainMark, writeMain } from "./main-line.js";
import { Random } from "./prng.js";
import { writeStable, type Shape, type Unpicked } from "./stable-line.js";

/** Bump whenever the generated history changes, so cached bench repositories are rebuilt. */
export const GENERATOR_VERSION = 1;

export interface MakeRepoOptions {
  /** Directory for the repository (a clone-like checkout of main); created, must not exist or be empty. */
  dir: string;
  /** Commits on main, root included. */
  commits: number;
  seed?: number;
  /** Further main commits on `refs/bench/warm` (after main's tip), for warm re-runs. */
  extra?: number;
}

/** Which main commits reached stable and how: what a sync report should find. */
export interface GroundTruth {
  generator: { version: number; seed: number; commits: number; extra: number };
  refs: { main: string; stable: string; fork: string; warm: string | null };
  /** Main Docker/IaC commits after the fork that reached stable (`superseded`: a later pick replaced their lines). */
  picks: { sha: string; subject: string; shape: Shape; trailer: boolean; stable: string[]; detail?: string }[];
  /** Main Docker/IaC commits after the fork that did not. */
  unpicked: { sha: string; subject: string; reason: Unpicked }[];
  /** Stable commits that carry no main change. */
  stableOnly: string[];
}

export async function makeRepo(options: MakeRepoOptions): Promise<GroundTruth> {
  const seed = options.seed ?? 1;
  const extra = options.extra ?? 0;
  if (!Number.isInteger(options.commits) || options.commits < 10) throw new Error("--commits must be an integer of at least 10");
  const dir = resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  // Not bare: CI runs on checkouts (and driftlog 0.1 refuses bare repositories with git 2.39).
  execFileSync("git", ["init", "-q", "--initial-branch=main", dir], { env: GIT_ENV });
  const scratch = mkdtempSync(join(tmpdir(), "driftlog-bench-marks-"));
  try {
    const fork = Math.floor(options.commits / 2);
    const mainMarks = join(scratch, "main.marks");
    const main = FastImport.start(dir, { exportMarks: mainMarks });
    const { forkState, infra } = await writeMain(main, new Random(seed), { commits: options.commits, extra, fork });
    await main.finish();
    const shas = await readMarks(mainMarks);
    const shaOf = (mark: number) => shas.get(mark)!;

    const stableMarks = join(scratch, "stable.marks");
    const stable = FastImport.start(dir, { exportMarks: stableMarks, importMarks: mainMarks });
    const plan = await writeStable(stable, new Random(seed ^ 0x5eed57ab), { forkState, forkMark: mainMark(fork), forkIndex: fork, infra, shaOf });
    await stable.finish();
    const all = await readMarks(stableMarks);
    const sha = (mark: number) => all.get(mark)!;
    execFileSync("git", ["reset", "-q", "--hard", "main"], { cwd: dir, env: GIT_ENV });

    return {
      generator: { version: GENERATOR_VERSION, seed, commits: options.commits, extra },
      refs: {
        main: sha(mainMark(options.commits - 1)),
        stable: sha(plan.tip),
        fork: sha(mainMark(fork)),
        warm: extra > 0 ? sha(mainMark(options.commits + extra - 1)) : null,
      },
      picks: plan.picks.map((p) => ({
        sha: sha(p.main.mark),
        subject: p.main.subject,
        shape: p.shape,
        trailer: p.trailer,
        stable: p.stableMarks.map(sha),
        ...(p.detail ? { detail: p.detail } : {}),
      })),
      unpicked: plan.unpicked.map(({ main: m, reason }) => ({ sha: sha(m.mark), subject: m.subject, reason })),
      stableOnly: plan.stableOnly.map(sha),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { commits: { type: "string" }, out: { type: "string" }, seed: { type: "string" }, extra: { type: "string" } } });
  if (!values.out || !values.commits) throw new Error("usage: make-repo --commits N --out DIR [--seed S] [--extra E]");
  const out = resolve(values.out);
  rmSync(out, { recursive: true, force: true });
  const started = performance.now();
  const truth = await makeRepo({ dir: join(out, "repo"), commits: Number(values.commits), seed: Number(values.seed ?? 1), extra: Number(values.extra ?? 0) });
  writeFileSync(join(out, "truth.json"), `${JSON.stringify(truth, null, 2)}\n`);
  process.stdout.write(`${join(out, "repo")}: ${truth.generator.commits} commits, ${truth.picks.length} picks in ${((performance.now() - started) / 1000).toFixed(1)}s\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`make-repo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
