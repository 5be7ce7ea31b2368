import type { FastImport, Person } from "./fast-import.js";
import { render } from "./files.js";
import type { Random } from "./prng.js";
import { applyOp, Project, STATIC_FILES, type Op } from "./project.js";

/** 2023-01-02T00:00:00Z; main gets a commit every 15 minutes from here. */
export const BASE_TIME = Date.UTC(2023, 0, 2) / 1000;
export const STEP = 900;
/** Semver tags on main every this many commits. */
export const TAG_EVERY = 1000;

export const DEVELOPERS: Person[] = ["Ada Brandt", "Bo Chen", "Carla Diaz", "Dev Okafor", "Eli Fischer", "Fay Gupta", "Gus Hansen", "Ines Ito", "Jon Kowal", "Kim Lund", "Lea Moreau", "Max Novak"].map((name) => ({
  name,
  email: `${name.split(" ")[0]!.toLowerCase()}@acme.example`,
}));
export const RENOVATE: Person = { name: "renovate[bot]", email: "29139614+renovate[bot]@users.noreply.github.com" };
export const RELEASE_MANAGER: Person = { name: "Rhea Stable", email: "release@acme.example" };

/** What the stable line needs to know of a main commit to replay it. */
export interface MainCommit {
  index: number;
  mark: number;
  subject: string;
  message: string;
  author: Person;
  authorTime: number;
  committerTime: number;
  pr: number | null;
  bump: boolean;
  ops: Op[];
}

export const mainMark = (index: number) => index + 1;
export const tagName = (k: number) => `v1.${k}.0`;

const SCOPES: Record<string, string> = { docker: "docker", "docker-compose.yml": "compose", config: "config", ".env.example": "env", charts: "helm", infra: "infra", ".github": "ci" };
const scopeOf = (path: string) => SCOPES[path.split("/")[0]!] ?? (path === "Dockerfile" ? "docker" : path.split("/")[1] ?? "core");
const VERBS: Record<Op["type"], string[]> = { add: ["add", "introduce", "wire up"], change: ["tune", "update", "adjust"], remove: ["drop", "remove", "clean up"] };

/**
 * Writes main: a root commit with every file, then `commits - 1` commits
 * mixing application code (70%) and Docker/IaC (30%, a fifth of them version
 * bumps), a tag every {@link TAG_EVERY}, and `extra` more commits on
 * `refs/bench/warm` for warm re-runs. Returns the state at the fork point
 * and the Docker/IaC commits after it (those stable may pick).
 */
export async function writeMain(
  out: FastImport,
  rng: Random,
  options: { commits: number; extra: number; fork: number },
): Promise<{ forkState: Project; infra: MainCommit[] }> {
  const project = Project.initial(rng);
  const root = Object.entries(STATIC_FILES).map(([path, text]) => ({ path, text }));
  for (const file of project.files.values()) root.push({ path: file.path, text: render(file) });
  const author = DEVELOPERS[0]!;
  await out.commit({ ref: "refs/heads/main", mark: 1, author, authorTime: BASE_TIME, committer: author, committerTime: BASE_TIME, message: "chore: initial import\n", files: root });

  let forkState = project.fork(rng);
  const infra: MainCommit[] = [];
  let pr = 1000;
  for (let index = 1; index < options.commits + options.extra; index++) {
    const isInfra = rng.chance(0.3);
    const bump = isInfra && rng.chance(0.2) ? project.bumpOp(rng.pick(project.infraGroup())) : null;
    const ops: Op[] = bump ? [bump] : [];
    if (bump) applyOp(project.files, bump, false);
    else {
      // Each edit is drawn from (and made on) the file as the previous one left it.
      for (const path of isInfra ? project.infraGroup() : pickApp(project, rng)) {
        for (let n = rng.int(1, 2); n > 0; n--) {
          const op = project.randomOp(path);
          if (applyOp(project.files, op, false)) ops.push(op);
        }
      }
    }
    const commitAuthor = bump ? RENOVATE : rng.pick(DEVELOPERS);
    const number = rng.chance(0.7) ? pr++ : null;
    const subject = subjectOf(ops, isInfra, bump !== null, rng) + (number === null ? "" : ` (#${number})`);
    const body = rng.chance(0.3) ? `\n\n${rng.pick(["Needed for the new deployment.", "Keeps local and production alike.", "Follow-up to review comments."])}` : "";
    const commit: MainCommit = {
      index,
      mark: mainMark(index),
      subject,
      message: `${subject}${body}\n`,
      author: commitAuthor,
      authorTime: BASE_TIME + index * STEP - rng.int(0, 86_400),
      committerTime: BASE_TIME + index * STEP,
      pr: number,
      bump: bump !== null,
      ops,
    };
    const paths = [...new Set(ops.map((op) => op.path))];
    const ref = index < options.commits ? "refs/heads/main" : "refs/bench/warm";
    await out.commit({
      ref,
      mark: commit.mark,
      ...(index === options.commits ? { from: `:${mainMark(index - 1)}` } : {}),
      author: commitAuthor,
      authorTime: commit.authorTime,
      committer: commitAuthor,
      committerTime: commit.committerTime,
      message: commit.message,
      files: paths.map((path) => ({ path, text: render(project.files.get(path)!) })),
    });
    if (index < options.commits && (index + 1) % TAG_EVERY === 0) await out.reset(`refs/tags/${tagName((index + 1) / TAG_EVERY)}`, `:${commit.mark}`);
    if (index === options.fork) forkState = project.fork(rng);
    if (index > options.fork && index < options.commits && isInfra && ops.length > 0) infra.push(commit);
  }
  return { forkState, infra };
}

function pickApp(project: Project, rng: Random): string[] {
  const paths = project.appPaths;
  return [...new Set(Array.from({ length: rng.int(1, 3) }, () => rng.pick(paths)))];
}

function subjectOf(ops: readonly Op[], infra: boolean, bump: boolean, rng: Random): string {
  const first = ops[0];
  if (!first) return "chore: tidy up";
  const key = first.type === "add" ? first.items[0]!.key : first.type === "remove" ? first.items[0]!.key : `${first.section} ${first.id}`;
  if (bump && first.type === "change") return `chore(deps): bump ${first.section} to ${first.to}`;
  const scope = infra ? scopeOf(first.path) : first.path.split("/")[1]!;
  const type = infra ? rng.pick(["feat", "fix", "build", "ci", "chore", "perf"]) : rng.pick(["feat", "feat", "fix", "fix", "refactor", "perf", "docs", "test"]);
  return `${type}(${scope}): ${rng.pick(VERBS[first.type])} ${key.replace(/_/g, " ")}`;
}
