import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TestRepo } from "../helpers/repo.js";
import { runCaptured } from "../helpers/run.js";
import { cloneOf, releaseRepo, unrelatedRepo } from "./repos.js";

/** Everything a row may refer to, built once. */
interface Fixture {
  tmp: string;
  repo: string;
  clone: string;
  shallow: string;
  unrelated: string;
  notRepo: string;
  config: (name: string) => string;
}

interface Row {
  name: string;
  args: (f: Fixture) => string[];
  code: 0 | 1 | 2 | 3;
  /** What the single stderr line says (after `driftlog: `). */
  says: RegExp | ((f: Fixture) => RegExp);
  /** Whether `--out DIR` is added (commands that take it). */
  out?: boolean;
}

const CONFIGS: Record<string, string> = {
  "syntax.yaml": "source: main\ntarget: stable: extra\nsince: 2025-01-01\n",
  "unknown-key.yaml": "source: main\ntarrget: stable\n",
  "nested-key.yaml": "exclude:\n  pathz: [docs/**]\n",
  "wrong-type.yaml": "source: main\ntargets: stable\n",
  "wrong-enum.yaml": "match:\n  methods: [trailer, psychic]\n",
  "alias-bomb.yaml": aliasBomb(),
  "huge.yaml": `source: main\n# ${"x".repeat(1024 * 1024 + 10)}\n`,
  "deep.yaml": `source: ${"[".repeat(200_000)}${"]".repeat(200_000)}\n`,
  "bad-regex.yaml": 'exclude:\n  messagePatterns: ["(unclosed"]\n',
};

function aliasBomb(): string {
  let text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (let i = 1; i <= 12; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]\n`;
  return text;
}

const ROWS: Row[] = [
  // Usage (2)
  { name: "unknown flag", args: (f) => ["sync", "--repo", f.repo, "--bogus"], code: 2, says: /^unknown option --bogus; run `driftlog sync --help`$/ },
  { name: "misspelt flag", args: (f) => ["sync", "--repo", f.repo, "--traget", "stable"], code: 2, says: /^unknown option --traget; did you mean --target\? / },
  { name: "flag without its value", args: (f) => ["sync", "--repo", f.repo, "--source"], code: 2, says: /^--source needs a value/ },
  { name: "unknown command", args: () => ["synk"], code: 2, says: /^unknown command "synk"; did you mean sync\?/, out: false },
  { name: "stray argument", args: (f) => ["sync", "--repo", f.repo, "stable"], code: 2, says: /^unexpected argument "stable"/ },
  { name: "unknown --fail-on rule", args: (f) => ["sync", "--repo", f.repo, "--fail-on", "bogus"], code: 2, says: /^unknown --fail-on rule "bogus"/ },
  { name: "unknown format", args: (f) => ["sync", "--repo", f.repo, "--format", "pdf"], code: 2, says: /^unknown --format "pdf"/ },
  { name: "--smtp without recipients", args: (f) => ["sync", "--repo", f.repo, "--smtp", "smtp://127.0.0.1:9"], code: 2, says: /^--smtp needs recipients; add --email-to ADDR or email\.to in the config$/ },
  {
    name: "ref that is an option (--output)",
    args: (f) => ["sync", "--repo", f.repo, `--target=--output=${f.tmp}/x`],
    code: 2,
    says: (f) => new RegExp(`^--target "--output=${f.tmp}/x" is not a valid ref name: it starts with '-'`),
  },
  {
    name: "ref that is an option (--upload-pack)",
    args: (f) => ["sync", "--repo", f.repo, `--source=--upload-pack=touch ${f.tmp}/pwned`],
    code: 2,
    says: /^--source "--upload-pack=touch .*" is not a valid ref name: it starts with '-'/,
  },
  { name: "ref with ..", args: (f) => ["sync", "--repo", f.repo, "--target", "main..stable"], code: 2, says: /is not a valid ref name: it contains '\.\.'/ },
  { name: "ref with a newline", args: (f) => ["sync", "--repo", f.repo, "--target", "stable\nmain"], code: 2, says: /is not a valid ref name: it contains a space, control character/ },
  { name: "--out is a file", args: (f) => ["sync", "--repo", f.repo, "--format", "md", "--out", join(f.tmp, "a-file")], code: 2, says: /^cannot write .*a-file\/sync-report\.md: a part of the path is a file/, out: false },
  // Config (2)
  { name: "YAML syntax error", args: (f) => ["sync", "--repo", f.repo, "--config", f.config("syntax.yaml")], code: 2, says: /syntax\.yaml:2:9: Nested mappings are not allowed in compact mappings; fix the YAML syntax$/ },
  { name: "unknown key", args: (f) => ["sync", "--repo", f.repo, "--config", f.config("unknown-key.yaml")], code: 2, says: /unknown-key\.yaml:2:1: unknown key "tarrget" \(did you mean "target"\?\)/ },
  { name: "unknown nested key", args: (f) => ["sync", "--repo", f.repo, "--config", f.config("nested-key.yaml")], code: 2, says: /nested-key\.yaml:2:3: exclude: unknown key "pathz" \(did you mean "paths"\?\)/ },
  { name: "wrong type", args: (f) => ["sync", "--repo", f.repo, "--config", f.config("wrong-type.yaml")], code: 2, says: /wrong-type\.yaml:2:10: targets: expected a list, got a string/ },
  { name: "value not among the choices", args: (f) => ["sync", "--repo", f.repo, "--config", f.config("wrong-enum.yaml")], code: 2, says: /wrong-enum\.yaml:2:22: match\.methods\.1: .*"trailer"/ },
  { name: "alias bomb", args: (f) => ["sync", "--repo", f.repo, "--config", f.config("alias-bomb.yaml")], code: 2, says: /alias-bomb\.yaml: .*alias/i },
  { name: "deeply nested config", args: (f) => ["sync", "--repo", f.repo, "--config", f.config("deep.yaml")], code: 2, says: /deep\.yaml:1:\d+: the YAML is nested too deeply; fix the YAML syntax$/ },
  { name: "huge config", args: (f) => ["sync", "--repo", f.repo, "--config", f.config("huge.yaml")], code: 2, says: /huge\.yaml: the config is larger than 1 MiB/ },
  { name: "invalid regular expression", args: (f) => ["sync", "--repo", f.repo, "--config", f.config("bad-regex.yaml")], code: 2, says: /bad-regex\.yaml:2:21: exclude\.messagePatterns\[0\] is not a valid regular expression/ },
  { name: "missing config file", args: (f) => ["sync", "--repo", f.repo, "--config", join(f.tmp, "nope.yaml")], code: 2, says: /^config file .*nope\.yaml does not exist/ },
  // Templates (2)
  { name: "invalid template", args: (f) => ["sync", "--repo", f.repo, "--config", f.config("templates.yaml"), "--format", "md"], code: 2, says: /sync-report\.md\.hbs:\d+/ },
  {
    name: "invalid template for the second format only",
    args: (f) => ["sync", "--repo", f.repo, "--config", f.config("html-template.yaml"), "--format", "json,md,html"],
    code: 2,
    says: /sync-report\.html\.hbs:\d+/,
  },
  // Repository (3)
  { name: "not a git repository", args: (f) => ["sync", "--repo", f.notRepo], code: 3, says: /is not a git repository \(nor is any folder above it\); pass --repo/ },
  { name: "no such folder", args: (f) => ["sync", "--repo", join(f.tmp, "missing")], code: 3, says: /missing does not exist; pass --repo/ },
  { name: "unknown branch, close to a local one", args: (f) => ["sync", "--repo", f.repo, "--target", "stabel"], code: 3, says: /^--target stabel: no such branch, tag or commit in .*; did you mean stable\?$/ },
  { name: "unknown branch, close to a remote-tracking one", args: (f) => ["sync", "--repo", f.clone, "--target", "stabel"], code: 3, says: /^--target stabel: no such branch.*; did you mean origin\/stable\?$/ },
  { name: "unknown branch, nothing close", args: (f) => ["sync", "--repo", f.clone, "--target", "release-9"], code: 3, says: /; branches here include .*origin\/stable.*; run `git fetch`/ },
  { name: "no merge base", args: (f) => ["sync", "--repo", f.unrelated], code: 3, says: /^source and target have no common history/ },
  { name: "shallow clone without the merge base", args: (f) => ["sync", "--repo", f.shallow, "--source", "origin/main", "--target", "origin/stable"], code: 3, says: /shallow.*; run `git fetch --unshallow`/ },
  // changelog
  { name: "changelog: unknown format", args: (f) => ["changelog", "--repo", f.repo, "--format", "pdf"], code: 2, says: /^unknown --format "pdf"; use one of md, html, json$/ },
  { name: "changelog: ref that is an option", args: (f) => ["changelog", "--repo", f.repo, `--to=--output=${f.tmp}/y`], code: 2, says: /^--to "--output=.*" is not a valid ref name/ },
  { name: "changelog: unknown --from", args: (f) => ["changelog", "--repo", f.repo, "--from", "v1.0.1"], code: 3, says: /^--from v1\.0\.1: no such branch, tag or commit.*did you mean v1\.0\.0\?/ },
  { name: "changelog: bad tag pattern", args: (f) => ["changelog", "--repo", f.repo, "--tag-pattern", "("], code: 2, says: /tag pattern "\(" is not a valid regular expression/ },
  { name: "changelog: unknown release", args: (f) => ["changelog", "--repo", f.repo, "--release-notes", "v9.9.9"], code: 2, says: /^--release-notes v9\.9\.9: .*known releases: .*v1\.0\.0/ },
  { name: "changelog: --write with html", args: (f) => ["changelog", "--repo", f.repo, "--write", join(f.tmp, "CHANGELOG.md"), "--format", "html"], code: 2, says: /^--write maintains a Markdown changelog/, out: false },
  { name: "changelog: --write onto a folder", args: (f) => ["changelog", "--repo", f.repo, "--write", f.tmp], code: 2, says: /cannot be read|is a folder/, out: false },
  { name: "changelog: invalid config", args: (f) => ["changelog", "--repo", f.repo, "--config", f.config("unknown-key.yaml")], code: 2, says: /unknown key "tarrget"/ },
  { name: "changelog: invalid template", args: (f) => ["changelog", "--repo", f.repo, "--config", f.config("changelog-template.yaml")], code: 2, says: /changelog\.md\.hbs:\d+/ },
  { name: "changelog: not a git repository", args: (f) => ["changelog", "--repo", f.notRepo], code: 3, says: /is not a git repository/ },
  // digest and init
  { name: "digest: no reports", args: () => ["digest"], code: 2, says: /^digest needs at least one sync report/ },
  { name: "digest: not JSON", args: (f) => ["digest", f.config("syntax.yaml")], code: 2, says: /is not a driftlog sync report: not JSON/ },
  { name: "init: unknown flag", args: (f) => ["init", "--repo", f.repo, "--out", "x"], code: 2, says: /^unknown option --out/, out: false },
  { name: "init: not a git repository", args: (f) => ["init", "--repo", f.notRepo], code: 3, says: /is not a git repository/, out: false },
];

let fixture: Fixture;
const cleanup: TestRepo[] = [];

beforeAll(() => {
  const tmp = mkdtempSync(join(tmpdir(), "driftlog-errors-"));
  const repo = releaseRepo();
  const clone = cloneOf(repo);
  const shallow = cloneOf(repo, "--depth", "1", "--no-single-branch");
  const unrelated = unrelatedRepo();
  cleanup.push(repo, clone, shallow, unrelated);
  const notRepo = join(tmp, "plain-folder");
  mkdirSync(notRepo);
  writeFileSync(join(tmp, "a-file"), "not a folder\n");
  // One broken template per folder: a folder's overrides are all compiled when it is loaded.
  const templates: Record<string, string> = {
    "templates.yaml": "sync-report.md.hbs",
    "html-template.yaml": "sync-report.html.hbs",
    "changelog-template.yaml": "changelog.md.hbs",
  };
  for (const [config, template] of Object.entries(templates)) {
    const dir = join(tmp, config.replace(".yaml", ""));
    mkdirSync(dir);
    writeFileSync(join(dir, template), "line one\n{{#each changes}}\n{{subject}}\n");
    writeFileSync(join(tmp, config), `templates: ${dir}\n`);
  }
  for (const [name, text] of Object.entries(CONFIGS)) writeFileSync(join(tmp, name), text);
  fixture = { tmp, repo: repo.dir, clone: clone.dir, shallow: shallow.dir, unrelated: unrelated.dir, notRepo, config: (name) => join(tmp, name) };
});

afterAll(() => {
  cleanup.forEach((repo) => repo.remove());
  if (fixture) rmSync(fixture.tmp, { recursive: true, force: true });
});

// In-process: these errors come from the library and the argument parser, not from the process around them.
const cli = (args: string[]) => runCaptured(fixture.tmp, args);

/** An --out folder holding one earlier file, which must be all it holds afterwards. */
function outDir(name: string): string {
  const dir = join(fixture.tmp, "out", name.replace(/\W+/g, "-"));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "earlier.txt"), "from an earlier run\n");
  return dir;
}

describe("every error is one line with its exit code, and nothing is written", () => {
  test.concurrent.each(ROWS)("$name → exit $code", async (row) => {
    const args = row.args(fixture);
    const out = row.out === false ? null : outDir(row.name);
    const withOut = out ? [...args, "--out", out] : args;
    const plain = await cli(withOut);
    const debug = await cli([...withOut, "--debug"]);

    expect(plain.code, plain.stderr).toBe(row.code);
    expect(plain.stdout).toBe("");
    const lines = plain.stderr.split("\n");
    expect(lines, "one line, ending in a newline").toHaveLength(2);
    expect(lines[1]).toBe("");
    expect(lines[0]).toMatch(/^driftlog: /);
    expect(lines[0]!.slice("driftlog: ".length)).toMatch(typeof row.says === "function" ? row.says(fixture) : row.says);
    expect(plain.stderr).not.toMatch(/\n\s+at |internal error/);

    expect(debug.code).toBe(row.code);
    expect(debug.stderr.startsWith(lines[0]!)).toBe(true);
    expect(debug.stderr).toMatch(/\n\s+at .+/);

    if (out) expect(readdirSync(out)).toEqual(["earlier.txt"]);
    expect(existsSync(join(fixture.tmp, "x")) || existsSync(join(fixture.tmp, "y")) || existsSync(join(fixture.tmp, "pwned"))).toBe(false);
  });

  test("a tripped --fail-on gate: exit 1 after the reports are written, the rule on the last line", async () => {
    const out = outDir("gate");
    const result = await cli(["sync", "--repo", fixture.repo, "--format", "json,md", "--out", out, "--fail-on", "unsynced"]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr.trimEnd().split("\n").at(-1)).toMatch(/^driftlog: --fail-on unsynced tripped: \d+ unsynced change/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(out).sort()).toEqual(["earlier.txt", "sync-report.json", "sync-report.md"]);
  });

  test("the control row: the same fixtures succeed where nothing is wrong", async () => {
    const out = outDir("control");
    const result = await cli(["sync", "--repo", fixture.repo, "--format", "json,md", "--out", out]);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["earlier.txt", "sync-report.json", "sync-report.md"]);
    expect(JSON.parse(readFileSync(join(out, "sync-report.json"), "utf8")).summary.total).toBeGreaterThan(0);
    // The shallow clone is fine once given a pair whose merge base it has: two names of one commit (one name twice is a usage error).
    const shallow = await cli(["sync", "--repo", fixture.shallow, "--source", "main", "--target", "origin/main"]);
    expect(shallow.code, shallow.stderr).toBe(0);
  });
});
