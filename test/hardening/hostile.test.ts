import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { oneLine, run, terminalSafe } from "../../src/cli/run.js";
import type { SyncReport } from "../../src/model.js";
import { parseMessage } from "../helpers/mime.js";
import { HOSTILE_BODY, HOSTILE_SUBJECT } from "../helpers/reports.js";
import { TestRepo } from "../helpers/repo.js";
import { cliEnv, ensureBuilt, runCli } from "./cli.js";
import { CONTROL, htmlProblems, markdownProblems } from "./inert.js";

// test/render/safety.test.ts covers the sync report's HTML, Markdown and email
// for HOSTILE_SUBJECT/BODY. This adds what it does not: more payloads (images,
// iframes, data:/vbscript: links, entity-obfuscated schemes, OSC/C1/bidi
// controls), hostile file names and branch names, JSON, the changelog, release
// notes, the digest, and what reaches the terminal.

const PWNED = join(tmpdir(), `driftlog-pwned-${process.pid}`);
const MORE_BODY = [
  "![tracker](https://evil.example/pixel.png) <iframe src=\"https://evil.example/frame\"></iframe> <style>body{background:url(https://evil.example/bg)}</style>",
  "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMCk8L3NjcmlwdD4=) [vb](vbscript:alert(11)) <a href=\"jav&#x09;ascript:alert(12)\">tab</a> [spaced]( javascript:alert(13) ) <svg onload=alert(14)>",
  "\x1b]8;;https://evil.example/link\x07osc link\x1b]8;;\x07 \x1b]52;c;ZXZpbA==\x07 \x9b2J \u202eevil\u202c back\bspace bell\x07 safe\rEVIL",
  `{{{constructor}}} {{> partial}} {{#with this}}{{lookup . 'constructor'}}{{/with}} \${HOME} $(touch ${PWNED}) \`touch ${PWNED}\``,
].join("\n\n");
const SECOND_SUBJECT = "feat(<svg/onload=alert(15)>): ![x](https://evil.example/x.png) [y](javascript:alert(16)) \x1b[2J\x1b]0;title\x07";
/** A valid ref name: quotes, angle brackets and slashes are all allowed. */
const TARGET = 'stable"><svg/onload=alert(17)>';
const FILES = ["infra/<img src=x onerror=alert(7)>.tf", "infra/\x1b[31mred\x1b[0m.tf", 'infra/new\nline "quoted" ü.tf'];

let repo: TestRepo;
let tmp: string;
let report: SyncReport;
const out = (...parts: string[]) => join(tmp, ...parts);
const read = (...parts: string[]) => readFileSync(out(...parts), "utf8");

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: tmp });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "driftlog-hostile-"));
  repo = TestRepo.create();
  repo.commit("feat: base", { Dockerfile: "FROM alpine:3.20\n", "docker-compose.yml": "services:\n  app:\n    image: app\n", "infra/main.tf": "variable \"a\" {}\n" });
  repo.git("tag", "v1.0.0");
  repo.git("branch", TARGET);
  repo.commit(`${HOSTILE_SUBJECT}\n\n${HOSTILE_BODY}\n\n${MORE_BODY}`, { Dockerfile: "FROM alpine:3.21\n", ...Object.fromEntries(FILES.map((file) => [file, "variable \"b\" {}\n"])) });
  repo.commit(SECOND_SUBJECT, { "docker-compose.yml": "services:\n  app:\n    image: app:2\n" });
  repo.git("tag", "v1.1.0");
  repo.commit(`fix(docker): <script>alert(18)</script> unreleased\n\n${MORE_BODY}`, { Dockerfile: "FROM alpine:3.22\n" });

  const sync = await cli(["sync", "--repo", repo.dir, "--target", TARGET, "--format", "json,md,html,email", "--out", out("sync")]);
  expect(sync.code, sync.stderr).toBe(0);
  report = JSON.parse(read("sync", "sync-report.json")) as SyncReport;
  for (const format of ["md", "html", "json"]) {
    const changelog = await cli(["changelog", "--repo", repo.dir, "--format", format, "--out", out("changelog", format)]);
    expect(changelog.code, changelog.stderr).toBe(0);
  }
  for (const tag of ["v1.1.0", "unreleased"]) expect((await cli(["changelog", "--repo", repo.dir, "--release-notes", tag, "--out", out("notes", tag)])).code).toBe(0);
  writeFileSync(out("CHANGELOG.md"), "# Changelog\n");
  expect((await cli(["changelog", "--repo", repo.dir, "--write", out("CHANGELOG.md")])).code).toBe(0);
  const digest = await cli(["digest", out("sync", "sync-report.json"), "--format", "md,html", "--out", out("digest")]);
  expect(digest.code, digest.stderr).toBe(0);
});

afterAll(() => {
  repo?.remove();
  rmSync(tmp, { recursive: true, force: true });
  rmSync(PWNED, { force: true });
});

describe("hostile commit text, file names and branch names stay inert", () => {
  test("JSON is data: every string exactly as git has it, no control byte unescaped", () => {
    const json = read("sync", "sync-report.json");
    // Control bytes, C1 and bidi overrides are \u escapes in the file, and parse back exactly.
    expect(json).not.toMatch(CONTROL);
    expect(json).toContain("\\u009b2J \\u202eevil");
    expect(report.target.ref).toBe(TARGET);
    const subjects = report.changes.map((change) => change.subject);
    expect(subjects).toContain(HOSTILE_SUBJECT);
    expect(subjects).toContain(SECOND_SUBJECT);
    const hostile = report.changes.find((change) => change.subject === HOSTILE_SUBJECT)!;
    expect(hostile.body).toContain("\x1b]52;c;ZXZpbA==\x07");
    expect(hostile.files.map((file) => file.path)).toEqual(expect.arrayContaining(FILES));

    const changelogText = read("changelog", "json", "CHANGELOG.json");
    expect(changelogText).not.toMatch(CONTROL);
    const changelog = JSON.parse(changelogText) as unknown;
    expect(JSON.stringify(changelog)).toContain(JSON.stringify("<img src=x onerror=alert(1)>").slice(1, -1));
  });

  test.each([
    ["sync report", "sync/sync-report.md"],
    ["changelog", "changelog/md/CHANGELOG.md"],
    ["release notes", "notes/v1.1.0/RELEASE_NOTES.md"],
    ["unreleased notes", "notes/unreleased/RELEASE_NOTES.md"],
    ["--write changelog", "CHANGELOG.md"],
    ["digest", "digest/digest.md"],
  ])("Markdown (%s): no raw HTML, images, script links or control characters once rendered", (_name, file) => {
    const md = read(file);
    expect(md.length).toBeGreaterThan(50);
    expect(markdownProblems(md)).toEqual([]);
    expect(md).not.toMatch(CONTROL);
  });

  test("the Markdown still shows what the commits say, as text", () => {
    const md = read("sync", "sync-report.md");
    expect(md).toContain("onerror=alert(1)");
    expect(md).toContain("{{constructor}}");
  });

  test.each([
    ["sync report", "sync/sync-report.html"],
    ["changelog", "changelog/html/CHANGELOG.html"],
    ["digest", "digest/digest.html"],
  ])("HTML (%s): no element, handler, URL or script carries a payload", (_name, file) => {
    const html = read(file);
    expect(htmlProblems(html)).toEqual([]);
    expect(html).not.toMatch(CONTROL);
    expect(html).toMatch(/&lt;img src|&lt;svg/);
  });

  test("email: headers, HTML part and text part", () => {
    const eml = read("sync", "sync-report.eml");
    const message = parseMessage(eml);
    expect(message.subject).toContain("stable\"><svg/onload=alert(17)>");
    for (const [name, value] of message.headers) expect(`${name}: ${value}`).not.toMatch(/[\r\n\x00-\x08\x0b-\x1f]/);
    const html = message.parts.find((part) => part.contentType.startsWith("text/html"))!.body;
    const text = message.parts.find((part) => part.contentType.startsWith("text/plain"))!.body;
    expect(htmlProblems(html)).toEqual([]);
    expect(html).not.toMatch(CONTROL);
    expect(text.replace(/\r\n/g, "\n")).not.toMatch(CONTROL);
  });

  test("nothing in a commit ran a command", () => {
    expect(existsSync(PWNED)).toBe(false);
  });
});

describe("the terminal gets no escape sequences", () => {
  test.each([
    ["CSI colour", "a\x1b[31mred\x1b[0m b", "ared b"],
    ["CSI clear screen", "x\x1b[2Jy", "xy"],
    ["C1 CSI", "x\x9b2Jy", "xy"],
    ["OSC title, BEL-terminated", "x\x1b]0;pwned\x07y", "xy"],
    ["OSC 8 hyperlink, ST-terminated", "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\", "link"],
    ["OSC 52 clipboard", "x\x1b]52;c;ZXZpbA==\x07y", "xy"],
    ["DCS", "x\x1bPq#0;2;0;0;0\x1b\\y", "xy"],
    ["two-byte escape (reset)", "x\x1bcy", "xy"],
    ["bare controls", "a\x07b\x08c\x00d\x7fe", "a b c d e"],
    ["carriage return overwrite", "safe\rEVIL", "safe EVIL"],
    ["bidi override", "abc\u202edcba\u202c", "abc dcba "],
  ])("%s", (_name, input, expected) => {
    expect(terminalSafe(input)).toBe(expected);
    expect(oneLine(`${input}\nsecond`)).not.toMatch(CONTROL);
  });

  test("newlines and tabs survive terminalSafe; oneLine folds them", () => {
    expect(terminalSafe("a\tb\nc")).toBe("a\tb\nc");
    expect(oneLine("a\nb\r\nc")).toBe("a b c");
  });

  // In-process: run() makes stderr terminal-safe, before anything reaches the process.
  test("error lines quoting a path, a config key and a template, with and without --debug", async () => {
    const badRepo = out("repo-\x1b[2J\x1b]0;pwned\x07");
    mkdirSync(badRepo);
    writeFileSync(out("ansi.yaml"), "\x1b[31mevil\x1b[0m: 1\n");
    mkdirSync(out("ansi-templates"));
    writeFileSync(out("ansi-templates", "sync-report.md.hbs"), "\x1b]0;pwned\x07{{#each\x1b[31m}}\n");
    writeFileSync(out("ansi-templates.yaml"), `templates: ${out("ansi-templates")}\n`);
    for (const args of [
      ["sync", "--repo", badRepo],
      ["sync", "--repo", repo.dir, "--target", TARGET, "--config", out("ansi.yaml")],
      ["sync", "--repo", repo.dir, "--target", TARGET, "--config", out("ansi-templates.yaml"), "--format", "md"],
      ["sync", "--repo", repo.dir, "--target", "nope\x1b[31m"],
    ]) {
      for (const debug of [[], ["--debug"]]) {
        const result = await cli([...args, ...debug]);
        expect(result.code).toBeGreaterThanOrEqual(2);
        expect(result.stderr).not.toMatch(CONTROL);
        expect(result.stderr).not.toContain("\x1b");
      }
    }
  });

  describe("through the built CLI", () => {
    beforeAll(() => ensureBuilt());
    const clean = (text: string) => {
      expect(text).not.toMatch(CONTROL);
      expect(text).not.toContain("\x1b");
    };

    test("the sync summary line names an --out folder with escapes in its name", async () => {
      const folder = out("out-\x1b]0;pwned\x07-\x1b[31mred");
      const result = await runCli(["sync", "--repo", repo.dir, "--target", TARGET, "--format", "md", "--out", folder], { env: cliEnv() });
      expect(result.code, result.stderr).toBe(0);
      clean(result.stderr);
      expect(result.stderr).toMatch(/^driftlog: .*wrote sync-report\.md to .*out--red\n$/);
    });

    test("Markdown printed to the terminal", async () => {
      for (const args of [
        ["sync", "--repo", repo.dir, "--target", TARGET, "--format", "md"],
        ["changelog", "--repo", repo.dir],
      ]) {
        const result = await runCli(args, { env: cliEnv() });
        expect(result.code, result.stderr).toBe(0);
        clean(result.stdout);
      }
    });
  });
});
