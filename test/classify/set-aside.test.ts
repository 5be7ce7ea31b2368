import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncReport } from "../../src/model.js";
import { renderReport } from "../../src/render/index.js";
import { syncReport } from "../../src/sync.js";
import { TestRepo } from "../helpers/repo.js";
import { expectValid } from "../helpers/schema.js";

const now = new Date("2025-03-01T00:00:00Z");

describe("vendored code and test fixtures are set aside", () => {
  let repo: TestRepo;
  let report: SyncReport;

  beforeAll(async () => {
    repo = TestRepo.create();
    repo.commit("chore: initial layout", { "Dockerfile": "FROM alpine:3.19\n", "README.md": "# app\n" });
    repo.checkout("stable", true);
    repo.checkout("main");
    repo.commit("chore(deps): vendor a library", { "vendor/github.com/lib/Dockerfile": "FROM golang:1.22\n", "vendor/github.com/lib/lib.go": "package lib\n" });
    repo.commit("test: a chart fixture", {
      "pkg/chart/testdata/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 0.1.0\n",
      "pkg/chart/testdata/app/values.yaml": "replicaCount: 1\n",
      "pkg/chart/testdata/app/.env": "A=1\n",
    });
    repo.commit("feat(docker): newer base, and a vendored bump", { "Dockerfile": "FROM alpine:3.20\n", "third_party/tool/Dockerfile": "FROM debian:12\n" });
    report = await syncReport({ repo: repo.dir, config: {}, now, cache: false });
  });

  afterAll(() => repo.remove());

  it("lists only the project's own Docker/IaC changes and files", () => {
    expect(report.changes.map((change) => change.subject)).toEqual(["feat(docker): newer base, and a vendored bump"]);
    expect(report.changes[0]!.files.map((file) => file.path)).toEqual(["Dockerfile"]);
    expect((report.fileDrift ?? []).map((entry) => entry.path)).toEqual(["Dockerfile"]);
  });

  it("says how many commits and files were set aside", () => {
    expect(report.setAside).toEqual({
      commits: 2,
      files: 5,
      paths: [
        "pkg/chart/testdata/app/.env",
        "pkg/chart/testdata/app/Chart.yaml",
        "pkg/chart/testdata/app/values.yaml",
        "third_party/tool/Dockerfile",
        "vendor/github.com/lib/Dockerfile",
      ],
    });
    expectValid("sync-report.schema.json", report);
  });

  it("shows one line and a collapsible list in Markdown and HTML", async () => {
    const md = await renderReport("md", report);
    expect(md).toContain("Set aside as vendored code or test fixtures (not this project's deployment): 2 commits, 5 files.");
    expect(md).toContain("<details><summary>Set-aside files (5)</summary>");
    expect(md).toContain("- `vendor/github.com/lib/Dockerfile`");
    const html = await renderReport("html", report);
    expect(html).toContain('<details class="set-aside" id="set-aside">');
    expect(html).toContain("<li><code>third_party/tool/Dockerfile</code></li>");
    const multi = { schemaVersion: 1 as const, tool: report.tool, generatedAt: report.generatedAt, targets: [report, { ...report, target: { ...report.target, ref: "release/1.0" } }] };
    const multiHtml = await renderReport("html", multi);
    expect(multiHtml).toContain('id="target-1-set-aside"');
    expect(multiHtml).toContain('id="target-2-set-aside"');
    expect((await renderReport("md", multi)).match(/Set aside as vendored code/g)).toHaveLength(2);
  });

  it("counts vendored code again when config turns the default off", async () => {
    const withVendored = await syncReport({ repo: repo.dir, config: { ignore: { vendored: false } }, now, cache: false });
    expect(withVendored.changes.map((change) => change.subject)).toEqual([
      "chore(deps): vendor a library",
      "feat(docker): newer base, and a vendored bump",
    ]);
    expect(withVendored.setAside?.paths).toEqual(["pkg/chart/testdata/app/.env", "pkg/chart/testdata/app/Chart.yaml", "pkg/chart/testdata/app/values.yaml"]);
    const everything = await syncReport({ repo: repo.dir, config: { ignore: { vendored: false, fixtures: false } }, now, cache: false });
    expect(everything.setAside).toEqual({ commits: 0, files: 0, paths: [] });
    expect(await renderReport("md", everything)).not.toContain("Set aside");
  });
});

describe("a long set-aside list", () => {
  it("lists the first paths in the reports and all of them in the JSON", async () => {
    const { reportView } = await import("../../src/render/view.js");
    const repo = TestRepo.create();
    try {
      repo.commit("chore: base", { "Dockerfile": "FROM alpine\n" });
      repo.checkout("stable", true);
      repo.checkout("main");
      repo.commit("chore: vendor", Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`vendor/mod${String(i).padStart(2, "0")}/Dockerfile`, "FROM golang\n"])));
      const report = await syncReport({ repo: repo.dir, config: {}, now, cache: false });
      expect(report.setAside).toMatchObject({ commits: 1, files: 45 });
      expect(report.setAside!.paths).toHaveLength(45);
      expect(reportView(report).setAside).toMatchObject({ more: 5 });
      expect(await renderReport("md", report)).toContain("- and 5 more (see the JSON report)");
    } finally {
      repo.remove();
    }
  });
});
