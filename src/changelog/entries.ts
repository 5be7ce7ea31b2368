import type { Classify } from "../classify/index.js";
import type { RawCommit } from "../git/log.js";
import type { Person } from "../model.js";
import { undecoratedHeader } from "../match/backport-subject.js";
import { compareVersions } from "./history.js";
import { OTHER_TYPE, type ConventionalMessage } from "./parse.js";
import type { ChangelogSettings } from "./settings.js";
import type { Bump, Entry, Group, Release } from "./types.js";

/** What turning one release's commits into entries needs. */
export interface EntryContext {
  parse: (message: string) => ConventionalMessage;
  classify: Classify;
  /** Stable commit → the source commit it was backported from. */
  backportOf: ReadonlyMap<string, string>;
  settings: ChangelogSettings;
}

/**
 * The entries of one release, newest first: merges left out, a change and its
 * revert inside the release both dropped, a revert of something older kept as a
 * `revert` entry, hidden types and (when switched off) non-conventional commits removed.
 */
export function releaseEntries(commits: readonly RawCommit[], context: EntryContext): { entry: Entry; note: string | null }[] {
  const parsed = commits.filter((commit) => commit.parents.length <= 1).map((commit) => ({ commit, message: context.parse(commit.message) }));
  const dropped = new Set<string>();
  // Oldest first: each revert cancels the nearest older change it names that is still listed.
  for (let i = parsed.length - 1; i >= 0; i--) {
    const { commit, message } = parsed[i]!;
    if (!message.revert) continue;
    const { hash, header } = message.revert;
    // On a stable branch the revert may name the source commit the change was backported from.
    const names = (older: RawCommit) => hash !== null && (older.sha.startsWith(hash) || (context.backportOf.get(older.sha)?.startsWith(hash) ?? false));
    const target = parsed.slice(i + 1).find(({ commit: older }) =>
      !dropped.has(older.sha) && (hash ? names(older) : header !== null && undecorated(headerOf(older.message)) === undecorated(header)),
    );
    if (target) {
      dropped.add(target.commit.sha);
      dropped.add(commit.sha);
    }
  }
  return parsed.flatMap(({ commit, message }) => {
    if (dropped.has(commit.sha)) return [];
    const entry = toEntry(commit, message, context);
    if (entry.type === OTHER_TYPE && !message.conventional && !context.settings.includeOther) return [];
    if (context.settings.hidden.has(entry.type) && !entry.breaking) return [];
    return [{ entry, note: message.breaking ? message.breakingNote : null }];
  });
}

function toEntry(commit: RawCommit, message: ConventionalMessage, context: EntryContext): Entry {
  const isRevert = message.revert !== null;
  const revertedHeader = message.revert?.header ? undecorated(message.revert.header) : null;
  const scope = message.scope === null ? null : (context.settings.scopes[message.scope] ?? message.scope);
  const categories = new Set<string>();
  for (const file of commit.files) {
    const category = context.classify(file.path) ?? context.classify(file.oldPath);
    if (category) categories.add(category);
  }
  return {
    sha: commit.sha,
    shortSha: commit.sha.slice(0, 7),
    type: isRevert ? "revert" : message.type,
    scope: isRevert && !message.conventional ? null : scope,
    subject: isRevert && !message.conventional && revertedHeader ? revertedHeader : message.subject,
    breaking: message.breaking,
    references: message.references,
    author: { name: commit.authorName, email: commit.authorEmail },
    deployment: [...categories].sort(),
    backportOf: context.backportOf.get(commit.sha) ?? null,
  };
}

const headerOf = (message: string) => (message.split("\n")[0] ?? "").trim();
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
