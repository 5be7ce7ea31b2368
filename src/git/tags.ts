import { gitRaw } from "./exec.js";
import { peelToCommits, type Repository } from "./repo.js";

/** A tag peeled to the commit it marks. */
export interface TagRef {
  name: string;
  commit: string;
  /** Tagger date for annotated tags, commit date for lightweight ones (ISO 8601, the tagger's own offset). */
  date: string;
}

/**
 * The tags `wanted` accepts, peeled to commits (tags of trees or blobs left
 * out), and the names of the others: one `git for-each-ref` (which peels one
 * level) and, only for tags of tags not resolved through other refs, one
 * `cat-file --batch-check`.
 */
export async function listTags(repo: Repository, wanted: (name: string) => boolean): Promise<{ tags: TagRef[]; others: string[] }> {
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
  const chosen = rows.filter((row) => wanted(row.name));
  const commits = new Map<string, string | null>();
  const unresolved: string[] = [];
  for (const row of chosen) {
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
  const tags = chosen.flatMap((row) => {
    const commit = commits.get(row.name);
    return commit ? [{ name: row.name, commit, date: row.date }] : [];
  });
  return { tags, others: rows.filter((row) => !wanted(row.name)).map((row) => row.name) };
}
