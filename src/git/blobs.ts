import { missingObjectOf, spawnGit, whenExited } from "./exec.js";
import { ZERO_SHA, type RawFileChange } from "./log.js";

/**
 * Reads blobs through `git cat-file --batch`: one process per call, all ids
 * written at once and the answers parsed as they stream. A run makes a fixed
 * number of calls, never one per commit or file.
 */
export class BlobReader {
  /** Decoded text by id, for what `readText` returned; `stream` keeps nothing. */
  private readonly cache = new Map<string, string | null>();
  /**
   * Ids asked for that the repository does not have (a partial clone or a
   * mirror with missing blobs; git never fetches them, see gitEnv). Their
   * content is unknown: neither binary nor text, and no evidence either way.
   */
  readonly missing = new Set<string>();
  /** The blobs the object store holds, once cat-file has stopped at one it lacks; null until then. */
  private present: Promise<Set<string>> | null = null;
  private readonly gitlinks = new Set<string>();

  constructor(private readonly dir: string) {}

  /**
   * Text of each id, decoded as UTF-8; null for binary blobs. Missing blobs
   * are left out of the map (see {@link missing}). Remembered for later calls.
   */
  async readText(ids: Iterable<string>): Promise<Map<string, string | null>> {
    const unique = new Set(ids);
    const wanted = [...unique].filter((id) => !this.cache.has(id) && !this.missing.has(id));
    if (wanted.length > 0) {
      await this.stream(wanted, (id, text) => {
        if (text !== undefined) this.cache.set(id, text);
      });
    }
    const out = new Map<string, string | null>();
    for (const id of unique) if (this.cache.has(id)) out.set(id, this.cache.get(id)!);
    return out;
  }

  /**
   * Hands each blob's text to `visit` in the order asked, keeping none: for
   * reading more than fits in memory at once. `undefined` for a missing blob.
   */
  async stream(ids: readonly string[], visit: (id: string, text: string | null | undefined) => void): Promise<void> {
    if (ids.length === 0) return;
    let done = 0;
    const counted = (id: string, text: string | null | undefined) => {
      done++;
      visit(id, text);
    };
    if (this.present === null) {
      try {
        await this.readInOrder(ids, () => false, counted);
        return;
      } catch (error) {
        if (missingObjectOf(error) === null) throw error;
        // A partial clone: cat-file stops at the first blob its promisor remote
        // would have sent, where a mirror missing blobs says "missing". Which
        // blobs are here is read once; only those are asked for from now on.
        this.present = presentBlobs(this.dir);
      }
    }
    const present = await this.present;
    await this.readInOrder(ids.slice(done), (id) => !present.has(id), counted);
  }

  /** Submodule commits (gitlinks) have no blob: read as null, like a binary file, never as missing. */
  notBlobs(ids: Iterable<string>): void {
    for (const id of ids) this.gitlinks.add(id);
  }

  /** One cat-file for the ids that are neither gitlinks nor known to be `absent`; those are visited in their place. */
  private async readInOrder(ids: readonly string[], absent: (id: string) => boolean, visit: (id: string, text: string | null | undefined) => void): Promise<void> {
    const asked = (id: string) => !this.gitlinks.has(id) && !absent(id);
    let next = 0;
    const passOver = () => {
      for (; next < ids.length && !asked(ids[next]!); next++) {
        const id = ids[next]!;
        if (this.gitlinks.has(id)) visit(id, null);
        else {
          this.missing.add(id);
          visit(id, undefined);
        }
      }
    };
    passOver();
    await this.catFile(ids.filter(asked), (id, text) => {
      next++;
      visit(id, text);
      passOver();
    });
  }

  private async catFile(ids: readonly string[], visit: (id: string, text: string | null | undefined) => void): Promise<void> {
    if (ids.length === 0) return;
    const child = spawnGit(this.dir, ["cat-file", "--batch"]);
    const exited = whenExited(child, "cat-file");
    // Chunks not parsed yet: a blob of megabytes arrives in many chunks, joined once when all of it is here.
    const chunks: Buffer[] = [];
    let buffered = 0;
    /** Bytes the next record needs before it can be parsed: its header line, then its body. */
    let needed = 0;
    let index = 0;
    let failure: unknown = null;
    const take = (): Buffer => {
      const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, buffered);
      chunks.length = 0;
      buffered = 0;
      return all;
    };
    child.stdout.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      buffered += chunk.length;
      if (buffered < needed) return;
      let pending = take();
      needed = 0;
      try {
        for (;;) {
          const newline = pending.indexOf(10);
          if (newline < 0) break;
          const parts = pending.subarray(0, newline).toString("latin1").split(" ");
          const id = ids[index] ?? parts[0] ?? "";
          if (parts[1] === "missing" || parts[1] === "ambiguous") {
            pending = pending.subarray(newline + 1);
            index++;
            if (parts[1] === "missing") this.missing.add(id);
            visit(id, parts[1] === "missing" ? undefined : null);
            continue;
          }
          const size = Number(parts[2]);
          if (pending.length < newline + 1 + size + 1) {
            needed = newline + 1 + size + 1;
            break;
          }
          const body = pending.subarray(newline + 1, newline + 1 + size);
          const text = parts[1] === "blob" && !isBinary(body) ? body.toString("utf8") : null;
          pending = pending.subarray(newline + 1 + size + 1);
          index++;
          visit(id, text);
        }
        if (pending.length > 0) {
          chunks.push(pending);
          buffered = pending.length;
        }
      } catch (error) {
        // A visitor failed: stop reading and report it once git has gone.
        failure ??= error;
        child.stdout.removeAllListeners("data");
        child.kill();
      }
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(ids.map((id) => `${id}\n`).join(""));
    try {
      await exited;
    } catch (error) {
      throw failure ?? error;
    }
    if (failure) throw failure;
  }
}

/**
 * Items this many apart share a blob without reading it twice: a file's
 * consecutive changes are near each other in the order items come, and one
 * change's result is the next one's parent (a 50k-line manifest read and
 * decoded once, not twice). The bound keeps what waits to be reused small.
 */
const REUSE_WITHIN = 8;

/**
 * Streams the blobs of many items through one `cat-file`, hands each item
 * its texts once all have arrived, then forgets them: memory holds one item's
 * blobs (and those an item up to {@link REUSE_WITHIN} later needs again), not
 * the history's. Texts in `known` (read earlier and shared by many items,
 * such as the target tip's files) are not read again. A missing blob has no
 * entry in the texts an item gets.
 */
export async function streamItems<T>(
  blobs: BlobReader,
  items: readonly T[],
  idsOf: (item: T) => readonly string[],
  known: ReadonlyMap<string, string | null>,
  visit: (item: T, texts: ReadonlyMap<string, string | null>) => void,
): Promise<void> {
  const wanted = items.map((item) => [...new Set(idsOf(item).filter((id) => id !== ZERO_SHA && !known.has(id) && !blobs.missing.has(id)))]);
  // Per item, the ids to read and the ids a later item takes from it.
  const plan = wanted.map(() => ({ read: [] as string[], keep: new Set<string>() }));
  const lastUse = new Map<string, number>();
  wanted.forEach((ids, index) => {
    for (const id of ids) {
      const last = lastUse.get(id);
      if (last !== undefined && index - last <= REUSE_WITHIN) plan[last]!.keep.add(id);
      else plan[index]!.read.push(id);
      lastUse.set(id, index);
    }
  });
  const kept = new Map<string, string | null | undefined>();
  let next = 0;
  let current = new Map<string, string | null>();
  let arrived = 0;
  const advance = () => {
    while (next < items.length && arrived === plan[next]!.read.length) {
      const item = items[next]!;
      for (const id of idsOf(item)) if (known.has(id)) current.set(id, known.get(id)!);
      for (const id of wanted[next]!) {
        if (!kept.has(id)) continue;
        const text = kept.get(id);
        if (text !== undefined) current.set(id, text);
      }
      visit(item, current);
      for (const id of wanted[next]!) {
        if (plan[next]!.keep.has(id)) kept.set(id, current.get(id));
        else kept.delete(id);
      }
      current = new Map();
      arrived = 0;
      next++;
    }
  };
  advance();
  await blobs.stream(
    plan.flatMap((item) => item.read),
    (id, text) => {
      if (text !== undefined) current.set(id, text);
      arrived++;
      advance();
    },
  );
}

/** The submodule commits (mode 160000) of trees and of file changes, for {@link BlobReader.notBlobs}. */
export function gitlinkIds(trees: readonly ReadonlyMap<string, { mode: string; blob: string }>[], commits: readonly { files: readonly RawFileChange[] }[]): string[] {
  const ids: string[] = [];
  for (const tree of trees) for (const entry of tree.values()) if (entry.mode === "160000") ids.push(entry.blob);
  for (const { files } of commits) {
    for (const file of files) {
      if (file.oldMode === "160000") ids.push(file.oldBlob);
      if (file.newMode === "160000") ids.push(file.newBlob);
    }
  }
  return ids;
}

/** Ids of every blob in the object store (loose, packed, alternates), listed without fetching anything. */
async function presentBlobs(dir: string): Promise<Set<string>> {
  const child = spawnGit(dir, ["cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectname)", "--unordered"]);
  const exited = whenExited(child, "cat-file");
  const blobs = new Set<string>();
  let partial = "";
  child.stdout.setEncoding("latin1").on("data", (chunk: string) => {
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) if (line.startsWith("blob ")) blobs.add(line.slice(5));
  });
  child.stdin.end();
  await exited;
  return blobs;
}

/** Git's own heuristic: a NUL byte in the first 8000 bytes means binary. */
export function isBinary(blob: Buffer): boolean {
  return blob.subarray(0, 8000).includes(0);
}
