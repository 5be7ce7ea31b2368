import { trailingGroupsStart, undecoratedHeader } from "../match/backport-subject.js";
import { revertOf } from "../match/message.js";
import type { Change } from "./changes.js";

/** What a change that takes part in a revert chain becomes in its release; changes outside any chain are listed as they are. */
export type RevertOutcome =
  | { kind: "drop" }
  /** Listed under Reverts, as the revert of `rootHeader`. */
  | { kind: "revert"; rootHeader: string }
  /** A revert of a revert: listed as the change it brings back (`root`, or `rootHeader` read as a message when that is not in the history). */
  | { kind: "reinstate"; root: Change | null; rootHeader: string };

interface Link {
  chain: string;
  /** 0 for the original change, 1 for its revert, 2 for the revert of that, ... */
  depth: number;
  root: Change | null;
  rootHeader: string;
}

const QUOTED = /^(revert|reapply)\s+"/i;
const MAX_LAYERS = 64;

/**
 * The commit a `git revert` message names (`Revert "..."`, `revert: ...`
 * headers with a `This reverts commit <sha>` line), read from the text so
 * changes never listed need not be parsed.
 */
function revertedHash(change: Change): string | null {
  if (!/^revert\b/i.test(change.header)) return null;
  return revertOf(change.text);
}

/** `Revert "x" (#12)` → `x`; `Reapply "x"` (git's title for reverting `Revert "x"`) → `x` with `reapply`. */
export function quotedTitle(header: string): { title: string; reapply: boolean } | null {
  const m = QUOTED.exec(header);
  if (!m) return null;
  const end = trailingGroupsStart(header);
  if (end - 1 < m[0].length || header[end - 1] !== '"') return null;
  return { title: header.slice(m[0].length, end - 1), reapply: m[1]!.toLowerCase() === "reapply" };
}

/** How many reverts deep a title is by its text alone, and the title at the bottom: `Revert "Revert "x""` → 2, `x`. */
export function revertLayers(header: string): { depth: number; root: string } {
  let depth = 0;
  let root = header;
  for (let q = quotedTitle(root); q && depth < MAX_LAYERS; q = quotedTitle(root)) {
    depth += q.reapply ? 2 : 1;
    root = q.title;
  }
  return { depth, root };
}

/**
 * Matches each revert to what it undoes, in one pass over the changes oldest
 * first with maps (no scan per revert): by `This reverts commit <sha>` (the
 * change itself, or on a stable branch the source commit it was backported
 * from), failing that by its quoted title against the nearest earlier change
 * with that subject. Then nets each chain out per release: when a release
 * ends with a chain as it found it (a change and its revert, a revert and its
 * revert) its members there all drop; otherwise one is listed: the original change
 * when it is in the release and stays in, else the last member, as a revert
 * or as the change brought back.
 *
 * `changes` are newest first; `sliceOf` gives each change's release, higher
 * for older releases.
 */
export function planReverts(changes: readonly Change[], sliceOf: ReadonlyMap<string, number>, backportOf: ReadonlyMap<string, string>): Map<string, RevertOutcome> {
  const links = new Map<string, Link>();
  const chains = new Map<string, Change[]>();
  const bySubject = new Map<string, Change>();
  // A SHA (the change's, its single commit's, or the source commit it was backported from) → the latest change with it so far.
  const bySha = new Map<string, Change>();
  let byPrefix: Map<string, NamedSha[]> | null = null;
  const byHash = (hash: string, before: number) => {
    const exact = bySha.get(hash);
    if (exact || hash.length >= 40) return exact;
    // Abbreviated: an index by the first 7 characters, built once, of everything (later changes filtered out).
    byPrefix ??= groupBy(namedShas(changes, backportOf), (item) => item.sha.slice(0, 7));
    const found = (byPrefix.get(hash.slice(0, 7)) ?? []).filter((item) => item.at > before && item.sha.startsWith(hash));
    return found.sort((a, b) => a.at - b.at)[0]?.change;
  };
  for (let i = changes.length - 1; i >= 0; i--) {
    const change = changes[i]!;
    const quoted = quotedTitle(change.header);
    const hash = revertedHash(change);
    if (quoted || hash) {
      let target = hash ? byHash(hash, i) : undefined;
      if (!target && quoted) target = bySubject.get(subjectKey(undecoratedHeader(quoted.reapply ? `Revert "${quoted.title}"` : quoted.title).header));
      let link: Link;
      if (target) {
        let of = links.get(target.sha);
        if (!of) {
          of = { chain: target.sha, depth: 0, root: target, rootHeader: target.header };
          links.set(target.sha, of);
          chains.set(target.sha, [target]);
        }
        link = { ...of, depth: of.depth + 1 };
      } else {
        const layers = revertLayers(change.header);
        link = { chain: change.sha, depth: Math.max(layers.depth, 1), root: null, rootHeader: layers.depth > 0 ? layers.root : change.message.subject };
        chains.set(change.sha, []);
      }
      links.set(change.sha, link);
      chains.get(link.chain)!.push(change);
    }
    bySubject.set(subjectKey(change.header), change);
    bySha.set(change.sha, change);
    if (change.commits.length === 1) bySha.set(change.commits[0]!.sha, change);
    const source = backportOf.get(change.sha);
    if (source) bySha.set(source, change);
  }

  return netOut(chains, links, sliceOf);
}


/**
 * An undecorated header as a lookup key: its `(#N)` groups dropped (a squash
 * merge adds one the revert's quoted title may lack), whitespace squeezed,
 * lower-cased, the first 1,000 characters. The sync engine's
 * `normalizedSubject` of the decorated header, without undecorating again.
 */
function subjectKey(header: string): string {
  const key = header.slice(0, 1000);
  return key.slice(0, trailingGroupsStart(key)).replace(/\s+/g, " ").trim().toLowerCase();
}

/** The SHAs a revert may name to undo a change: its own, its single commit's (a PR of one commit), the source commit it was backported from. */
function shasOf(change: Change, backportOf: ReadonlyMap<string, string>): string[] {
  const shas = [change.sha];
  if (change.commits.length === 1 && change.commits[0]!.sha !== change.sha) shas.push(change.commits[0]!.sha);
  const source = backportOf.get(change.sha);
  if (source) shas.push(source);
  return shas;
}

interface NamedSha {
  sha: string;
  change: Change;
  /** Its position in the changes, newest first. */
  at: number;
}

function namedShas(changes: readonly Change[], backportOf: ReadonlyMap<string, string>): NamedSha[] {
  return changes.flatMap((change, at) => shasOf(change, backportOf).map((sha) => ({ sha, change, at })));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

/** Per release, what each chain's members there become (see {@link planReverts}). */
function netOut(chains: ReadonlyMap<string, Change[]>, links: ReadonlyMap<string, Link>, sliceOf: ReadonlyMap<string, number>): Map<string, RevertOutcome> {
  const outcomes = new Map<string, RevertOutcome>();
  const present = (depth: number) => depth >= 0 && depth % 2 === 0;
  for (const members of chains.values()) {
    const bySlice = new Map<number, Change[]>();
    for (const member of members) {
      const slice = sliceOf.get(member.sha) ?? 0;
      const list = bySlice.get(slice);
      if (list) list.push(member);
      else bySlice.set(slice, [member]);
    }
    let state = present(links.get(members[0]!.sha)!.depth - 1);
    for (const slice of [...bySlice.keys()].sort((a, b) => b - a)) {
      const group = bySlice.get(slice)!;
      const last = group[group.length - 1]!;
      const link = links.get(last.sha)!;
      const after = present(link.depth);
      // The one listed: the original change when it is in this release and stays in, else the last member.
      const listed = after === state ? null : after ? (group.find((member) => links.get(member.sha)!.depth === 0) ?? last) : last;
      for (const member of group) if (member !== listed) outcomes.set(member.sha, { kind: "drop" });
      if (listed && !after) outcomes.set(listed.sha, { kind: "revert", rootHeader: link.rootHeader });
      if (listed && after && links.get(listed.sha)!.depth > 0) outcomes.set(listed.sha, { kind: "reinstate", root: link.root, rootHeader: link.rootHeader });
      state = after;
    }
  }
  return outcomes;
}
