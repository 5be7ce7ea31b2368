import type { RawCommit } from "../git/log.js";
import { splitMessage } from "./message.js";
import type { Commit } from "./types.js";

/** The matching's view of a commit read from `git log`. */
export function toCommit(raw: RawCommit): Commit {
  const { subject, body } = splitMessage(raw.message);
  return {
    sha: raw.sha,
    parents: raw.parents,
    author: { name: raw.authorName, email: raw.authorEmail },
    authorTime: raw.authorTime,
    committerTime: raw.committerTime,
    date: raw.date,
    message: raw.message,
    subject,
    body,
    files: raw.files,
  };
}
