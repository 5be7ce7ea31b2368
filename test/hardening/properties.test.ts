import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { LogRecordParser, logFormat, readLog, type RawCommit, type RawFileChange } from "../../src/git/log.js";
import { TestRepo } from "../helpers/repo.js";
import { markdownToSafeHtml } from "../../src/render/markdown.js";
import { liveMarkup } from "./inert.js";

// The conventional-commit parser wrapper has its properties in
// test/changelog/parse.test.ts (never throws; type, scope and breaking round-trip).

const NONCE = "0123456789abcdef01234567";
const hex40 = fc.stringMatching(/^[0-9a-f]{40}$/);
/** Any text git can hold in a name or path: everything but NUL. */
const text = (minLength = 0) => fc.string({ unit: "binary", minLength, maxLength: 40 }).map((value) => value.replace(/\0/g, "")).filter((value) => value.length >= minLength);
/** A message as bytes: any byte but NUL, so also invalid UTF-8 (a commit without i18n.commitEncoding can hold that). */
const messageBytes = fc.oneof(
  fc.uint8Array({ maxLength: 80 }).map((bytes) => Buffer.from(bytes.filter((byte) => byte !== 0))),
  text().map((value) => Buffer.from(value, "utf8")),
  // Text that looks like the record framing, but without the NUL it cannot be it.
  fc.constantFrom(`\x1e${NONCE}`, `${NONCE}\n\x1e`, `:100644 100644 ${"a".repeat(40)} ${"b".repeat(40)} M`).map((value) => Buffer.from(value)),
);

const fileChange: fc.Arbitrary<RawFileChange> = fc
  .record({
    status: fc.constantFrom("A", "M", "D", "T", "R", "C"),
    path: text(1),
    oldPath: text(1),
    oldMode: fc.constantFrom("000000", "100644", "100755", "120000", "160000"),
    newMode: fc.constantFrom("000000", "100644", "100755", "120000", "160000"),
    oldBlob: hex40,
    newBlob: hex40,
  })
  .map((file) => (file.status === "R" || file.status === "C" ? file : { ...file, oldPath: file.path }));

interface Generated {
  commit: Omit<RawCommit, "message">;
  message: Buffer;
}

const generated: fc.Arbitrary<Generated> = fc.record({
  commit: fc.record({
    mark: fc.constantFrom("<", ">", ""),
    sha: hex40,
    parents: fc.array(hex40, { maxLength: 3 }),
    authorName: text(),
    authorEmail: text(),
    authorTime: fc.nat(),
    committerTime: fc.nat(),
    date: fc.constantFrom("2025-01-06T10:00:00+00:00", "1970-01-01T00:00:00-12:00"),
    files: fc.array(fileChange, { maxLength: 4 }),
  }),
  message: messageBytes,
});

/** `git log -z --raw --format=<logFormat(NONCE)>` output for these commits, byte for byte as git 2.39 writes it. */
function gitOutput(commits: readonly Generated[]): Buffer {
  const parts: Buffer[] = [];
  commits.forEach(({ commit, message }, index) => {
    const fields = [commit.mark, commit.sha, commit.parents.join(" "), commit.authorName, commit.authorEmail, String(commit.authorTime), String(commit.committerTime), commit.date];
    parts.push(Buffer.from(`\x1e${NONCE}\0${fields.join("\0")}\0`), message, Buffer.from(`\n\0${NONCE}\0`));
    const raw = commit.files
      .map((file) => {
        const score = file.status === "R" || file.status === "C" ? "100" : "";
        const paths = score ? `${file.oldPath}\0${file.path}` : file.path;
        return `:${file.oldMode} ${file.newMode} ${file.oldBlob} ${file.newBlob} ${file.status}${score}\0${paths}\0`;
      })
      .join("");
    if (raw) parts.push(Buffer.from(`\0\n${raw}`));
    else if (index < commits.length - 1) parts.push(Buffer.from("\0"));
  });
  return Buffer.concat(parts);
}

/** Feeds the output in chunks cut at the given byte offsets, as readLog does. */
function parseChunked(output: Buffer, cuts: number[]): RawCommit[] {
  const parser = new LogRecordParser(NONCE);
  const records: RawCommit[] = [];
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    records.push(...parser.push(output.subarray(at, cut)));
    at = cut;
  }
  records.push(...parser.push(output.subarray(at)));
  records.push(...parser.end());
  return records;
}

describe("LogRecordParser", () => {
  test("the stream generated below is byte for byte what git writes, and readLog reads real git right", async () => {
    const repo = TestRepo.create();
    try {
      const names = ["a b.tf", "new\nline.tf", 'quote"d.tf', "ümlaut ✓.tf", "tab\there.tf", "-dash.tf"];
      repo.commit("feat: add\n\nbody with <b>markup</b>\n\nSigned-off-by: A <a@example.com>", Object.fromEntries(names.map((name, i) => [`infra/${name}`, `variable "v${i}" {}\n`])));
      repo.git("mv", "infra/a b.tf", "infra/renamed b.tf");
      repo.commit("refactor: rename, modify, delete", { "infra/quote\"d.tf": 'variable "changed" {}\n', "infra/tab\there.tf": null });
      repo.commit("chore: empty");
      writeFileSync(join(repo.dir, "..", `msg-${process.pid}`), Buffer.from("fix: Gr\xfc\xdfe aus M\xfcnchen\n", "latin1"));
      repo.git("-c", "i18n.commitEncoding=ISO-8859-1", "commit", "-q", "--allow-empty", "-F", join(repo.dir, "..", `msg-${process.pid}`));
      // Invalid UTF-8 and no encoding header: `git commit` would convert it as Latin-1, so the object is written directly.
      const tree = repo.git("rev-parse", "HEAD^{tree}");
      const header = `tree ${tree}\nparent ${repo.head()}\nauthor A <a@example.com> 1736160000 +0000\ncommitter A <a@example.com> 1736160000 +0000\n\n`;
      const object = Buffer.concat([Buffer.from(header), Buffer.from([0x66, 0x69, 0x78, 0x3a, 0x20, 0xff, 0xfe, 0x0a])]);
      const sha = execFileSync("git", ["hash-object", "-t", "commit", "-w", "--stdin"], { cwd: repo.dir, input: object, encoding: "utf8" }).trim();
      repo.git("update-ref", "HEAD", sha);

      const output = execFileSync("git", ["log", "-z", "--raw", "--no-abbrev", "-M", "--encoding=UTF-8", "--no-color", "--no-decorate", `--format=${logFormat(NONCE)}`, "HEAD~1"], { cwd: repo.dir });
      const records = parseChunked(output, []);
      expect(records).toHaveLength(4);
      expect(gitOutput(records.map(({ message, ...commit }) => ({ commit, message: Buffer.from(message) })))).toEqual(output);

      const commits = await readLog(repo.dir, ["HEAD"]);
      expect(commits.map((commit) => commit.message.split("\n")[0])).toEqual(["fix: \ufffd\ufffd", "fix: Grüße aus München", "chore: empty", "refactor: rename, modify, delete", "feat: add"]);
      expect(commits[4]!.files.map((file) => file.path).sort()).toEqual(names.map((name) => `infra/${name}`).sort());
      expect(commits[3]!.files.map(({ status, oldPath, path }) => `${status} ${oldPath} -> ${path}`).sort()).toEqual(["D infra/tab\there.tf -> infra/tab\there.tf", "M infra/quote\"d.tf -> infra/quote\"d.tf", "R infra/a b.tf -> infra/renamed b.tf"]);
      expect(commits[4]!.message).toContain("<b>markup</b>\n\nSigned-off-by: A <a@example.com>");
    } finally {
      repo.remove();
      execFileSync("rm", ["-f", join(repo.dir, "..", `msg-${process.pid}`)]);
    }
  });

  test("gives back every commit, whatever its message bytes and file names, wherever the stream is cut", () => {
    fc.assert(
      fc.property(
        fc.array(generated, { maxLength: 5 }).chain((commits) => {
          const output = gitOutput(commits);
          return fc.tuple(fc.constant(commits), fc.constant(output), fc.array(fc.nat({ max: output.length }), { maxLength: 12 }));
        }),
        ([commits, output, cuts]) => {
          const expected = commits.map(({ commit, message }) => ({ ...commit, message: `${message.toString("utf8")}\n`.replace(/\n+$/, "") }));
          expect(parseChunked(output, cuts)).toEqual(expected);
          // Byte by byte, the worst case for multi-byte characters.
          if (output.length < 600) expect(parseChunked(output, Array.from({ length: output.length }, (_, i) => i))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

const ALLOWED_TAGS = new Set(["p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "em", "strong", "del", "a", "table", "thead", "tbody", "tr", "th", "td"]);
const ALLOWED_ATTRIBUTES = new Set(["href", "title", "rel", "align"]);
const FRAGMENTS = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  "![i](https://evil.example/p.png)",
  "[a](javascript:alert(1))",
  "[a](JaVaScRiPt:alert(1))",
  "[a](java\tscript:alert(1))",
  "[a](&#106;avascript:alert(1))",
  "[a](data:text/html;base64,PHNjcmlwdD4=)",
  "[a](vbscript:msgbox(1))",
  "[ok](https://example.com \"title\")",
  "<a href='javascript:alert(1)'>x</a>",
  "<a href=\"https://example.com\" onclick=\"alert(1)\">y</a>",
  "<svg onload=alert(1)>",
  "<iframe src=https://evil.example></iframe>",
  "<style>*{background:url(https://evil.example)}</style>",
  "<math><mi xlink:href=\"javascript:alert(1)\">m</mi></math>",
  "<details open ontoggle=alert(1)>",
  "<x onclick=alert(1)>",
  "<!--",
  "-->",
  "<![CDATA[",
  "```",
  "`",
  "<",
  ">",
  "\"",
  "'",
  "=",
  " ",
  "\n",
  "\n\n",
  "](",
  "[",
  ")",
  "<a href=",
  "javascript:",
  "&lt;script&gt;",
  "| a | b |\n|---|---|\n",
  "> ",
  "- ",
  "    ",
];

describe("markdownToSafeHtml", () => {
  test("never lets through a script, a handler, an image or a script URL, whatever the input", () => {
    const input = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: "binary", maxLength: 8 })), { maxLength: 30 }).map((pieces) => pieces.join(""));
    fc.assert(
      fc.property(input, (markdown) => {
        const html = markdownToSafeHtml(markdown);
        expect(html).not.toMatch(/<\s*(script|style|iframe|img|svg|math)/i);
        for (const { name, attributes } of liveMarkup(html).tags) {
          expect(ALLOWED_TAGS, html).toContain(name);
          for (const [key, value] of attributes) {
            expect(ALLOWED_ATTRIBUTES, html).toContain(key);
            if (key === "href") {
              // eslint-disable-next-line no-control-regex
              const url = value.replace(/[\x00-\x20]/g, "");
              // A scheme is what a URL parser takes for one; anything else makes the link relative.
              const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
              expect(scheme === undefined || ["http", "https", "mailto"].includes(scheme), `${value} in ${html}`).toBe(true);
            }
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  test("keeps what is safe: emphasis, code and http(s) links", () => {
    const html = markdownToSafeHtml("**bold** `code` [ok](https://example.com) <b>raw</b>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<code>code</code>");
    expect(html).toMatch(/<a href="https:\/\/example\.com" rel="noopener noreferrer nofollow">ok<\/a>/);
    expect(html).toContain("&lt;b&gt;raw&lt;/b&gt;");
  });
});
