import { mdText } from "./escape.js";
import { commitUrl, referenceUrl, type Remote } from "../changelog/remote.js";
import type { Entry, Release } from "../changelog/types.js";

/** An entry with its Markdown pieces, escaped and linked, for templates. */
export interface EntryView extends Entry {
  md: { scope: string; subject: string; references: string; commit: string; backport: string; deployment: string; author: string };
}

export interface ReleaseView extends Omit<Release, "groups"> {
  key: string;
  title: string;
  groups: { type: string; title: string; commits: EntryView[] }[];
  breakingView: { scope: string; subject: string; note: string; commit: string }[];
  deploymentView: { category: string; commits: EntryView[] }[];
  contributorsView: string[];
}

const link = (text: string, url: string | null) => (url ? `[${text}](${url})` : text);

/** The data templates receive for one release. */
export function releaseView(release: Release, remote: Remote | null): ReleaseView {
  const views = new Map<string, EntryView>();
  const groups = release.groups.map((group) => ({
    type: group.type,
    title: group.title,
    commits: group.commits.map((entry) => {
      const view = entryView(entry, remote);
      views.set(entry.sha, view);
      return view;
    }),
  }));
  const commitLink = (sha: string) => link(`\`${sha.slice(0, 7)}\``, remote ? commitUrl(remote, sha) : null);
  return {
    ...release,
    key: release.tag ?? "unreleased",
    title: mdText(release.version ?? "Unreleased"),
    groups,
    breakingView: release.breaking.map((item) => ({
      scope: item.scope ? mdText(item.scope) : "",
      subject: mdText(item.subject),
      note: mdText(item.note),
      commit: commitLink(item.sha),
    })),
    deploymentView: Object.entries(release.deployment).map(([category, shas]) => ({
      category: mdText(category),
      commits: shas.flatMap((sha) => views.get(sha) ?? []),
    })),
    contributorsView: release.contributors.map((person) => mdText(person.name)),
  };
}

function entryView(entry: Entry, remote: Remote | null): EntryView {
  const inSubject = new Set(entry.subject.match(REFERENCE) ?? []);
  const pullRequest = entry.pullRequest === null ? null : `#${entry.pullRequest}`;
  const linkOf = (reference: string) => link(mdText(reference), remote ? referenceUrl(remote, reference, inSubject.has(reference) || reference === pullRequest) : null);
  // References the subject names are linked where they stand, and not repeated; the PR that landed it links as a PR.
  const subject = mdText(entry.subject).replace(REFERENCE, (reference) => (remote ? linkOf(reference) : reference));
  return {
    ...entry,
    md: {
      scope: entry.scope ? mdText(entry.scope) : "",
      subject,
      references: entry.references.filter((reference) => !inSubject.has(reference)).map(linkOf).join(", "),
      commit: link(`\`${entry.shortSha}\``, remote ? commitUrl(remote, entry.sha) : null),
      backport: entry.backportOf ? link(`\`${entry.backportOf.slice(0, 7)}\``, remote ? commitUrl(remote, entry.backportOf) : null) : "",
      deployment: entry.deployment.map(mdText).join(", "),
      author: mdText(entry.author.name),
    },
  };
}

const REFERENCE = /(?<![\w#/])(?:[\w.-]+\/[\w.-]+)?#\d+\b/g;
