import { describe, expect, it } from "vitest";
import { diffManifests } from "../../src/drift/kubernetes.js";
import { differFor } from "../../src/drift/registry.js";
import type { KeysDetails, KubernetesDetails } from "../../src/drift/types.js";

const deployment = (image: string, replicas: number, extraEnv: string, memory: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: router
  namespace: payments
spec:
  replicas: ${replicas}
  template:
    spec:
      containers:
        - name: router
          image: ${image}
          args: ["--config", "/etc/router.toml"]
          ports:
            - containerPort: 8080
          env:
            - name: RUN_ENV
              value: production
            - name: DB_PASSWORD
              valueFrom: { secretKeyRef: { name: db, key: password } }${extraEnv}
          resources:
            limits:
              memory: ${memory}
---
apiVersion: v1
kind: Service
metadata:
  name: router
  namespace: payments
spec:
  ports:
    - name: http
      port: 80
      targetPort: 8080
`;

describe("diffManifests", () => {
  it("describes each object by kind and name: images, replicas, resources, env keys, ports", () => {
    const stable = deployment("juspay/router:v1.1", 2, "", "512Mi");
    const main = `${deployment("juspay/router:v1.2", 3, "\n            - name: PAYMENT_TIMEOUT\n              value: \"30\"", "1Gi")}---
apiVersion: v1
kind: ConfigMap
metadata:
  name: router-config
data:
  LOG_LEVEL: debug
`;
    const details = diffManifests(stable, main) as KubernetesDetails;
    expect(details.objects).toEqual({ added: ["ConfigMap/router-config"], removed: [] });
    expect(details.changed).toHaveLength(1);
    const [router] = details.changed;
    expect(router).toMatchObject({
      object: "Deployment/payments/router",
      images: { changed: [{ key: "router", before: "juspay/router:v1.1", after: "juspay/router:v1.2", redacted: false }] },
      replicas: { before: "2", after: "3" },
      resources: { changed: [{ key: "router.limits.memory", before: "512Mi", after: "1Gi" }] },
      env: { added: ["router.PAYMENT_TIMEOUT"], removed: [], changed: [] },
      ports: { added: [], removed: [] },
      otherPaths: [],
    });
  });

  it("reports container and Service ports, and other changed paths without values", () => {
    const stable = deployment("r:1", 1, "", "1Gi");
    const main = stable.replace("containerPort: 8080", "containerPort: 8081").replace("targetPort: 8080", "targetPort: 8081").replace('"/etc/router.toml"', '"/etc/other.toml"');
    const details = diffManifests(stable, main) as KubernetesDetails;
    expect(details.changed.map((change) => change.object)).toEqual(["Deployment/payments/router", "Service/payments/router"]);
    expect(details.changed[0]!.ports).toEqual({ added: ["router:8081/TCP"], removed: ["router:8080/TCP"] });
    expect(details.changed[0]!.otherPaths).toEqual(["spec.template.spec.containers[0].args"]);
    expect(details.changed[1]!.ports).toEqual({ added: ["http:80->8081/TCP"], removed: ["http:80->8080/TCP"] });
  });

  it("never shows Secret data", () => {
    const secret = (value: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${value}\n`;
    const details = diffManifests(secret("old-k8s-secret"), secret("new-k8s-secret")) as KubernetesDetails;
    expect(details.changed[0]!.otherPaths).toEqual(["stringData.password"]);
    expect(JSON.stringify(details)).not.toMatch(/k8s-secret/);
  });
});

describe("Helm values", () => {
  it("compares values by path through the helm registry entry", () => {
    const stable = "image:\n  repository: juspay/router\n  tag: v1.1\nreplicaCount: 2\nresources:\n  limits: { cpu: 500m }\nenv:\n  RUN_ENV: production\n";
    const main = "image:\n  repository: juspay/router\n  tag: v1.2\nreplicaCount: 2\nresources:\n  limits: { cpu: '1' }\nenv:\n  RUN_ENV: production\n  REDIS_PASSWORD: from-values\nservice:\n  port: 8080\n";
    const details = differFor("charts/router/values.yaml", "helm")(stable, main) as KeysDetails;
    expect(details).toMatchObject({ kind: "keys", format: "yaml", added: ["env.REDIS_PASSWORD", "service.port"], removed: [] });
    expect(details.changed).toEqual([
      { key: "image.tag", before: "v1.1", after: "v1.2", redacted: false },
      { key: "resources.limits.cpu", before: "500m", after: "1", redacted: false },
    ]);
    // Templates are not YAML until rendered: a line count only.
    expect(differFor("charts/router/templates/deployment.yaml", "helm")("a: {{ .Values.x }}\n", "b\n")).toEqual({ kind: "lines", added: 1, removed: 1 });
  });
});
