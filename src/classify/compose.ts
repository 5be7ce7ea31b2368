import { posix } from "node:path";
import { parse } from "yaml";
import { asList, isRecord } from "../values.js";

/**
 * Repository paths a compose file mounts from the host: bind-mount volume
 * sources, env_file entries and top-level configs/secrets files. Paths outside
 * the repository and named volumes are left out.
 */
export function composeMounts(composePath: string, text: string): string[] {
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100, logLevel: "silent" });
  } catch {
    return [];
  }
  if (!isRecord(doc)) return [];
  const dir = posix.dirname(composePath);
  const found: string[] = [];
  // A volume source without `./` is a named volume; env_file and file: entries are always paths.
  const add = (source: unknown, alwaysPath = false) => {
    if (typeof source !== "string") return;
    const resolved = resolveHostPath(dir, source, alwaysPath);
    if (resolved) found.push(resolved);
  };
  for (const service of Object.values(isRecord(doc.services) ? doc.services : {})) {
    if (!isRecord(service)) continue;
    for (const volume of asList(service.volumes)) {
      if (typeof volume === "string") add(volume.split(":")[0]);
      else if (isRecord(volume) && (volume.type === "bind" || volume.type === undefined)) add(volume.source);
    }
    for (const envFile of asList(service.env_file)) add(isRecord(envFile) ? envFile.path : envFile, true);
  }
  for (const section of [doc.configs, doc.secrets]) {
    for (const entry of Object.values(isRecord(section) ? section : {})) if (isRecord(entry)) add(entry.file, true);
  }
  return found;
}

function resolveHostPath(dir: string, source: string, alwaysPath: boolean): string | null {
  const trimmed = source.trim();
  if (trimmed === "" || trimmed.startsWith("/") || trimmed.startsWith("~") || trimmed.includes("$")) return null;
  if (!alwaysPath && !(trimmed.startsWith("./") || trimmed.startsWith("../") || trimmed === ".")) return null;
  const joined = posix.normalize(posix.join(dir, trimmed));
  // The repository root (`.:/app`, `..:/app` from a subfolder) is the application, not its configuration.
  if (joined.startsWith("../") || joined === ".." || joined === "." || joined === "./") return null;
  return joined.replace(/\/$/, "");
}
