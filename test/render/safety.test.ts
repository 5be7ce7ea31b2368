import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { DriftlogError } from "../../src/errors.js";
import type { SyncReport } from "../../src/model.js";
import { renderReport } from "../../src/render/index.js";
import { parseMessage } from "../helpers/mime.js";
import { hostileReport, REPORT_NOW } from "../helpers/reports.js";
import { TestRepo } from "../helpers/repo.js";
import { syncReport } from "../../src/sync.js";

let report: SyncReport;
let repo: TestRepo;
beforeAll(async () => {
  ({ report, repo } = await hostileReport());
});
afterAll(() => repo?.remove());

describe("hostile commit text", () => {
  it("cannot inject HTML, scripts, handlers or javascript: links into the HTML report", async () => {
    const html = await renderReport("html", report);
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/<script>alert|<a [^>]*href="javascript:|\son(error|click)=/i);
    expect(html).toContain("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;");
    // Handlebars syntax in a commit is text, not evaluated.
    expect(html).toContain("{{constructor}}");
    expect(html).toContain("{{#each this}}{{constructor.name}}{{/each}}");
    // The body's Markdown is rendered, its raw HTML is not.
    expect(html).toContain("<strong>bold</strong>");
    expect(html).not.toContain("\u001b");
  });

  it("cannot break the Markdown tables or inject HTML into the Markdown report", async () => {
    const md = await renderReport("md", report);
    const row = md.split("\n").find((line) => line.includes("onerror"))!;
    // Seven unescaped pipes: the row still has six cells.
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(7);
    expect(row).not.toMatch(/<img|\[click\]\(|`tick`/);
    expect(row).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(row).toContain("{{constructor}}");
    expect(md).not.toMatch(/[\u0000-\u0008\u001b]/);
    expect(md.split("\n").find((line) => line.includes("add a worker"))!).toContain("add a worker &#124; queue");
  });

  it("keeps the email's parts free of markup from commits", async () => {
    const eml = await renderReport("email", report);
    const { parts, subject } = parseMessage(eml);
    const html = parts.find((part) => part.contentType.startsWith("text/html"))!.body;
    const text = parts.find((part) => part.contentType.startsWith("text/plain"))!.body;
    expect(subject).toBe("Drift main → stable: 2 unsynced Docker/IaC changes");
    expect(html).not.toMatch(/<img|<script|href="javascript|\son(error|click)=/i);
    expect(html).toContain("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;");
    expect(html).not.toMatch(/<style/i);
    // Plain text shows the subject as written, minus the terminal escapes.
    expect(text).toContain("<img src=x onerror=alert(1)> | [click](javascript:alert(2)) {{constructor}} `tick` red");
    expect(eml).not.toContain("\u001b");
  });
});

describe("hostile file paths, names and values in the drift section", () => {
  const dir = "deploy/<img src=x onerror=alert(1)>|`x`";
  const service = "<script>alert(7)</script>|svc";
  const image = "evil`|<b>bold</b>{{constructor}}\u001b[31m";
  let drift: { report: SyncReport; repo: TestRepo };
  beforeAll(async () => {
    const repo = TestRepo.create();
    const compose = (tag: string) => `services:\n  ${JSON.stringify(service)}:\n    image: ${JSON.stringify(`${image}${tag}`)}\n`;
    repo.commit("chore: base", { [`${dir}/docker-compose.yml`]: compose("1") });
    repo.git("branch", "stable");
    repo.commit("chore: bump", { [`${dir}/docker-compose.yml`]: compose("2") });
    drift = { report: await syncReport({ repo: repo.dir, now: REPORT_NOW, config: {} }), repo };
  });
  afterAll(() => drift?.repo.remove());

  it("cannot break the Markdown table or the verify code block", async () => {
    const md = await renderReport("md", drift.report);
    const row = md.split("\n").find((line) => line.startsWith("| ") && line.includes("service"))!;
    // Three unescaped pipes: the row still has two cells.
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(3);
    expect(row).toContain("service `<script>alert(7)</script>\\|svc`: image ``evil`\\|<b>bold</b>{{constructor}}1`` → ``evil`\\|<b>bold</b>{{constructor}}2``");
    expect(md).not.toMatch(/[\u0000-\u0008\u001b]/);
    const fenced = /```sh\n(docker .*)\n```\n/.exec(md);
    expect(fenced?.[1]).toBe("docker compose -f 'deploy/<img src=x onerror=alert(1)>|`x`/docker-compose.yml' config -q");
    // Outside code spans and the code block, nothing from the file is markup.
    const prose = md.replace(/```sh\n[\s\S]*?\n```/g, "").replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, "");
    expect(prose).not.toMatch(/<img|<script|<b>/);
  });

  it("cannot inject markup into the HTML report", async () => {
    const html = await renderReport("html", drift.report);
    expect(html).not.toMatch(/<img|<script>alert|<b>bold/);
    expect(html).toContain("<code>deploy/&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;|&#x60;x&#x60;/docker-compose.yml</code>");
    expect(html).toContain("{{constructor}}");
    expect(html).not.toContain("\u001b");
  });
});

describe("user templates", () => {
  const dirs: string[] = [];
  const templatesDir = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), "driftlog-templates-"));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("win over built-in ones of the same name; the rest stay built in", async () => {
    const dir = templatesDir({ "sync-report.md.hbs": "# Ours: {{md verdict}}\n{{#each pending}}- {{md subject}}\n{{/each}}" });
    const md = await renderReport("md", report, { templates: dir });
    expect(md).toMatch(/^# Ours: 2 Docker\/IaC changes are not on stable yet/);
    expect(md).toContain("- feat(compose): add a worker &#124; queue");
    expect(await renderReport("html", report, { templates: dir })).toContain("<!DOCTYPE html>");
  });

  it("fail with the template's path and line, exit 2 from the CLI", async () => {
    const dir = templatesDir({ "sync-report.md.hbs": "line one\n{{#each pending}}\n{{subject}}\n" });
    const error = await renderReport("md", report, { templates: dir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DriftlogError);
    expect((error as DriftlogError).kind).toBe("template");
    expect((error as DriftlogError).message).toContain(join(dir, "sync-report.md.hbs:"));

    writeFileSync(join(repo.dir, "..", "cfg-" + dirs.length + ".yaml"), `templates: ${dir}\n`);
    const stderr: string[] = [];
    const code = await run(["sync", "--repo", repo.dir, "--config", join(repo.dir, "..", `cfg-${dirs.length}.yaml`), "--format", "md"], {
      stdout: () => {},
      stderr: (text) => stderr.push(text),
      cwd: repo.dir,
    });
    rmSync(join(repo.dir, "..", `cfg-${dirs.length}.yaml`));
    expect(code).toBe(2);
    expect(stderr.join("")).toMatch(new RegExp(`sync-report\\.md\\.hbs:\\d+:`));
  });
});
