import * as f from "./files.js";
import { ScriptedRepo } from "./script.js";

const ops = { name: "Ops Two", email: "ops2@example.com" };

/**
 * Builds a repository shaped like an open-source payment gateway whose main
 * and stable branches exercise every sync status: picks with and without `-x`,
 * a backport PR, a hand-made sync, a superseded bump, excluded experimental
 * work, a revert pair, a partial sync, a clean and a conflicting missing change,
 * and production-only settings kept on stable. Deterministic: same SHAs on every run.
 */
export function buildDemoRepo(dir: string): ScriptedRepo {
  const repo = new ScriptedRepo(dir).init();
  repo.commit("chore: initial payment router", {
    "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\n',
    "crates/router/src/main.rs": f.MAIN_RS,
    Dockerfile: f.DOCKERFILE,
    "docker/scheduler.Dockerfile": f.SCHEDULER_DOCKERFILE,
    "docker-compose.yml": f.COMPOSE,
    "config/docker_compose.toml": f.COMPOSE_CONFIG,
    "config/deployments/production.toml": f.PRODUCTION_CONFIG,
    ".env.example": f.ENV_EXAMPLE,
    "charts/router/Chart.yaml": f.CHART,
    "charts/router/values.yaml": f.VALUES,
    "charts/router/templates/deployment.yaml": f.DEPLOYMENT_TEMPLATE,
    "infra/main.tf": f.TERRAFORM,
    ".github/workflows/ci.yml": f.CI_WORKFLOW,
    "util/helm/values.go": f.HELM_UTIL_GO,
    "driftlog.config.yaml": f.DEMO_CONFIG,
  });
  repo.git("branch", "stable");

  // Main moves on.
  const multiStage = repo.commit("build(docker): cache dependencies with cargo-chef (#101)", {
    Dockerfile: f.DOCKERFILE.replace("WORKDIR /router\nCOPY . .\n", "WORKDIR /router\nRUN cargo install cargo-chef\nCOPY . .\n"),
  });
  const scan = repo.commit("ci: scan the router image with trivy (#102)", {
    ".github/workflows/ci.yml": `${f.CI_WORKFLOW}      - run: trivy image --exit-code 1 router\n`,
  });
  const redisHealth = "  redis:\n    image: redis:7\n    healthcheck:\n      test: [\"CMD\", \"redis-cli\", \"ping\"]\n";
  repo.commit("feat(compose): add a redis healthcheck (#103)", {
    "docker-compose.yml": f.COMPOSE.replace("  redis:\n    image: redis:7\n", redisHealth),
  });
  const envKey = `${f.ENV_EXAMPLE}PAYMENT_TIMEOUT_SECS=30\n`;
  repo.commit("chore(env): add PAYMENT_TIMEOUT_SECS to the example env (#104)", { ".env.example": envKey });
  repo.commit("build(docker): bump rust to 1.81 (#105)", { Dockerfile: currentDockerfile(repo).replace("rust:1.80", "rust:1.81") });
  const rust182 = repo.commit("build(docker): bump rust to 1.82 (#106)", { Dockerfile: currentDockerfile(repo).replace("rust:1.81", "rust:1.82") });
  repo.commit("feat(experimental): add an OpenTelemetry collector (#107)", {
    "deploy/experimental/otel-collector.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: otel-collector\n",
  });
  repo.commit("refactor: simplify chart value rendering", { "util/helm/values.go": `${f.HELM_UTIL_GO}\n// Keys lists the value keys.\nfunc Keys() []string { return nil }\n` });
  repo.commit("feat(helm): add a horizontal pod autoscaler to the router chart (#108)", {
    "charts/router/templates/hpa.yaml":
      "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: {{ .Release.Name }}-router\nspec:\n  minReplicas: {{ .Values.replicaCount }}\n  maxReplicas: 10\n",
    "charts/router/values.yaml": `${f.VALUES}autoscaling:\n  enabled: true\n`,
  });
  const replica = repo.commit("feat(terraform): add a read replica for reporting (#110)", {
    "infra/main.tf": `${f.TERRAFORM}\nresource "aws_db_instance" "replica" {\n  replicate_source_db = aws_db_instance.payments.identifier\n  instance_class      = "db.t3.medium"\n}\n`,
  });
  repo.revert(replica);
  repo.commit("build(docker): run the scheduler on distroless (#111)", {
    "docker/scheduler.Dockerfile": f.SCHEDULER_DOCKERFILE.replace("FROM debian:bookworm-slim", "FROM gcr.io/distroless/cc-debian12"),
    ".github/workflows/ci.yml": `${repo.git("show", "HEAD:.github/workflows/ci.yml")}\n      - run: docker build -f docker/scheduler.Dockerfile .\n`,
  });
  repo.commit("feat(compose): run two scheduler replicas (#112)", {
    "docker-compose.yml": currentCompose(repo).replace("      dockerfile: docker/scheduler.Dockerfile\n", "      dockerfile: docker/scheduler.Dockerfile\n    deploy:\n      replicas: 2\n"),
  });
  repo.commit("fix(compose): pin postgres and mount its init scripts (#109)", {
    "docker-compose.yml": currentCompose(repo).replace("    image: postgres:16\n", "    image: postgres:16.4\n    volumes:\n      - ./docker/pg-init:/docker-entrypoint-initdb.d\n"),
    "docker/pg-init/01-schema.sql": "CREATE SCHEMA IF NOT EXISTS payments;\n",
  });
  repo.commit("chore(ci): try a nightly toolchain [no-sync]", {
    ".github/workflows/nightly.yml": "name: nightly\non: { schedule: [{ cron: '0 3 * * *' }] }\njobs: {}\n",
  });

  // Stable receives some of it, in the shapes real release branches show.
  repo.checkout("stable");
  repo.cherryPick(multiStage);
  repo.cherryPick(scan, { x: false });
  repo.commit(
    "[Backport stable] feat(compose): add a redis healthcheck (#113)\n\nBackport of #103.",
    { "docker-compose.yml": f.COMPOSE.replace("  redis:\n    image: redis:7\n", redisHealth) },
    { author: ops },
  );
  repo.commit("chore(release): prepare 2025.01.20.0", { "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\n# release 2025.01.20.0\n' });
  repo.commit("chore(env): keep env example in line with main", {
    ".env.example": `# Copy to .env (stable)\n${f.ENV_EXAMPLE.split("\n").slice(1).join("\n")}PAYMENT_TIMEOUT_SECS=30\n`,
  }, { author: ops });
  repo.cherryPick(rust182, { resolve: { Dockerfile: `${repo.git("show", "HEAD:Dockerfile")}\n`.replace("rust:1.80", "rust:1.82") } });
  repo.commit("fix(docker): scheduler base image from main", {
    "docker/scheduler.Dockerfile": f.SCHEDULER_DOCKERFILE.replace("FROM debian:bookworm-slim", "FROM gcr.io/distroless/cc-debian12"),
  }, { author: ops });
  repo.commit("fix(compose): pin postgres to 16.3 on stable", {
    "docker-compose.yml": repo.git("show", "HEAD:docker-compose.yml").replace("    image: postgres:16\n", "    image: postgres:16.3\n"),
  }, { author: ops });
  repo.commit("chore(config): production database pool for the 2025.01 line", {
    "config/deployments/production.toml": "[master_database]\npool_size = 40\n",
  }, { author: ops });
  repo.checkout("main");
  return repo;
}

const currentDockerfile = (repo: ScriptedRepo) => repo.git("show", "HEAD:Dockerfile") + "\n";
const currentCompose = (repo: ScriptedRepo) => repo.git("show", "HEAD:docker-compose.yml") + "\n";
