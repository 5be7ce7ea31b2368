import { ZERO_SHA, type RawFileChange } from "../git/log.js";
import type { TreeEntry } from "../git/repo.js";
import { helmfileValues } from "./helmfile.js";
import { chartDirsOf, composeMounts, createClassifier, isHelmfile, looksLikeManifest, needsContentSniff, type Classify } from "./index.js";

/** What a classifier needs read before it can be built, and how to build it from those texts. */
export interface ClassifierPlan {
  /** Blob ids whose texts the classifier reads: compose files and helmfiles at the tips, YAML that may be a manifest. */
  blobs: string[];
  /** The classifier, from the texts of {@link blobs} (an id missing from `texts` reads as empty). */
  classifier(texts: ReadonlyMap<string, string | null>): Classify;
}

/**
 * The classifier for a history, with what only file contents tell: chart
 * folders, compose mounts, manifests, values files a helmfile names. `trees`
 * are tip listings, most authoritative first; `commits` add paths that exist
 * only in history. Pure: the caller reads {@link ClassifierPlan.blobs} (in
 * one batch) and hands the texts back.
 */
export function planClassifier(
  custom: Record<string, readonly string[]>,
  commits: readonly { files: readonly RawFileChange[] }[],
  trees: readonly ReadonlyMap<string, TreeEntry>[],
): ClassifierPlan {
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
  const atTips = (paths: readonly string[]) =>
    trees.flatMap((tree) =>
      paths.flatMap((path) => {
        const entry = tree.get(path);
        return entry ? [{ path, blob: entry.blob }] : [];
      }),
    );
  const composeBlobs = atTips(tipPaths.filter((path) => pathOnly(path) === "compose"));
  const helmfileBlobs = atTips(tipPaths.filter(isHelmfile));
  const candidates = [...latest.keys()].filter((path) => needsContentSniff(path, pathOnly));
  return {
    blobs: [...[...composeBlobs, ...helmfileBlobs].map(({ blob }) => blob), ...candidates.map((path) => latest.get(path)!)],
    classifier(texts) {
      const text = (blob: string) => texts.get(blob) ?? "";
      const mounted = composeBlobs.flatMap(({ path, blob }) => composeMounts(path, text(blob)));
      const helmValues = helmfileBlobs.flatMap(({ path, blob }) => helmfileValues(path, text(blob)));
      const manifests = candidates.filter((path) => looksLikeManifest(text(latest.get(path)!)));
      return createClassifier({ custom, chartDirs, mounted, manifests, helmValues });
    },
  };
}
