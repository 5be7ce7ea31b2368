import type { FastImport, Person } from "./fast-import.js";
import { render } from "./files.js";
import { DEVELOPERS, RELEASE_MANAGER, TAG_EVERY, type MainCommit } from "./main-line.js";
import type { Random } from "./prng.js";
import { applyAll, applyOp, type Op, type Project } from "./project.js";

/** How a main commit reached stable. */
export type Shape = "cherry-pick-x" | "cherry-pick" | "changed-context" | "squashed" | "hand-resolved" | "superseded";
/** Why a main Docker/IaC commit did not: never chosen, would have conflicted, or it only removes lines stable never had. */
export type Unpicked = "not-chosen" | "conflict" | "moot";

export interface PickPlan {
  main: MainCommit;
  shape: Shape;
  trailer: boolean;
  /** Stable commits (marks) that carry it; for `superseded`, the pick that replaced its lines. */
  stableMarks: number[];
  detail?: string;
}

export interface StablePlan {
  picks: PickPlan[];
  unpicked: { main: MainCommit; reason: Unpicked }[];
  stableOnly: number[];
  tip: number;
}

export const STABLE_MARK_BASE = 10_000_000;
const STABLE_ID_BASE = 1_000_000_000;
const SHAPES: [Shape, number][] = [["cherry-pick-x", 0.35], ["cherry-pick", 0.2], ["changed-context", 0.15], ["squashed", 0.15], ["hand-resolved", 0.15]];

/**
 * Writes stable, forked from main at `forkMark`: it picks about 40% of the
 * later Docker/IaC commits, in order, in the shapes real release branches
 * show, and gets commits of its own (kept production settings, hotfixes,
 * patch tags). Main SHAs must be known (`shaOf`) for `-x` trailers.
 */
export async function writeStable(
  out: FastImport,
  rng: Random,
  options: { forkState: Project; forkMark: number; forkIndex: number; infra: readonly MainCommit[]; shaOf: (mark: number) => string },
): Promise<StablePlan> {
  const state = options.forkState.fork(rng, STABLE_ID_BASE);
  const plan: StablePlan = { picks: [], unpicked: [], stableOnly: [], tip: options.forkMark };
  const unpicked = new Map<MainCommit, Unpicked>();
  const skippedBumps = new Map<number, MainCommit[]>();
  let clock = options.infra[0]?.committerTime ?? 0;
  let mark = STABLE_MARK_BASE;
  let squash: MainCommit[] = [];
  let squashSize = 0;
  let patch = 0;
  const release = Math.floor((options.forkIndex + 1) / TAG_EVERY);
  await out.reset("refs/heads/stable", `:${options.forkMark}`);

  const emit = async (message: string, author: Person, authorTime: number, paths: Iterable<string>): Promise<number> => {
    clock += rng.int(60, 1800);
    mark++;
    const files = [...new Set(paths)].map((path) => ({ path, text: render(state.files.get(path)!) }));
    await out.commit({ ref: "refs/heads/stable", mark, author, authorTime: authorTime > 0 ? authorTime : clock, committer: RELEASE_MANAGER, committerTime: clock, message, files });
    plan.tip = mark;
    if ((mark - STABLE_MARK_BASE) % 25 === 0) await out.reset(`refs/tags/v1.${release}.${++patch}`, `:${mark}`);
    return mark;
  };
  const flushSquash = async () => {
    if (squash.length === 0) return;
    const lines = squash.map((commit) => `* ${commit.subject}`).join("\n");
    const at = await emit(`chore(stable): backport deployment changes\n\n${lines}\n`, RELEASE_MANAGER, 0, squash.flatMap((commit) => commit.ops.map((op) => op.path)));
    for (const commit of squash) plan.picks.push({ main: commit, shape: "squashed", trailer: false, stableMarks: [at], detail: `${squash.length} commits in one` });
    squash = [];
  };
  const pick = async (main: MainCommit, shape: Shape, ops: readonly Op[], detail?: string) => {
    const trailer = shape === "cherry-pick-x" || (shape === "hand-resolved" && rng.chance(0.5));
    let message = main.message;
    if (trailer) message = `${message.trimEnd()}\n\n(cherry picked from commit ${options.shaOf(main.mark)})\n${rng.chance(0.3) ? `Signed-off-by: ${RELEASE_MANAGER.name} <${RELEASE_MANAGER.email}>\n` : ""}`;
    const at = await emit(message, main.author, main.authorTime, ops.map((op) => op.path));
    plan.picks.push({ main, shape, trailer, stableMarks: [at], ...(detail ? { detail } : {}) });
    return at;
  };

  for (const main of options.infra) {
    clock = Math.max(clock, main.committerTime + rng.int(3600, 3 * 86_400));
    if (rng.chance(0.06)) {
      await flushSquash();
      plan.stableOnly.push(await stableOnlyCommit(state, rng, emit));
    }
    const moot = main.ops.every((op) => op.type === "remove" && op.items.every((gone) => !hasItem(state, op, gone.id)));
    if (main.bump) {
      const op = main.ops[0] as Extract<Op, { type: "change" }>;
      if (!rng.chance(0.35)) {
        skippedBumps.set(op.id, [...(skippedBumps.get(op.id) ?? []), main]);
        unpicked.set(main, "not-chosen");
        continue;
      }
      await flushSquash();
      const clean = applyAll(state.files, [op]);
      if (clean) await pick(main, rng.chance(0.6) ? "cherry-pick-x" : "cherry-pick", [op]);
      else {
        applyOp(state.files, op, false);
        const at = await pick(main, "hand-resolved", [op], "pre-image differs: earlier bumps were skipped");
        for (const skipped of skippedBumps.get(op.id) ?? []) {
          unpicked.delete(skipped);
          plan.picks.push({ main: skipped, shape: "superseded", trailer: false, stableMarks: [at], detail: `replaced by ${main.subject}` });
        }
      }
      skippedBumps.delete(op.id);
      continue;
    }
    if (moot) {
      unpicked.set(main, "moot");
      continue;
    }
    if (!rng.chance(0.4)) {
      unpicked.set(main, "not-chosen");
      continue;
    }
    const shape = squashSize > 0 ? "squashed" : weighted(rng, SHAPES);
    if (!applyAll(new Map(state.files), main.ops)) {
      unpicked.set(main, "conflict");
      continue;
    }
    if (shape === "squashed") {
      if (squashSize === 0) squashSize = rng.int(2, 4);
      applyAll(state.files, main.ops);
      squash.push(main);
      if (--squashSize === 0) await flushSquash();
      continue;
    }
    await flushSquash();
    if (shape === "changed-context") plan.stableOnly.push(await contextCommit(state, main.ops[0]!, emit));
    const ops = shape === "hand-resolved" ? tweak(main.ops) : main.ops;
    applyAll(state.files, ops);
    const detail = shape !== "hand-resolved" ? undefined : ops === main.ops ? "removals only: same result as main's" : "one value differs from main's";
    await pick(main, shape, ops, detail);
  }
  await flushSquash();
  plan.unpicked = [...unpicked].map(([main, reason]) => ({ main, reason }));
  return plan;
}

type Emit = (message: string, author: Person, authorTime: number, paths: Iterable<string>) => Promise<number>;

function hasItem(state: Project, op: Op, id: number): boolean {
  const section = state.files.get(op.path)?.sections.find((candidate) => candidate.name === op.section);
  return section?.items.some((item) => item.id === id) ?? false;
}

/** A line of stable's own right next to where the pick will land, so the pick's context differs from main's. */
async function contextCommit(state: Project, op: Op, emit: Emit): Promise<number> {
  const section = state.files.get(op.path)!.sections.find((candidate) => candidate.name === op.section)!;
  const anchor = op.type === "add" ? op.after : op.type === "change" ? op.id : op.items[0]!.id;
  const at = anchor === null ? 0 : section.items.findIndex((item) => item.id === anchor) + (op.type === "add" ? 1 : 0);
  const item = state.item();
  section.items.splice(Math.max(0, at), 0, item);
  return emit(`chore(stable): keep production ${item.key.replace(/_/g, " ")}\n`, RELEASE_MANAGER, 0, [op.path]);
}

/** Stable's own commits: a production-only setting in a Docker/IaC file, or an application hotfix. */
async function stableOnlyCommit(state: Project, rng: Random, emit: Emit): Promise<number> {
  if (rng.chance(0.5)) {
    const file = state.files.get(rng.pick(state.infraPaths))!;
    const section = rng.pick(file.sections);
    const item = state.item();
    section.items.splice(rng.int(0, section.items.length), 0, item);
    return emit(`chore(stable): keep production ${item.key.replace(/_/g, " ")}\n`, RELEASE_MANAGER, 0, [file.path]);
  }
  const path = rng.pick(state.appPaths);
  const op = state.randomOp(path);
  applyOp(state.files, op, false);
  return emit(`fix(${path.split("/")[1]}): hotfix for the release line\n`, rng.pick(DEVELOPERS), 0, [path]);
}

/** The same edits with one value changed, as a conflict resolved by hand leaves them; `ops` itself when there is no value to change. */
function tweak(ops: readonly Op[]): readonly Op[] {
  const at = ops.findIndex((op) => op.type !== "remove");
  if (at < 0) return ops;
  return ops.map((op, i) => {
    if (i !== at) return op;
    if (op.type === "change") return { ...op, to: `${op.to}-stable` };
    if (op.type === "add") return { ...op, items: op.items.map((item, k) => (k === op.items.length - 1 ? { ...item, value: `${item.value}-stable` } : item)) };
    return op;
  });
}

function weighted<T>(rng: Random, choices: readonly [T, number][]): T {
  let roll = rng.next() * choices.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [choice, weight] of choices) if ((roll -= weight) < 0) return choice;
  return choices[choices.length - 1]![0];
}
