import { usageError } from "../errors.js";
import type { Changelog, Release } from "./types.js";

/** Whether `--release-notes TAG` names this release: its tag, its version, or `unreleased` for the commits after the last tag. */
export function isNamedRelease(release: Release, tag: string): boolean {
  const wanted = tag.toLowerCase() === "unreleased" ? null : tag;
  return release.tag === wanted || (wanted !== null && release.version === wanted);
}

/** The release named by `--release-notes TAG` (`unreleased` for the commits after the last tag). */
export function findRelease(changelog: Changelog, tag: string): Release {
  const release = changelog.releases.find((candidate) => isNamedRelease(candidate, tag));
  if (!release) {
    const known = changelog.releases.map((candidate) => candidate.tag ?? "unreleased").slice(0, 5);
    throw usageError("E_NO_RELEASE", `--release-notes ${tag}: no such release in the history described`, known.length > 0 ? `known releases: ${known.join(", ")}` : "create a tag first, or pass --tag-pattern");
  }
  return release;
}
