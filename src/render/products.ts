import { createHash } from "node:crypto";
import { releaseView } from "./changelog-view.js";
import type { Remote } from "../changelog/remote.js";
import type { Changelog, Release } from "../changelog/types.js";
import type { Digest } from "../digest/build.js";
import { digestEmailView, digestView } from "./digest-view.js";
import { reportsOf, type MultiSyncReport, type SyncOutput, type SyncReport } from "../model.js";
import { digestSubject, emailSubject, multiEmailSubject } from "./email.js";
import type { Product } from "./engine.js";
import { htmlEscape, mdCell } from "./escape.js";
import { COMMENT_LIMIT, DEFAULT_MAX_ROWS, limitMultiRows, limitRows, STEP_SUMMARY_LIMIT } from "./limit.js";
import { multiReportView } from "./multi-view.js";
import { reportView } from "./view.js";

/**
 * Every output driftlog renders, declared as data: per product, each format's
 * file, view and templates. The engine (`engine.ts`) does the rest the same
 * way for all of them.
 */

export type Format = "json" | "md" | "html" | "email";
export type ChangelogFormat = "md" | "html" | "json";
export type DigestFormat = "md" | "html" | "email";

/** A view computed once per report, however many formats read it. */
function once<Input extends object, View>(view: (input: Input) => View): (input: Input) => View {
  const views = new WeakMap<Input, View>();
  return (input) => {
    if (!views.has(input)) views.set(input, view(input));
    return views.get(input)!;
  };
}

const emailSeed = (output: SyncOutput) => `${reportsOf(output).map((one) => `${one.source.sha} ${one.target.sha}`).join(" ")} ${output.generatedAt}`;

/** The Markdown report goes to PR comments (65,536 characters) and job summaries (1 MiB). */
const MARKDOWN_BUDGET = { defaultRows: DEFAULT_MAX_ROWS, defaultLimit: COMMENT_LIMIT, hardLimit: STEP_SUMMARY_LIMIT };

function overflowNote(view: { title: string; verdict: string }, limit: number): string {
  return `## ${mdCell(view.title.slice(0, 200))}\n\n**${mdCell(view.verdict.slice(0, 1000))}**\n\nThe report does not fit in ${limit} characters even without its rows: see the HTML/JSON report.\n`;
}

/**
 * The four formats of a sync report: the same files, templates named after
 * their suffix, one view for all, and a Markdown report cut to `limited` rows
 * when it would not fit where it is pasted.
 */
function syncProduct<Report extends SyncOutput, View extends { title: string; verdict: string }>(
  suffix: string,
  view: (report: Report) => View,
  limited: (view: View, rows: number) => View,
  subject: (view: View, custom: string | undefined) => string,
) {
  const shared = once(view);
  return {
    json: { kind: "json", file: "sync-report.json", data: (report) => report },
    md: {
      kind: "document",
      file: "sync-report.md",
      template: `sync-report${suffix}.md.hbs`,
      view: shared,
      budget: { ...MARKDOWN_BUDGET, limited: (report, rows) => limited(shared(report), rows), overflow: (report, limit) => overflowNote(shared(report), limit) },
    },
    html: { kind: "document", file: "sync-report.html", template: `sync-report${suffix}.html.hbs`, view: shared },
    email: {
      kind: "email",
      file: "sync-report.eml",
      templates: { text: `email${suffix}.txt.hbs`, html: `email${suffix}.html.hbs` },
      view: shared,
      message: (report, shown: View, options) => ({ subject: subject(shown, options.subject), seed: emailSeed(report), generatedAt: report.generatedAt, prefix: "drift" }),
    },
  } satisfies Product<Report, Format>;
}

/** One target's sync report. */
export const SYNC_REPORT = syncProduct<SyncReport, ReturnType<typeof reportView>>("", reportView, limitRows, emailSubject);

/** Several targets: the change × target matrix, then each target's details. */
export const MULTI_TARGET_REPORT = syncProduct<MultiSyncReport, ReturnType<typeof multiReportView>>("-multi", multiReportView, limitMultiRows, multiEmailSubject);

/** The whole changelog; `bare` leaves out the `# Changelog` title (for the block `--write` maintains). */
export interface ChangelogInput {
  changelog: Changelog;
  remote: Remote | null;
  bare: boolean;
}

export const CHANGELOG = {
  md: { kind: "document", file: "CHANGELOG.md", template: "changelog.md.hbs", view: changelogView },
  html: { kind: "document", file: "CHANGELOG.html", template: "changelog.md.hbs", view: changelogView, page: (body) => htmlPage("Changelog", body) },
  json: { kind: "json", file: "CHANGELOG.json", data: (input) => input.changelog },
} satisfies Product<ChangelogInput, ChangelogFormat>;

function changelogView({ changelog, remote, bare }: ChangelogInput) {
  return { standalone: !bare, releases: changelog.releases.map((release) => releaseView(release, remote)) };
}

/** One release's notes (a GitHub/GitLab release body). */
export interface ReleaseNotesInput {
  release: Release;
  remote: Remote | null;
}

export const RELEASE_NOTES = {
  md: { kind: "document", file: "RELEASE_NOTES.md", template: "release-notes.md.hbs", view: releaseNotesView },
  html: { kind: "document", file: "RELEASE_NOTES.html", template: "release-notes.md.hbs", view: releaseNotesView, page: (body, input) => htmlPage(input.release.tag ?? "Unreleased", body) },
  json: { kind: "json", file: "RELEASE_NOTES.json", data: (input) => input.release },
} satisfies Product<ReleaseNotesInput, ChangelogFormat>;

function releaseNotesView({ release, remote }: ReleaseNotesInput) {
  return { release: releaseView(release, remote) };
}

/** The digest of many sync reports. */
export const DIGEST = {
  md: { kind: "document", file: "digest.md", template: "digest.md.hbs", view: digestView },
  html: { kind: "document", file: "digest.html", template: "digest.html.hbs", view: digestView },
  email: {
    kind: "email",
    file: "digest.eml",
    templates: { text: "digest-email.txt.hbs", html: "digest-email.html.hbs" },
    view: digestEmailView,
    message: (digest, view: ReturnType<typeof digestEmailView>) => ({
      subject: digestSubject(view),
      seed: createHash("sha256").update(JSON.stringify(digest)).digest("hex"),
      generatedAt: digest.generatedAt,
      prefix: "digest",
    }),
  },
} satisfies Product<Digest, DigestFormat>;

/** Markdown as a minimal standalone HTML page, sanitised. */
async function htmlPage(title: string, markdown: string): Promise<string> {
  const { markdownToSafeHtml } = await import("./markdown.js");
  return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${htmlEscape(title)}</title>\n</head>\n<body>\n${markdownToSafeHtml(markdown)}</body>\n</html>\n`;
}
