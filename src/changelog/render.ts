import { usageError } from "../errors.js";
import type { Changelog, Release } from "./types.js";

/** The release named by `--release-notes TAG` (`unreleased` for the commits after the last tag). */
export function findRelease(changelog: Changelog, tag: string): Release {
  const wanted = tag.toLowerCase() === "unreleased" ? null : tag;
  const release = changelog.releases.find((candidate) => candidate.tag === wanted || (wanted !== null && candidate.version === wanted));
  if (!release) {
    const known = changelog.releases.map((candidate) => candidate.tag ?? "unreleased").slice(0, 5);
    throw usageError("E_NO_RELEASE", `--release-notes ${tag}: no such release in the history described`, known.length > 0 ? `known releases: ${known.join(", ")}` : "create a tag first, or pass --tag-pattern");
  }
  return release;
}
