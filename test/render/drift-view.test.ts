import { describe, expect, it } from "vitest";
import type { DriftDetails, FileDriftEntry } from "../../src/drift/types.js";
import type { SyncReport } from "../../src/model.js";
import { describeDetails, driftView, type DriftLine } from "../../src/render/drift-view.js";

const entry = (over: Partial<FileDriftEntry>): FileDriftEntry => ({
  path: "f", category: "other", state: "differs", kept: false, excluded: false, details: { kind: "lines", added: 1, removed: 0 }, verify: [], ...over,
});

const report = (fileDrift: FileDriftEntry[] | undefined, identical = 4): SyncReport =>
  ({
    source: { ref: "main", sha: "a".repeat(40) },
    target: { ref: "release/2.8", sha: "b".repeat(40) },
    summary: fileDrift && { fileDrift: { files: fileDrift.length + identical, identical, differs: fileDrift.filter((e) => e.state === "differs").length, sourceOnly: fileDrift.filter((e) => e.state === "source-only").length, targetOnly: fileDrift.filter((e) => e.state === "target-only").length, kept: fileDrift.filter((e) => e.kept).length, excluded: fileDrift.filter((e) => e.excluded).length } },
    fileDrift,
  }) as unknown as SyncReport;

/** A line as the Markdown template writes it, without escaping: enough to read what the view decided. */
const read = (line: DriftLine) =>
  (line.scope ? `${line.scope.kind ? `${line.scope.kind} ` : ""}${line.scope.name}: ` : "") +
  line.facts
    .map((fact) => {
      const values = fact.values.map((value) => {
        if (value.kind !== "changed") return `${{ added: "+", removed: "-", item: "" }[value.kind]}${value.text}`;
        const pair = `${value.before.text} > ${value.after.text}`;
        return `${value.name ? `${value.name} ` : ""}${value.redacted ? `changed (${pair})` : pair}`;
      });
      return [fact.field, values.join(", ")].filter(Boolean).join(" ") + (fact.more ? ` and ${fact.more} more` : "");
    })
    .join("; ");

describe("describeDetails", () => {
  it("writes compose drift per service, in compose terms", () => {
    const { lines, note } = describeDetails({
      kind: "compose",
      services: { added: ["worker"], removed: [] },
      changed: [{ service: "redis", fields: { image: { before: "redis:7", after: "redis:7.4" } }, lists: { ports: { added: [], removed: ["6379:6379"] } }, environment: { added: ["PAYMENT_TIMEOUT"], removed: [], changed: [{ key: "REDIS_PASSWORD", before: "hmac:111111111111", after: "hmac:222222222222", redacted: true }] }, other: ["user"] }],
      networks: { added: [], removed: [] },
      volumes: { added: [], removed: ["pgdata"] },
      other: [],
    });
    expect(note).toBeNull();
    expect(lines.map(read)).toEqual([
      "services +worker",
      "volumes -pgdata",
      "service redis: image redis:7 > redis:7.4; ports -6379:6379; environment +PAYMENT_TIMEOUT, REDIS_PASSWORD changed (hmac:111111111111 > hmac:222222222222); other settings user",
    ]);
  });

  it("writes a Dockerfile's drift one setting a line, with none or empty where a side has no value", () => {
    const { lines } = describeDetails({
      kind: "dockerfile",
      stages: { added: ["scan"], removed: [] },
      baseImages: [{ stage: "(final)", image: { before: "debian:12", after: "gcr.io/distroless/cc" } }],
      env: { added: [], removed: [], changed: [] },
      args: { added: [], removed: ["OLD"], changed: [] },
      expose: { added: ["9090"], removed: [] },
      user: { before: null, after: "1000" },
      healthcheck: null,
      entrypoint: null,
      cmd: { before: '["router"]', after: " " },
      instructions: ["RUN"],
    });
    expect(lines.map(read)).toEqual(["stages +scan", "base image (final) debian:12 > gcr.io/distroless/cc", "ARG -OLD", "EXPOSE +9090", "USER none > 1000", 'CMD ["router"] > empty', "other instructions RUN"]);
    const user = lines[4]!.facts[0]!.values[0]!;
    expect(user).toMatchObject({ kind: "changed", before: { text: "none", code: false }, after: { text: "1000", code: true } });
  });

  it("writes Kubernetes objects and Terraform blocks by name", () => {
    expect(
      describeDetails({
        kind: "kubernetes",
        objects: { added: [], removed: ["Service/old"] },
        changed: [
          { object: "Deployment/prod/router", images: { added: [], removed: [], changed: [{ key: "router", before: "r:1", after: "r:2", redacted: false }] }, replicas: { before: "2", after: "3" }, resources: { added: [], removed: [], changed: [] }, env: { added: ["router.LOG"], removed: [], changed: [] }, ports: { added: [], removed: [] }, otherPaths: ["spec.strategy"] },
          { object: "ConfigMap/x", images: { added: [], removed: [], changed: [] }, replicas: null, resources: { added: [], removed: [], changed: [] }, env: { added: [], removed: [], changed: [] }, ports: { added: [], removed: [] }, otherPaths: [] },
        ],
      }).lines.map(read),
    ).toEqual(["objects -Service/old", "Deployment/prod/router: image router r:1 > r:2; replicas 2 > 3; env +router.LOG; other spec.strategy", "ConfigMap/x: changed"]);
    expect(describeDetails({ kind: "terraform", added: ["module.vpc"], removed: [], changed: [{ address: "aws_db_instance.main", attributes: ["password", "engine"] }] }).lines.map(read)).toEqual([
      "blocks +module.vpc",
      "aws_db_instance.main: changed password, engine",
    ]);
  });

  it("says so when a file differs but nothing in its terms does", () => {
    for (const details of [
      { kind: "keys", format: "dotenv", added: [], removed: [], changed: [] },
      { kind: "compose", services: { added: [], removed: [] }, changed: [], networks: { added: [], removed: [] }, volumes: { added: [], removed: [] }, other: [] },
      { kind: "terraform", added: [], removed: [], changed: [] },
    ] satisfies DriftDetails[]) {
      expect(describeDetails(details)).toEqual({ lines: [], note: "only comments or formatting differ" });
    }
    expect(describeDetails({ kind: "lines", added: 0, removed: 0 }).note).toBe("only formatting differs (such as a final newline)");
    expect(describeDetails({ kind: "lines", added: 3, removed: 1, unparsed: true }).note).toBe("does not parse as its file type; 3 lines added, 1 removed");
    expect(describeDetails({ kind: "binary" }).note).toBe("binary content differs");
  });

  it("keeps long rows short: values capped with a count, long text cut", () => {
    const keys = Array.from({ length: 30 }, (_, i) => `KEY_${i}`);
    const [line] = describeDetails({ kind: "keys", format: "yaml", added: keys, removed: [], changed: [{ key: "image", before: "x".repeat(500), after: "y", redacted: false }] }).lines;
    expect(line!.facts[0]!.values).toHaveLength(12);
    expect(line!.facts[0]!.more).toBe(19);
    const long = describeDetails({ kind: "keys", format: "yaml", added: [], removed: [], changed: [{ key: "image", before: "x".repeat(500), after: "y", redacted: false }] }).lines[0]!.facts[0]!.values[0]!;
    expect(long).toMatchObject({ before: { text: `${"x".repeat(119)}…` } });
  });
});

describe("driftView", () => {
  it("groups files to review by type, sets kept and excluded ones apart, and lists each verify command once", () => {
    const view = driftView(
      report([
        entry({ path: "Dockerfile", category: "docker", verify: ["docker build -f Dockerfile ."] }),
        entry({ path: "values.yaml", category: "helm", verify: ["helm lint charts/r"] }),
        entry({ path: "deployment.yaml", category: "helm", state: "source-only", verify: ["helm lint charts/r"] }),
        entry({ path: ".github/workflows/ci.yml", category: "ci" }),
        entry({ path: "prod.toml", category: "config", kept: true, verify: ["never printed"] }),
        entry({ path: "exp/compose.yml", category: "compose", state: "target-only", excluded: true }),
      ]),
    )!;
    expect(view.counts).toBe("6 files differ, 1 intended (keep), 1 excluded; 4 identical");
    expect(view.reviewCount).toBe(4);
    expect(view.groups.map((group) => [group.title, group.rows.map((row) => row.path)])).toEqual([
      ["Docker", ["Dockerfile"]],
      ["Kubernetes and Helm", ["values.yaml", "deployment.yaml"]],
      ["Other", [".github/workflows/ci.yml"]],
    ]);
    expect(view.groups[1]!.rows[1]!.stateLabel).toBe("only on main");
    expect(view.setAside.map((row) => [row.path, row.setAsideBy, row.stateLabel])).toEqual([
      ["prod.toml", "intended (keep)", "differs"],
      ["exp/compose.yml", "excluded", "only on release/2.8"],
    ]);
    expect(view.verify).toEqual(["docker build -f Dockerfile .", "helm lint charts/r"]);
  });

  it("counts one file in the singular, says nothing differs when nothing does, and is absent for a report without drift", () => {
    expect(driftView(report([entry({})]))!.counts).toBe("1 file differs, 0 intended (keep), 0 excluded; 4 identical");
    expect(driftView(report([], 9))).toMatchObject({ counts: "0 files differ, 0 intended (keep), 0 excluded; 9 identical", reviewCount: 0, groups: [], setAside: [] });
    expect(driftView(report(undefined))).toBeNull();
  });
});
