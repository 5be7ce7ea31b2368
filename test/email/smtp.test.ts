import { createServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { parseMessage } from "../helpers/mime.js";
import { demoReport } from "../helpers/reports.js";
import { startSmtpServer } from "../helpers/smtp.js";

let demo: Awaited<ReturnType<typeof demoReport>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  [demo, smtp] = await Promise.all([demoReport(), startSmtpServer()]);
});
afterAll(async () => {
  demo?.cleanup();
  await smtp?.close();
});

const cli = async (argv: string[], env: Record<string, string> = {}) => {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await run(argv, { stdout: (text) => out.push(text), stderr: (text) => err.push(text), cwd: demo.dir });
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    for (const key of Object.keys(env)) if (saved[key] === undefined) delete process.env[key];
  }
};

describe("driftlog sync --email-to --smtp", () => {
  it("sends the drift email with both parts to every recipient, logging in with env credentials", async () => {
    const before = smtp.received.length;
    const result = await cli(
      ["sync", "--format", "json", "--email-to", "ops@example.com, release@example.com", "--smtp", `smtp://127.0.0.1:${smtp.port}`],
      { DRIFTLOG_SMTP_USER: "mailer", DRIFTLOG_SMTP_PASS: "s3cret" },
    );
    expect(result.stderr).toContain("sent \"Drift main → stable: 4 Docker/IaC changes to pick (3 unsynced, 1 partial; 1 conflict)\"");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).summary.unsynced).toBe(3);
    const mail = smtp.received[before]!;
    expect(mail.user).toBe("mailer");
    expect(mail.to).toEqual(["ops@example.com", "release@example.com"]);
    const message = parseMessage(mail.raw);
    expect(message.subject).toBe("Drift main → stable: 4 Docker/IaC changes to pick (3 unsynced, 1 partial; 1 conflict)");
    expect(message.headers.get("to")).toBe("ops@example.com, release@example.com");
    const text = message.parts.find((part) => part.contentType.startsWith("text/plain"))!;
    const html = message.parts.find((part) => part.contentType.startsWith("text/html"))!;
    expect(text.body).toContain("Cherry-pick plan (on stable, in this order)");
    expect(text.body).toMatch(/# \d+: conflict expected.*\n\s*git cherry-pick -x [0-9a-f]{40}\n/);
    expect(html.body).toContain("<h2 style=\"margin:8px 0;font-size:16px;color:#1f2328;\">Still to pick (4)</h2>");
    expect(html.body).not.toMatch(/<style|<link|<script/i);
  });

  it("takes credentials from the URL, and fails with the network exit code 5 when the server refuses them", async () => {
    const before = smtp.received.length;
    const ok = await cli(["sync", "--quiet", "--email-to", "ops@example.com", "--smtp", `smtp://mailer:s3cret@127.0.0.1:${smtp.port}`]);
    expect(ok.code).toBe(0);
    expect(smtp.received).toHaveLength(before + 1);
    const refused = await cli(["sync", "--quiet", "--email-to", "ops@example.com", "--smtp", `smtp://mailer:wrong@127.0.0.1:${smtp.port}`]);
    expect(refused.code, refused.stderr).toBe(5);
    expect(refused.stderr).toMatch(/^driftlog: sending the drift email failed: .*Invalid login.*; check --smtp/);
    expect(smtp.received).toHaveLength(before + 1);
  });

  it("fails with exit 5 when nothing listens on the SMTP port", async () => {
    // A port that was just free on loopback: bound, then closed again.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const result = await cli(["sync", "--quiet", "--email-to", "ops@example.com", "--smtp", `smtp://127.0.0.1:${port}`]);
    expect(result.code, result.stderr).toBe(5);
    expect(result.stderr).toMatch(/^driftlog: sending the drift email failed: .*ECONNREFUSED.*; check --smtp.*reachable\n$/);
  });

  it("rejects --email-to without --smtp and a non-SMTP URL as usage errors", async () => {
    expect((await cli(["sync", "--email-to", "ops@example.com"])).code).toBe(2);
    const http = await cli(["sync", "--email-to", "ops@example.com", "--smtp", "http://127.0.0.1:25"]);
    expect(http.code).toBe(2);
    expect(http.stderr).toContain("smtp:// or smtps://");
  });
});
