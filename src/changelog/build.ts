import { planClassifier } from "../classify/context.js";
import { loadConfig } from "../config/file.js";
import { compileRules } from "../config/rules.js";
import type { RawConfig } from "../config/schema.js";
import { BlobReader, gitlinkIds } from "../git/blobs.js";
import { readHistory, type RenameGap } from "../git/history.js";
import { validateRevision } from "../git/refs.js";
import { listTree, openRepository, peelToCommits, remoteUrl, resolveCommits, type Repository } from "../git/repo.js";
import type { Unread } from "../model.js";
import { findBackports } from "./backports.js";
import { changeReader, readChanges, type EntriesFrom } from "./changes.js";
import { mergedPullRequests } from "./pull-requests.js";
import { planReverts } from "./reverts.js";
import { assembleRelease, recommendBump, releaseEntries, type EntryContext } from "./entries.js";
import { reachable, sliceReleases } from "./history.js";
import { createMessageParser } from "./parse.js";
import { compareUrl, parseRemote, type Remote } from "./remote.js";
import { changelogSettings } from "./settings.js";
import type { OtherTags } from "./missing.js";
import { readTags } from "./tags.js";
import type { Changelog, Release } from "./types.js";

/** Options of {@link changelog}; flags given here win over the config file. */
export interface ChangelogOptions {
  /** Repository directory. Default `.`. */
  repo?: string;
  /** Leave out everything reachable from this revision. */
  from?: string;
  /** The history to describe. Default `HEAD`. */
  to?: string;
  /** Only the section of commits after the last release tag. */
  unreleased?: boolean;
  /** Regular expression release tags match; its first capture group is the version. */
  tagPattern?: string;
  /**
   * Branch backports come from. Default: config `source`, else `main`; not
   * used when it is the described history itself or (by default) missing.
   */
  source?: string;
  /** Entries from every commit (default) or from each merged PR's title; default: config `changelog.entriesFrom`. */
  entriesFrom?: EntriesFrom;
  configFile?: string;
  config?: RawConfig;
}

/** A changelog with what rendering needs besides the model. */
export interface ChangelogResult {
  changelog: Changelog;
  remote: Remote | null;
  /** The config's `templates` folder, if any. */
  templates: string | undefined;
  /**
   * Set only when the repository lacks objects the history needed (a partial
   * clone): renames read as a deletion and an addition, and files classified
   * by path alone (`filesWithoutContent`: blobs that could not be read).
   */
  unread?: Unread;
  /** Tags the history described does not show as releases, for naming why `--release-notes TAG` finds nothing. */
  otherTags: OtherTags;
}

/**
 * Reads the history of `to` with one streamed `git log --topo-order`, the tags
 * with one `for-each-ref`, and turns them into releases, newest first.
 * Reads the repository, never writes it.
 */
export async function generateChangelog(options: ChangelogOptions = {}): Promise<ChangelogResult> {
  const repo = await openRepository(options.repo ?? ".");
  const config = options.config ?? (await loadConfig(options.configFile, repo.path)).config;
  const settings = changelogSettings(config.changelog, options.tagPattern, options.entriesFrom);
  const to = validateRevision(options.to ?? "HEAD", "--to");
  const from = options.from === undefined ? undefined : validateRevision(options.from, "--from");
  const sourceRef = validateRevision(options.source ?? config.source ?? "main", "--source");
  const [toSha, fromSha, sourceSha] = await resolveAll(repo, to, from, sourceRef, options.source !== undefined);
  const withSource = sourceSha !== null && sourceSha !== toSha;

  const [{ commits: log, renameGap }, { tags, unmatched }, tree, origin] = await Promise.all([
    readHistory(repo.path, [toSha, ...(withSource ? [sourceSha] : []), ...(fromSha ? [`^${fromSha}`] : [])], { extraArgs: ["--topo-order"] }),
    readTags(repo, settings.tagPattern),
    listTree(repo, toSha),
    settings.remoteUrl === null ? remoteUrl(repo) : Promise.resolve(settings.remoteUrl),
  ]);
  const inHistory = reachable(new Map(log.map((commit) => [commit.sha, commit])), toSha);
  const history = log.filter((commit) => inHistory.has(commit.sha));
  const sourceOnly = withSource ? log.filter((commit) => !inHistory.has(commit.sha)) : [];

  const blobs = new BlobReader(repo.path);
  blobs.notBlobs(gitlinkIds([tree], history));
  const plan = planClassifier(compileRules(config).custom, history, [tree]);
  const classify = plan.classifier(await blobs.readText(plan.blobs));
  const backportOf = findBackports(history, sourceOnly);
  const reader = changeReader(settings.entriesFrom, createMessageParser(), new Set(settings.types.map(({ type }) => type)));
  const changes = readChanges(history, mergedPullRequests(history, toSha), reader);
  const slices = sliceReleases(history, tags);
  const sliceOf = new Map<string, number>();
  slices.forEach((slice, i) => slice.commits.forEach((commit) => sliceOf.set(commit.sha, i)));
  const context: EntryContext = {
    changes: new Map(changes.map((change) => [change.sha, change])),
    reverts: planReverts(changes, sliceOf, backportOf),
    read: reader.read,
    classify,
    backportOf,
    settings,
  };
  const remote = parseRemote(origin);
  const fromTag = from ? (tags.find((tag) => tag.name === from || `refs/tags/${tag.name}` === from) ?? null) : null;

  const releases: Release[] = [];
  for (const [i, slice] of slices.entries()) {
    if (options.unreleased && slice.tag !== null) break;
    const previous = slices[i + 1]?.tag ?? (i === slices.length - 1 ? fromTag : null);
    const items = releaseEntries(slice.commits, context);
    if (slice.tag === null && items.length === 0 && !options.unreleased) continue;
    const head = slice.tag?.name ?? (to === "HEAD" ? "HEAD" : to);
    releases.push(
      assembleRelease(
        {
          version: slice.tag?.version ?? null,
          tag: slice.tag?.name ?? null,
          date: slice.tag ? slice.tag.date.slice(0, 10) : null,
          previousTag: previous?.name ?? null,
          compareUrl: remote && previous ? compareUrl(remote, previous.name, head) : null,
          recommendedBump: slice.tag === null ? recommendBump(items.map(({ entry }) => entry), previous?.version ?? null) : null,
        },
        items,
        settings,
      ),
    );
  }
  const unread = blobs.missing.size > 0 || renameGap ? unreadOf(blobs.missing, renameGap) : undefined;
  const otherTags = { unreachable: tags.filter((tag) => !inHistory.has(tag.commit)).map(({ name, version }) => ({ name, version })), unmatched, to };
  return { changelog: { schemaVersion: 1, releases }, remote, templates: config.templates, otherTags, ...(unread ? { unread } : {}) };
}

/** Resolves the revisions with one `cat-file`; an unknown `--to`/`--from` (or explicit `--source`) is named with suggestions. */
async function resolveAll(repo: Repository, to: string, from: string | undefined, source: string, sourceRequired: boolean): Promise<[string, string | null, string | null]> {
  const revisions = [to, ...(from ? [from] : []), source];
  const shas = await peelToCommits(repo, revisions);
  const required = [{ rev: to, flag: "--to" }, ...(from ? [{ rev: from, flag: "--from" }] : []), ...(sourceRequired ? [{ rev: source, flag: "--source" }] : [])];
  if (required.some((_, i) => shas[i] === null)) await resolveCommits(repo, required);
  return [shas[0]!, from ? shas[1]! : null, shas[shas.length - 1] ?? null];
}

function unreadOf(missing: ReadonlySet<string>, renameGap: RenameGap | null): Unread {
  const objects = new Set(missing);
  if (renameGap) objects.add(renameGap.missingObject);
  return { missingObjects: [...objects].sort(), renamesNotFollowed: renameGap?.count ?? 0, filesWithoutContent: missing.size, picksUnknown: 0 };
}
