import { describe, expect, it } from "vitest";
import { diffCompose } from "../../src/drift/compose.js";
import type { ComposeDetails } from "../../src/drift/types.js";

const stable = `services:
  router:
    image: juspay/router:stable
    command: ["/bin/router", "--config", "/etc/router.toml"]
    ports: ["8080:8080"]
    environment:
      RUN_ENV: production
      DB_PASSWORD: stable-db-pass
    volumes:
      - ./config/production.toml:/etc/router.toml
    depends_on: [pg, redis]
  worker:
    image: juspay/router:stable
    command: worker --threads 4
    environment:
      - PAYMENT_RETRIES=3
  redis:
    image: redis:7.4
    restart: always
  pg:
    image: postgres:16
volumes:
  pgdata: {}
`;

const main = `services:
  router:
    image: juspay/router:latest
    command: ["/bin/router", "--config", "/etc/router.toml"]
    ports: ["8080:8080", "9090:9090"]
    env_file: [.env]
    environment:
      RUN_ENV: production
      DB_PASSWORD: main-db-pass
    volumes:
      - ./config/docker_compose.toml:/etc/router.toml
    depends_on:
      pg: { condition: service_healthy }
      redis: { condition: service_started }
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]
      interval: 10s
  worker:
    image: juspay/router:latest
    command: worker --threads 8 --redis-url redis://default:r3dis-secret@redis:6379
    environment:
      - PAYMENT_RETRIES=3
      - PAYMENT_TIMEOUT=30
  redis:
    image: redis:7
    restart: always
  pg:
    image: postgres:16
  otel:
    image: otel/opentelemetry-collector:0.98.0
networks:
  router_net: {}
volumes:
  pgdata: {}
  redisdata: {}
`;

describe("diffCompose", () => {
  const details = diffCompose(stable, main) as ComposeDetails;
  const service = (name: string) => details.changed.find((drift) => drift.service === name);

  it("reports services, networks and volumes added or removed", () => {
    expect(details.kind).toBe("compose");
    expect(details.services).toEqual({ added: ["otel"], removed: [] });
    expect(details.networks).toEqual({ added: ["router_net"], removed: [] });
    expect(details.volumes).toEqual({ added: ["redisdata"], removed: [] });
    expect(details.changed.map((drift) => drift.service)).toEqual(["router", "worker", "redis"]);
  });

  it("describes each changed service field by field", () => {
    expect(service("redis")!.fields).toEqual({ image: { before: "redis:7.4", after: "redis:7" } });
    const router = service("router")!;
    expect(router.fields.image).toEqual({ before: "juspay/router:stable", after: "juspay/router:latest" });
    expect(router.fields.command).toBeUndefined();
    expect(router.fields.healthcheck?.before).toBeNull();
    expect(router.lists.ports).toEqual({ added: ["9090:9090"], removed: [] });
    expect(router.lists.env_file).toEqual({ added: [".env"], removed: [] });
    expect(router.lists.volumes).toEqual({ added: ["./config/docker_compose.toml:/etc/router.toml"], removed: ["./config/production.toml:/etc/router.toml"] });
    expect(router.lists.depends_on).toBeUndefined();
    expect(service("worker")!.environment).toEqual({ added: ["PAYMENT_TIMEOUT"], removed: [], changed: [] });
  });

  it("never prints secret values, in environment or inside commands", () => {
    const json = JSON.stringify(details);
    for (const secret of ["stable-db-pass", "main-db-pass", "r3dis-secret"]) expect(json).not.toContain(secret);
    expect(service("router")!.environment!.changed).toEqual([expect.objectContaining({ key: "DB_PASSWORD", redacted: true })]);
    expect(service("worker")!.fields.command!.after).toMatch(/^worker --threads 8 --redis-url redis:\/\/default:hmac:[0-9a-f]{12}@redis:6379$/);
  });

  it("names other service and top-level keys that differ, and reports none when only formatting does", () => {
    const base = "services:\n  app:\n    image: app:1\n    user: '1000'\nnetworks:\n  front: {}\n";
    const changed = diffCompose(base, "services:\n  app:\n    image: app:1\n    user: '0'\n    cap_add: [NET_ADMIN]\nnetworks:\n  front:\n    internal: true\nsecrets:\n  db: {file: ./db.txt}\n") as ComposeDetails;
    expect(changed.changed).toEqual([{ service: "app", fields: {}, lists: {}, environment: null, other: ["cap_add", "user"] }]);
    expect(changed.other).toEqual(["secrets", "networks.front"]);
    const reformatted = diffCompose(base, "# the app\nservices: {app: {user: '1000', image: 'app:1'}}\nnetworks: {front: {}}\n") as ComposeDetails;
    expect(reformatted).toMatchObject({ changed: [], other: [], services: { added: [], removed: [] } });
  });

  it("falls back to a line count when a side is not YAML", () => {
    expect(diffCompose("services: [\n", main)).toMatchObject({ kind: "lines", unparsed: true });
  });
});
