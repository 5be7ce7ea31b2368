/** File contents of the demo payment gateway, as they stand when stable is cut from main. */

export const DOCKERFILE = `FROM rust:1.80 AS builder
WORKDIR /router
COPY . .
RUN cargo build --release --bin router

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y ca-certificates libpq-dev && rm -rf /var/lib/apt/lists/*
COPY --from=builder /router/target/release/router /usr/local/bin/router
ENV RUST_LOG=info
EXPOSE 8080
USER 1000
CMD ["router"]
`;

export const SCHEDULER_DOCKERFILE = `FROM rust:1.80 AS builder
WORKDIR /app
COPY . .
RUN cargo build --release --bin scheduler

FROM debian:bookworm-slim
COPY --from=builder /app/target/release/scheduler /usr/local/bin/scheduler
CMD ["scheduler"]
`;

export const COMPOSE = `services:
  router:
    build:
      context: .
      dockerfile: Dockerfile
    ports:
      - "8080:8080"
    env_file: .env
    volumes:
      - ./config/docker_compose.toml:/app/config/docker_compose.toml
    depends_on:
      - pg
      - redis

  scheduler:
    build:
      context: .
      dockerfile: docker/scheduler.Dockerfile
    env_file: .env
    depends_on:
      - redis

  pg:
    image: postgres:16
    environment:
      POSTGRES_USER: db_user
      POSTGRES_DB: payments

  redis:
    image: redis:7
`;

export const COMPOSE_CONFIG = `[server]
port = 8080
host = "0.0.0.0"

[master_database]
host = "pg"
port = 5432
pool_size = 5

[redis]
host = "redis"
port = 6379
`;

export const ENV_EXAMPLE = `# Copy to .env
ROUTER__SERVER__PORT=8080
DATABASE_URL=postgres://db_user:db_pass@pg:5432/payments
REDIS_URL=redis://redis:6379
LOG_LEVEL=info
`;

export const PRODUCTION_CONFIG = `[master_database]
pool_size = 20
`;

export const CHART = `apiVersion: v2
name: router
version: 0.4.0
appVersion: "2025.01.06"
`;

export const VALUES = `replicaCount: 2
image:
  repository: ghcr.io/example/router
  tag: "2025.01.06"
resources:
  limits:
    cpu: "1"
    memory: 512Mi
`;

export const DEPLOYMENT_TEMPLATE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-router
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      containers:
        - name: router
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
`;

export const TERRAFORM = `resource "aws_db_instance" "payments" {
  engine         = "postgres"
  engine_version = "16.3"
  instance_class = "db.t3.medium"
}

resource "aws_elasticache_cluster" "redis" {
  engine    = "redis"
  node_type = "cache.t3.micro"
}
`;

export const CI_WORKFLOW = `name: CI
on: [push, pull_request]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: cargo test --workspace
      - run: docker build -t router .
`;

export const DEMO_CONFIG = `# driftlog config of the demo repository
source: main
target: stable
categories:
  config: { paths: ["config/deployments/**"] }
exclude:
  paths: ["deploy/experimental/**"]
  scopes: ["experimental"]
  messagePatterns: ["\\\\[no-sync\\\\]"]
keep:
  paths: ["config/deployments/production.toml"]
`;

export const MAIN_RS = `fn main() {
    println!("router");
}
`;

export const HELM_UTIL_GO = `package helm

// Values renders chart values for the operator; Go code, not a chart.
func Values() map[string]string { return map[string]string{} }
`;
