import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import { INPUT_NAMES, readInputs } from "../../src/action/inputs.js";
import { OUTPUT_COUNTS, runAction } from "../../src/action/run.js";
import { escapeData } from "../../src/action/workflow.js";
import { run } from "../../src/cli/run.js";
import type { SyncReport } from "../../src/model.js";
import type { MultiSyncReport } from "../../src/model.js";
import { renderReport } from "../../src/render/index.js";
import { expectValid } from "../helpers/schema.js";
import { annotations, capture, project, runnerEnv } from "./fixture.js";

const ROOT = join(import.meta.dirname, "../..");

describe("GitHub Action", () => {
  test("runs sync in the workspace, writes the reports, the step summary and the counts as outputs", async () => {
    const repo = project();
    const runner = runnerEnv(repo.dir, { source: "main", targets: "stable", formats: "json", output: "out/driftlog", "fail-on": "" });
    const { out, io } = capture();
    expect(await runAction(runner.env, io, { cli: "/actions/driftlog/bundle/driftlog.mjs" }), out.stderr).toBe(0);

    const report = JSON.parse(readFileSync(join(repo.dir, "out/driftlog/sync-report.json"), "utf8")) as SyncReport;
    expect(report.summary).toMatchObject({ total: 3, synced: 1, unsynced: 2 });
    const outputs = runner.outputs();
    expect(outputs).toMatchObject({ earlier: "step", unsynced: "2", synced: "1", total: "3", partial: "0", targets: "stable", "gate-tripped": "false" });
    for (const name of OUTPUT_COUNTS) expect(outputs[name]).toBe(String(report.summary[name]));
    expect(outputs["report-json"]).toBe(join(repo.dir, "out/driftlog/sync-report.json"));
    expect(outputs.cli).toBe("/actions/driftlog/bundle/driftlog.mjs");
    expect(runner.summary()).toBe(`${await renderReport("md", report)}\n`);
    expect(out.stdout).toBe("");
  });

  test("action.yml runs the committed bundle on node24 with the inputs the action reads; a bad input fails with the CLI's exit code and no outputs", async () => {
    const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as {
      inputs: Record<string, { deprecationMessage?: string }>;
      outputs: Record<string, { value?: string }>;
      runs: { using: string; main: string };
    };
    expect(action.runs.using).toBe("node24");
    expect(existsSync(join(ROOT, action.runs.main))).toBe(true);
    const live = Object.keys(action.inputs).filter((name) => !action.inputs[name]!.deprecationMessage);
    expect(live.sort()).toEqual([...INPUT_NAMES].sort());
    for (const name of [...OUTPUT_COUNTS, "targets", "report-dir", "report-json", "gate-tripped", "cli"]) expect(action.outputs[name]).toBeDefined();
    for (const output of Object.values(action.outputs)) expect(output.value).toBeUndefined();

    const repo = project();
    const runner = runnerEnv(repo.dir, { targets: "no-such-branch", formats: "json" });
    const { out, io } = capture();
    expect(await runAction(runner.env, io)).toBe(3);
    expect(out.stderr).toMatch(/--target no-such-branch: no such branch/);
    expect(runner.outputs()).toEqual({ earlier: "step" });
    expect(runner.summary()).toBe("");
  });

  test("a tripped fail-on gate gives the CLI's exit code, writes outputs and summary, and one ::error annotation per tripped rule", async () => {
    const repo = project();
    const direct = await run(["sync", "--repo", repo.dir, "--format", "json", "--out", join(repo.dir, "direct"), "--fail-on", "unsynced"], { ...capture().io, cwd: repo.dir });
    expect(direct).toBe(1);
    const runner = runnerEnv(repo.dir, { formats: "json", "fail-on": "unsynced\nconflict\nage:1h" });
    const { out, io } = capture();
    expect(await runAction(runner.env, io)).toBe(1);
    const unsynced = /^driftlog: (--fail-on unsynced tripped: 2 unsynced changes \(oldest [0-9a-f]{7} "feat\(compose\): add redis", \d+ days\))$/m.exec(out.stderr)?.[1];
    expect(unsynced).toBeDefined();
    expect(out.stderr).not.toContain("--fail-on conflict tripped");
    const lines = annotations(out.stdout);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`::error title=driftlog::${unsynced}`);
    expect(lines[1]).toMatch(/^::error title=driftlog::--fail-on age:1h tripped: /);
    expect(runner.outputs()).toMatchObject({ unsynced: "2", "gate-tripped": "true" });
    expect(runner.summary()).toContain("## Drift main → stable");

    // A rule the gate does not know fails the step as a usage error, before anything is written.
    const bad = runnerEnv(repo.dir, { formats: "json", "fail-on": "unsynced, age:2" });
    const refused = capture();
    expect(await runAction(bad.env, refused.io)).toBe(2);
    expect(refused.out.stderr).toContain('--fail-on "age:2": the age has no unit');
    expect(annotations(refused.out.stdout)).toEqual([]);
    expect(bad.outputs()).toEqual({ earlier: "step" });
  });

  test("annotation text escapes %, CR and LF, so a commit subject cannot start a workflow command of its own", () => {
    expect(escapeData("100% done\r\n::warning::x\n")).toBe("100%25 done%0D%0A::warning::x%0A");
  });

  test("several targets, newline- or comma-separated, give one report each, summed outputs and the matrix in the summary", async () => {
    const repo = project();
    for (const targets of ["stable\nrelease/2.8\n", "stable, release/2.8"]) {
      const runner = runnerEnv(repo.dir, { targets, formats: "md", output: "multi", "fail-on": "age:1000w" });
      const { out, io } = capture();
      expect(await runAction(runner.env, io), out.stderr).toBe(0);
      const multi = JSON.parse(readFileSync(join(repo.dir, "multi/sync-report.json"), "utf8")) as MultiSyncReport;
      expectValid("sync-report.schema.json", multi);
      expect(multi.targets.map((report) => [report.target.ref, report.summary.unsynced, report.summary.synced])).toEqual([
        ["stable", 2, 1],
        ["release/2.8", 2, 0],
      ]);
      expect(runner.outputs()).toMatchObject({ unsynced: "4", synced: "1", total: "5", targets: "stable,release/2.8", "gate-tripped": "false" });
      const summary = runner.summary();
      expect(summary).toBe(readFileSync(join(repo.dir, "multi/sync-report.md"), "utf8") + "\n");
      expect(summary).toContain("## Drift main → stable, release/2.8");
      expect(summary).toContain("### Changes by target");
    }
  });

  test("the templates input, relative to the workspace, overrides the built-in templates in the reports and the step summary", async () => {
    const repo = project();
    mkdirSync(join(repo.dir, ".github/driftlog"), { recursive: true });
    writeFileSync(join(repo.dir, ".github/driftlog/sync-report.md.hbs"), "Our drift: {{#if true}}custom{{/if}}\n");
    const runner = runnerEnv(repo.dir, { formats: "md", templates: ".github/driftlog" });
    const { out, io } = capture();
    expect(await runAction(runner.env, io), out.stderr).toBe(0);
    expect(readFileSync(join(repo.dir, "driftlog-report/sync-report.md"), "utf8")).toContain("Our drift: custom");
    expect(runner.summary()).toContain("Our drift: custom");
  });

  test("inputs: hyphenated names as the runner sets them (or underscored), lists split on commas and newlines, addresses keep their display names", () => {
    const inputs = readInputs({
      INPUT_TARGETS: " origin/stable,\n origin/release/2.8 ",
      "INPUT_FAIL-ON": "unsynced\nage:14d, conflict",
      INPUT_FORMATS: "html",
      "INPUT_EMAIL-TO": "Release team <rt@example.com>, ops@example.com\nsre@example.com",
      INPUT_SMTP_URL: "smtp://127.0.0.1:2525",
      "INPUT_EMAIL-FROM": "  ",
    });
    expect(inputs).toMatchObject({
      repo: ".",
      targets: ["origin/stable", "origin/release/2.8"],
      formats: ["json", "html"],
      failOn: ["unsynced", "age:14d", "conflict"],
      output: "driftlog-report",
      emailTo: ["Release team <rt@example.com>", "ops@example.com", "sre@example.com"],
      smtpUrl: "smtp://127.0.0.1:2525",
      emailFrom: undefined,
      templates: undefined,
    });
  });
});
