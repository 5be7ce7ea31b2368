import { posix } from "node:path";
import { parseAllDocuments } from "yaml";
import { asList, isRecord } from "../values.js";

/**
 * Repository paths of the values files a helmfile names: `releases[].values`
 * and `environments.*.values` entries that are file paths (inline maps and
 * templated paths are left out), relative to the helmfile's folder.
 */
export function helmfileValues(helmfilePath: string, text: string): string[] {
  let docs: unknown[];
  try {
    docs = parseAllDocuments(text, { logLevel: "silent" }).map((doc) => (doc.errors.length > 0 ? null : doc.toJS({ maxAliasCount: 100 })) as unknown);
  } catch {
    return [];
  }
  const dir = posix.dirname(helmfilePath);
  const found: string[] = [];
  const add = (entries: unknown) => {
    for (const entry of asList(entries)) {
      if (typeof entry !== "string" || entry.includes("{{") || posix.isAbsolute(entry)) continue;
      const resolved = posix.normalize(posix.join(dir, entry));
      if (!resolved.startsWith("../") && resolved !== "..") found.push(resolved);
    }
  };
  for (const doc of docs) {
    if (!isRecord(doc)) continue;
    for (const release of asList(doc.releases)) if (isRecord(release)) add(release.values);
    for (const environment of Object.values(isRecord(doc.environments) ? doc.environments : {})) if (isRecord(environment)) add(environment.values);
  }
  return found;
}
