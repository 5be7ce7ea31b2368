import { describe, expect, test } from "vitest";
import { composeMounts, createClassifier } from "../../src/classify/index.js";

const compose = `services:
  api:
    image: api
    volumes:
      - ..:/app
      - ../src:/app/src
      - ../config:/app/config:ro
      - ./nginx.conf:/etc/nginx/nginx.conf
      - /var/run/docker.sock:/var/run/docker.sock
      - data:/data
    env_file: ../.env.production
volumes:
  data: {}
`;

describe("config files mounted by compose", () => {
  test("the repository root and source folders mounted for live reload are not configuration", () => {
    const mounted = composeMounts("docker/compose.yml", compose);
    expect(mounted.sort()).toEqual(["config", "docker/nginx.conf", "src", ".env.production"].sort());
    const classify = createClassifier({ mounted });
    expect(classify("config/payments.toml")).toBe("config");
    expect(classify("docker/nginx.conf")).toBe("config");
    expect(classify("src/server.ts")).toBeNull();
    expect(classify("src/settings.yaml")).toBe("config");
    expect(classify("README.md")).toBeNull();
    expect(classify("Cargo.toml")).toBeNull();
  });
});
