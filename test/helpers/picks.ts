import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** git with no user or system config, and an identity for the commits a pick makes. */
export const PICK_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "Picker",
  GIT_AUTHOR_EMAIL: "picker@example.com",
  GIT_COMMITTER_NAME: "Picker",
  GIT_COMMITTER_EMAIL: "picker@example.com",
  GIT_EDITOR: "true",
};

/**
 * Picks every commit onto `tip` with real `git cherry-pick`, in a scratch
 * clone (never the repository itself), resetting between picks; prints
 * "<sha> clean|conflict|error ...". One bash process for the batch. An
 * "empty" pick (nothing left to commit, no unmerged paths) counts as clean.
 */
const SCRIPT = `
set -u
repo=$1; clone=$2; tip=$3; shift 3
git clone -q --no-checkout "$repo" "$clone" || exit 9
cd "$clone" || exit 9
git checkout -q --detach "$tip" || exit 9
for sha; do
  if git cherry-pick "$sha" >/dev/null 2>.git/pick-err; then
    echo "$sha clean"
  elif [ -n "$(git ls-files -u)" ]; then
    echo "$sha conflict"
  elif grep -q "empty" .git/pick-err; then
    echo "$sha clean"
  else
    echo "$sha error $(tr '\\n' ' ' < .git/pick-err)"
  fi
  git reset -q --hard "$tip" && git clean -qfdx || exit 9
done
`;

/** What `git cherry-pick <sha>` onto `tip` does for each sha: "clean", "conflict" or "error ...". */
export function gitCherryPicks(repoDir: string, tip: string, shas: readonly string[]): Map<string, string> {
  const scratch = mkdtempSync(join(tmpdir(), "driftlog-picks-"));
  try {
    const out = execFileSync("bash", ["-c", SCRIPT, "picks", repoDir, join(scratch, "clone"), tip, ...shas], { env: PICK_ENV, encoding: "utf8" });
    return new Map(out.trim().split("\n").filter(Boolean).map((line) => [line.slice(0, 40), line.slice(41)]));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
