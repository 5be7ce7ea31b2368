import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseMessage } from "../helpers/mime.js";
import type { TestRepo } from "../helpers/repo.js";
import { startSmtpServer } from "../helpers/smtp.js";
import { EPOCH, twoTargetRepo } from "../multi/fixture.js";
import { runCaptured } from "../helpers/run.js";

let repo: TestRepo;
let work: string;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let rust: string;

const cli = (cwd: string, ...argv: string[]) => runCaptured(cwd, argv);

beforeAll(async () => {
  vi.stubEnv("SOURCE_DATE_EPOCH", EPOCH);
  const built = twoTargetRepo();
  repo = built.repo;
  rust = built.sha.rust.slice(0, 7);
  repo.git("remote", "add", "origin", "https://github.com/acme/switch.git");
  work = mkdtempSync(join(tmpdir(), "driftlog-digest-email-"));
  smtp = await startSmtpServer();
  // One multi-target report (stable and release/2.8) and one single-target report of release/2.8 at the same tips: a duplicate the digest counts once.
  expect((await cli(work, "sync", "--repo", repo.dir, "--target", "stable", "--target", "release/2.8", "--out", "reports/multi")).code).toBe(0);
  expect((await cli(work, "sync", "--repo", repo.dir, "--target", "release/2.8", "--out", "reports/single")).code).toBe(0);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  repo?.remove();
  rmSync(work, { recursive: true, force: true });
  await smtp?.close();
});

const FILES = ["reports/multi/sync-report.json", "reports/single/sync-report.json"];

describe("driftlog digest --format email", () => {
  it("writes a deterministic multipart email with one row per repository × target, most urgent first", async () => {
    const first = await cli(work, "digest", ...FILES, "--format", "md,email", "--out", "digest", "--link-base", "https://ci.example.com/runs/7");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("wrote digest.md, digest.eml");
    expect(first.stderr).toContain("driftlog: 1 duplicate report left out (same repository, source, target and tips): reports/single/sync-report.json (same as reports/multi/sync-report.json).\n");
    const eml = readFileSync(join(work, "digest/digest.eml"), "utf8");
    expect(eml).toContain("\r\n");
    expect((await cli(work, "digest", ...FILES, "--format", "email", "--link-base", "https://ci.example.com/runs/7")).stdout).toBe(eml);

    const message = parseMessage(eml);
    expect(message.subject).toBe("Docker/IaC drift digest, 2025-02-03: 4 changes to pick across 2 targets (1 conflict)");
    expect(message.headers.get("from")).toBe("driftlog <driftlog@localhost>");
    expect(message.headers.get("date")).toBe("Mon, 03 Feb 2025 08:00:00 +0000");
    expect(message.headers.get("content-type")).toMatch(/^multipart\/alternative;/);
    const text = message.parts.find((part) => part.contentType.startsWith("text/plain"))!.body;
    const html = message.parts.find((part) => part.contentType.startsWith("text/html"))!.body;
    const rows = [...text.matchAll(/^\* (.+)$/gm)].map((match) => match[1]);
    expect(rows).toEqual(["acme/switch: stable <- main", "acme/switch: release/2.8 <- main"]);
    expect(text).toContain(`  predicted conflicts 1 · unsynced 3 · partial 0 · synced 1\n  oldest unsynced: `);
    expect(text).toContain("  report: https://ci.example.com/runs/7/reports/multi/sync-report.json");
    expect(html).toContain(`<a href="https://ci.example.com/runs/7/reports/multi/sync-report.json" style="color:#0969da;">report</a>`);
    expect(html).not.toContain("reports/single/sync-report.json\"");
    expect(text).toContain("1 duplicate report left out (same repository, source, target and tips)");
    expect(html).toContain(`${rust}</code> build(docker): rust 1.80`);
    expect(html).not.toMatch(/<style|<link|<script|class="/i);
  });

  it("links no row to a relative path, which means nothing in a mailbox", async () => {
    const result = await cli(work, "digest", ...FILES, "--format", "email");
    const message = parseMessage(result.stdout);
    const text = message.parts.find((part) => part.contentType.startsWith("text/plain"))!.body;
    expect(text).not.toContain("report:");
    expect(message.parts.find((part) => part.contentType.startsWith("text/html"))!.body).not.toContain("<a ");
  });

  it("sends it over SMTP with --email-to, --email-from and --smtp", async () => {
    const before = smtp.received.length;
    const result = await cli(work, "digest", ...FILES, "--email-to", "ops@example.com, lead@example.com", "--email-from", "Drift <drift@example.com>", "--smtp", `smtp://mailer:s3cret@127.0.0.1:${smtp.port}`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^# Docker\/IaC drift digest, 2025-02-03/);
    expect(result.stderr).toBe('driftlog: 1 duplicate report left out (same repository, source, target and tips): reports/single/sync-report.json (same as reports/multi/sync-report.json).\ndriftlog: sent "Docker/IaC drift digest, 2025-02-03: 4 changes to pick across 2 targets (1 conflict)" to ops@example.com, lead@example.com\n');
    const mail = smtp.received[before]!;
    expect(mail).toMatchObject({ from: "drift@example.com", to: ["ops@example.com", "lead@example.com"], user: "mailer" });
    const message = parseMessage(mail.raw);
    expect(message.headers.get("to")).toBe("ops@example.com, lead@example.com");
    expect(message.parts.map((part) => part.contentType.split(";")[0])).toEqual(["text/plain", "text/html"]);
  });

  it("refuses --email-to without --smtp, --smtp without recipients and a non-SMTP URL (exit 2)", async () => {
    const cases: [string[], RegExp][] = [
      [["--email-to", "ops@example.com"], /--email-to needs --smtp URL/],
      [["--smtp", `smtp://127.0.0.1:${smtp.port}`], /no recipients for the digest email/],
      [["--email-to", "ops@example.com", "--smtp", "http://127.0.0.1:25"], /smtp:\/\/ or smtps:\/\//],
    ];
    for (const [argv, message] of cases) {
      const result = await cli(work, "digest", FILES[0]!, ...argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe("");
    }
  });
});
