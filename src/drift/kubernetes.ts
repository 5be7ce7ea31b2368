import { diffList, pairIfChanged, unparsed } from "./lines.js";
import { diffKeys, type Redactor, redactorFor } from "./secrets.js";
import { flatten } from "./structured.js";
import type { KubeObjectDrift, KubernetesDetails, LinesDetails } from "./types.js";
import { asList, isRecord } from "../values.js";
import { canonical, changedEntries, parseYamlDocuments } from "./yaml.js";

/** Where the pod spec sits in each workload kind; anything else is looked for at `spec`. */
const POD_SPEC_PATHS: readonly (readonly string[])[] = [["spec", "template", "spec"], ["spec", "jobTemplate", "spec", "template", "spec"], ["spec"]];
const CONTAINER_LISTS = ["initContainers", "containers"] as const;
const MAX_OTHER_PATHS = 20;

type Obj = Record<string, unknown>;

/** Manifests per object (`Kind/namespace/name`): images, replicas, resources, env keys, ports, and other changed paths (never their values). */
export function diffManifests(before: string | null, after: string | null): KubernetesDetails | LinesDetails {
  const old = before === null ? new Map<string, Obj>() : objectsOf(before);
  const now = after === null ? new Map<string, Obj>() : objectsOf(after);
  if (!old || !now) return unparsed(before, after);
  const redact = redactorFor(before, after);
  const changed: KubeObjectDrift[] = changedEntries(old, now, (name, previous, object) => diffObject(name, previous, object, redact));
  return { kind: "kubernetes", objects: diffList(old.keys(), now.keys()), changed };
}

function objectsOf(text: string): Map<string, Obj> | null {
  const docs = parseYamlDocuments(text);
  if (!docs) return null;
  const objects = new Map<string, Obj>();
  for (const doc of docs.flatMap((item) => (isRecord(item) && item.kind === "List" ? asList(item.items) : [item]))) {
    if (!isRecord(doc) || typeof doc.kind !== "string") continue;
    const meta = isRecord(doc.metadata) ? doc.metadata : {};
    const parts = [doc.kind, meta.namespace, meta.name ?? meta.generateName].filter((part) => typeof part === "string");
    objects.set(parts.join("/"), doc);
  }
  return objects;
}

function diffObject(object: string, before: Obj, after: Obj, redact: Redactor): KubeObjectDrift {
  const old = workload(before);
  const now = workload(after);
  const paths = diffKeys(flatten(before), flatten(after), { redact, redactAll: true });
  const covered = /^spec\.(?:replicas$|ports\[)|(?:initContainers|containers)\[\d+\]\.(?:image|resources|env|envFrom|ports|name)\b/;
  const otherPaths = [...new Set([...paths.added, ...paths.removed, ...paths.changed.map((change) => change.key)].filter((path) => !covered.test(path)).map(shorten))];
  return {
    object,
    images: diffKeys(old.images, now.images, { redact }),
    replicas: pairIfChanged(old.replicas, now.replicas),
    resources: diffKeys(old.resources, now.resources, { redact }),
    env: diffKeys(old.env, now.env, { redact }),
    ports: diffList(old.ports, now.ports),
    otherPaths: otherPaths.slice(0, MAX_OTHER_PATHS),
  };
}

interface Workload {
  images: Map<string, string>;
  resources: Map<string, string>;
  env: Map<string, string>;
  ports: string[];
  replicas: string | null;
}

function workload(object: Obj): Workload {
  const facts: Workload = { images: new Map(), resources: new Map(), env: new Map(), ports: [], replicas: null };
  const spec = isRecord(object.spec) ? object.spec : {};
  if (spec.replicas !== undefined) facts.replicas = String(spec.replicas);
  // A Service's ports are the object's ports; a workload's are its containers'.
  for (const port of asList(spec.ports)) if (isRecord(port)) facts.ports.push(servicePort(port));
  const pod = POD_SPEC_PATHS.map((path) => dig(object, path)).find((found) => isRecord(found) && CONTAINER_LISTS.some((list) => Array.isArray(found[list])));
  if (!isRecord(pod)) return facts;
  for (const list of CONTAINER_LISTS) {
    for (const container of asList(pod[list])) {
      if (!isRecord(container)) continue;
      const name = String(container.name ?? "?");
      if (typeof container.image === "string") facts.images.set(name, container.image);
      for (const [path, value] of flatten(container.resources ?? {}, name)) if (path !== name) facts.resources.set(path, value);
      for (const env of asList(container.env)) {
        if (isRecord(env) && typeof env.name === "string") facts.env.set(`${name}.${env.name}`, env.value !== undefined ? String(env.value) : canonical(env.valueFrom ?? null));
      }
      for (const from of asList(container.envFrom)) if (isRecord(from)) facts.env.set(`${name}.envFrom(${canonical(from)})`, "");
      for (const port of asList(container.ports)) {
        if (isRecord(port)) facts.ports.push(`${name}:${String(port.containerPort)}/${String(port.protocol ?? "TCP")}`);
      }
    }
  }
  return facts;
}

function servicePort(port: Obj): string {
  const target = port.targetPort === undefined ? "" : `->${String(port.targetPort)}`;
  const name = typeof port.name === "string" ? `${port.name}:` : "";
  return `${name}${String(port.port)}${target}/${String(port.protocol ?? "TCP")}`;
}

function dig(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), value);
}

/** Paths are grouped (three segments, or one past the last list index) so a changed block reads as one path, not a line per leaf. */
function shorten(path: string): string {
  const index = path.lastIndexOf("]");
  if (index < 0) return path.split(".").slice(0, 3).join(".");
  const rest = path.slice(index + 1).split(".").filter(Boolean);
  return [path.slice(0, index + 1), ...rest.slice(0, 1)].join(".");
}
