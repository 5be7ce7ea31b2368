import { describe, expect, it } from "vitest";
import { DriftlogError } from "../../src/errors.js";
import { evaluateGate, parseFailOn } from "../../src/gate.js";
import type { Change, SyncReport } from "../../src/model.js";
import { summarize } from "../../src/report/index.js";

const GENERATED = "2025-03-01T12:00:00.000Z";
let next = 0;

function change(over: Partial<Change>): Change {
  const sha = (++next).toString(16).padStart(40, "a");
  return {
    sha, shortSha: sha.slice(0, 7), subject: `change ${next}`, body: "", author: { name: "n", email: "e" }, date: "2025-02-01T12:00:00Z",
    ageDays: 28, categories: ["docker"], status: "unsynced", pick: "clean", files: [], matchedBy: [], targetShas: [], syncedAt: null,
    dependsOn: [], exclusion: null, revertedBy: null, ...over,
  };
}

function report(target: string, changes: Change[]): SyncReport {
  return {
    schemaVersion: 1, tool: { name: "driftlog", version: "0.0.0" }, generatedAt: GENERATED, repository: { path: "/r", remoteUrl: null },
    source: { ref: "main", sha: "s".repeat(40) }, target: { ref: target, sha: "t".repeat(40) }, mergeBase: "b".repeat(40),
    summary: summarize(changes), changes, targetOnly: [],
  };
}

const usage = (text: string): DriftlogError => {
  try {
    parseFailOn(text);
  } catch (error) {
    expect(error).toBeInstanceOf(DriftlogError);
    expect((error as DriftlogError).exitCode).toBe(2);
    return error as DriftlogError;
  }
  throw new Error(`parseFailOn(${JSON.stringify(text)}) did not fail`);
};

describe("parseFailOn", () => {
  it("reads a comma-separated list, any case, each rule once, ages normalised", () => {
    expect(parseFailOn(" Unsynced, conflict ,age:14d,unsynced, AGE:2W,age:36h")).toEqual([
      { kind: "unsynced", text: "unsynced" },
      { kind: "conflict", text: "conflict" },
      { kind: "age", text: "age:14d", amount: 14, unit: "d" },
      { kind: "age", text: "age:2w", amount: 2, unit: "w" },
      { kind: "age", text: "age:36h", amount: 36, unit: "h" },
    ]);
  });

  it("refuses malformed rules with a suggestion", () => {
    expect(usage("unsyncd").message).toBe('unknown --fail-on rule "unsyncd" (did you mean "unsynced"?)');
    expect(usage("conflicts").message).toContain('(did you mean "conflict"?)');
    expect(usage("ag:14d").message).toContain('(did you mean "age:14d"?)');
    expect(usage("everything").message).toBe('unknown --fail-on rule "everything"');
    expect(usage("age:14").hint).toBe("add a unit: age:14d");
    expect(usage("age:14m").message).toContain('unknown unit "m"');
    expect(usage("age").message).toContain("needs a whole number and a unit");
    expect(usage("age:-3d").message).toContain("needs a whole number and a unit");
    expect(usage("age:1.5d").message).toContain("needs a whole number and a unit");
    expect(usage("conflict:2").message).toContain("conflict takes no value");
    expect(usage(" , ").message).toBe("--fail-on needs at least one rule");
  });
});

describe("evaluateGate", () => {
  it("unsynced counts unsynced and partial changes, never accounted-for ones", () => {
    const changes = [change({ status: "synced", pick: null }), change({ status: "excluded", pick: null }), change({ status: "superseded", pick: null }), change({ status: "reverted", pick: null })];
    expect(evaluateGate([report("stable", changes)], parseFailOn("unsynced,conflict,age:0d"))).toEqual([]);
    const oldest = change({ status: "partial", ageDays: 41, subject: "build(docker): multi-stage build" });
    const tripped = evaluateGate([report("stable", [...changes, change({ ageDays: 3 }), oldest])], parseFailOn("unsynced"));
    expect(tripped).toHaveLength(1);
    expect(tripped[0]!.count).toBe(2);
    expect(tripped[0]!.message).toBe(`--fail-on unsynced tripped: 2 unsynced or partial changes (oldest ${oldest.shortSha} "build(docker): multi-stage build", 41 days)`);
  });

  it("conflict counts pending changes predicted to conflict", () => {
    const conflicting = change({ pick: "conflict", ageDays: 1 });
    const tripped = evaluateGate([report("stable", [change({}), conflicting])], parseFailOn("conflict"));
    expect(tripped.map((rule) => rule.message)).toEqual([`--fail-on conflict tripped: 1 change predicted to conflict (oldest ${conflicting.shortSha} "${conflicting.subject}", 1 day)`]);
  });

  it("age:Nd trips at N whole days (ageDays is floored), weeks are 7 days, hours use the commit date", () => {
    const thirteen = change({ ageDays: 13, date: "2025-02-15T00:00:00Z" });
    const fourteen = change({ ageDays: 14, date: "2025-02-14T00:00:00Z" });
    const stable = report("stable", [thirteen, fourteen]);
    expect(evaluateGate([stable], parseFailOn("age:14d")).map((rule) => rule.count)).toEqual([1]);
    expect(evaluateGate([stable], parseFailOn("age:15d"))).toEqual([]);
    expect(evaluateGate([stable], parseFailOn("age:2w")).map((rule) => rule.count)).toEqual([1]);
    // 2025-02-14T00:00 to 2025-03-01T12:00 is 372 hours.
    expect(evaluateGate([stable], parseFailOn("age:372h")).map((rule) => rule.count)).toEqual([1]);
    expect(evaluateGate([stable], parseFailOn("age:373h"))).toEqual([]);
    const [rule] = evaluateGate([stable], parseFailOn("age:14d"));
    expect(rule!.message).toBe(`--fail-on age:14d tripped: 1 unsynced change 14 days or older (oldest ${fourteen.shortSha} "${fourteen.subject}", 14 days)`);
  });

  it("applies across targets, counting each target's change, and names the target of the oldest", () => {
    const shared = change({ ageDays: 30, subject: `build: ${"very long subject ".repeat(6)}` });
    const stable = report("stable", [shared, change({ ageDays: 20 })]);
    const release = report("release/2.8", [{ ...shared, ageDays: 30 }, change({ status: "synced", pick: null, ageDays: 50 })]);
    const tripped = evaluateGate([stable, release], parseFailOn("age:14d,conflict,unsynced"));
    expect(tripped.map((rule) => rule.rule.text)).toEqual(["age:14d", "unsynced"]);
    expect(tripped[0]!.count).toBe(3);
    expect(tripped[0]!.message).toMatch(/^--fail-on age:14d tripped: 3 unsynced changes 14 days or older \(stable 2, release\/2\.8 1; oldest [0-9a-f]{7} "build: very long subject .*…" on stable, 30 days\)$/);
    expect(tripped[0]!.message.match(/"(.*)"/)![1]!.length).toBe(60);
  });

  it("drift trips on files that differ at the tips unless kept or excluded", () => {
    const entry = (path: string, flags: { kept?: boolean; excluded?: boolean } = {}) => ({
      path,
      category: "compose" as const,
      state: "differs" as const,
      kept: flags.kept ?? false,
      excluded: flags.excluded ?? false,
      details: { kind: "lines" as const, added: 1, removed: 1 },
      verify: [],
    });
    const intended = { ...report("stable", []), fileDrift: [entry("config/production.toml", { kept: true }), entry("k8s/experimental/a.yaml", { excluded: true })] };
    expect(evaluateGate([intended], parseFailOn("drift"))).toEqual([]);
    const drifted = { ...intended, fileDrift: [...intended.fileDrift, entry("docker-compose.yml"), entry("Dockerfile")] };
    const [rule] = evaluateGate([drifted], parseFailOn("unsynced,drift"));
    expect(rule).toMatchObject({ count: 2, message: "--fail-on drift tripped: 2 Docker/IaC files differ between the tips and are not kept (docker-compose.yml, Dockerfile)" });
  });

  it("keeps commit text from driving the terminal", () => {
    const hostile = change({ subject: "build: \u001b[2J\u001b[31mred\u001b[0m\r\nsecond line" });
    const [rule] = evaluateGate([report("stable", [hostile])], parseFailOn("unsynced"));
    expect(rule!.message).toContain('"build: red second line"');
    expect(rule!.message).not.toMatch(/[\u0000-\u001f]/);
  });
});
