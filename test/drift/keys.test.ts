import { describe, expect, it } from "vitest";
import { diffDotenv, diffIni, parseDotenv } from "../../src/drift/env.js";
import { structuredDiffer } from "../../src/drift/structured.js";
import type { KeysDetails } from "../../src/drift/types.js";

describe("diffDotenv", () => {
  const stable = `# production settings
RUN_ENV=production
DATABASE_URL=postgres://router:pg-stable-pass@db:5432/router
PAYMENT_RETRIES=3
LEGACY_FLAG=on
`;
  const main = `# production settings
export RUN_ENV=production
DATABASE_URL="postgres://router:pg-main-pass@db:5432/router"
PAYMENT_RETRIES=5 # more retries
PAYMENT_TIMEOUT=30
JWT_SECRET='multi
line-jwt-secret'
`;

  it("lists keys added, removed and changed, and hides every value", () => {
    const details = diffDotenv(stable, main);
    expect(details).toMatchObject({ kind: "keys", format: "dotenv", added: ["JWT_SECRET", "PAYMENT_TIMEOUT"], removed: ["LEGACY_FLAG"] });
    expect(details.changed.map((change) => change.key)).toEqual(["DATABASE_URL", "PAYMENT_RETRIES"]);
    for (const change of details.changed) {
      expect(change.redacted).toBe(true);
      expect(change.before).toMatch(/^hmac:[0-9a-f]{12}$/);
    }
    const json = JSON.stringify(details);
    for (const value of ["pg-stable-pass", "pg-main-pass", "line-jwt-secret", '"5"', '"3"']) expect(json).not.toContain(value);
  });

  it("reads quotes, export, inline comments and multi-line values like dotenv does", () => {
    const env = parseDotenv(main);
    expect(env.get("RUN_ENV")).toBe("production");
    expect(env.get("PAYMENT_RETRIES")).toBe("5");
    expect(env.get("JWT_SECRET")).toBe("multi\nline-jwt-secret");
    // A value equal on both sides is not a change, whatever its quoting.
    expect(diffDotenv('A="x"\n', "A=x\n").changed).toEqual([]);
  });

  it("gives the same hash for the same value within a file and a different one across versions", () => {
    const details = diffDotenv("A=1\nB=2\n", "A=2\nB=1\n");
    const [a, b] = details.changed;
    expect(a!.after).toBe(b!.before);
    expect(a!.before).toBe(b!.after);
    expect(diffDotenv("A=1\n", "A=2\nC=0\n").changed[0]!.before).not.toBe(a!.before);
  });
});

describe("structured config files", () => {
  it("compares TOML keys by dotted path and hides secret ones", () => {
    const stable = `[server]\nport = 8080\nhost = "0.0.0.0"\n[master_database]\nusername = "router"\npassword = "stable-db-pw"\n[redis]\npool_size = 5\n`;
    const main = `[server]\nport = 8080\nhost = "0.0.0.0"\nworkers = 8\n[master_database]\nusername = "router"\npassword = "main-db-pw"\n[redis]\npool_size = 10\n`;
    const details = structuredDiffer("toml")(stable, main) as KeysDetails;
    expect(details).toMatchObject({ kind: "keys", format: "toml", added: ["server.workers"], removed: [] });
    expect(details.changed).toEqual([
      { key: "master_database.password", before: expect.stringMatching(/^hmac:/), after: expect.stringMatching(/^hmac:/), redacted: true },
      { key: "redis.pool_size", before: "5", after: "10", redacted: false },
    ]);
    expect(JSON.stringify(details)).not.toMatch(/stable-db-pw|main-db-pw/);
  });

  it("compares YAML and JSON, and lists of maps by index", () => {
    const yaml = structuredDiffer("yaml")("routes:\n  - path: /pay\n    timeout: 5\n", "routes:\n  - path: /pay\n    timeout: 10\n") as KeysDetails;
    expect(yaml.changed).toEqual([{ key: "routes[0].timeout", before: "5", after: "10", redacted: false }]);
    const json = structuredDiffer("json")('{"a":{"b":[1,2]}}', '{"a":{"b":[2,1]},"c":null}') as KeysDetails;
    expect(json).toMatchObject({ added: ["c"], changed: [{ key: "a.b", before: "[1,2]", after: "[2,1]" }] });
    expect(structuredDiffer("json")("{", "{}")).toMatchObject({ kind: "lines", unparsed: true });
  });

  it("reads INI sections", () => {
    const details = diffIni("[log]\nlevel = info\n[vault]\ntoken = s.abc\n", "[log]\nlevel = debug\n[vault]\ntoken = s.def\n");
    expect(details.changed.map(({ key, before, redacted }) => [key, redacted ? "hidden" : before])).toEqual([
      ["log.level", "info"],
      ["vault.token", "hidden"],
    ]);
  });
});
