import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { z } from "zod";
import { run } from "../../src/cli/run.js";
import type { Changelog, Entry, Release } from "../../src/changelog/types.js";

/** A zod mirror of schema/changelog.schema.json, so tests validate without a JSON Schema engine. */
const sha = z.string().regex(/^[0-9a-f]{7,64}$/);
const person = z.strictObject({ name: z.string(), email: z.string() });
const nullableString = z.string().nullable();
export const changelogZod = z.strictObject({
  schemaVersion: z.literal(1),
  releases: z.array(
    z.strictObject({
      version: nullableString,
      tag: nullableString,
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
      previousTag: nullableString,
      compareUrl: nullableString,
      recommendedBump: z.enum(["major", "minor", "patch"]).nullable(),
      groups: z.array(
        z.strictObject({
          type: z.string(),
          title: z.string(),
          commits: z.array(
            z.strictObject({
              sha,
              shortSha: z.string(),
              type: z.string(),
              scope: nullableString,
              subject: z.string(),
              breaking: z.boolean(),
              references: z.array(z.string()),
              author: person,
              deployment: z.array(z.string()),
              backportOf: sha.nullable(),
              pullRequest: z.number().int().positive().nullable(),
            }),
          ),
        }),
      ),
      breaking: z.array(z.strictObject({ sha, scope: nullableString, subject: z.string(), note: z.string() })),
      deployment: z.record(z.string(), z.array(sha)),
      contributors: z.array(person),
    }),
  ),
});

/** The shipped JSON Schema, parsed. */
export const changelogJsonSchema = JSON.parse(readFileSync(new URL("../../schema/changelog.schema.json", import.meta.url), "utf8")) as {
  required: string[];
  $defs: Record<string, { required: string[] }>;
};

/** Runs `driftlog changelog ...` in-process; returns exit code, stdout and stderr. */
export async function changelogCli(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await run(["changelog", ...args], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd });
  return { code, stdout, stderr };
}

/** `changelog --format json`, checked against the schema mirror. */
export async function changelogJson(cwd: string, ...args: string[]): Promise<Changelog> {
  const { code, stdout, stderr } = await changelogCli(cwd, "--format", "json", ...args);
  expect(stderr).toBe("");
  expect(code).toBe(0);
  const data = JSON.parse(stdout) as Changelog;
  changelogZod.parse(data);
  return data;
}

export const entriesOf = (release: Release | undefined): Entry[] => release?.groups.flatMap((group) => group.commits) ?? [];
export const subjectsOf = (release: Release | undefined): string[] => entriesOf(release).map((entry) => entry.subject);
export const releaseTagged = (changelog: Changelog, tag: string | null) => changelog.releases.find((release) => release.tag === tag);
