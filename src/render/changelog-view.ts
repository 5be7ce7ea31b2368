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

// Text in which mdText changes nothing: only characters it never escapes, no
// `://` or `www.` (any case), no leading list or heading marker, no trailing
// blank. Most subjects, scopes and names are such text.
const NEEDS_ESCAPING = /[^A-Za-z0-9 ,.;:'"()/?=%$@^#+-]|:\/\/|www\.|^[#+-](?: |$)|^\d+[.)](?: |$)| $/i;

/** {@link mdText}, skipping text it leaves as it is. */
export const mdTextOf = (text: string): string => (NEEDS_ESCAPING.test(text) ? mdText(text) : text);

/** mdTextOf remembered per text: a release names the same scopes, authors and categories many times. */
function escaper(): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    let escaped = seen.get(text);
    if (escaped === undefined) seen.set(text, (escaped = mdTextOf(text)));
    return escaped;
  };
}

/** The data templates receive for one release. */
export function releaseView(release: Release, remote: Remote | null): ReleaseView {
  const md = escaper();
  const views = new Map<string, EntryView>();
  const groups = release.groups.map((group) => ({
    type: group.type,
    title: group.title,
    commits: group.commits.map((entry) => {
      const view = entryView(entry, remote, md);
      views.set(entry.sha, view);
      return view;
    }),
  }));
  const commitLink = (sha: string) => link(`\`${sha.slice(0, 7)}\``, remote ? commitUrl(remote, sha) : null);
  return {
    ...release,
    key: release.tag ?? "unreleased",
    title: mdTextOf(release.version ?? "Unreleased"),
    groups,
    breakingView: release.breaking.map((item) => ({
      scope: item.scope ? md(item.scope) : "",
      subject: mdTextOf(item.subject),
      note: mdTextOf(item.note),
      commit: commitLink(item.sha),
    })),
    deploymentView: Object.entries(release.deployment).map(([category, shas]) => ({
      category: md(category),
      commits: shas.flatMap((sha) => views.get(sha) ?? []),
    })),
    contributorsView: release.contributors.map((person) => md(person.name)),
  };
}

function entryView(entry: Entry, remote: Remote | null, md: (text: string) => string): EntryView {
  const inSubject = new Set(entry.subject.match(REFERENCE) ?? []);
  const pullRequest = entry.pullRequest === null ? null : `#${entry.pullRequest}`;
  const linkOf = (reference: string) => link(md(reference), remote ? referenceUrl(remote, reference, inSubject.has(reference) || reference === pullRequest) : null);
  // References the subject names are linked where they stand, and not repeated; the PR that landed it links as a PR.
  const escaped = mdTextOf(entry.subject);
  const subject = remote ? escaped.replace(REFERENCE, linkOf) : escaped;
  return {
    ...entry,
    md: {
      scope: entry.scope ? md(entry.scope) : "",
      subject,
      references: entry.references.filter((reference) => !inSubject.has(reference)).map(linkOf).join(", "),
      commit: link(`\`${entry.shortSha}\``, remote ? commitUrl(remote, entry.sha) : null),
      backport: entry.backportOf ? link(`\`${entry.backportOf.slice(0, 7)}\``, remote ? commitUrl(remote, entry.backportOf) : null) : "",
      deployment: entry.deployment.map(md).join(", "),
      author: md(entry.author.name),
    },
  };
}

const REFERENCE = /(?<![\w#/])(?:[\w.-]+\/[\w.-]+)?#\d+\b/g;
