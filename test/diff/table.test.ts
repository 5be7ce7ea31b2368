import { describe, expect, it } from "vitest";
import { diffRegions, diffRegionsOfIds, toLines } from "../../src/diff/lines.js";
import { LineTable } from "../../src/diff/table.js";
import { mergeLines } from "../../src/pick/pick.js";

/** A small deterministic generator (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["---", "kind: Deployment", "  replicas: 1", "  replicas: 1  ", "  image: app:v1", "", "  ", "x\r", "metadata:", "a long line that repeats a long line that repeats"];

function text(next: () => number, lines: number): string {
  const out = Array.from({ length: lines }, () => WORDS[Math.floor(next() * WORDS.length)]!).join("\n");
  return next() < 0.5 ? `${out}\n` : out;
}

/** A version of `base` with a few lines replaced, inserted or removed, and sometimes its final newline added or dropped. */
function edited(next: () => number, base: string): string {
  const lines = base.split("\n");
  for (let k = Math.floor(next() * 6); k > 0; k--) {
    const at = Math.floor(next() * (lines.length + 1));
    const word = WORDS[Math.floor(next() * WORDS.length)]!;
    const what = next();
    if (what < 0.4) lines.splice(at, 1, word);
    else if (what < 0.7) lines.splice(at, 0, word);
    else lines.splice(at, 1 + Math.floor(next() * 3));
  }
  let out = lines.join("\n");
  if (next() < 0.15) out = out.endsWith("\n") ? out.slice(0, -1) : `${out}\n`;
  return out;
}

/** The merge lines a table's numbers stand for, written back as mergeLines writes them. */
const mergeKeys = (table: LineTable, ids: Int32Array) => Array.from(ids, (id) => table.line(id)).map((key) => (key.endsWith("\n") ? key.slice(0, -1) : `${key}\n`));

describe("LineTable", () => {
  it("numbers lines as git's merge and as reviewers read them, read from scratch or against a similar version", () => {
    const next = random(15);
    const table = new LineTable({ keepBytes: 1 << 16, maxLines: 500, keepTextBytes: 1 << 14, readAgainstFrom: 0 });
    for (let round = 0; round < 300; round++) {
      const base = text(next, Math.floor(next() * 60));
      const versions = [base];
      for (let k = 0; k < 4; k++) versions.push(next() < 0.2 ? text(next, Math.floor(next() * 60)) : edited(next, versions.at(-1)!));
      versions.forEach((version, k) => {
        const blob = `${round}-${k}`;
        const like = k > 0 ? `${round}-${k - 1}` : undefined;
        const [merge] = table.of("merge", [[blob, version, like]]);
        expect(mergeKeys(table, merge!)).toEqual(mergeLines(version));
        const [trimmed] = table.of("trimmed", [[blob, version, like]]);
        expect(Array.from(trimmed!, (id) => table.line(id))).toEqual(toLines(version));
      });
    }
  });

  it("reads a text unlike the version named as its likeness line by line", () => {
    const next = random(3);
    const table = new LineTable({ readAgainstFrom: 0 });
    const base = text(next, 5000);
    const other = text(next, 5000);
    table.of("merge", [["base", base]]);
    const [merge] = table.of("merge", [["other", other, "base"]]);
    expect(mergeKeys(table, merge!)).toEqual(mergeLines(other));
  });

  it("gives the same regions as the diff of split lines", () => {
    const next = random(7);
    const table = new LineTable({ readAgainstFrom: 0 });
    for (let round = 0; round < 200; round++) {
      const before = text(next, Math.floor(next() * 200));
      const after = edited(next, before);
      const [a, b] = table.of("trimmed", [
        [`${round}a`, before],
        [`${round}b`, after, `${round}a`],
      ]);
      expect(diffRegionsOfIds(a!, b!, (id) => table.line(id))).toEqual(diffRegions(toLines(before), toLines(after)));
    }
  });

  it("starts over past its bound of distinct lines, numbers within one call still comparable", () => {
    const table = new LineTable({ maxLines: 10, readAgainstFrom: 0 });
    const many = Array.from({ length: 40 }, (_, i) => `line ${i}`).join("\n");
    const [first] = table.of("merge", [["a", many]]);
    const [again, other] = table.of("merge", [
      ["a", many],
      ["b", `line 0\n${many}`, "a"],
    ]);
    expect(first!.length).toBe(40);
    expect(Array.from(other!.subarray(1))).toEqual(Array.from(again!));
    expect(table.line(again![0]!)).toBe("line 0");
  });
});
