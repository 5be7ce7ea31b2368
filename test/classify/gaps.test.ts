import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileDriftEntry } from "../../src/drift/types.js";
import type { SyncReport } from "../../src/model.js";
import { renderReport } from "../../src/render/index.js";
import { syncReport } from "../../src/sync.js";
import { TestRepo } from "../helpers/repo.js";
import { expectValid } from "../helpers/schema.js";

const workflow = (checkout: string, extraJob = "", extraStep = "") => `name: ci
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@${checkout}
      - name: Build image
        run: docker build -t app .
${extraStep}  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@${checkout}
      - run: make lint
${extraJob}`;

describe("classification gaps seen in real repositories", () => {
  let repo: TestRepo;
  let report: SyncReport;
  let drift: Map<string, FileDriftEntry>;

  beforeAll(async () => {
    repo = TestRepo.create();
    repo.commit("chore: initial layout", {
      "Dockerfile": "FROM alpine:3.19\nCOPY docker-entrypoint.sh /\nENTRYPOINT [\"/docker-entrypoint.sh\"]\n",
      "docker-entrypoint.sh": "#!/bin/sh\nset -e\nexec \"$@\"\n",
      "deploy/docker-compose.yml.jinja": "services:\n  app:\n    image: app:{{ version }}\n",
      "deploy/app.env.jinja": "PORT={{ port }}\n",
      "deploy/helm/values-production.yaml": "replicaCount: 2\n",
      "ops/helmfile.yaml": "releases:\n  - name: app\n    chart: oci://registry.example.com/charts/app\n    values:\n      - ../environments/prod.yaml\n      - replicaCount: 1\n",
      "environments/prod.yaml": "image:\n  tag: v1\n",
      "util/helm/values.go": "package helm\n",
      ".github/workflows/ci.yml": workflow("v3"),
    });
    repo.checkout("stable", true);
    repo.checkout("main");
    repo.commit("feat(deploy): templates, values and CI", {
      "docker-entrypoint.sh": "#!/bin/sh\nset -e\necho starting\nexec \"$@\"\n",
      "deploy/docker-compose.yml.jinja": "services:\n  app:\n    image: app:{{ version }}\n  worker:\n    image: app:{{ version }}\n",
      "deploy/app.env.jinja": "PORT={{ port }}\nWORKERS={{ workers }}\n",
      "deploy/helm/values-production.yaml": "replicaCount: 3\n",
      "environments/prod.yaml": "image:\n  tag: v2\n",
      "util/helm/values.go": "package helm\n\nconst x = 1\n",
      ".github/workflows/ci.yml": workflow("v4", "  scan:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aquasecurity/trivy-action@0.28.0\n", "      - name: Push image\n        run: docker push app\n"),
    });
    report = await syncReport({ repo: repo.dir, config: {}, now: new Date("2025-03-01T00:00:00Z"), cache: false });
    drift = new Map((report.fileDrift ?? []).map((entry) => [entry.path, entry]));
  });

  afterAll(() => repo.remove());

  it("classifies templates as the file they render, and values files without a chart as helm", () => {
    const categories = Object.fromEntries(report.changes[0]!.files.map((file) => [file.path, file.category]));
    expect(categories).toEqual({
      ".github/workflows/ci.yml": "ci",
      "deploy/app.env.jinja": "env",
      "deploy/docker-compose.yml.jinja": "compose",
      "deploy/helm/values-production.yaml": "helm",
      "docker-entrypoint.sh": "docker",
      "environments/prod.yaml": "helm",
    });
    expectValid("sync-report.schema.json", report);
  });

  it("counts lines of templates and shell scripts, never parsing them as their rendered type or as a Dockerfile", () => {
    for (const path of ["docker-entrypoint.sh", "deploy/app.env.jinja"]) expect(drift.get(path)!.details, path).toEqual({ kind: "lines", added: 1, removed: 0 });
    expect(drift.get("deploy/docker-compose.yml.jinja")!.details).toEqual({ kind: "lines", added: 2, removed: 0 });
    expect(drift.get("deploy/docker-compose.yml.jinja")!.details).not.toHaveProperty("unparsed");
    // Nothing to run on them as they are: a script is not built, a template is checked once rendered, values need their chart.
    for (const path of ["docker-entrypoint.sh", "deploy/docker-compose.yml.jinja", "deploy/app.env.jinja", "deploy/helm/values-production.yaml"]) expect(drift.get(path)!.verify, path).toEqual([]);
  });

  it("names jobs, steps and action versions of workflow drift", async () => {
    expect(drift.get(".github/workflows/ci.yml")!.details).toEqual({
      kind: "workflow",
      jobs: { added: ["scan"], removed: [] },
      changed: [
        { job: "build", steps: { added: ["Push image"], removed: [] }, changedSteps: ["actions/checkout"], other: [] },
        { job: "lint", steps: { added: [], removed: [] }, changedSteps: ["actions/checkout"], other: [] },
      ],
      actions: { added: ["aquasecurity/trivy-action"], removed: [], changed: [{ key: "actions/checkout", before: "v3", after: "v4", redacted: false }] },
      other: [],
    });
    const md = await renderReport("md", report);
    expect(md).toContain("actions/checkout");
    expect(md).toContain("scan");
    expect(md).toContain("Push image");
  });
});
