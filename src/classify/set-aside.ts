import picomatch from "picomatch";
import type { SetAside } from "../model.js";
import type { Classify } from "./index.js";
import { SET_ASIDE_GLOBS, type SetAsideKind } from "./rules.js";

/** Which kinds of not-our-deployment paths are set aside; every kind is, unless config turns it off. */
export type SetAsideSettings = Partial<Record<SetAsideKind, boolean>>;

/** Whether a path is vendored code or a test fixture that the settings set aside. */
export function setAsideTest(settings: SetAsideSettings = {}): (path: string) => boolean {
  const globs = (Object.keys(SET_ASIDE_GLOBS) as SetAsideKind[]).filter((kind) => settings[kind] !== false).flatMap((kind) => SET_ASIDE_GLOBS[kind]);
  return globs.length === 0 ? () => false : picomatch(globs, { dot: true });
}

/**
 * The classifier with set-aside paths left unclassified: a vendored Dockerfile
 * or a fixture chart is not a Docker/IaC change of this project. `setAside`
 * tells which paths the classifier would have placed but did not.
 */
export function withoutSetAside(classify: Classify, settings: SetAsideSettings = {}): { classify: Classify; setAside: (path: string) => boolean } {
  const test = setAsideTest(settings);
  const memo = new Map<string, boolean>();
  const aside = (path: string) => {
    let result = memo.get(path);
    if (result === undefined) memo.set(path, (result = test(path)));
    return result;
  };
  const setAside = (path: string) => aside(path) && classify(path) !== null;
  return { classify: (path) => (aside(path) ? null : classify(path)), setAside };
}

/** Counts what was set aside among source commits and the files that differ between the tips. */
export function countSetAside(
  commits: readonly { files: readonly { path: string; oldPath: string }[] }[],
  tips: readonly [ReadonlyMap<string, { blob: string }>, ReadonlyMap<string, { blob: string }>],
  classify: Classify,
  setAside: (path: string) => boolean,
): SetAside {
  const paths = new Set<string>();
  let dropped = 0;
  for (const commit of commits) {
    const touched = commit.files.flatMap((file) => [...new Set([file.path, file.oldPath])]);
    const aside = touched.filter(setAside);
    for (const path of aside) paths.add(path);
    if (aside.length > 0 && !touched.some((path) => classify(path) !== null)) dropped++;
  }
  const [source, target] = tips;
  for (const [a, b] of [[source, target], [target, source]] as const) {
    for (const [path, entry] of a) if (b.get(path)?.blob !== entry.blob && setAside(path)) paths.add(path);
  }
  return { commits: dropped, files: paths.size, paths: [...paths].sort() };
}
