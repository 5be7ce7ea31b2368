import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { syncReport, type Change, type SyncReport } from "../../src/index.js";
import { predictPick } from "../../src/pick/pick.js";
import { gitCherryPicks, PICK_ENV } from "../helpers/picks.js";
import { TestRepo } from "../helpers/repo.js";
import { expectValid } from "../helpers/schema.js";

type Outcome = "clean" | "conflict";
const NOW = new Date("2025-03-01T00:00:00Z");
const lines = (count: number, name: string) => Array.from({ length: count }, (_, i) => `${name}.key${String(i + 1).padStart(2, "0")}: v0`);
/**
 * A YAML-ish file of 12 lines after one naming it, every line saying which file
 * it is in (so git's rename detection, which pairs files by similarity, has one
 * candidate), lines replaced (1-based), inserted after (`+n`) or removed (`-n`).
 */
function file(name: string, edits: Record<string, string | null> = {}, options: { eol?: string; finalNewline?: boolean } = {}): string {
  const out: string[] = [`name: ${name}`];
  lines(12, name).forEach((line, i) => {
    const n = String(i + 1);
    if (!(`-${n}` in edits)) out.push(edits[n] ?? line);
    const inserted = edits[`+${n}`];
    if (inserted) out.push(inserted);
  });
  const eol = options.eol ?? "\n";
  return out.join(eol) + (options.finalNewline === false ? "" : eol);
}

interface Scenario {
  /** What git does, by hand from its merge rules. */
  expected: Outcome;
  /** Files at the fork (beyond the shared ones). */
  base?: Record<string, string>;
  stable?: (repo: TestRepo) => void;
  main: (repo: TestRepo) => void;
}

const commitFiles = (message: string, files: Record<string, string | null>) => (repo: TestRepo) => void repo.commit(message, files);
const chmodX = (path: string) => (repo: TestRepo) => {
  chmodSync(join(repo.dir, path), 0o755);
};

const bin = (seed: string) => `\0\x01BIN${seed}\0${"\xff".repeat(16)}\n`;

/**
 * Unsynced changes of many shapes, each on its own files: a stable-only change
 * (the "ours" side of the pick) and the main change to pick. Names say the shape.
 */
const SCENARIOS: Record<string, Scenario> = {
  "same line edited on both": {
    expected: "conflict",
    stable: commitFiles("ops: same line", { "deploy/same-line.yaml": file("same-line", { 4: "key04: stable" }) }),
    main: commitFiles("feat: same line", { "deploy/same-line.yaml": file("same-line", { 4: "key04: main" }) }),
  },
  "main edits the line after stable's": {
    expected: "conflict",
    stable: commitFiles("ops: adjacent after", { "deploy/adjacent-after.yaml": file("adjacent-after", { 4: "key04: stable" }) }),
    main: commitFiles("feat: adjacent after", { "deploy/adjacent-after.yaml": file("adjacent-after", { 5: "key05: main" }) }),
  },
  "main edits the line before stable's": {
    expected: "conflict",
    stable: commitFiles("ops: adjacent before", { "deploy/adjacent-before.yaml": file("adjacent-before", { 5: "key05: stable" }) }),
    main: commitFiles("feat: adjacent before", { "deploy/adjacent-before.yaml": file("adjacent-before", { 4: "key04: main" }) }),
  },
  "one unchanged line between the edits": {
    expected: "clean",
    stable: commitFiles("ops: gap 1", { "deploy/gap-1.yaml": file("gap-1", { 3: "key03: stable" }) }),
    main: commitFiles("feat: gap 1", { "deploy/gap-1.yaml": file("gap-1", { 5: "key05: main" }) }),
  },
  "two unchanged lines between the edits": {
    expected: "clean",
    stable: commitFiles("ops: gap 2", { "deploy/gap-2.yaml": file("gap-2", { 3: "key03: stable" }) }),
    main: commitFiles("feat: gap 2", { "deploy/gap-2.yaml": file("gap-2", { 6: "key06: main" }) }),
  },
  "three unchanged lines between the edits (same diff hunk)": {
    expected: "clean",
    stable: commitFiles("ops: gap 3", { "deploy/gap-3.yaml": file("gap-3", { 3: "key03: stable" }) }),
    main: commitFiles("feat: gap 3", { "deploy/gap-3.yaml": file("gap-3", { 7: "key07: main" }) }),
  },
  "stable inserted a line right before the line main edits": {
    expected: "conflict",
    stable: commitFiles("ops: insert before", { "deploy/insert-before.yaml": file("insert-before", { "+4": "extra: stable" }) }),
    main: commitFiles("feat: insert before", { "deploy/insert-before.yaml": file("insert-before", { 5: "key05: main" }) }),
  },
  "stable inserted a line right after the line main edits": {
    expected: "conflict",
    stable: commitFiles("ops: insert after", { "deploy/insert-after.yaml": file("insert-after", { "+4": "extra: stable" }) }),
    main: commitFiles("feat: insert after", { "deploy/insert-after.yaml": file("insert-after", { 4: "key04: main" }) }),
  },
  "stable inserted a line one line away": {
    expected: "clean",
    stable: commitFiles("ops: insert away", { "deploy/insert-away.yaml": file("insert-away", { "+3": "extra: stable" }) }),
    main: commitFiles("feat: insert away", { "deploy/insert-away.yaml": file("insert-away", { 5: "key05: main" }) }),
  },
  "both inserted different lines at the same place": {
    expected: "conflict",
    stable: commitFiles("ops: both insert", { "deploy/both-insert.yaml": file("both-insert", { "+6": "extra: stable" }) }),
    main: commitFiles("feat: both insert", { "deploy/both-insert.yaml": file("both-insert", { "+6": "extra: main" }) }),
  },
  "stable deleted the line after the one main edits": {
    expected: "conflict",
    stable: commitFiles("ops: delete next", { "deploy/delete-next.yaml": file("delete-next", { "-5": null }) }),
    main: commitFiles("feat: delete next", { "deploy/delete-next.yaml": file("delete-next", { 4: "key04: main" }) }),
  },
  "main repeats stable's edit and adds one far away": {
    expected: "clean",
    stable: commitFiles("ops: same edit", { "deploy/same-edit.yaml": file("same-edit", { 2: "key02: both" }) }),
    main: commitFiles("feat: same edit and more", { "deploy/same-edit.yaml": file("same-edit", { 2: "key02: both", 10: "key10: main" }) }),
  },
  "file deleted on stable, edited on main": {
    expected: "conflict",
    stable: commitFiles("ops: drop deleted.yaml", { "deploy/deleted.yaml": null }),
    main: commitFiles("feat: edit deleted.yaml", { "deploy/deleted.yaml": file("deleted", { 6: "key06: main" }) }),
  },
  "file deleted on main, edited on stable": {
    expected: "conflict",
    stable: commitFiles("ops: edit dropped.yaml", { "deploy/dropped.yaml": file("dropped", { 6: "key06: stable" }) }),
    main: commitFiles("feat: drop dropped.yaml", { "deploy/dropped.yaml": null }),
  },
  "file deleted on main, untouched on stable": {
    expected: "clean",
    main: commitFiles("feat: drop unused.yaml", { "deploy/unused.yaml": null }),
  },
  "file added on both sides with different content": {
    expected: "conflict",
    base: {},
    stable: commitFiles("ops: add both.yaml", { "deploy/added-both.yaml": "name: stable\n" }),
    main: commitFiles("feat: add both.yaml", { "deploy/added-both.yaml": "name: main\n" }),
  },
  "file added on main only": {
    expected: "clean",
    main: commitFiles("feat: add fresh.yaml", { "deploy/fresh.yaml": "name: fresh\n" }),
  },
  "file renamed on stable, edited on main": {
    expected: "clean",
    stable: (repo) => {
      repo.git("mv", "deploy/rename.yaml", "deploy/renamed.yaml");
      repo.commit("ops: rename rename.yaml");
    },
    main: commitFiles("feat: edit rename.yaml", { "deploy/rename.yaml": file("rename", { 5: "key05: main" }) }),
  },
  "file renamed and edited on stable next to main's edit": {
    expected: "conflict",
    stable: (repo) => {
      repo.git("mv", "deploy/move.yaml", "deploy/moved.yaml");
      repo.commit("ops: move move.yaml", { "deploy/moved.yaml": file("move", { 4: "key04: stable" }) });
    },
    main: commitFiles("feat: edit move.yaml", { "deploy/move.yaml": file("move", { 5: "key05: main" }) }),
  },
  "file renamed on stable, deleted on main": {
    expected: "conflict",
    stable: (repo) => {
      repo.git("mv", "deploy/gone.yaml", "deploy/kept.yaml");
      repo.commit("ops: keep gone.yaml as kept.yaml");
    },
    main: commitFiles("feat: drop gone.yaml", { "deploy/gone.yaml": null }),
  },
  "file renamed on stable and on main, to different names": {
    expected: "conflict",
    stable: (repo) => {
      repo.git("mv", "deploy/split.yaml", "deploy/split-stable.yaml");
      repo.commit("ops: rename split.yaml for stable");
    },
    main: (repo) => {
      repo.git("mv", "deploy/split.yaml", "deploy/split-main.yaml");
      repo.commit("feat: rename split.yaml for main");
    },
  },
  "file renamed on main, untouched on stable": {
    expected: "clean",
    main: (repo) => {
      repo.git("mv", "deploy/solo.yaml", "deploy/solo-renamed.yaml");
      repo.commit("feat: rename solo.yaml");
    },
  },
  "file renamed on main, then edited there; stable has it under the old name": {
    expected: "clean",
    main: (repo) => {
      repo.git("mv", "deploy/old-home.yaml", "deploy/new-home.yaml");
      repo.commit("feat: move old-home.yaml");
      repo.commit("feat: edit new-home.yaml", { "deploy/new-home.yaml": file("old-home", { 5: "key05: main" }) });
    },
  },
  "CRLF file, edits apart": {
    expected: "clean",
    base: { "deploy/crlf-apart.yaml": file("crlf-apart", {}, { eol: "\r\n" }) },
    stable: commitFiles("ops: crlf apart", { "deploy/crlf-apart.yaml": file("crlf-apart", { 2: "key02: stable" }, { eol: "\r\n" }) }),
    main: commitFiles("feat: crlf apart", { "deploy/crlf-apart.yaml": file("crlf-apart", { 6: "key06: main" }, { eol: "\r\n" }) }),
  },
  "CRLF file, edits adjacent": {
    expected: "conflict",
    base: { "deploy/crlf-near.yaml": file("crlf-near", {}, { eol: "\r\n" }) },
    stable: commitFiles("ops: crlf near", { "deploy/crlf-near.yaml": file("crlf-near", { 3: "key03: stable" }, { eol: "\r\n" }) }),
    main: commitFiles("feat: crlf near", { "deploy/crlf-near.yaml": file("crlf-near", { 4: "key04: main" }, { eol: "\r\n" }) }),
  },
  "CRLF file converted to LF on stable": {
    expected: "conflict",
    base: { "deploy/crlf-lf.yaml": file("crlf-lf", {}, { eol: "\r\n" }) },
    stable: commitFiles("ops: lf endings", { "deploy/crlf-lf.yaml": file("crlf-lf") }),
    main: commitFiles("feat: crlf edit", { "deploy/crlf-lf.yaml": file("crlf-lf", { 9: "key09: main" }, { eol: "\r\n" }) }),
  },
  "CRLF Dockerfile, one line's ending changed on stable next to main's edit": {
    expected: "conflict",
    base: { "docker/api.Dockerfile": "FROM alpine:3.19\r\nRUN apk add curl\r\nWORKDIR /app\r\nCOPY . .\r\nCMD [\"./api\"]\r\n" },
    stable: commitFiles("ops: mixed endings", { "docker/api.Dockerfile": "FROM alpine:3.19\r\nRUN apk add curl\nWORKDIR /app\r\nCOPY . .\r\nCMD [\"./api\"]\r\n" }),
    main: commitFiles("build: new workdir", { "docker/api.Dockerfile": "FROM alpine:3.19\r\nRUN apk add curl\r\nWORKDIR /srv\r\nCOPY . .\r\nCMD [\"./api\"]\r\n" }),
  },
  "trailing whitespace added on stable next to main's edit": {
    expected: "conflict",
    stable: commitFiles("ops: trailing space", { "deploy/ws-trailing.yaml": file("ws-trailing", { 4: "ws-trailing.key04: v0  " }) }),
    main: commitFiles("feat: ws trailing", { "deploy/ws-trailing.yaml": file("ws-trailing", { 5: "key05: main" }) }),
  },
  "indentation changed on stable far from main's edit": {
    expected: "clean",
    stable: commitFiles("ops: indent", { "deploy/ws-indent.yaml": file("ws-indent", { 10: "  ws-indent.key10: v0" }) }),
    main: commitFiles("feat: ws indent", { "deploy/ws-indent.yaml": file("ws-indent", { 3: "key03: main" }) }),
  },
  "no final newline: stable adds it, main edits the line before": {
    expected: "conflict",
    base: { "deploy/no-eol-near.yaml": file("no-eol-near", {}, { finalNewline: false }) },
    stable: commitFiles("ops: final newline", { "deploy/no-eol-near.yaml": file("no-eol-near") }),
    main: commitFiles("feat: no eol near", { "deploy/no-eol-near.yaml": file("no-eol-near", { 11: "key11: main" }, { finalNewline: false }) }),
  },
  "no final newline: stable adds it, main edits far away": {
    expected: "clean",
    base: { "deploy/no-eol-far.yaml": file("no-eol-far", {}, { finalNewline: false }) },
    stable: commitFiles("ops: final newline far", { "deploy/no-eol-far.yaml": file("no-eol-far") }),
    main: commitFiles("feat: no eol far", { "deploy/no-eol-far.yaml": file("no-eol-far", { 4: "key04: main" }, { finalNewline: false }) }),
  },
  "no final newline: main appends, stable edits the line before the last": {
    expected: "conflict",
    base: { "deploy/no-eol-append.yaml": file("no-eol-append", {}, { finalNewline: false }) },
    stable: commitFiles("ops: no eol append", { "deploy/no-eol-append.yaml": file("no-eol-append", { 11: "key11: stable" }, { finalNewline: false }) }),
    main: commitFiles("feat: append", { "deploy/no-eol-append.yaml": file("no-eol-append", { "+12": "key13: main" }, { finalNewline: false }) }),
  },
  "binary file changed on main only": {
    expected: "clean",
    base: { "deploy/assets/logo.bin": bin("0") },
    main: commitFiles("feat: new logo", { "deploy/assets/logo.bin": bin("main") }),
  },
  "binary file changed on both": {
    expected: "conflict",
    base: { "deploy/assets/key.bin": bin("0") },
    stable: commitFiles("ops: stable key", { "deploy/assets/key.bin": bin("stable") }),
    main: commitFiles("feat: new key", { "deploy/assets/key.bin": bin("main") }),
  },
  "chmod +x on main, content edited on stable": {
    expected: "clean",
    base: { "docker/entrypoint.sh": "#!/bin/sh\nset -e\nexec \"$@\"\n" },
    stable: commitFiles("ops: entrypoint set -u", { "docker/entrypoint.sh": "#!/bin/sh\nset -eu\nexec \"$@\"\n" }),
    main: (repo) => {
      chmodX("docker/entrypoint.sh")(repo);
      repo.commit("build(docker): executable entrypoint");
    },
  },
  "content edited on main, chmod +x on stable": {
    expected: "clean",
    base: { "docker/healthcheck.sh": "#!/bin/sh\ncurl -f localhost\n" },
    stable: (repo) => {
      chmodX("docker/healthcheck.sh")(repo);
      repo.commit("ops: executable healthcheck");
    },
    main: commitFiles("build(docker): healthcheck timeout", { "docker/healthcheck.sh": "#!/bin/sh\ncurl -f -m 5 localhost\n" }),
  },
  "two files, one clean and one conflicting": {
    expected: "conflict",
    stable: commitFiles("ops: multi a", { "deploy/multi-a2.yaml": file("multi-a2", { 7: "key07: stable" }) }),
    main: commitFiles("feat: multi a", { "deploy/multi-a1.yaml": file("multi-a1", { 7: "key07: main" }), "deploy/multi-a2.yaml": file("multi-a2", { 8: "key08: main" }) }),
  },
  "two files, both clean": {
    expected: "clean",
    stable: commitFiles("ops: multi b", { "deploy/multi-b2.yaml": file("multi-b2", { 1: "key01: stable" }) }),
    main: commitFiles("feat: multi b", { "deploy/multi-b1.yaml": file("multi-b1", { 7: "key07: main" }), "deploy/multi-b2.yaml": file("multi-b2", { 8: "key08: main" }) }),
  },
  "repeated blank lines: main's inserted blank line lands next to stable's edit": {
    expected: "conflict",
    base: { "deploy/blank-lines.tf": 'resource "a" {}\n\n\nresource "b" {}\n' },
    stable: commitFiles("ops: blank lines", { "deploy/blank-lines.tf": 'resource "a" {}\n\nresource "z" {}\nresource "b" {}\n' }),
    main: commitFiles("feat: blank lines", { "deploy/blank-lines.tf": 'resource "a" {}\n\n\n\nresource "b" {}\n' }),
  },
  "a main-only line removed again (the pick would be empty)": {
    expected: "clean",
    main: (repo) => {
      repo.commit("feat: beta flag", { "deploy/flags.yaml": file("flags", { "+6": "beta: true" }) });
      repo.commit("fix: drop the beta flag", { "deploy/flags.yaml": file("flags") });
    },
  },
};

/** Every file a scenario touches starts as the 12-line file unless the scenario says otherwise. */
const SHARED_BASE = [
  "same-line", "adjacent-after", "adjacent-before", "gap-1", "gap-2", "gap-3", "insert-before", "insert-after", "insert-away", "both-insert",
  "delete-next", "same-edit", "deleted", "dropped", "unused", "rename", "move", "gone", "split", "solo", "old-home", "ws-trailing", "ws-indent", "multi-a1", "multi-a2", "multi-b1", "multi-b2", "flags",
].map((name) => `deploy/${name}.yaml`);

let repo: TestRepo;
let report: SyncReport;
const mainShas = new Map<string, string[]>();
let git: Map<string, string>;

beforeAll(async () => {
  repo = TestRepo.create();
  const base: Record<string, string> = Object.fromEntries(SHARED_BASE.map((path) => [path, file(path.slice(7, -5))]));
  for (const scenario of Object.values(SCENARIOS)) Object.assign(base, scenario.base ?? {});
  repo.commit("chore: init", base);
  repo.git("branch", "stable");
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    const before = repo.head();
    scenario.main(repo);
    mainShas.set(name, repo.git("rev-list", "--reverse", `${before}..HEAD`).split("\n"));
  }
  repo.checkout("stable");
  for (const scenario of Object.values(SCENARIOS)) scenario.stable?.(repo);
  repo.checkout("main");

  report = await syncReport({ repo: repo.dir, now: NOW, config: { categories: { deploy: { paths: ["deploy/**"] } } } });
  git = gitCherryPicks(repo.dir, report.target.sha, report.changes.map((change) => change.sha));
});

afterAll(() => repo?.remove());

const changeOf = (sha: string): Change => {
  const change = report.changes.find((candidate) => candidate.sha === sha);
  if (!change) throw new Error(`no change ${sha}`);
  return change;
};

describe("pick predictions against real git cherry-pick", () => {
  test("the report validates and every scenario's change still needs picking", () => {
    expectValid("sync-report.schema.json", report);
    expect(report.changes).toHaveLength([...mainShas.values()].flat().length);
    for (const change of report.changes) expect([change.subject, change.status]).toEqual([change.subject, "unsynced"]);
  });

  test.each(Object.entries(SCENARIOS))("%s", (name, { expected }) => {
    const last = mainShas.get(name)!.at(-1)!;
    expect({ driftlog: changeOf(last).pick, git: git.get(last) }).toEqual({ driftlog: expected, git: expected });
  });
});

/**
 * Random line edits on both branches of one small file, each pick decided by
 * real git: the base commit, "ours" (the target) and "theirs" (the change to
 * pick, a child of base) are written with plumbing into one scratch
 * repository, reused for every run.
 */
const PROPERTY_SCRIPT = `
set -u
cd "$1" || exit 9
commit() { printf '100644 blob %s\\tconfig.yaml\\n' "$(git hash-object -w "$1")" | git mktree | xargs -I{} git commit-tree {} $2 -m "$3"; }
base=$(commit "$2" "" base)
ours=$(commit "$3" "-p $base" ours)
theirs=$(commit "$4" "-p $base" theirs)
git checkout -q -f --detach "$ours" || exit 9
if git cherry-pick "$theirs" >/dev/null 2>.git/pick-err; then echo clean
elif [ -n "$(git ls-files -u)" ]; then echo conflict
elif grep -q empty .git/pick-err; then echo clean
else echo "error $(cat .git/pick-err)"; fi
git reset -q --hard && git clean -qfdx
`;

const POOL = ["image: api:1", "replicas: 2", "", "}", "env: prod", "port: 8080", "port: 8080\r", "  "];
type Edit = { kind: "replace" | "insert" | "delete"; at: number; line: string };
const editArb = fc.record({ kind: fc.constantFrom("replace", "insert", "delete"), at: fc.nat(9), line: fc.constantFrom(...POOL, "new: a", "new: b") }) as fc.Arbitrary<Edit>;
const sideArb = fc.record({ edits: fc.array(editArb, { minLength: 0, maxLength: 3 }), flipNewline: fc.integer({ min: 0, max: 4 }).map((n) => n === 0) });

function applyEdits(base: readonly string[], edits: readonly Edit[]): string[] {
  const out = [...base];
  for (const { kind, at, line } of edits) {
    const i = out.length === 0 ? 0 : at % (out.length + (kind === "insert" ? 1 : 0));
    if (kind === "insert" || out.length === 0) out.splice(i, 0, line);
    else if (kind === "replace") out[i] = line;
    else out.splice(i, 1);
  }
  return out;
}
const render = (lines: readonly string[], finalNewline: boolean) => lines.join("\n") + (finalNewline && lines.length > 0 ? "\n" : "");

describe("pick predictions against git cherry-pick, random edits on both sides", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "driftlog-pick-prop-"));
    execFileSync("git", ["init", "-q", dir], { env: PICK_ENV });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const side = (text: string) => ({ blob: text, text });
  /** What `git cherry-pick` does with base → theirs onto ours. */
  const gitPick = (texts: { base: string; ours: string; theirs: string }) => {
    const paths = Object.entries(texts).map(([name, text]) => {
      const path = join(dir, `.git/${name}.txt`);
      writeFileSync(path, text);
      return path;
    });
    return execFileSync("bash", ["-c", PROPERTY_SCRIPT, "prop", dir, ...paths], { env: PICK_ENV, encoding: "utf8" }).trim();
  };
  const predict = (texts: { base: string; ours: string; theirs: string }) =>
    predictPick([{ base: side(texts.base), ours: side(texts.ours), theirs: side(texts.theirs) }]);

  test("predictPick agrees with git on 40 seeded cases", () => {
    const caseArb = fc.record({ base: fc.array(fc.constantFrom(...POOL), { minLength: 1, maxLength: 8 }), finalNewline: fc.boolean(), ours: sideArb, theirs: sideArb });
    fc.assert(
      fc.property(caseArb, ({ base, finalNewline, ours, theirs }) => {
        const texts = {
          base: render(base, finalNewline),
          ours: render(applyEdits(base, ours.edits), finalNewline !== ours.flipNewline),
          theirs: render(applyEdits(base, theirs.edits), finalNewline !== theirs.flipNewline),
        };
        expect({ predicted: predict(texts), texts }).toEqual({ predicted: gitPick(texts), texts });
      }),
      { seed: 20250301, numRuns: 40 },
    );
  });

  test("repeated lines are aligned as git's histogram diff aligns them, not as a plain Myers diff would", () => {
    // Found by this property against a Myers-based prediction: Myers reads
    // "ours" as `}` replaced by the image line, right next to the insertion on
    // "theirs"; git reads it as an insertion identical to theirs plus a removed
    // `}`, and merges cleanly.
    const texts = { base: "image: api:1\nimage: api:1\n}\n}\n", ours: "image: api:1\nimage: api:1\nimage: api:1\n}\n", theirs: "image: api:1\nimage: api:1\nimage: api:1\n}\n}\n" };
    expect({ driftlog: predict(texts), git: gitPick(texts) }).toEqual({ driftlog: "clean", git: "clean" });
  });
});
