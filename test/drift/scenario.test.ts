import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileDriftEntry } from "../../src/drift/types.js";
import type { SyncReport } from "../../src/model.js";
import { FORMATS, renderReport } from "../../src/render/index.js";
import { syncReport } from "../../src/sync.js";
import { parseMessage } from "../helpers/mime.js";
import { TestRepo } from "../helpers/repo.js";
import { expectValid } from "../helpers/schema.js";

/** Every value that must never appear in a report, in any field. */
const SECRETS = [
  "stable-pg-secret", "main-pg-secret", "sk_live_stable_41", "sk_live_main_42", "toml-db-stable", "toml-db-main", "kept-stable-only-token", "tf-db-pass",
  // compose environment: a secret-looking key, and credentials inside a URL
  "compose-pw-stable", "compose-pw-main", "redis-pw-stable", "redis-pw-main",
  // .env values are never shown, whatever the key; one of them is on stable only
  "env-plain-stable", "env-plain-main", "stable-only-env-value",
];

const compose = (image: string, extra = "", side = image === "v1" ? "stable" : "main") => `services:
  router:
    image: juspay/router:${image}
    env_file: [.env]
    environment:
      DB_PASSWORD: compose-pw-${side}
      REDIS_URL: redis://default:redis-pw-${side}@redis:6379
    volumes:
      - ./config/production.toml:/etc/router.toml
  redis:
    image: redis:7.4
${extra}`;

const toml = (password: string, pool: number) => `[master_database]\nusername = "router"\npassword = "${password}"\npool_size = ${pool}\n`;

describe("file drift at the branch tips", () => {
  let repo: TestRepo;
  let report: SyncReport;
  let byPath: Map<string, FileDriftEntry>;

  beforeAll(async () => {
    repo = TestRepo.create();
    repo.commit("chore: initial layout", {
      "Dockerfile": "FROM rust:1.78 AS builder\nRUN cargo build\nFROM debian:bookworm-slim\nEXPOSE 8080\nCMD [\"router\"]\n",
      "docker-compose.yml": compose("v1"),
      ".env": "DATABASE_URL=postgres://router:stable-pg-secret@db/router\nSTRIPE_KEY=sk_live_stable_41\nPLAIN_SETTING=env-plain-stable\nOLD_SETTING=stable-only-env-value\n",
      "config/production.toml": toml("toml-db-stable", 5),
      "infra/main.tf": 'variable "region" {\n  default = "eu-west-1"\n}\n\nresource "aws_db_instance" "main" {\n  engine = "postgres"\n}\n',
      "deploy/experimental/compose.yml": "services:\n  canary:\n    image: router:canary\n",
      "charts/router/Chart.yaml": "apiVersion: v2\nname: router\nversion: 0.1.0\n",
      "charts/router/values.yaml": "image:\n  tag: v1\nreplicaCount: 2\n",
      "README.md": "# router\n",
    });
    repo.checkout("stable", true);
    repo.commit("chore(release): stable-only production settings", {
      "deploy/production/.env.production": "VAULT_TOKEN=kept-stable-only-token\n",
    });
    repo.checkout("main");
    repo.commit("feat(docker): scan images, new compose services, config changes", {
      "Dockerfile": "FROM rust:1.80 AS builder\nRUN cargo build\nFROM debian:bookworm-slim\nEXPOSE 8080\nUSER 1000\nCMD [\"router\"]\n",
      "docker-compose.yml": compose("v2", "  worker:\n    image: juspay/router:v2\n    command: worker\n"),
      ".env": "DATABASE_URL=postgres://router:main-pg-secret@db/router\nSTRIPE_KEY=sk_live_main_42\nPAYMENT_TIMEOUT=30\nPLAIN_SETTING=env-plain-main\n",
      "config/production.toml": toml("toml-db-main", 10),
      "infra/main.tf": 'variable "region" {\n  default = "eu-west-1" # unchanged\n}\n\nresource "aws_db_instance" "main" {\n  engine   = "postgres"\n  password = "tf-db-pass"\n}\n\nmodule "vpc" {\n  source = "./vpc"\n}\n',
      "deploy/experimental/compose.yml": "services:\n  canary:\n    image: router:canary-2\n",
      "charts/router/values.yaml": "image:\n  tag: v2\nreplicaCount: 2\n",
      "ops/$(touch pwned)/Dockerfile": "FROM alpine:3.20\n",
      "README.md": "# router\n\nNow with docs.\n",
    });
    report = await syncReport({
      repo: repo.dir,
      config: { exclude: { paths: ["deploy/experimental/**"] }, keep: { paths: ["deploy/production/**"] } },
      now: new Date("2025-03-01T00:00:00Z"),
    });
    byPath = new Map((report.fileDrift ?? []).map((entry) => [entry.path, entry]));
  });

  afterAll(() => repo.remove());

  it("lists every differing classified file with its state, and counts identical ones", () => {
    expect([...byPath.keys()]).toEqual([
      ".env",
      "Dockerfile",
      "charts/router/values.yaml",
      "config/production.toml",
      "deploy/experimental/compose.yml",
      "deploy/production/.env.production",
      "docker-compose.yml",
      "infra/main.tf",
      "ops/$(touch pwned)/Dockerfile",
    ]);
    expect(byPath.get("ops/$(touch pwned)/Dockerfile")!.state).toBe("source-only");
    expect(byPath.get("deploy/production/.env.production")!.state).toBe("target-only");
    expect(byPath.get("Dockerfile")!.state).toBe("differs");
    expect(report.summary.fileDrift).toEqual({ files: 10, identical: 1, differs: 7, sourceOnly: 1, targetOnly: 1, kept: 1, excluded: 1 });
    expectValid("sync-report.schema.json", report);
  });

  it("marks kept and excluded files from the config's rules", () => {
    expect(byPath.get("deploy/production/.env.production")).toMatchObject({ kept: true, excluded: false, category: "env" });
    expect(byPath.get("deploy/experimental/compose.yml")).toMatchObject({ kept: false, excluded: true, verify: [] });
    expect([...byPath.values()].filter((entry) => entry.kept || entry.excluded)).toHaveLength(2);
  });

  it("describes each file in its own terms", () => {
    expect(byPath.get("docker-compose.yml")!.details).toMatchObject({
      kind: "compose",
      services: { added: ["worker"], removed: [] },
      changed: [{ service: "router", fields: { image: { before: "juspay/router:v1", after: "juspay/router:v2" } } }],
    });
    expect(byPath.get(".env")!.details).toMatchObject({ kind: "keys", format: "dotenv", added: ["PAYMENT_TIMEOUT"] });
    // Mounted by compose, so classified as config and read as TOML.
    expect(byPath.get("config/production.toml")).toMatchObject({ category: "config", details: { kind: "keys", format: "toml" } });
    expect(byPath.get("infra/main.tf")!.details).toEqual({ kind: "terraform", added: ["module.vpc"], removed: [], changed: [{ address: "aws_db_instance.main", attributes: ["password"] }] });
    expect(byPath.get("charts/router/values.yaml")!.details).toMatchObject({ kind: "keys", changed: [{ key: "image.tag", before: "v1", after: "v2" }] });
    expect(byPath.get("Dockerfile")!.details).toMatchObject({ kind: "dockerfile", user: { before: null, after: "1000" } });
  });

  it("never prints a secret value anywhere in the JSON report", () => {
    const json = JSON.stringify(report);
    for (const secret of SECRETS) expect(json).not.toContain(secret);
    const pool = (byPath.get("config/production.toml")!.details as { changed: { key: string; redacted: boolean; after: string }[] }).changed;
    expect(pool).toEqual([
      expect.objectContaining({ key: "master_database.password", redacted: true }),
      { key: "master_database.pool_size", before: "5", after: "10", redacted: false },
    ]);
  });

  it("never prints a secret value in any output format, and names the keys that changed", async () => {
    for (const format of FORMATS) {
      const output = await renderReport(format, report);
      // The email's parts are quoted-printable: decode them too, a soft line break could split a value.
      const texts = format === "email" ? [output, ...parseMessage(output).parts.map((part) => part.body)] : [output];
      for (const text of texts) for (const secret of SECRETS) expect(text, `${secret} in ${format}`).not.toContain(secret);
    }
    const md = await renderReport("md", report);
    expect(md).toContain("| `.env` | keys +`PAYMENT_TIMEOUT`, −`OLD_SETTING`, `DATABASE_URL` changed (`hmac:");
    expect(md).toMatch(/environment `DB_PASSWORD` changed \(`hmac:[0-9a-f]{12}` → `hmac:[0-9a-f]{12}`\), `REDIS_URL` changed/);
  });

  it("prints quoted verify commands for the target", () => {
    expect(byPath.get("Dockerfile")!.verify).toEqual(["docker build -f Dockerfile ."]);
    expect(byPath.get("docker-compose.yml")!.verify).toEqual(["docker compose -f docker-compose.yml config -q"]);
    expect(byPath.get("charts/router/values.yaml")!.verify).toEqual(["helm lint charts/router", "helm template charts/router > /dev/null"]);
    expect(byPath.get("infra/main.tf")!.verify).toEqual(["terraform -chdir=infra init -backend=false", "terraform -chdir=infra validate"]);
    expect(byPath.get("ops/$(touch pwned)/Dockerfile")!.verify).toEqual(["docker build -f 'ops/$(touch pwned)/Dockerfile' ."]);
    expect(byPath.get(".env")!.verify).toEqual([]);
  });
});
