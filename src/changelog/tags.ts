import type { Repository } from "../git/repo.js";
import { listTags } from "../git/tags.js";

/** A tag whose name matches the tag pattern, peeled to the commit it marks. */
export interface ReleaseTag {
  name: string;
  /** The version the name carries: the pattern's first capture group, or the name without a leading `v`. */
  version: string;
  commit: string;
  /** Tagger date for annotated tags, commit date for lightweight ones (ISO 8601, the tagger's own offset). */
  date: string;
}

/** Semver tags with an optional `v`: `v1.2.3`, `1.2.3-rc.1`, `v2.0.0+build.5`. */
export const DEFAULT_TAG_PATTERN = "^v?(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?)$";

/** Every tag the pattern matches, with its version, and the names of the others. */
export async function readTags(repo: Repository, pattern: RegExp): Promise<{ tags: ReleaseTag[]; unmatched: string[] }> {
  const { tags, others } = await listTags(repo, (name) => pattern.test(name));
  return { tags: tags.map(({ name, commit, date }) => ({ name, version: versionOf(name, pattern), commit, date })), unmatched: others };
}

export function versionOf(name: string, pattern: RegExp): string {
  const match = pattern.exec(name);
  return match?.[1] ?? name.replace(/^v(?=\d)/, "");
}
