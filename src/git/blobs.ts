import { spawnGit, whenExited } from "./exec.js";
import { ZERO_SHA } from "./log.js";

/**
 * Reads blobs through `git cat-file --batch`: one process per call, all ids
 * written at once and the answers parsed as they stream. A run makes a fixed
 * number of calls, never one per commit or file.
 */
export class BlobReader {
  /** Decoded text by id, for what `readText` returned; `stream` keeps nothing. */
  private readonly cache = new Map<string, string | null>();

  constructor(private readonly dir: string) {}

  /** Text of each id, decoded as UTF-8; null for missing or binary blobs. Remembered for later calls. */
  async readText(ids: Iterable<string>): Promise<Map<string, string | null>> {
    const unique = new Set(ids);
    const wanted = [...unique].filter((id) => !this.cache.has(id));
    if (wanted.length > 0) await this.stream(wanted, (id, text) => this.cache.set(id, text));
    const out = new Map<string, string | null>();
    for (const id of unique) out.set(id, this.cache.get(id) ?? null);
    return out;
  }

  /** Hands each blob's text to `visit` in the order asked, keeping none: for reading more than fits in memory at once. */
  async stream(ids: readonly string[], visit: (id: string, text: string | null) => void): Promise<void> {
    if (ids.length === 0) return;
    const child = spawnGit(this.dir, ["cat-file", "--batch"]);
    const exited = whenExited(child, "cat-file");
    let pending: Buffer = Buffer.alloc(0);
    let index = 0;
    let failure: unknown = null;
    child.stdout.on("data", (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      try {
        for (;;) {
          const newline = pending.indexOf(10);
          if (newline < 0) return;
          const parts = pending.subarray(0, newline).toString("latin1").split(" ");
          const id = ids[index] ?? parts[0] ?? "";
          if (parts[1] === "missing" || parts[1] === "ambiguous") {
            pending = pending.subarray(newline + 1);
            index++;
            visit(id, null);
            continue;
          }
          const size = Number(parts[2]);
          if (pending.length < newline + 1 + size + 1) return;
          const body = pending.subarray(newline + 1, newline + 1 + size);
          const text = parts[1] === "blob" && !isBinary(body) ? body.toString("utf8") : null;
          pending = pending.subarray(newline + 1 + size + 1);
          index++;
          visit(id, text);
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
 * Streams the blobs of many items through one `cat-file`, hands each item
 * its texts once all have arrived, then forgets them: memory holds one item's
 * blobs, not the history's. Texts in `known` (read earlier and shared by many
 * items, such as the target tip's files) are not read again.
 */
export async function streamItems<T>(
  blobs: BlobReader,
  items: readonly T[],
  idsOf: (item: T) => readonly string[],
  known: ReadonlyMap<string, string | null>,
  visit: (item: T, texts: ReadonlyMap<string, string | null>) => void,
): Promise<void> {
  const plan = items.map((item) => [...new Set(idsOf(item).filter((id) => id !== ZERO_SHA && !known.has(id)))]);
  let next = 0;
  let current = new Map<string, string | null>();
  const advance = () => {
    while (next < items.length && current.size === plan[next]!.length) {
      const item = items[next]!;
      for (const id of idsOf(item)) if (known.has(id)) current.set(id, known.get(id)!);
      visit(item, current);
      current = new Map();
      next++;
    }
  };
  advance();
  await blobs.stream(plan.flat(), (id, text) => {
    current.set(id, text);
    advance();
  });
}

/** Git's own heuristic: a NUL byte in the first 8000 bytes means binary. */
export function isBinary(blob: Buffer): boolean {
  return blob.subarray(0, 8000).includes(0);
}
