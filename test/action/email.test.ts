import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runAction } from "../../src/action/run.js";
import { parseMessage } from "../helpers/mime.js";
import { startSmtpServer } from "../helpers/smtp.js";
import { annotations, capture, project, runnerEnv } from "./fixture.js";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
});

describe("GitHub Action: the drift email", () => {
  test("email-to and smtp-url send the email after the one sync, with the templates and From of the inputs; the URL is masked, never printed", async () => {
    const repo = project();
    mkdirSync(join(repo.dir, "mail-templates"));
    writeFileSync(join(repo.dir, "mail-templates/email.txt.hbs"), "Our weekly drift mail\n");
    const url = `smtp://mailer:s3cret@127.0.0.1:${smtp.port}`;
    const runner = runnerEnv(repo.dir, {
      formats: "md",
      "fail-on": "unsynced",
      templates: "mail-templates",
      "email-to": "Release team <release@example.com>\nops@example.com",
      "email-from": "driftlog <driftlog@example.com>",
      "smtp-url": url,
    });
    const { out, io } = capture();
    const before = smtp.received.length;
    expect(await runAction(runner.env, io), out.stderr).toBe(1);

    expect(smtp.received).toHaveLength(before + 1);
    const mail = smtp.received[before]!;
    expect(mail).toMatchObject({ user: "mailer", from: "driftlog@example.com", to: ["release@example.com", "ops@example.com"] });
    const message = parseMessage(mail.raw);
    expect(message.subject).toBe("Drift main → stable: 2 unsynced Docker/IaC changes");
    expect(message.headers.get("from")).toBe("driftlog <driftlog@example.com>");
    expect(message.parts.find((part) => part.contentType.startsWith("text/plain"))!.body).toContain("Our weekly drift mail");
    expect(out.stderr).toContain('driftlog: sent "Drift main → stable: 2 unsynced Docker/IaC changes" to release@example.com, ops@example.com');

    // The runner hides the URL and its password from the log; nothing else prints them.
    const stdout = out.stdout.split("\n");
    expect(stdout.filter((line) => line.startsWith("::add-mask::"))).toEqual([`::add-mask::${url}`, "::add-mask::s3cret"]);
    expect(stdout.filter((line) => !line.startsWith("::add-mask::")).join("\n")).not.toContain("s3cret");
    expect(out.stderr).not.toContain("s3cret");
    expect(annotations(out.stdout)).toHaveLength(1);
    expect(runner.outputs()).toMatchObject({ unsynced: "2", "gate-tripped": "true" });
  });

  test("a refused login fails the step (exit 5, network) after the reports, outputs and summary are written", async () => {
    const repo = project();
    const runner = runnerEnv(repo.dir, { formats: "json", "email-to": "ops@example.com", "smtp-url": `smtp://mailer:wrong@127.0.0.1:${smtp.port}` });
    const { out, io } = capture();
    const before = smtp.received.length;
    expect(await runAction(runner.env, io)).toBe(5);
    expect(out.stderr).toMatch(/sending the drift email failed/);
    expect(out.stderr).not.toContain("wrong");
    expect(smtp.received).toHaveLength(before);
    expect(runner.outputs()).toMatchObject({ unsynced: "2", "gate-tripped": "false" });
  });

  test("email-to without smtp-url, and an smtp-url that is not an SMTP URL, are usage errors before the sync, the URL not quoted", async () => {
    const repo = project();
    const cases: [Record<string, string>, string][] = [
      [{ "email-to": "ops@example.com" }, "driftlog: email-to needs smtp-url"],
      [{ "email-to": "ops@example.com", "smtp-url": "http://user:hunter2@127.0.0.1:25" }, "driftlog: smtp-url is not an smtp:// or smtps:// URL"],
      [{ "smtp-url": `smtp://127.0.0.1:${smtp.port}` }, "driftlog: smtp-url needs recipients"],
    ];
    for (const [inputs, message] of cases) {
      const runner = runnerEnv(repo.dir, { formats: "json", ...inputs });
      const { out, io } = capture();
      expect(await runAction(runner.env, io)).toBe(2);
      expect(out.stderr).toContain(message);
      expect(out.stderr).not.toContain("hunter2");
      expect(runner.outputs()).toEqual({ earlier: "step" });
    }
  });
});
