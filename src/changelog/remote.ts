/** A hosted repository that links can point into. */
export interface Remote {
  host: "github" | "gitlab";
  /** `https://github.com/owner/repo`, without credentials or `.git`. */
  baseUrl: string;
}

/**
 * Reads `remote.origin.url` (or the config's `remoteUrl`) in its usual shapes:
 * `https://host/owner/repo.git`, `git@host:owner/repo.git`, `ssh://git@host/group/sub/repo`.
 * Hosts whose name contains `github` or `gitlab` get links; anything else is plain text.
 */
export function parseRemote(url: string | null | undefined): Remote | null {
  if (!url) return null;
  const trimmed = url.trim();
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(trimmed);
  let hostname: string;
  let path: string;
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    hostname = scp[1]!;
    path = scp[2]!;
  } else {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      return null;
    }
    if (!["http:", "https:", "ssh:", "git:", "git+ssh:"].includes(parsed.protocol)) return null;
    hostname = parsed.hostname;
    path = parsed.pathname;
  }
  path = path.replace(/^\/+|\/+$/g, "").replace(/\.git$/, "");
  if (!/^[\w.-]+(?:\/[\w.-]+)+$/.test(path) || !/^[\w.-]+$/.test(hostname)) return null;
  const host = /github/i.test(hostname) ? "github" : /gitlab/i.test(hostname) ? "gitlab" : null;
  if (!host) return null;
  return { host, baseUrl: `https://${hostname.toLowerCase()}/${path}` };
}

export function commitUrl(remote: Remote, sha: string): string {
  return remote.host === "gitlab" ? `${remote.baseUrl}/-/commit/${sha}` : `${remote.baseUrl}/commit/${sha}`;
}

export function compareUrl(remote: Remote, from: string, to: string): string {
  const range = `${encodeURIComponent(from)}...${encodeURIComponent(to)}`;
  return remote.host === "gitlab" ? `${remote.baseUrl}/-/compare/${range}` : `${remote.baseUrl}/compare/${range}`;
}

/**
 * Link for a reference: `#12` in a subject is the pull/merge request that
 * landed it, elsewhere an issue. `owner/repo#3` points at that repository.
 */
export function referenceUrl(remote: Remote, reference: string, inSubject: boolean): string | null {
  const match = /^(?:([\w.-]+\/[\w.-]+))?#(\d+)$/.exec(reference);
  if (!match) return null;
  const base = match[1] ? remote.baseUrl.replace(/[^/]+\/[^/]+$/, match[1]) : remote.baseUrl;
  const sep = remote.host === "gitlab" ? "/-" : "";
  const kind = inSubject ? (remote.host === "gitlab" ? "merge_requests" : "pull") : "issues";
  return `${base}${sep}/${kind}/${match[2]}`;
}
