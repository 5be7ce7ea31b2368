import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { run, type CliIO } from "../../src/cli/run.js";
import { parseConfig } from "../../src/config/load.js";
import { CONFIG_SCHEMA_PATH } from "../../src/init/schema.js";
import { TestRepo } from "../helpers/repo.js";

const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((repo) => repo.remove()));

function cli(cwd: string) {
  const out = { stdout: "", stderr: "" };
  const io: CliIO = { stdout: (text) => (out.stdout += text), stderr: (text) => (out.stderr += text), cwd };
  return { out, run: (...argv: string[]) => run(argv, io) };
}

/** A payment-switch-like repository: Docker, compose with a mounted config, CI, a chart, a manifest, code. */
function paymentRepo(): TestRepo {
  const repo = TestRepo.create();
  repos.push(repo);
  repo.commit("feat: initial", {
    "Dockerfile": "FROM rust:1.80\n",
    "docker/router.Dockerfile": "FROM debian\n",
    ".dockerignore": "target\n",
    "docker-compose.yml": "services:\n  router:\n    image: router\n    volumes:\n      - ./config/docker_compose.toml:/local/config.toml\n",
    "config/docker_compose.toml": "[server]\nport = 8080\n",
    ".github/workflows/ci.yml": "on: push\n",
    "charts/router/Chart.yaml": "apiVersion: v2\nname: router\n",
    "charts/router/templates/deployment.yaml": "kind: Deployment\n",
    "manifests/router.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: router\n",
    "crates/router/src/main.rs": "fn main() {}\n",
    "README.md": "# switch\n",
  });
  repo.git("branch", "release/2.9");
  repo.git("branch", "release/2.10");
  // Only a remote has this one; it is older by version than the local 2.10.
  repo.git("update-ref", "refs/remotes/origin/release/2.8", "HEAD");
  return repo;
}

describe("driftlog init", () => {
  test("writes a commented config with the categories present and guessed branches, which parseConfig accepts", async () => {
    const repo = paymentRepo();
    const before = repo.git("status", "--porcelain");
    const { out, run: driftlog } = cli(repo.dir);
    expect(await driftlog("init")).toBe(0);

    const text = readFileSync(join(repo.dir, "driftlog.config.yaml"), "utf8");
    expect(text.split("\n")[0]).toBe(`# yaml-language-server: $schema=${CONFIG_SCHEMA_PATH}`);
    const config = parseConfig(text, "driftlog.config.yaml");
    expect(config.source).toBe("main");
    expect(config.target).toBe("release/2.10");
    expect(text).toContain('# targets: ["release/2.10", "release/2.9", "origin/release/2.8"]');
    expect(Object.keys(config.categories ?? {}).sort()).toEqual(["ci", "compose", "config", "docker", "helm", "kubernetes"]);
    expect(config.categories!.docker!.paths).toEqual(["**/Dockerfile", "**/*.Dockerfile", "**/.dockerignore", "**/*.dockerignore"]);
    expect(config.categories!.config!.paths).toEqual(["config/docker_compose.toml"]);
    expect(config.categories!.kubernetes!.paths).toEqual(["manifests/router.yaml"]);
    expect(config.categories!.helm!.paths).toContain("charts/router/**/*.{yaml,yml,tpl,json,txt,lock}");
    expect(text).toContain("# 3 files, e.g. .dockerignore, Dockerfile, docker/router.Dockerfile");
    expect(text).not.toMatch(/terraform|env:/);
    expect(out.stderr).toContain("wrote");
    // The only change to the work tree is the new config file.
    expect(repo.git("status", "--porcelain")).toBe(`${before ? `${before}\n` : ""}?? driftlog.config.yaml`);
  });

  test("refuses to overwrite an existing config unless --force, and prefers stable and a remote-only main", async () => {
    const repo = TestRepo.create({ branch: "trunk" });
    repos.push(repo);
    repo.commit("chore: start", { "infra/main.tf": 'resource "null_resource" "x" {}\n' });
    repo.git("update-ref", "refs/remotes/origin/main", "HEAD");
    repo.git("branch", "stable");
    repo.git("branch", "release/1.0");
    writeFileSync(join(repo.dir, "driftlog.config.yaml"), "source: mine\n");
    const { out, run: driftlog } = cli(repo.dir);

    expect(await driftlog("init", "--repo", ".")).toBe(2);
    expect(out.stderr).toMatch(/driftlog\.config\.yaml already exists; pass --force/);
    expect(readFileSync(join(repo.dir, "driftlog.config.yaml"), "utf8")).toBe("source: mine\n");

    expect(await driftlog("init", "--force")).toBe(0);
    const config = parseConfig(readFileSync(join(repo.dir, "driftlog.config.yaml"), "utf8"), "driftlog.config.yaml");
    expect(config).toMatchObject({ source: "origin/main", target: "stable", categories: { terraform: { paths: ["**/*.tf"] } } });
  });

  test("an empty repository still gets a config that parses, with placeholders commented out", async () => {
    const repo = TestRepo.create();
    repos.push(repo);
    const { out, run: driftlog } = cli(repo.dir);
    expect(await driftlog("init", "--stdout"), out.stderr).toBe(0);
    expect(parseConfig(out.stdout, "stdout")).toEqual({});
    expect(out.stdout).toContain("# source: main");
  });

  test.each([
    ["NN.x", ["23.x", "24.x", "9.x"], "24.x"],
    ["NN.NN", ["24.04", "24.10", "23.10"], "24.10"],
    ["release-x.y", ["release-1.9", "release-1.10"], "release-1.10"],
    ["release/x.y.x", ["release/3.4.x", "release/3.5.x"], "release/3.5.x"],
    ["vX.Y", ["v2.8", "v2.10", "v2.9"], "v2.10"],
  ])("recognises %s release branches and picks the newest as target", async (_layout, branches, newest) => {
    const repo = TestRepo.create();
    repos.push(repo);
    repo.commit("chore: start", { "Dockerfile": "FROM alpine\n" });
    for (const branch of branches) repo.git("branch", branch);
    repo.git("branch", "feature-2.0-ui");
    const { out, run: driftlog } = cli(repo.dir);
    expect(await driftlog("init", "--stdout"), out.stderr).toBe(0);
    expect(parseConfig(out.stdout, "stdout").target).toBe(newest);
    expect(out.stdout).not.toContain("feature-2.0-ui");
  });

  test("names a handful of release branches, not every one, and leaves vendored code and fixtures out", async () => {
    const repo = TestRepo.create();
    repos.push(repo);
    repo.commit("chore: start", {
      "Dockerfile": "FROM alpine\n",
      "vendor/github.com/lib/Dockerfile": "FROM golang\n",
      "pkg/testdata/chart/Chart.yaml": "apiVersion: v2\nname: fixture\n",
      "pkg/testdata/chart/values.yaml": "a: 1\n",
      "internal/fixtures/.env": "A=1\n",
    });
    for (let minor = 0; minor < 29; minor++) repo.git("branch", `release/1.${minor}`);
    const { out, run: driftlog } = cli(repo.dir);
    expect(await driftlog("init", "--stdout"), out.stderr).toBe(0);
    const config = parseConfig(out.stdout, "stdout");
    expect(config.target).toBe("release/1.28");
    expect(out.stdout).toContain("# Other release branches seen (newest 4 of 29)");
    expect(out.stdout).toContain('# targets: ["release/1.28", "release/1.27", "release/1.26", "release/1.25"]');
    expect(out.stdout).not.toContain("release/1.24");
    expect(config.categories).toEqual({ docker: { paths: ["**/Dockerfile"] } });
    expect(out.stdout).not.toMatch(/vendor\/github|pkg\/testdata|internal\/fixtures/);
    expect(out.stdout).toContain("#   vendored: true");
  });

  test("outside a repository it is a repository error (exit 3)", async () => {
    const { out, run: driftlog } = cli("/");
    expect(await driftlog("init", "--repo", "/proc")).toBe(3);
    expect(out.stderr).toMatch(/not a git repository/);
  });
});
