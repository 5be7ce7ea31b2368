import type { Classify } from "../classify/index.js";
import type { RawCommit } from "../git/log.js";
import type { Person } from "../model.js";
import { undecoratedHeader } from "../match/backport-subject.js";
import { compareVersions } from "./history.js";
import type { Change } from "./changes.js";
import { OTHER_TYPE, type ConventionalMessage } from "./parse.js";
import type { RevertOutcome } from "./reverts.js";
import type { ChangelogSettings } from "./settings.js";
import type { Bump, Entry, Group, Release } from "./types.js";

/** What turning one release's commits into entries needs. */
export interface EntryContext {
  /** The changes of the whole history by SHA (see {@link readChanges}). */
  changes: ReadonlyMap<string, Change>;
  /** What revert chains make of their members (see {@link planReverts}). */
  reverts: ReadonlyMap<string, RevertOutcome>;
  /** Reads a title that is no commit's (the bottom of a revert chain whose change is not in the history). */
  read: (message: string) => ConventionalMessage;
  classify: Classify;
  /** Stable commit → the source commit it was backported from. */
  backportOf: ReadonlyMap<string, string>;
  settings: ChangelogSettings;
}

/**
 * The entries of one release, newest first: merges left out (or standing for
 * their PR), revert chains netted out (see {@link planReverts}), hidden types
 * and (when switched off) non-conventional commits removed.
 */
export function releaseEntries(commits: readonly RawCommit[], context: EntryContext): { entry: Entry; note: string | null }[] {
  return commits.flatMap((commit) => {
    const change = context.changes.get(commit.sha);
    const outcome = context.reverts.get(commit.sha);
    if (!change || outcome?.kind === "drop") return [];
    const { entry, message } = toEntry(change, outcome, context);
    if (entry.type === OTHER_TYPE && !message.conventional && !context.settings.includeOther) return [];
    if (context.settings.hidden.has(entry.type) && !entry.breaking) return [];
    return [{ entry, note: message.breaking ? message.breakingNote : null }];
  });
}

function toEntry(change: Change, outcome: RevertOutcome | undefined, context: EntryContext): { entry: Entry; message: ConventionalMessage } {
  const own = change.message;
  const message = outcome?.kind === "reinstate" ? (outcome.root?.message ?? context.read(undecorated(outcome.rootHeader))) : own;
  const isRevert = outcome?.kind === "revert";
  const renamed = message.scope === null ? null : (context.settings.scopes[message.scope] ?? message.scope);
  const categories = new Set<string>();
  for (const commit of change.commits) {
    for (const file of commit.files) {
      const category = context.classify(file.path) ?? context.classify(file.oldPath);
      if (category) categories.add(category);
    }
  }
  const pr = change.pullRequest === null ? null : `#${change.pullRequest}`;
  const references = [...new Set([...own.references, ...(outcome?.kind === "reinstate" ? message.references : []), ...(pr ? [pr] : [])])];
  const entry: Entry = {
    sha: change.sha,
    shortSha: change.sha.slice(0, 7),
    type: isRevert ? "revert" : message.type,
    scope: isRevert && !own.conventional ? null : renamed,
    subject: isRevert && !own.conventional ? undecorated(outcome.rootHeader) : message.subject,
    breaking: message.breaking,
    references,
    author: change.author,
    deployment: [...categories].sort(),
    backportOf: context.backportOf.get(change.sha) ?? change.commits.map((commit) => context.backportOf.get(commit.sha)).find((sha) => sha !== undefined) ?? null,
    pullRequest: change.pullRequest,
  };
  return { entry, message };
}

const undecorated = (header: string) => undecoratedHeader(header).header;

/** Groups in the configured order; conventional types without a group of their own go to Other. */
export function groupEntries(entries: readonly Entry[], settings: ChangelogSettings): Group[] {
  const known = new Set(settings.types.map(({ type }) => type));
  return settings.types
    .filter(({ type }) => !settings.hidden.has(type) || entries.some((entry) => entry.type === type))
    .map(({ type, title }) => ({
      type,
      title,
      commits: entries.filter((entry) => (known.has(entry.type) ? entry.type === type : type === OTHER_TYPE)),
    }))
    .filter((group) => group.commits.length > 0);
}

/** One release of the model from its entries. */
export function assembleRelease(
  head: Pick<Release, "version" | "tag" | "date" | "previousTag" | "compareUrl" | "recommendedBump">,
  items: readonly { entry: Entry; note: string | null }[],
  settings: ChangelogSettings,
): Release {
  const entries = items.map(({ entry }) => entry);
  const deployment: Record<string, string[]> = {};
  for (const entry of entries) for (const category of entry.deployment) (deployment[category] ??= []).push(entry.sha);
  const contributors = new Map<string, Person>();
  for (const entry of [...entries].reverse()) {
    const key = entry.author.email.toLowerCase() || entry.author.name;
    if (!contributors.has(key)) contributors.set(key, entry.author);
  }
  return {
    ...head,
    groups: groupEntries(entries, settings),
    breaking: items.filter(({ entry }) => entry.breaking).map(({ entry, note }) => ({ sha: entry.sha, scope: entry.scope, subject: entry.subject, note: note ?? entry.subject })),
    deployment: Object.fromEntries(Object.entries(deployment).sort(([a], [b]) => (a < b ? -1 : 1))),
    contributors: [...contributors.values()],
  };
}

/**
 * The semver bump the entries call for. Before 1.0.0 (or with no release yet)
 * a breaking change is a minor bump and anything else a patch.
 */
export function recommendBump(entries: readonly Entry[], previousVersion: string | null): Bump | null {
  if (entries.length === 0) return null;
  const initial = previousVersion === null || /^0\./.test(previousVersion) || compareVersions(previousVersion, "1.0.0") < 0;
  const breaking = entries.some((entry) => entry.breaking);
  const feature = entries.some((entry) => entry.type === "feat");
  if (initial) return breaking ? "minor" : "patch";
  return breaking ? "major" : feature ? "minor" : "patch";
}
