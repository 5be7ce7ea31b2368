/**
 * The cherry-pick plan: the changes still to pick in the order to run them,
 * and the exact shell lines of each step. Pure; the report view hands it
 * its changes.
 */

/** What the plan needs of a change (a report view's change has all of it). */
export interface PlanChange {
  sha: string;
  shortSha: string;
  subject: string;
  conflict: boolean;
  files: readonly { path: string }[];
  /** Full SHAs of the earlier changes still to pick this one depends on. */
  dependsOnShas: readonly string[];
  /** For a dependency bump: the newest bump of the same dependency, when another supersedes it. */
  bump: { supersededBySha: string | null } | null;
  conflictFiles: string[];
  conflictsOnlyOutside: boolean;
  otherPaths: readonly string[];
}

export interface PlanStep {
  step: number;
  sha: string;
  shortSha: string;
  subject: string;
  /** The first of {@link commands} (kept for user templates). */
  command: string;
  /** The shell lines of this step: one `git cherry-pick -x`, or for a Docker/IaC-only pick the three lines that make it. */
  commands: string[];
  conflict: boolean;
  /** Picks only the Docker/IaC paths, because every conflict is outside them. */
  dockerIacOnly: boolean;
  /** For the newest bump of a dependency: the older bumps (short SHAs, newest first) it supersedes, left out of the plan. */
  supersedes: string[];
  /** The newest bump does not pick cleanly without the older ones: the step takes its files as they are at that commit. */
  takeNewest: boolean;
  conflictFiles: string[];
  /** Short SHAs of the plan's earlier changes this one needs. */
  after: string[];
}

/**
 * The changes to pick in the order to run them: each change after the ones
 * it depends on, otherwise in history order (which git applies cleanly most
 * often). A dependency outside the plan is ignored; cycles cannot occur
 * because a change only depends on earlier ones, but are broken anyway.
 */
export function cherryPickPlan(all: readonly PlanChange[]): PlanStep[] {
  // An older bump of a dependency bumped again is left to the newest one.
  const supersedes = new Map<string, string[]>();
  for (const change of all) if (change.bump?.supersededBySha) supersedes.set(change.bump.supersededBySha, [...(supersedes.get(change.bump.supersededBySha) ?? []), change.shortSha]);
  const shas = new Set(all.map((change) => change.sha));
  const pending = all.filter((change) => !change.bump?.supersededBySha || !shas.has(change.bump.supersededBySha));
  const bySha = new Map(pending.map((change) => [change.sha, change]));
  const ordered: PlanChange[] = [];
  const visiting = new Set<string>();
  const visit = (change: PlanChange) => {
    if (visiting.has(change.sha)) return;
    visiting.add(change.sha);
    for (const dep of change.dependsOnShas) {
      const before = bySha.get(dep);
      if (before) visit(before);
    }
    ordered.push(change);
  };
  pending.forEach(visit);
  return ordered.map((change, i) => {
    const older = supersedes.get(change.sha) ?? [];
    const takeNewest = older.length > 0 && change.conflict;
    const commands = takeNewest ? takeNewestCommands(change) : pickCommands(change);
    return {
      step: i + 1,
      sha: change.sha,
      shortSha: change.shortSha,
      subject: change.subject,
      command: commands[0]!,
      commands,
      conflict: change.conflict,
      dockerIacOnly: !takeNewest && change.conflictsOnlyOutside,
      conflictFiles: change.conflictFiles,
      supersedes: older.reverse(),
      takeNewest,
      after: change.dependsOnShas.filter((dep) => bySha.has(dep)).map((dep) => bySha.get(dep)!.shortSha),
    };
  });
}

/**
 * The plan as a shell script's lines. What to expect of a step goes on a
 * comment line of its own before its commands, so narrow screens wrap
 * between lines, never inside a comment or a SHA.
 */
export function planScript(plan: readonly PlanStep[]): string[] {
  return plan.flatMap((step) => {
    const after = step.after.length > 0 ? `, after ${step.after.join(", ")}` : "";
    const superseded = step.supersedes.length > 0 ? `, supersedes ${step.supersedes.join(", ")}` : "";
    if (step.takeNewest) return [`# ${step.step}: take the newest bump (its files as at ${step.shortSha}${superseded})`, ...step.commands];
    if (superseded) return [`# ${step.step}: newest bump${superseded}${after}`, ...step.commands];
    if (step.dockerIacOnly) return [`# ${step.step}: Docker/IaC paths only, conflicts only in ${step.conflictFiles.join(", ")}${after}`, ...step.commands];
    if (step.conflict) return [`# ${step.step}: conflict expected${step.conflictFiles.length > 0 ? ` in ${step.conflictFiles.join(", ")}` : ""}${after}`, ...step.commands];
    return [`${step.command} # ${step.step}`];
  });
}

/**
 * How to pick a change: the whole commit, or, when its conflicts are all
 * outside its Docker/IaC files, the commit without its other paths (staged
 * with `-n`, the other paths put back as on target, committed with the
 * original message and its `-x` line; `--cleanup=strip` drops git's
 * "# Conflicts" note).
 */
function pickCommands(change: PlanChange): string[] {
  if (!change.conflictsOnlyOutside) return [`git cherry-pick -x ${change.sha}`];
  return [
    `git cherry-pick -n -x ${change.sha}`,
    `git restore --source=HEAD --staged --worktree -- ${change.otherPaths.map(shellWord).join(" ")}`,
    "git commit --no-edit --cleanup=strip",
  ];
}

/**
 * Take the newest bump: its Docker/IaC files as they are at that commit
 * (which carries every older bump of the dependency). `git restore` rather
 * than `git checkout <sha> --`, which fails on a file the bump deleted.
 */
function takeNewestCommands(change: PlanChange): string[] {
  return [`git restore --source=${change.sha} --staged --worktree -- ${change.files.map((file) => shellWord(file.path)).join(" ")}`, `git commit -m ${shellWord(`${change.subject} (newest bump, from ${change.sha})`)}`];
}

/** A path as one shell word: as it is when it is plainly safe, else single-quoted. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
