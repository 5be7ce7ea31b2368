import { usageError } from "../errors.js";
import { isNamedRelease } from "./render.js";
import type { Changelog } from "./types.js";

/** Tags that are no release of the history described, kept to explain a `--release-notes` miss. */
export interface OtherTags {
  /** Release tags (matching the tag pattern) whose commit the history described does not reach, or `--from` leaves out. */
  unreachable: { name: string; version: string }[];
  /** Tags that do not match the tag pattern. */
  unmatched: string[];
  /** The `--to` revision described. */
  to: string;
}

/**
 * Throws the usage error for `--release-notes TAG` when the changelog has no
 * such release, naming why: the tag is not reachable from `--to` (with the
 * `--to TAG` that describes it), it does not match the tag pattern, or it does not exist.
 */
export function assertReleaseListed(changelog: Changelog, tag: string, other: OtherTags): void {
  if (changelog.releases.some((release) => isNamedRelease(release, tag))) return;
  const flag = `--release-notes ${tag}`;
  const outside = other.unreachable.find((candidate) => candidate.name === tag || candidate.version === tag);
  if (outside) {
    throw usageError(
      "E_NO_RELEASE",
      `${flag}: tag ${outside.name} is not reachable from --to ${other.to} (it is on another branch, or left out by --from)`,
      `describe its history: --to ${outside.name} --release-notes ${outside.name}`,
    );
  }
  if (other.unmatched.includes(tag)) {
    throw usageError("E_NO_RELEASE", `${flag}: tag ${tag} does not match the tag pattern`, "pass --tag-pattern (or set changelog.tagPattern) to a pattern it matches");
  }
}
