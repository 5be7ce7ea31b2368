import { listBranches, type Branch } from "../git/branches.js";
import type { Repository } from "../git/repo.js";

/** What `init` proposes for `source:` and `target:`, with the other candidates it saw. */
export interface BranchGuess {
  source: string | null;
  target: string | null;
  /** Release branches other than the chosen target, newest first. */
  otherTargets: string[];
}

const SOURCE_NAMES = ["main", "master", "develop"];
// `release/2.9`, `release-2.9`, `releases/3.5.x`, and bare version lines: `2.x`, `24.04`, `v2.9`, `v2.9.x`.
const RELEASE = /^(?:(?:release|releases)[/-].|v?\d+\.(?:\d+|x)(?:\.(?:\d+|x))*$)/;


/**
 * Guesses source and target from the branches that exist, local first and
 * remote-tracking ones too: source is main, master or develop; target is
 * stable, else the newest release branch (by version, then commit date).
 */
export async function guessBranches(repo: Repository): Promise<BranchGuess> {
  const branches = await listBranches(repo);
  const byName = new Map<string, Branch>();
  for (const branch of branches) if (!byName.has(branch.name)) byName.set(branch.name, branch);
  const source = SOURCE_NAMES.map((name) => byName.get(name)).find(Boolean)?.ref ?? null;
  const releases = [...byName.values()].filter((branch) => RELEASE.test(branch.name)).sort(newestFirst).map((branch) => branch.ref);
  const stable = byName.get("stable")?.ref;
  const target = stable ?? releases[0] ?? null;
  return { source, target, otherTargets: releases.filter((ref) => ref !== target) };
}

/** `release/2.10` is newer than `release/2.9`; branches without numbers fall back to commit date. */
function newestFirst(a: Branch, b: Branch): number {
  const va = versionOf(a.name);
  const vb = versionOf(b.name);
  for (let i = 0; i < Math.max(va.length, vb.length); i++) {
    const diff = (vb[i] ?? -1) - (va[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return b.time - a.time || a.ref.localeCompare(b.ref);
}

const versionOf = (name: string): number[] => (name.match(/\d+/g) ?? []).map(Number);
