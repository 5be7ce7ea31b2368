import { execFile } from "node:child_process";
import { cpSync, existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseMessage } from "../helpers/mime.js";
import { startSmtpServer } from "../helpers/smtp.js";
import { annotations, project, runnerEnv, tempDir } from "./fixture.js";

const ROOT = join(import.meta.dirname, "../..");
const exec = promisify(execFile);

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
});

/** What a workflow's `uses:` checks out, as far as the action needs it: no package.json, no node_modules, no dist/. */
function actionCheckout(): { dir: string; main: string } {
  const dir = tempDir("driftlog-action-");
  for (const entry of ["action.yml", "bundle", "templates", "schema"]) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  const { runs } = parse(readFileSync(join(dir, "action.yml"), "utf8")) as { runs: { using: string; main: string } };
  return { dir, main: join(dir, runs.main) };
}

/** Runs `node <file> ...args` as the runner does: its own process, the given environment only (plus PATH for git). */
async function node(file: string, args: string[], env: Record<string, string>, cwd: string) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [file, ...args], { cwd, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? cwd, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("the action's bundle", () => {
  test("runs the action from a checkout holding only action.yml, the bundle, templates/ and schema/", async () => {
    const action = actionCheckout();
    // Nothing to resolve dependencies from, there or above.
    expect(() => createRequire(join(action.dir, "bundle/")).resolve("handlebars")).toThrow();
    const repo = project();
    const runner = runnerEnv(repo.dir, {
      targets: "stable\nrelease/2.8",
      formats: "md,html,email",
      "fail-on": "unsynced",
      "email-to": "ops@example.com",
      "smtp-url": `smtp://127.0.0.1:${smtp.port}`,
    });
    const before = smtp.received.length;
    const result = await node(action.main, [], runner.env, action.dir);
    expect(result.code, result.stderr).toBe(1);

    for (const file of ["sync-report.json", "sync-report.md", "sync-report.html", "sync-report.eml"]) expect(existsSync(join(repo.dir, "driftlog-report", file))).toBe(true);
    expect(readFileSync(join(repo.dir, "driftlog-report/sync-report.html"), "utf8")).toContain("<html");
    const outputs = runner.outputs();
    expect(outputs).toMatchObject({ unsynced: "4", targets: "stable,release/2.8", "gate-tripped": "true", cli: action.main });
    expect(runner.summary()).toContain("### Changes by target");
    expect(annotations(result.stdout)).toEqual([expect.stringMatching(/^::error title=driftlog::--fail-on unsynced tripped: /)]);
    expect(smtp.received).toHaveLength(before + 1);
    expect(parseMessage(smtp.received[before]!.raw).subject).toMatch(/^Drift main → stable, release\/2\.8/);
    expect(JSON.parse(readFileSync(join(repo.dir, "driftlog-report/sync-report.json"), "utf8")).targets[0].tool.version).toBe(
      (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version,
    );
  });

  test("is driftlog's CLI for later steps: the `cli` output runs changelog and init", async () => {
    const action = actionCheckout();
    const repo = project();
    repo.git("tag", "v1.0.0");
    const notes = await node(action.main, ["changelog", "--release-notes", "v1.0.0"], {}, repo.dir);
    expect(notes.code, notes.stderr).toBe(0);
    expect(notes.stdout).toContain("add redis");
    const init = await node(action.main, ["init"], {}, repo.dir);
    expect(init.code, init.stderr).toBe(0);
    expect(readFileSync(join(repo.dir, "driftlog.config.yaml"), "utf8")).toContain("schema");
  });
});
