import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderReport, syncReport, type SyncReport } from "../../src/index.js";
import { dependencyBumpOf } from "../../src/report/index.js";
import { PICK_ENV } from "../helpers/picks.js";
import { TestRepo } from "../helpers/repo.js";
import { expectValid } from "../helpers/schema.js";

const NOW = new Date("2025-03-01T00:00:00Z");
const DEPENDABOT = { name: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com" };
const workflow = (checkout: string) => `name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${checkout}\n      - run: make\n`;
const dockerfile = (rust: string) => `FROM rust:${rust}\nRUN cargo build --release\n`;

/** Dependabot bumps the same action three times and the Rust image twice on main; stable has none of them. */
describe("a dependabot bump chain", () => {
  let repo: TestRepo;
  let report: SyncReport;
  const sha: Record<string, string> = {};

  beforeAll(async () => {
    repo = TestRepo.create();
    repo.commit("chore: init", { ".github/workflows/ci.yml": workflow("v2"), "docker/Dockerfile": dockerfile("1.78") });
    repo.git("branch", "stable");
    sha.checkout3 = repo.commit("build(deps): bump actions/checkout from 2 to 3", { ".github/workflows/ci.yml": workflow("v3") }, { author: DEPENDABOT });
    sha.rust79 = repo.commit("chore(deps): bump rust from 1.78 to 1.79 in /docker", { "docker/Dockerfile": dockerfile("1.79") }, { author: DEPENDABOT });
    sha.checkout4 = repo.commit("build(deps): bump actions/checkout from 3 to 4", { ".github/workflows/ci.yml": workflow("v4") }, { author: DEPENDABOT });
    sha.human = repo.commit("feat(docker): add a healthcheck", { "docker/Dockerfile": `${dockerfile("1.79")}HEALTHCHECK CMD true\n` });
    sha.checkout41 = repo.commit("build(deps): bump actions/checkout from 4 to 4.1 (#7)", { ".github/workflows/ci.yml": workflow("v4.1") }, { author: DEPENDABOT });
    report = await syncReport({ repo: repo.dir, now: NOW, cache: false });
  });
  afterAll(() => repo.remove());

  test("recognises bots by author and subject, and names the dependency", () => {
    expect(dependencyBumpOf({ author: DEPENDABOT, subject: "build(deps): bump actions/checkout from 3 to 4" })).toEqual({ dependency: "actions/checkout", from: "3", to: "4" });
    expect(dependencyBumpOf({ author: { name: "Dev", email: "dev@example.com" }, subject: "chore(deps): bump rust from 1.78 to 1.79 in /docker" })).toEqual({ dependency: "rust in /docker", from: "1.78", to: "1.79" });
    expect(dependencyBumpOf({ author: { name: "renovate[bot]", email: "29139614+renovate[bot]@users.noreply.github.com" }, subject: "chore(deps): update actions/setup-node action to v4 (#12)" })).toEqual({ dependency: "actions/setup-node", from: null, to: "v4" });
    expect(dependencyBumpOf({ author: { name: "Dev", email: "dev@example.com" }, subject: "feat(docker): add a healthcheck" })).toBeNull();
  });

  test("marks older bumps of the same dependency superseded by the newest", () => {
    expectValid("sync-report.schema.json", report);
    const bump = (key: string) => report.changes.find((change) => change.sha === sha[key])!.bump;
    expect(bump("checkout3")).toEqual({ dependency: "actions/checkout", from: "2", to: "3", supersededBy: sha.checkout41 });
    expect(bump("checkout4")?.supersededBy).toBe(sha.checkout41);
    expect(bump("checkout41")?.supersededBy).toBeNull();
    expect(bump("rust79")).toEqual({ dependency: "rust in /docker", from: "1.78", to: "1.79", supersededBy: null });
    expect(bump("human")).toBeUndefined();
  });

  test("the report shows one group per dependency and the plan takes only the newest bump, which works with git", async () => {
    const md = await renderReport("md", report);
    expect(md).toContain("#### Dependency bumps (2)");
    expect(md).toMatch(/\| `actions\/checkout` \| `[0-9a-f]{7}` build\(deps\): bump actions\/checkout from 4 to 4\.1 \(#7\) \| 2 → 4\.1 \| .* \| `[0-9a-f]{7}`, `[0-9a-f]{7}` \|/);
    const script = md.slice(md.indexOf("```sh\n") + 6, md.indexOf("\n```", md.indexOf("```sh\n")));
    expect(md).toMatch(/^3\. `[0-9a-f]{7}` build\(deps\): bump actions\/checkout from 4 to 4\.1 \(#7\) — \*\*take the newest bump\*\* \(its files as at this commit\), superseding `[0-9a-f]{7}`, `[0-9a-f]{7}`$/m);
    expect(script).not.toContain(sha.checkout3);
    expect(script).not.toContain(sha.checkout4);
    expect(script).toContain(`# 3: take the newest bump (its files as at ${sha.checkout41!.slice(0, 7)}, supersedes ${sha.checkout4!.slice(0, 7)}, ${sha.checkout3!.slice(0, 7)})`);
    expect(script).toContain(`git restore --source=${sha.checkout41} --staged --worktree -- .github/workflows/ci.yml`);
    const clone = mkdtempSync(join(tmpdir(), "driftlog-bumps-"));
    try {
      execFileSync("git", ["clone", "-q", "-b", "stable", repo.dir, clone], { env: PICK_ENV });
      const commands = script.split("\n").filter((line) => !line.startsWith("#")).map((line) => line.replace(/ # \d+$/, ""));
      execFileSync("bash", ["-c", `set -e\n${commands.join("\n")}`], { cwd: clone, env: PICK_ENV, stdio: ["ignore", "pipe", "pipe"] });
      expect(readFileSync(join(clone, ".github/workflows/ci.yml"), "utf8")).toBe(workflow("v4.1"));
      expect(readFileSync(join(clone, "docker/Dockerfile"), "utf8")).toContain("HEALTHCHECK");
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  test("exclude.bots leaves the bots' commits out", async () => {
    const excluded = await syncReport({ repo: repo.dir, now: NOW, cache: false, config: { exclude: { bots: true } } });
    const statuses = Object.fromEntries(Object.entries(sha).map(([key, value]) => [key, excluded.changes.find((change) => change.sha === value)?.status]));
    expect(statuses).toEqual({ checkout3: "excluded", rust79: "excluded", checkout4: "excluded", human: "unsynced", checkout41: "excluded" });
    expect(excluded.changes.find((change) => change.sha === sha.rust79)!.exclusion).toEqual({ rule: "exclude.bots: true", reason: "a dependency bot's bump" });
  });
});
