/**
 * How a version's lines are compared: `merge` as git's merge reads them (each
 * line with its ending, so a last line without a newline differs from the
 * same line with one), `trimmed` as a reviewer does ({@link toLines}: line
 * endings and trailing blanks do not count).
 */
export type LineView = "merge" | "trimmed";

/**
 * A file version: its blob id (equal ids, equal texts), its text, and
 * optionally the blob id of a version it resembles (the parent of a change),
 * whose lines it is read against when that one's text is still at hand.
 */
export type Version = readonly [blob: string, text: string, like?: string];

interface Interned {
  merge: Int32Array;
  trimmed: Int32Array | null;
}

/** A recent version's text and where each of its lines starts (and, last, where the text ends). */
interface Kept {
  text: string;
  starts: Int32Array;
  merge: Int32Array;
}

/**
 * Lines of file versions as small integers (equal lines, equal numbers), one
 * table for a run: a 50k-line manifest changed by hundreds of commits is read
 * as each change's result, as the next one's parent, as the content looked
 * for on the target, and the target tip's version is a side of every change;
 * each is split and hashed once while it is recent, not once per comparison.
 *
 * Numbers are comparable within the result of one {@link of} call and with
 * {@link line} and {@link idOf} until the next call: a call may first clear
 * the table, when it holds more distinct lines than its bound (a history of
 * regenerated files would otherwise grow it without end).
 */
export class LineTable {
  private ids = new Map<string, number>();
  /** Text of each id: the merge key, with a trailing "\n" when the line had no line ending. */
  private keys: string[] = [];
  /** Trimmed id of each id, -1 until asked. */
  private trimmedOf = new Int32Array(1024).fill(-1);
  private readonly versions = new Map<string, Interned>();
  private bytes = 0;
  private readonly texts = new Map<string, Kept>();
  private textBytes = 0;

  private readonly keepBytes: number;
  private readonly maxLines: number;
  private readonly keepTextBytes: number;
  private readonly readAgainstFrom: number;

  /**
   * `keepBytes`: numbered versions kept (4 bytes a line); `maxLines`: distinct
   * lines before the table starts over; `keepTextBytes`: texts kept to read
   * later versions against; `readAgainstFrom`: shorter texts are split and
   * hashed, reading against a reference pays off on large files. 32 MB of
   * versions (8M lines) holds what matching numbered until pick prediction
   * reads it again at 100k commits: with 8 MB a run split 51k versions there
   * instead of 27k, a second more of work, and peaked no lower.
   */
  constructor({ keepBytes = 32 << 20, maxLines = 100_000, keepTextBytes = 16 << 20, readAgainstFrom = 16_384 } = {}) {
    this.keepBytes = keepBytes;
    this.maxLines = maxLines;
    this.keepTextBytes = keepTextBytes;
    this.readAgainstFrom = readAgainstFrom;
  }

  /** The lines of each version as numbers, in `view`; see the class comment for how long they compare. */
  of(view: LineView, versions: readonly Version[]): Int32Array[] {
    if (this.keys.length > this.maxLines) this.clear();
    return versions.map(([blob, text, like]) => {
      const found = this.interned(blob, text, like);
      if (view === "merge") return found.merge;
      if (!found.trimmed) {
        found.trimmed = found.merge.map((id) => this.trimmed(id));
        this.bytes += found.trimmed.byteLength;
      }
      return found.trimmed;
    });
  }

  /** The line a `trimmed` number stands for. */
  line(id: number): string {
    return this.keys[id]!;
  }

  /** The number of a line in the `trimmed` view; undefined when no version read so far has it. */
  idOf(line: string): number | undefined {
    return this.ids.get(line);
  }

  private interned(blob: string, text: string, like: string | undefined): Interned {
    let found = this.versions.get(blob);
    if (found) {
      // Most recently used last, and its text with it.
      this.versions.delete(blob);
      const text = this.texts.get(blob);
      if (text) {
        this.texts.delete(blob);
        this.texts.set(blob, text);
      }
    } else {
      const reference = like === undefined ? undefined : this.texts.get(like);
      const large = text.length >= this.readAgainstFrom;
      const kept = reference && large ? this.readAgainst(text, reference) : this.split(text);
      if (large) this.keep(blob, kept);
      found = { merge: kept.merge, trimmed: null };
      this.bytes += found.merge.byteLength;
      for (const [old, version] of this.versions) {
        if (this.bytes <= this.keepBytes) break;
        this.versions.delete(old);
        this.bytes -= version.merge.byteLength + (version.trimmed?.byteLength ?? 0);
      }
    }
    this.versions.set(blob, found);
    return found;
  }

  /** Remembers a version's text for reading later versions against it, the most recent ones within the bound. */
  private keep(blob: string, kept: Kept): void {
    this.texts.delete(blob);
    this.texts.set(blob, kept);
    this.textBytes += kept.text.length + kept.starts.byteLength;
    for (const [old, version] of this.texts) {
      if (this.textBytes <= this.keepTextBytes) break;
      this.texts.delete(old);
      this.textBytes -= version.text.length + version.starts.byteLength;
    }
  }

  private split(text: string): Kept {
    let count = 0;
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) count++;
    const last = text.length > 0 && !text.endsWith("\n");
    const lines = count + (last ? 1 : 0);
    const merge = new Int32Array(lines);
    const starts = new Int32Array(lines + 1);
    let start = 0;
    for (let k = 0; k < count; k++) {
      const end = text.indexOf("\n", start);
      starts[k] = start;
      merge[k] = this.intern(text.slice(start, end));
      start = end + 1;
    }
    // A last line without its ending is another line to git's merge.
    if (last) {
      starts[count] = start;
      merge[count] = this.intern(`${text.slice(start)}\n`);
    }
    starts[lines] = text.length;
    return { text, starts, merge };
  }

  /**
   * {@link split} of a text that resembles `reference`: runs of text equal
   * to the reference's (compared natively, in chunks) take its lines'
   * numbers, and only the lines between are hashed. A run counts only whole
   * lines, ending included, so every number is that of the same line.
   */
  private readAgainst(text: string, reference: Kept): Kept {
    const ref = reference.text;
    const refStarts = reference.starts;
    const refLines = refStarts.length - 1;
    let merge = new Int32Array(refLines + 16);
    let starts = new Int32Array(refLines + 17);
    let lines = 0;
    const grow = (more: number) => {
      if (lines + more < merge.length) return;
      const size = Math.max(2 * merge.length, lines + more + 1);
      const [m, s] = [new Int32Array(size), new Int32Array(size + 1)];
      m.set(merge);
      s.set(starts);
      [merge, starts] = [m, s];
    };
    let at = 0;
    let i = 0;
    let hashed = 0;
    while (at < text.length) {
      if (i < refLines) {
        // Whole reference lines from i that the text repeats at `at`.
        const same = commonLength(ref, refStarts[i]!, text, at);
        let k = wholeLines(refStarts, i, refStarts[i]! + same);
        // The reference's last line without an ending matches only the text's last line without one.
        if (k > 0 && i + k === refLines && !ref.endsWith("\n") && refStarts[i]! + same === ref.length && at + same !== text.length) k--;
        if (k > 0) {
          grow(k);
          const shift = at - refStarts[i]!;
          for (let c = i; c < i + k; c++) {
            merge[lines] = reference.merge[c]!;
            starts[lines++] = refStarts[c]! + shift;
          }
          at += refStarts[i + k]! - refStarts[i]!;
          i += k;
          continue;
        }
      }
      // A line the reference has not here: hashed, and the reference realigned after it.
      const end = text.indexOf("\n", at);
      grow(1);
      starts[lines] = at;
      merge[lines++] = this.intern(end < 0 ? `${text.slice(at)}\n` : text.slice(at, end));
      at = end < 0 ? text.length : end + 1;
      // A text unlike its reference is hashed line by line from here, not realigned at every line.
      if (++hashed > 1024 && 4 * hashed > lines) i = refLines;
      else i = realign(ref, refStarts, i, text, at);
    }
    starts[lines] = text.length;
    return { text, starts: starts.slice(0, lines + 1), merge: merge.slice(0, lines) };
  }
  private intern(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      // A slice of a blob text keeps the whole text alive: the table keeps a copy.
      const copy = key.length > 12 ? (JSON.parse(JSON.stringify(key)) as string) : key;
      this.ids.set(copy, id);
      this.keys.push(copy);
    }
    return id;
  }

  private trimmed(id: number): number {
    if (id >= this.trimmedOf.length) {
      const grown = new Int32Array(Math.max(2 * this.trimmedOf.length, id + 1)).fill(-1);
      grown.set(this.trimmedOf);
      this.trimmedOf = grown;
    }
    let trimmed = this.trimmedOf[id]!;
    if (trimmed < 0) {
      const key = this.keys[id]!;
      const line = key.trimEnd();
      trimmed = line === key ? id : this.intern(line);
      this.trimmedOf[id] = trimmed;
    }
    return trimmed;
  }

  private clear(): void {
    this.texts.clear();
    this.textBytes = 0;
    this.ids = new Map();
    this.keys = [];
    this.trimmedOf = new Int32Array(1024).fill(-1);
    this.versions.clear();
    this.bytes = 0;
  }
}

/** How many characters `a` from `p` and `b` from `q` have in common: chunks compared natively, halved around a difference. */
function commonLength(a: string, p: number, b: string, q: number): number {
  const max = Math.min(a.length - p, b.length - q);
  let n = 0;
  let step = 32;
  while (n < max) {
    const size = Math.min(step, max - n);
    if (a.slice(p + n, p + n + size) === b.slice(q + n, q + n + size)) {
      n += size;
      step = Math.min(2 * step, 1 << 16);
    } else if (size <= 16) {
      while (a.charCodeAt(p + n) === b.charCodeAt(q + n)) n++;
      return n;
    } else step = size >> 1;
  }
  return n;
}

/** How many lines from line `i` end (their line ending included) at or before `until`. */
function wholeLines(starts: Int32Array, i: number, until: number): number {
  // The last line c with starts[c + 1] <= until, by binary search.
  let low = i;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= until) low = mid;
    else high = mid - 1;
  }
  return low - i;
}

/** Lines of the reference tried, after a changed line, for where the text goes on. */
const REALIGN_WITHIN = 8;
/** Characters that must agree for a line of the reference to count as where the text goes on. */
const REALIGN_CHARS = 64;

/**
 * Where the reference goes on after a line of the text that was not at line
 * `i`: line i + 1 when that line was replaced, i when it was inserted, or a
 * little further when lines were removed; i + 1 when none agrees. Only a
 * guess of where to compare next: the runs taken are compared all the same.
 */
function realign(ref: string, starts: Int32Array, i: number, text: string, at: number): number {
  const lines = starts.length - 1;
  const wanted = Math.min(REALIGN_CHARS, text.length - at);
  const agrees = (c: number) => c < lines && ref.charCodeAt(starts[c]!) === text.charCodeAt(at) && commonLength(ref, starts[c]!, text, at) >= wanted;
  if (agrees(i + 1)) return i + 1;
  if (agrees(i)) return i;
  for (let c = i + 2; c <= i + REALIGN_WITHIN; c++) if (agrees(c)) return c;
  return Math.min(i + 1, lines);
}
