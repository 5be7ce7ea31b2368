import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ENTRIES_FROM, type EntriesFrom } from "../changelog/changes.js";
import { generateChangelog, updateChangelogFile } from "../changelog/index.js";
import { assertReleaseListed } from "../changelog/missing.js";
import { CHANGELOG_FORMATS, renderChangelog, renderReleaseNotes, type ChangelogFormat } from "../render/index.js";
import { usageError } from "../errors.js";
import { COMMON_OPTIONS, parseCommandArgs } from "./args.js";
import { writeFileAtomic } from "./output.js";
import type { CliIO } from "./io.js";
import { unreadLine } from "./unread.js";

export const CHANGELOG_HELP = `Usage: driftlog changelog [options]

Changelog and release notes from conventional commits, with deployment (Docker/IaC) changes and backports marked.

Options:
  --repo DIR             repository to read (default: .)
  --from REF             leave out everything reachable from REF
  --to REF               history to describe (default: HEAD)
  --unreleased           only the commits after the last release tag
  --tag-pattern REGEX    release tags (default: semver with an optional v)
  --source REF           branch backports come from (default: config source, else main)
  --entries-from commits|pull-requests
                         one entry per commit (default), or per merged PR from its
                         title (\`Merge pull request #N\` merges; for non-conventional projects)
  --format md|html|json  output format (default: md)
  --out DIR              write DIR/CHANGELOG.<md|html|json> (or RELEASE_NOTES.*) instead of stdout
  --write FILE           insert or update the generated releases in FILE (a CHANGELOG.md)
  --release-notes TAG    only the notes of release TAG ("unreleased" for the pending one)
  --config FILE          config file (default: driftlog.config.yaml at the top level)
  --quiet                print nothing but errors
  --debug                print stack traces with errors
`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  from: { type: "string" },
  to: { type: "string" },
  unreleased: { type: "boolean" },
  "tag-pattern": { type: "string" },
  source: { type: "string" },
  "entries-from": { type: "string" },
  format: { type: "string" },
  out: { type: "string" },
  write: { type: "string" },
  "release-notes": { type: "string" },
} as const;

export async function changelogCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, "changelog");
  if (values.help) {
    io.stdout(CHANGELOG_HELP);
    return 0;
  }
  if (positionals.length > 0) throw usageError("E_USAGE", `unexpected argument ${JSON.stringify(positionals[0])}`, "run `driftlog changelog --help`");
  const format = (values.format ?? "md") as ChangelogFormat;
  if (!CHANGELOG_FORMATS.includes(format)) throw usageError("E_FORMAT", `unknown --format ${JSON.stringify(values.format)}`, `use one of ${CHANGELOG_FORMATS.join(", ")}`);
  const entriesFrom = values["entries-from"] as EntriesFrom | undefined;
  if (entriesFrom !== undefined && !(ENTRIES_FROM as readonly string[]).includes(entriesFrom)) {
    throw usageError("E_USAGE", `unknown --entries-from ${JSON.stringify(values["entries-from"])}`, `use one of ${ENTRIES_FROM.join(", ")}`);
  }
  const notes = values["release-notes"];
  if (values.write && (notes !== undefined || format !== "md")) throw usageError("E_USAGE", "--write maintains a Markdown changelog", "drop --release-notes / --format with --write");

  const result = await generateChangelog({
    repo: resolve(io.cwd, values.repo ?? "."),
    from: values.from,
    to: values.to,
    unreleased: values.unreleased,
    tagPattern: values["tag-pattern"],
    source: values.source,
    entriesFrom,
    configFile: values.config === undefined ? undefined : resolve(io.cwd, values.config),
  });
  if (notes !== undefined) assertReleaseListed(result.changelog, notes, result.otherTags);
  const base = { format, remote: result.remote, templates: result.templates === undefined ? undefined : resolve(io.cwd, result.templates) };
  const say = (text: string) => {
    if (!values.quiet) io.stderr(`driftlog: ${text}\n`);
  };
  if (result.unread && !values.quiet) io.stderr(unreadLine([{ label: values.to ?? "HEAD", unread: result.unread }]));

  if (values.write) {
    const file = resolve(io.cwd, values.write);
    const existing = await readExisting(file);
    const updated = updateChangelogFile(existing, await renderChangelog(result.changelog, { ...base, bare: true }));
    if (updated === existing) say(`${file} is up to date`);
    else {
      await writeFileAtomic(file, updated);
      say(`updated ${result.changelog.releases.length} releases in ${file}`);
    }
    return 0;
  }
  const content = notes !== undefined ? await renderReleaseNotes(result.changelog, notes, base) : await renderChangelog(result.changelog, base);
  if (!values.out) {
    io.stdout(content);
    return 0;
  }
  const path = join(resolve(io.cwd, values.out), `${notes !== undefined ? "RELEASE_NOTES" : "CHANGELOG"}.${format}`);
  await writeFileAtomic(path, content);
  say(`wrote ${path}`);
  return 0;
}

async function readExisting(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw usageError("E_WRITE", `--write ${file} cannot be read: ${(error as Error).message}`);
  }
}
