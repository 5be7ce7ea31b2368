import type { BlobReader } from "../git/blobs.js";
import { ZERO_SHA, type RawFileChange } from "../git/log.js";
import type { TreeEntry } from "../git/repo.js";
import { helmfileValues } from "./helmfile.js";
import { chartDirsOf, composeMounts, createClassifier, isHelmfile, looksLikeManifest, needsContentSniff, type Classify } from "./index.js";

/**
 * The classifier for a history, with what only file contents tell: chart
 * folders, compose mounts, manifests, values files a helmfile names. `trees` are tip listings, most
 * authoritative first; `commits` add paths that exist only in history.
 * Reads the compose files and YAML candidates in one blob batch.
 */
export async function buildClassifier(
  blobs: BlobReader,
  custom: Record<string, readonly string[]>,
  commits: readonly { files: readonly RawFileChange[] }[],
  trees: readonly ReadonlyMap<string, TreeEntry>[],
): Promise<Classify> {
  const latest = new Map<string, string>();
  for (const tree of [...trees].reverse()) for (const [path, entry] of tree) latest.set(path, entry.blob);
  for (const commit of commits) {
    for (const file of commit.files) {
      if (!latest.has(file.path) && file.newBlob !== ZERO_SHA) latest.set(file.path, file.newBlob);
      if (!latest.has(file.oldPath) && file.oldBlob !== ZERO_SHA) latest.set(file.oldPath, file.oldBlob);
    }
  }
  const chartDirs = chartDirsOf(latest.keys());
  const pathOnly = createClassifier({ custom, chartDirs });
  const tipPaths = [...new Set(trees.flatMap((tree) => [...tree.keys()]))];
  const composeFiles = tipPaths.filter((path) => pathOnly(path) === "compose");
  const helmfiles = tipPaths.filter(isHelmfile);
  const candidates = [...latest.keys()].filter((path) => needsContentSniff(path, pathOnly));
  const atTips = (paths: readonly string[]) =>
    trees.flatMap((tree) =>
      paths.flatMap((path) => {
        const entry = tree.get(path);
        return entry ? [{ path, blob: entry.blob }] : [];
      }),
    );
  const composeBlobs = atTips(composeFiles);
  const helmfileBlobs = atTips(helmfiles);
  const texts = await blobs.readText([...[...composeBlobs, ...helmfileBlobs].map(({ blob }) => blob), ...candidates.map((path) => latest.get(path)!)]);
  const mounted = composeBlobs.flatMap(({ path, blob }) => composeMounts(path, texts.get(blob) ?? ""));
  const helmValues = helmfileBlobs.flatMap(({ path, blob }) => helmfileValues(path, texts.get(blob) ?? ""));
  const manifests = candidates.filter((path) => looksLikeManifest(texts.get(latest.get(path)!) ?? ""));
  return createClassifier({ custom, chartDirs, mounted, manifests, helmValues });
}

