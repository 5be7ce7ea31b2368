import type { Facts } from "../cache/facts.js";
import type { Region } from "../diff/lines.js";
import { LineTable } from "../diff/table.js";
import { streamItems, type BlobReader } from "../git/blobs.js";
import type { RawFileChange } from "../git/log.js";
import { blobText, contentPresent, fileRegions, presentKey, regionsKey } from "./files.js";
import type { TargetSide } from "./sides.js";
import type { Commit, SourceChange } from "./types.js";

/**
 * What matching knows of file contents, prepared before it runs: matching
 * itself reads no blob and no cache.
 */
export interface MatchFacts {
  /** Changed regions of one file of one commit; null when its blobs could not be read. */
  regionsOf(commit: Commit, path: string): Region[] | null;
  /** Whether a source file change's content is in the target tip's version of the file (renames followed); null when unknown. */
  presentAt(file: RawFileChange): boolean | null;
}

export interface PrepareInput {
  changes: readonly SourceChange[];
  target: TargetSide;
  /** Facts remembered from earlier runs; what is computed here is remembered there too. */
  cache: Facts;
  blobs: BlobReader;
  /** Lines of file versions shared with the run's other stages; one of its own when not given. */
  lines?: LineTable;
}

interface Item {
  file: RawFileChange;
  /** Also decide whether the change's content is in the target tip's blob (`tip`; undefined: no such file). */
  present: boolean;
  tip: string | undefined;
}

/**
 * Computes every content fact matching will ask for: the changed regions of
 * each file change on both sides, and for each source file change whether
 * its content is at the target tip. What the cache does not hold streams
 * through one `cat-file`, each blob dropped as soon as its file change is
 * done, so memory holds regions, not the history's file versions.
 */
export async function prepare(input: PrepareInput): Promise<MatchFacts> {
  const { cache, target } = input;
  const regions = new Map<string, Region[]>();
  const present = new Map<string, boolean>();
  const items: Item[] = [];
  const queued = new Set<string>();
  const visited = new Set<Commit>();
  const forRegions = (file: RawFileChange) => {
    const key = regionsKey(file);
    if (queued.has(key)) return;
    queued.add(key);
    const known = cache.get("regions", key, () => null);
    if (known) regions.set(key, known);
    else items.push({ file, present: false, tip: undefined });
  };
  for (const { commit, files } of input.changes) {
    for (const file of files) {
      const tip = target.blobOf(file.path);
      const known = cache.get("present", presentKey(file, tip), () => null);
      if (known !== null) {
        present.set(presentKey(file, tip), known);
        forRegions(file);
      } else {
        queued.add(regionsKey(file));
        items.push({ file, present: true, tip });
      }
    }
    // Many source commits share a path set (the same one file): each candidate target commit is visited once, not once per source change.
    const candidates = target.index.patchIdCandidates(commit);
    if (candidates.length > 0) {
      commit.files.forEach(forRegions);
      for (const other of candidates) {
        if (visited.has(other)) continue;
        visited.add(other);
        other.files.forEach(forRegions);
      }
    }
  }
  for (const commit of target.commits) (target.files.get(commit.sha) ?? []).forEach(forRegions);

  const tips = await input.blobs.readText(items.flatMap((item) => (item.present && item.tip ? [item.tip] : [])));
  const lines = input.lines ?? new LineTable();
  // The version of each path read last: a change's parent not read yet is read against it.
  const lastRead = new Map<string, string>();
  await streamItems(
    input.blobs,
    items,
    ({ file, present: withPresence, tip }) => [file.oldBlob, file.newBlob, ...(withPresence && tip ? [tip] : [])],
    tips,
    ({ file, present: withPresence, tip }, texts) => {
      const fileRegionsFound = regions.get(regionsKey(file)) ?? cache.get("regions", regionsKey(file), () => fileRegions(file, texts, lines, lastRead.get(file.oldPath)));
      lastRead.set(file.path, file.newBlob);
      if (!fileRegionsFound) return;
      regions.set(regionsKey(file), fileRegionsFound);
      if (!withPresence) return;
      const found = cache.get("present", presentKey(file, tip), () => {
        const post = blobText(file.newBlob, texts);
        // A blob that was not read (missing from a partial clone) leaves it unknown, and unremembered.
        if (post === undefined || (tip !== undefined && !tips.has(tip))) return null;
        const [postLines, tipLines] = trimmedLines(lines, [
          [file.newBlob, post],
          [tip ?? "", tip === undefined ? undefined : tips.get(tip)],
        ]);
        return contentPresent(file, fileRegionsFound, postLines as Int32Array | null, tipLines, (line) => lines.idOf(line));
      });
      if (found !== null) present.set(presentKey(file, tip), found);
    },
  );
  return {
    regionsOf(commit, path) {
      const file = commit.files.find((candidate) => candidate.path === path);
      return file ? (regions.get(regionsKey(file)) ?? null) : null;
    },
    presentAt: (file) => present.get(presentKey(file, target.blobOf(file.path))) ?? null,
  };
}

/** The trimmed lines of each text, in one table call (so they compare): null for a binary blob and undefined for no file, as given. */
function trimmedLines(lines: LineTable, versions: readonly (readonly [string, string | null | undefined])[]): (Int32Array | null | undefined)[] {
  const found = lines.of(
    "trimmed",
    versions.flatMap(([blob, text]) => (typeof text === "string" ? [[blob, text] as const] : [])),
  );
  return versions.map(([, text]) => (typeof text === "string" ? found.shift()! : text));
}
