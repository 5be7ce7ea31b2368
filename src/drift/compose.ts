import { diffList, emptyList, unparsed } from "./lines.js";
import { diffKeys, emptyKeyDiff, maskInline, type Redactor, redactorFor } from "./secrets.js";
import type { ComposeDetails, ComposeField, ComposeListField, ComposeServiceDrift, LinesDetails } from "./types.js";
import { asList, isRecord } from "../values.js";
import { canonical, otherKeys, parseYaml } from "./yaml.js";

const FIELDS: readonly ComposeField[] = ["image", "build", "command", "restart", "healthcheck"];
const LISTS: readonly ComposeListField[] = ["ports", "env_file", "volumes", "depends_on"];
const ITEMISED: ReadonlySet<string> = new Set<string>([...FIELDS, ...LISTS, "environment"]);
const TOP_LEVEL_ITEMISED: ReadonlySet<string> = new Set(["services", "networks", "volumes"]);

/** A compose file in compose terms: services, and per service what a reviewer cares about. */
export function diffCompose(before: string | null, after: string | null): ComposeDetails | LinesDetails {
  const old = before === null ? {} : orEmpty(parseYaml(before));
  const now = after === null ? {} : orEmpty(parseYaml(after));
  if (!isRecord(old) || !isRecord(now)) return unparsed(before, after);
  const redact = redactorFor(before, after);
  const oldServices = section(old.services);
  const newServices = section(now.services);
  const changed: ComposeServiceDrift[] = [];
  for (const [name, service] of Object.entries(newServices)) {
    const previous = oldServices[name];
    if (!isRecord(previous) || !isRecord(service)) continue;
    const drift = diffService(name, previous, service, redact);
    if (drift) changed.push(drift);
  }
  return {
    kind: "compose",
    services: diffList(Object.keys(oldServices), Object.keys(newServices)),
    changed,
    networks: diffList(Object.keys(section(old.networks)), Object.keys(section(now.networks))),
    volumes: diffList(Object.keys(section(old.volumes)), Object.keys(section(now.volumes))),
    other: [...otherKeys(old, now, TOP_LEVEL_ITEMISED), ...changedDefinitions("networks", old, now), ...changedDefinitions("volumes", old, now)],
  };
}

function diffService(service: string, before: Record<string, unknown>, after: Record<string, unknown>, redact: Redactor): ComposeServiceDrift | null {
  const drift: ComposeServiceDrift = { service, fields: {}, lists: {}, environment: null, other: otherKeys(before, after, ITEMISED) };
  for (const field of FIELDS) {
    const old = scalar(before[field], redact);
    const now = scalar(after[field], redact);
    if (old !== now) drift.fields[field] = { before: old, after: now };
  }
  for (const field of LISTS) {
    const diff = diffList(items(field, before[field], redact), items(field, after[field], redact));
    if (!emptyList(diff)) drift.lists[field] = diff;
  }
  const environment = diffKeys(environmentOf(before.environment), environmentOf(after.environment), { redact });
  if (!emptyKeyDiff(environment)) drift.environment = environment;
  const empty = Object.keys(drift.fields).length === 0 && Object.keys(drift.lists).length === 0 && drift.environment === null && drift.other.length === 0;
  return empty ? null : drift;
}


/** `networks.name` for each network (or volume) on both sides whose definition differs. */
function changedDefinitions(kind: "networks" | "volumes", before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const old = section(before[kind]);
  const now = section(after[kind]);
  return Object.keys(now).filter((name) => name in old && canonical(old[name] ?? null) !== canonical(now[name] ?? null)).map((name) => `${kind}.${name}`);
}

/** An empty file parses to null and means "no services"; undefined means it did not parse. */
function orEmpty(doc: unknown): unknown {
  return doc === null ? {} : doc;
}

function section(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** A field as one comparable string; credentials inside commands and healthchecks are masked. */
function scalar(value: unknown, redact: Redactor): string | null {
  if (value === undefined || value === null) return null;
  return maskInline(canonical(value), redact);
}

function items(field: ComposeListField, value: unknown, redact: Redactor): string[] {
  // depends_on is a list of names or a map of name → condition; the names are what matters.
  if (field === "depends_on" && isRecord(value)) return Object.keys(value);
  return asList(value).map((item) => maskInline(isRecord(item) && field === "env_file" && typeof item.path === "string" ? item.path : canonical(item), redact));
}

/** `environment:` as a list of `KEY=value` / `KEY`, or as a map. */
function environmentOf(value: unknown): Map<string, string> {
  const env = new Map<string, string>();
  if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) env.set(key, item === null || item === undefined ? "" : canonical(item));
    return env;
  }
  for (const item of asList(value)) {
    if (typeof item !== "string") continue;
    const eq = item.indexOf("=");
    env.set(eq < 0 ? item : item.slice(0, eq), eq < 0 ? "" : item.slice(eq + 1));
  }
  return env;
}
