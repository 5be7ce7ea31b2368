import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { quote, verifyCommands } from "../../src/drift/verify.js";

const noChart = { chartOf: () => null };

describe("verify commands", () => {
  it("gives each category its check on the target", () => {
    expect(verifyCommands("docker/Dockerfile", "docker", noChart)).toEqual(["docker build -f docker/Dockerfile ."]);
    expect(verifyCommands("docker-compose.yml", "compose", noChart)).toEqual(["docker compose -f docker-compose.yml config -q"]);
    expect(verifyCommands("deploy/k8s/router.yaml", "kubernetes", noChart)).toEqual(["kubectl apply --dry-run=client -f deploy/k8s/router.yaml"]);
    expect(verifyCommands("infra/main.tf", "terraform", noChart)).toEqual(["terraform -chdir=infra init -backend=false", "terraform -chdir=infra validate"]);
    expect(verifyCommands("charts/router/values.yaml", "helm", { chartOf: () => "charts/router" })[0]).toBe("helm lint charts/router");
    expect(verifyCommands(".env", "env", noChart)).toEqual([]);
  });

  it("quotes paths so that the shell reads them as one word and runs nothing in them", () => {
    const nasty = ["deploy/my app/Dockerfile", "x/$(touch pwned)/Dockerfile", "it's `id`;rm -rf ~/Dockerfile", "-rf", "ok/plain-path_1.2/Dockerfile"];
    for (const path of nasty) {
      const word = quote(path);
      // The shell itself says what word it sees.
      const seen = execFileSync("sh", ["-c", `printf %s ${word}`], { encoding: "utf8" });
      expect(seen).toBe(path.startsWith("-") ? `./${path}` : path);
    }
    expect(quote("ok/plain-path_1.2/Dockerfile")).toBe("ok/plain-path_1.2/Dockerfile");
    expect(verifyCommands("a b/$(id)/compose.yml", "compose", noChart)).toEqual(["docker compose -f 'a b/$(id)/compose.yml' config -q"]);
  });
});
