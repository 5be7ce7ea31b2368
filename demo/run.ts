import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
// The demo uses driftlog as a user would: through the built package (`npm run build`), by its own name.
import { FORMATS, renderReport, REPORT_FILES, syncReport } from "driftlog";
import { buildDemoRepo } from "./build.js";

/** The moment the demo report is "generated", pinned so the committed reports stay stable. */
export const DEMO_NOW = new Date("2025-02-03T08:00:00Z");

/** `npm run demo`: builds the sample repository and writes every report format under reports/demo/. */
async function main(): Promise<void> {
  const repoDir = join(tmpdir(), "driftlog-demo");
  buildDemoRepo(repoDir);
  const report = await syncReport({ repo: repoDir, now: DEMO_NOW });
  const outDir = resolve("reports/demo");
  const files = await Promise.all(FORMATS.map(async (format) => ({ path: join(outDir, REPORT_FILES[format]), content: await renderReport(format, report) })));
  await mkdir(outDir, { recursive: true });
  for (const { path, content } of files) await writeFile(path, content);
  const { summary } = report;
  process.stdout.write(
    `Demo repository: ${repoDir}\n` +
      `  ${summary.total} Docker/IaC changes on main: ${summary.synced} synced, ${summary.partial} partial, ${summary.unsynced} unsynced, ` +
      `${summary.superseded} superseded, ${summary.excluded} excluded, ${summary.reverted} reverted; ${summary.conflicts} predicted conflict(s)\n` +
      `Reports: ${files.map(({ path }) => path).join(", ")}\n` +
      `Try: npx driftlog sync --repo ${repoDir} --format md\n`,
  );
}

await main();
