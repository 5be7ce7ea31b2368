import { access, readFile } from "node:fs/promises";
import { usageError } from "../errors.js";
import { htmlSibling, type DigestInput } from "./build.js";
import { parseReports } from "./parse.js";

export { buildDigest, byUrgency, htmlSibling, repositoryName, type Digest, type DigestInput, type DigestOptions, type DigestRow, type DuplicateReport } from "./build.js";
export { parseReports } from "./parse.js";

/**
 * Reads and validates sync report JSON files; a missing or foreign file is a
 * usage error naming it. Each links to the HTML report next to it when there
 * is one (`sync-report.html` beside `sync-report.json`), else to the JSON.
 */
export async function readDigestInputs(files: readonly string[], resolvePath: (file: string) => string): Promise<DigestInput[]> {
  return Promise.all(
    files.map(async (file) => {
      let text: string;
      try {
        text = await readFile(resolvePath(file), "utf8");
      } catch (error) {
        throw usageError("E_DIGEST_INPUT", `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, "pass the JSON files written by `driftlog sync`");
      }
      const html = htmlSibling(file);
      const hasHtml = await access(resolvePath(html)).then(() => true, () => false);
      return { file, reports: parseReports(text, file), reportPath: hasHtml ? html : file };
    }),
  );
}
