import type { RawCommit } from "../git/log.js";
import { TargetIndex } from "../match/evidence.js";
import { toCommit } from "../match/commit.js";
import { cherryPickedFrom } from "../match/message.js";
import type { MatchMethod } from "../model.js";

// Patch ids need blob reads; the message-level methods find backports without them.
const METHODS: ReadonlySet<MatchMethod> = new Set<MatchMethod>(["trailer", "pr-number", "author"]);
const RANK: Record<string, number> = { trailer: 0, "pr-number": 1, author: 2 };

/**
 * Which described (stable) commits are backports, and of which source commit:
 * the sync engine's matching (cherry-pick trailer, PR numbers, author + date +
 * normalised subject) run with the described commits as the target side. A
 * trailer naming a commit outside the source commits read still counts.
 */
export function findBackports(described: readonly RawCommit[], sourceOnly: readonly RawCommit[]): Map<string, string> {
  const found = new Map<string, { source: string; rank: number }>();
  const offer = (target: string, source: string, rank: number) => {
    const current = found.get(target);
    if (!current || rank < current.rank) found.set(target, { source, rank });
  };
  const targets = described.filter((commit) => commit.parents.length <= 1).map(toCommit);
  if (sourceOnly.length > 0) {
    const index = new TargetIndex(targets);
    for (const raw of sourceOnly) {
      if (raw.parents.length > 1) continue;
      for (const evidence of index.evidence(toCommit(raw), METHODS, () => null)) {
        for (const target of evidence.targetShas) offer(target, raw.sha, RANK[evidence.method] ?? 9);
      }
    }
  }
  const full = new Map(sourceOnly.map((commit) => [commit.sha, commit.sha]));
  for (const target of targets) {
    if (found.has(target.sha)) continue;
    const named = cherryPickedFrom(target.message)[0];
    if (!named) continue;
    const expanded = named.length === 40 ? named : ([...full.keys()].find((sha) => sha.startsWith(named)) ?? named);
    offer(target.sha, expanded, 0);
  }
  return new Map([...found].map(([target, { source }]) => [target, source]));
}

