import { diffLineCount, diffList, unparsed } from "./lines.js";
import { maskInline, redactorFor, type Redactor } from "./secrets.js";
import type { KeyDiff, LinesDetails, WorkflowDetails, WorkflowJobDrift } from "./types.js";
import { asList, isRecord } from "../values.js";
import { canonical, changedEntries, otherKeys, parseYaml } from "./yaml.js";

type Obj = Record<string, unknown>;

/**
 * A GitHub Actions workflow (or composite action) in its own terms: jobs
 * added and removed; per job, steps added, removed and changed (by id, name,
 * action or first command line, credentials masked); and the version of
 * every action used. A CI file of another shape is only a line count.
 */
export function diffWorkflow(before: string | null, after: string | null): WorkflowDetails | LinesDetails {
  const old = before === null ? {} : orEmpty(parseYaml(before));
  const now = after === null ? {} : orEmpty(parseYaml(after));
  if (!isRecord(old) || !isRecord(now)) return unparsed(before, after);
  const oldJobs = jobsOf(old);
  const newJobs = jobsOf(now);
  if (!oldJobs || !newJobs) return diffLineCount(before, after);
  const redact = redactorFor(before, after);
  const changed: WorkflowJobDrift[] = changedEntries(oldJobs, newJobs, (name, previous, job) => diffJob(name, previous, job, redact));
  return {
    kind: "workflow",
    jobs: diffList(oldJobs.keys(), newJobs.keys()),
    changed,
    actions: diffVersions(actionsOf(oldJobs, redact), actionsOf(newJobs, redact)),
    other: otherKeys(old, now, new Set(["jobs", "runs"])),
  };
}

/** An empty file parses to null and has no jobs; undefined means it did not parse. */
const orEmpty = (doc: unknown): unknown => (doc === null ? {} : doc);

/** Jobs by id; a composite action's steps are one job, `runs`. Null when the file is neither. */
function jobsOf(doc: Obj): Map<string, Obj> | null {
  if (Object.keys(doc).length === 0) return new Map();
  if (isRecord(doc.jobs)) return new Map(Object.entries(doc.jobs).filter((entry): entry is [string, Obj] => isRecord(entry[1])));
  if (isRecord(doc.runs)) return new Map([["runs", doc.runs]]);
  return null;
}

function diffJob(job: string, before: Obj, after: Obj, redact: Redactor): WorkflowJobDrift {
  const old = stepsOf(before, redact);
  const now = stepsOf(after, redact);
  const steps = diffList(old.keys(), now.keys());
  const changedSteps = [...now].filter(([key, step]) => old.has(key) && canonical(old.get(key)) !== canonical(step)).map(([key]) => key);
  return { job, steps, changedSteps, other: otherKeys(before, after, new Set(["steps"])) };
}

/** Steps by what names them: `id`, else `name`, else the action used (without its ref), else the first line they run, else their position; repeats get `#2`, `#3`. */
function stepsOf(job: Obj, redact: Redactor): Map<string, unknown> {
  const steps = new Map<string, unknown>();
  asList(job.steps).forEach((step, index) => {
    // An action step is named by the action without its ref, so a version bump reads as a changed step;
    // an unnamed `run` step by its first line, credentials masked as in compose commands.
    const uses = isRecord(step) && typeof step.uses === "string" ? step.uses.replace(/@[^@]*$/, "") : undefined;
    const run = isRecord(step) && typeof step.run === "string" ? `run: ${maskInline(step.run.trim().split("\n")[0]!, redact)}` : undefined;
    const named = isRecord(step) ? [step.id, step.name, uses, run].find((value) => typeof value === "string" && value.trim() !== "") : undefined;
    const label = typeof named === "string" ? named.trim() : `step ${index + 1}`;
    let key = label;
    for (let n = 2; steps.has(key); n++) key = `${label} #${n}`;
    steps.set(key, step);
  });
  return steps;
}

/** Action → the versions (refs after `@`) the file uses it at, sorted; a job's `uses:` (reusable workflow) counts too. */
function actionsOf(jobs: ReadonlyMap<string, Obj>, redact: Redactor): Map<string, string> {
  const versions = new Map<string, Set<string>>();
  const add = (uses: unknown) => {
    if (typeof uses !== "string" || uses.trim() === "") return;
    const text = maskInline(uses.trim(), redact);
    const at = text.startsWith("docker://") ? -1 : text.lastIndexOf("@");
    const [action, version] = at > 0 ? [text.slice(0, at), text.slice(at + 1)] : [text, ""];
    versions.set(action, (versions.get(action) ?? new Set()).add(version));
  };
  for (const job of jobs.values()) {
    add(job.uses);
    for (const step of asList(job.steps)) if (isRecord(step)) add(step.uses);
  }
  return new Map([...versions].map(([action, set]) => [action, [...set].sort().join(", ")]));
}


/** Action versions are refs, not secrets: shown as they are (credentials inside a `uses:` are masked already). */
function diffVersions(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): KeyDiff {
  const diff = diffList(before.keys(), after.keys());
  const changed = [...after]
    .filter(([action, version]) => before.has(action) && before.get(action) !== version)
    .map(([key, version]) => ({ key, before: before.get(key)!, after: version, redacted: false }));
  return { added: diff.added.sort(), removed: diff.removed.sort(), changed: changed.sort((a, b) => a.key.localeCompare(b.key)) };
}
