import { spawnGit, whenExited } from "./exec.js";

/**
 * Reads many objects through one long-lived `git cat-file --batch`. Requests
 * are pipelined: all ids are written at once and answers parsed as they stream.
 */
export class BlobReader {
  /** Decoded text by id; null for binary, missing or non-blob objects. Buffers are not kept: texts are what every stage reads. */
  private readonly cache = new Map<string, string | null>();

  constructor(private readonly dir: string) {}

  /** Text of each id, decoded as UTF-8; null for missing or binary blobs. One `git cat-file --batch` per call, for the ids not read before. */
  async readText(ids: Iterable<string>): Promise<Map<string, string | null>> {
    const unique = new Set(ids);
    const wanted = [...unique].filter((id) => !this.cache.has(id));
    if (wanted.length > 0) await this.fetch(wanted);
    const out = new Map<string, string | null>();
    for (const id of unique) out.set(id, this.cache.get(id) ?? null);
    return out;
  }

  private async fetch(ids: string[]): Promise<void> {
    const child = spawnGit(this.dir, ["cat-file", "--batch"]);
    const exited = whenExited(child, "cat-file");
    let pending: Buffer = Buffer.alloc(0);
    let index = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      for (;;) {
        const newline = pending.indexOf(10);
        if (newline < 0) return;
        const header = pending.subarray(0, newline).toString("latin1");
        const parts = header.split(" ");
        const id = ids[index] ?? parts[0] ?? "";
        if (parts[1] === "missing" || parts[1] === "ambiguous") {
          this.cache.set(id, null);
          pending = pending.subarray(newline + 1);
          index++;
          continue;
        }
        const size = Number(parts[2]);
        if (pending.length < newline + 1 + size + 1) return;
        const body = pending.subarray(newline + 1, newline + 1 + size);
        this.cache.set(id, parts[1] === "blob" && !isBinary(body) ? body.toString("utf8") : null);
        pending = pending.subarray(newline + 1 + size + 1);
        index++;
      }
    });
    child.stdin.end(ids.map((id) => `${id}\n`).join(""));
    await exited;
  }
}

/** Git's own heuristic: a NUL byte in the first 8000 bytes means binary. */
export function isBinary(blob: Buffer): boolean {
  return blob.subarray(0, 8000).includes(0);
}
