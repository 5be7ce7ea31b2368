import { isStillToPick, type Change, type DependencyBump, type Person } from "../model.js";

/**
 * Dependency bumps by bots (Dependabot, Renovate): recognised by author or
 * by subject, and grouped per dependency so the plan takes one pick per
 * dependency instead of every intermediate version.
 */

const BOT_AUTHOR = /\b(dependabot|renovate)(\[bot\])?\b|\b(dependabot|renovate)(-bot)?@/i;
const DEPS_SUBJECT = /^(chore|build)\((deps|deps-dev)\)!?:/i;
const BUMP = /\bbump (?:the )?(\S+?)(?: group)?(?: from (\S+))? to (\S+?)(?: in (\S+))?(?: \(#\d+\))?$/i;
const RENOVATE = /\bupdate (?:dependency |module |image |docker tag |)(\S+?)(?: action| docker tag| image)?(?: to (v?[\w.+-]+))?(?: \(#\d+\))?$/i;

/** Whether a commit is a dependency bot's: its author is one, or its subject is `chore(deps)`/`build(deps)` or `bump X from A to B`. */
export function isDependencyBot(author: Person, subject: string): boolean {
  return BOT_AUTHOR.test(author.name) || BOT_AUTHOR.test(author.email) || DEPS_SUBJECT.test(subject) || /^bump \S+ from \S+ to \S+/i.test(subject.replace(DEPS_SUBJECT, "").trim());
}

/** The dependency a bot's commit bumps, from its subject; null for a commit that is no dependency bump. */
export function dependencyBumpOf(change: Pick<Change, "author" | "subject">): Omit<DependencyBump, "supersededBy"> | null {
  if (!isDependencyBot(change.author, change.subject)) return null;
  const subject = change.subject.replace(DEPS_SUBJECT, "").trim();
  const bump = BUMP.exec(subject);
  if (bump) return { dependency: bump[4] ? `${bump[1]} in ${bump[4]}` : bump[1]!, from: bump[2] ?? null, to: bump[3]! };
  const update = RENOVATE.exec(subject);
  if (update) return { dependency: update[1]!, from: null, to: update[2] ?? null };
  return { dependency: subject, from: null, to: null };
}

/**
 * Every change with its dependency bump, if it is one. Among the bumps of
 * one dependency still to pick, the newest supersedes the older ones: each
 * older one names it in `supersededBy`. Changes are in history order.
 */
export function withBumps(changes: readonly Change[]): Change[] {
  const bumps = changes.map(dependencyBumpOf);
  const newest = new Map<string, string>();
  changes.forEach((change, i) => {
    const bump = bumps[i];
    if (bump && isStillToPick(change.status)) newest.set(bump.dependency, change.sha);
  });
  return changes.map((change, i) => {
    const bump = bumps[i];
    if (!bump) return change;
    const latest = isStillToPick(change.status) ? newest.get(bump.dependency) : undefined;
    return { ...change, bump: { ...bump, supersededBy: latest && latest !== change.sha ? latest : null } };
  });
}
