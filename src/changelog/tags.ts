import { gitRaw } from "../git/exec.js";
import { peelToCommits, type Repository } from "../git/repo.js";

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

/**
 * Every matching tag (and the names of the others), with one `git for-each-ref` (which peels one level) and,
 * only for tags of tags not resolved through other refs, one `cat-file --batch-check`.
 */
export async function readTags(repo: Repository, pattern: RegExp): Promise<{ tags: ReleaseTag[]; unmatched: string[] }> {
  const format = ["%(refname:strip=2)", "%(objecttype)", "%(objectname)", "%(*objecttype)", "%(*objectname)", "%(creatordate:iso-strict)"].join("%00");
  const out = await gitRaw(repo.path, ["for-each-ref", `--format=${format}`, "refs/tags"]);
  const rows = out
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [name = "", type = "", id = "", peeledType = "", peeled = "", date = ""] = line.split("\0");
      return { name, type, id, peeledType, peeled, date };
    });
  // A tag object's target by its own id, for peeling tags of tags through refs we already have.
  const targetOf = new Map(rows.filter((row) => row.type === "tag").map((row) => [row.id, { type: row.peeledType, id: row.peeled }]));
  const wanted = rows.filter((row) => pattern.test(row.name));
  const commits = new Map<string, string | null>();
  const unresolved: string[] = [];
  for (const row of wanted) {
    let target = row.type === "tag" ? { type: row.peeledType, id: row.peeled } : { type: row.type, id: row.id };
    for (let depth = 0; target.type === "tag" && targetOf.has(target.id) && depth < 16; depth++) target = targetOf.get(target.id)!;
    if (target.type === "commit") commits.set(row.name, target.id);
    else if (target.type === "tag") unresolved.push(row.name);
    else commits.set(row.name, null);
  }
  if (unresolved.length > 0) {
    const peeled = await peelToCommits(repo, unresolved.map((name) => `refs/tags/${name}`));
    unresolved.forEach((name, i) => commits.set(name, peeled[i] ?? null));
  }
  const tags = wanted.flatMap((row) => {
    const commit = commits.get(row.name);
    if (!commit) return [];
    return [{ name: row.name, version: versionOf(row.name, pattern), commit, date: row.date }];
  });
  return { tags, unmatched: rows.filter((row) => !pattern.test(row.name)).map((row) => row.name) };
}

export function versionOf(name: string, pattern: RegExp): string {
  const match = pattern.exec(name);
  return match?.[1] ?? name.replace(/^v(?=\d)/, "");
}
