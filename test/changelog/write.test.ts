import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { END_MARKER } from "../../src/changelog/write.js";
import { changelogCli } from "../helpers/changelog.js";
import { TestRepo } from "../helpers/repo.js";

const repos: TestRepo[] = [];
const dirs: string[] = [];
afterEach(() => {
  repos.splice(0).forEach((created) => created.remove());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

/** A file path in a fresh folder outside the repository. */
function outside(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), "driftlog-changelog-"));
  dirs.push(dir);
  return join(dir, name);
}

function project(): TestRepo {
  const r = TestRepo.create();
  repos.push(r);
  r.commit("feat: first", { "a.txt": "1" });
  r.git("tag", "v1.0.0");
  r.commit("fix(api): second <script>alert(1)</script>", { "b.txt": "1" });
  return r;
}

describe("changelog --write", () => {
  test("inserts the generated releases, keeps hand-written text byte for byte, and is idempotent", async () => {
    const r = project();
    const file = outside("CHANGELOG.md");
    const intro = "# Changelog\n\nAll notable changes, by hand *and* by driftlog.\n";
    const legacy = "\n## 0.9.0 (hand-written)\n\n- something old  \n";
    writeFileSync(file, intro + legacy);

    expect((await changelogCli(r.dir, "--write", file)).code).toBe(0);
    const first = readFileSync(file, "utf8");
    expect(first.startsWith("# Changelog\n\n<!-- driftlog:changelog:start")).toBe(true);
    expect(first).toContain("## 1.0.0 (");
    expect(first).toContain("## Unreleased");
    expect(first.endsWith(legacy)).toBe(true);
    expect(first).toContain("All notable changes, by hand *and* by driftlog.\n");

    const again = await changelogCli(r.dir, "--write", file);
    expect(again.stderr).toContain("up to date");
    expect(readFileSync(file, "utf8")).toBe(first);

    // A new commit updates the block only.
    r.commit("feat: third", { "c.txt": "1" });
    await changelogCli(r.dir, "--write", file);
    const third = readFileSync(file, "utf8");
    expect(third).toContain("- third");
    expect(third.slice(0, third.indexOf("<!--"))).toBe(first.slice(0, first.indexOf("<!--")));
    expect(third.slice(third.indexOf(END_MARKER))).toBe(first.slice(first.indexOf(END_MARKER)));
  });

  test("CRLF files stay CRLF, and a missing file is created", async () => {
    const r = project();
    const file = outside("CHANGELOG.md");
    writeFileSync(file, "# Changes\r\n\r\nIntro line.\r\n");
    await changelogCli(r.dir, "--write", file, "--quiet");
    const text = readFileSync(file, "utf8");
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    expect(text.startsWith("# Changes\r\n\r\n<!-- driftlog")).toBe(true);
    expect(text.endsWith("\r\nIntro line.\r\n")).toBe(true);
    await changelogCli(r.dir, "--write", file, "--quiet");
    expect(readFileSync(file, "utf8")).toBe(text);

    const fresh = outside("NEW.md");
    const created = await changelogCli(r.dir, "--write", fresh);
    expect(created.code).toBe(0);
    expect(readFileSync(fresh, "utf8").startsWith("# Changelog\n\n<!-- driftlog:changelog:start")).toBe(true);
  });

  test("commit text cannot inject HTML or links into the HTML changelog", async () => {
    const r = project();
    r.commit("feat: see [docs](javascript:alert(1)) and https://evil.example/x <img src=x onerror=alert(1)>", { "d.txt": "1" });
    const { stdout, code } = await changelogCli(r.dir, "--format", "html");
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/<script|<img|href="javascript|href="https:\/\/evil/i);
    expect(stdout).toContain("&lt;script&gt;");
    const md = (await changelogCli(r.dir)).stdout;
    expect(md).toContain("\\[docs\\]");
  });
});
