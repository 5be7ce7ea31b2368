import picomatch from "picomatch";
import { planClassifier } from "../classify/context.js";
import { chartDirsOf } from "../classify/index.js";
import { CHART_FILE_GLOBS, PATH_RULES } from "../classify/rules.js";
import { setAsideTest, withoutSetAside } from "../classify/set-aside.js";
import { BlobReader } from "../git/blobs.js";
import { hasCommit, listTree, type Repository } from "../git/repo.js";
import type { Category } from "../classify/category.js";

/** A category found in a repository, with the globs that pin it in a config. */
export interface DetectedCategory {
  name: Category;
  /** Built-in globs that matched a file, chart folders, or exact paths found from content. */
  paths: string[];
  /** Every file of the category, sorted. */
  files: string[];
}

/** More exact paths than this and the rest are left to content detection, which finds them anyway. */
const MAX_EXACT_PATHS = 20;
const GLOB_OPTIONS = { dot: true } as const;

/**
 * The Docker/IaC categories present in the tree of `rev` (default HEAD),
 * detected by the same classifier `sync` uses (paths, chart folders, compose
 * mounts, manifest contents). Vendored code and test fixtures are set aside
 * as `sync` does by default, so their paths never reach the config. An
 * unborn branch has no categories.
 */
export async function detectCategories(repo: Repository, rev = "HEAD"): Promise<DetectedCategory[]> {
  if (!(await hasCommit(repo, rev))) return [];
  const tree = await listTree(repo, rev);
  const plan = planClassifier({}, [], [tree]);
  const { classify } = withoutSetAside(plan.classifier(await new BlobReader(repo.path).readText(plan.blobs)));
  const byCategory = new Map<Category, string[]>();
  for (const path of [...tree.keys()].sort()) {
    const category = classify(path);
    if (category) byCategory.set(category, [...(byCategory.get(category) ?? []), path]);
  }
  const aside = setAsideTest();
  const charts = chartDirsOf([...tree.keys()].filter((path) => !aside(path))).sort();
  return [...byCategory]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, files]) => ({ name, files, paths: pathsFor(name, files, charts) }));
}

function pathsFor(category: Category, files: readonly string[], charts: readonly string[]): string[] {
  const rules = PATH_RULES.find((rule) => rule.category === category)?.globs ?? [];
  const globs = rules.filter((glob) => files.some((file) => picomatch(glob, GLOB_OPTIONS)(file)));
  const covered = picomatch(globs.length > 0 ? globs : ["\0"], GLOB_OPTIONS);
  let rest = files.filter((file) => !covered(file));
  if (category === "helm") {
    const chartGlobs = charts.flatMap((dir) => CHART_FILE_GLOBS.map((glob) => (dir === "." ? glob : `${dir}/${glob}`)));
    const inChart = picomatch(chartGlobs.length > 0 ? chartGlobs : ["\0"], GLOB_OPTIONS);
    globs.push(...chartGlobs);
    rest = rest.filter((file) => !inChart(file));
  }
  return [...globs, ...rest.slice(0, MAX_EXACT_PATHS)];
}
