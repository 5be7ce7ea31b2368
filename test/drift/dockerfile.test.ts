import { describe, expect, it } from "vitest";
import { diffDockerfile } from "../../src/drift/dockerfile.js";

const stable = `# syntax=docker/dockerfile:1
ARG RUST_VERSION=1.78
FROM rust:\${RUST_VERSION}-bookworm AS builder
WORKDIR /src
ENV CARGO_TERM_COLOR=always
COPY . .
RUN cargo build --release

FROM debian:bookworm-slim
COPY --from=builder /src/target/release/router /usr/local/bin/router
ENV RUN_ENV=production
EXPOSE 8080
CMD ["router"]
`;

const main = `# syntax=docker/dockerfile:1
ARG RUST_VERSION=1.80
FROM rust:\${RUST_VERSION}-bookworm AS builder
WORKDIR /src
ENV CARGO_TERM_COLOR=always \\
    CARGO_INCREMENTAL=0
COPY Cargo.toml Cargo.lock ./
RUN cargo fetch
COPY . .
RUN cargo build --release

FROM aquasec/trivy:0.50.0 AS scan
COPY --from=builder /src/target/release/router /router
RUN trivy rootfs --exit-code 1 /router

FROM debian:bookworm-20240513-slim
ARG BUILD_SECRET_TOKEN=build-only-value
COPY --from=builder /src/target/release/router /usr/local/bin/router
ENV RUN_ENV=production
EXPOSE 8080 9090
USER 1000:1000
HEALTHCHECK --interval=10s --timeout=3s CMD curl -fsS http://localhost:8080/health
ENTRYPOINT ["/usr/local/bin/router"]
CMD ["--config", "/etc/router/production.toml"]
`;

describe("diffDockerfile", () => {
  it("reports stages, base images, args, env and runtime settings of a multi-stage build", () => {
    const details = diffDockerfile(stable, main);
    expect(details.stages).toEqual({ added: ["scan"], removed: [] });
    expect(details.baseImages).toEqual([{ stage: "(final)", image: { before: "debian:bookworm-slim", after: "debian:bookworm-20240513-slim" } }]);
    expect(details.args.changed).toEqual([{ key: "RUST_VERSION", before: "1.78", after: "1.80", redacted: false }]);
    expect(details.args.added).toEqual(["BUILD_SECRET_TOKEN"]);
    expect(details.env).toEqual({ added: ["CARGO_INCREMENTAL"], removed: [], changed: [] });
    expect(details.expose).toEqual({ added: ["9090"], removed: [] });
    expect(details.user).toEqual({ before: null, after: "1000:1000" });
    expect(details.healthcheck?.after).toBe("--interval=10s --timeout=3s CMD curl -fsS http://localhost:8080/health");
    expect(details.entrypoint).toEqual({ before: null, after: '["/usr/local/bin/router"]' });
    expect(details.cmd).toEqual({ before: '["router"]', after: '["--config", "/etc/router/production.toml"]' });
    expect(details.instructions).toEqual(["COPY", "RUN"]);
  });

  it("names other instructions that changed or moved, and none when only comments and line breaks differ", () => {
    const base = "FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nRUN make\n";
    expect(diffDockerfile(base, "# build it\nFROM alpine:3.20\nWORKDIR /app\nCOPY \\\n  . .\nRUN   make\n").instructions).toEqual([]);
    expect(diffDockerfile(base, "FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nRUN make install\n").instructions).toEqual(["RUN"]);
    expect(diffDockerfile(base, "FROM alpine:3.20\nWORKDIR /app\nRUN make\nCOPY . .\n").instructions).toEqual(["COPY", "RUN"]);
    // A line that is no instruction is named, never quoted: it may be a pasted secret.
    expect(diffDockerfile(base, `${base}sk_live_pasted_here\n`).instructions).toEqual(["(other)"]);
  });

  it("hashes secret-looking values and never prints them", () => {
    const before = "FROM alpine\nENV API_TOKEN=old-token-value DB_URL=postgres://app:hunter2@db/app\n";
    const after = "FROM alpine\nENV API_TOKEN=new-token-value DB_URL=postgres://app:swordfish@db/app\n";
    const details = diffDockerfile(before, after);
    const json = JSON.stringify(details);
    for (const secret of ["old-token-value", "new-token-value", "hunter2", "swordfish"]) expect(json).not.toContain(secret);
    expect(details.env.changed.map((change) => [change.key, change.redacted])).toEqual([
      ["API_TOKEN", true],
      ["DB_URL", true],
    ]);
    expect(details.env.changed[0]!.before).toMatch(/^hmac:[0-9a-f]{12}$/);
    expect(details.env.changed[0]!.before).not.toBe(details.env.changed[0]!.after);
  });

  it("describes a Dockerfile that exists on one side only", () => {
    const details = diffDockerfile(null, "FROM node:20-alpine AS web\nEXPOSE 3000\n");
    expect(details.stages.added).toEqual(["web"]);
    expect(details.expose.added).toEqual(["3000"]);
  });
});
