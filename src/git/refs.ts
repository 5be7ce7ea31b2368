import { usageError } from "../errors.js";

/**
 * Validates a user-supplied revision before git sees it: a ref name by git's
 * check-ref-format rules (branch, `origin/stable`, tag, SHA) optionally
 * followed by `~N` / `^N`. Anything that could be read as an option is refused.
 */
export function validateRevision(rev: string, flag: string): string {
  const problem = revisionProblem(rev);
  if (problem) {
    throw usageError("E_BAD_REF", `${flag} ${JSON.stringify(rev)} is not a valid ref name: ${problem}`, "pass a branch, tag, remote-tracking branch or commit SHA");
  }
  return rev;
}

/**
 * Refuses a target that is the source itself: a branch compared with itself
 * is always "in sync", which would hide every change. Two names of the same
 * commit (a branch and the tag at its tip) are a real, if quiet, comparison.
 */
export function distinctFromSource(source: string, target: string): void {
  if (source !== target) return;
  throw usageError(
    "E_SAME_REF",
    `the target ${JSON.stringify(target)} is the source too: a branch compared with itself is always in sync`,
    "pass the release branch as --target (e.g. --target stable) and the branch changes come from as --source",
  );
}

function revisionProblem(rev: string): string | null {
  if (rev === "") return "it is empty";
  if (rev.startsWith("-")) return "it starts with '-'";
  if (rev === "HEAD" || rev === "@") return null;
  const name = rev.replace(/(?:[~^]\d*)+$/, "");
  if (name === "HEAD") return null;
  if (name === "") return "it has no name";
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return "it contains a space, control character or one of ~ ^ : ? * [ \\";
  if (name.includes("..")) return "it contains '..'";
  if (name.includes("@{")) return "it contains '@{'";
  if (name.includes("//")) return "it contains '//'";
  if (name.endsWith("/") || name.endsWith(".") || name.endsWith(".lock")) return "it ends with '/', '.' or '.lock'";
  if (name.split("/").some((part) => part.startsWith("."))) return "a component starts with '.'";
  return null;
}

/** Edit distance, for "did you mean" suggestions. */
export function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The candidates closest to `wanted`, best first. */
export function closest(wanted: string, candidates: Iterable<string>, limit = 3): string[] {
  const scored = [...new Set(candidates)]
    .map((name) => {
      const short = name.split("/").pop() ?? name;
      return { name, score: Math.min(levenshtein(wanted, name), levenshtein(wanted, short)) };
    })
    .filter(({ name, score }) => score <= Math.max(2, Math.floor(wanted.length / 3)) || name.endsWith(`/${wanted}`))
    .sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, limit).map((entry) => entry.name);
}
