/**
 * The generated project's files as data: each file is a list of named
 * sections of one-line items with stable ids, rendered to text in its own
 * format. Edits work on ids, so the same edit can be replayed on the stable
 * branch's diverged copy of a file, as a cherry-pick would.
 */

export type Kind = "dockerfile" | "compose" | "toml" | "env" | "helm-values" | "helm-template" | "terraform" | "workflow" | "rust";

export interface Item {
  id: number;
  key: string;
  value: string;
  /** A version pin (image tag, action version): only ever bumped, never removed. */
  pin?: boolean;
}

export interface Section {
  name: string;
  items: Item[];
}

export interface ProjectFile {
  path: string;
  kind: Kind;
  sections: Section[];
}

/** Docker/IaC kinds; everything else is application code. */
export const isInfra = (kind: Kind) => kind !== "rust";

const upper = (key: string) => key.toUpperCase();

/** The text of one item; the template depends on the key so a file mixes several line shapes. */
function itemLine(kind: Kind, section: string, item: Item): string {
  const { key, value } = item;
  const variant = item.id % 4;
  switch (kind) {
    case "dockerfile":
      if (item.pin) return `ARG ${upper(section)}_BASE_VERSION=${value}`;
      return [
        `ENV ${upper(key)}=${value}`,
        `ARG ${upper(key)}=${value}`,
        `RUN apt-get update && apt-get install -y --no-install-recommends lib${key.replace(/_/g, "-")}=${value} && rm -rf /var/lib/apt/lists/*`,
        `LABEL org.acme.${key}="${value}"`,
      ][variant]!;
    case "compose":
      return item.pin ? `      - ${upper(section)}_IMAGE_TAG=${value}` : `      - ${upper(key)}=${value}`;
    case "toml":
      return item.pin ? `${section}_version = "${value}"` : variant === 0 ? `${key} = ${value.replace(/\D/g, "") || "0"}` : `${key} = "${value}"`;
    case "env":
      return item.pin ? `${upper(section)}_VERSION=${value}` : `${upper(key)}=${value}`;
    case "helm-values":
      return item.pin ? `  ${section}Tag: "${value}"` : `  ${key}: "${value}"`;
    case "helm-template":
      return `            - { name: ${upper(key)}, value: {{ .Values.${section}.${key} | default "${value}" | quote }} }`;
    case "terraform":
      return item.pin ? `  ${section}_module_version = "${value}"` : `  ${key} = "${value}"`;
    case "workflow":
      return item.pin ? `      - uses: acme/setup-${section}@v${value}` : `      - run: make ${key.replace(/_/g, "-")} ARGS=${value}`;
    case "rust":
      return [
        `    let ${key} = ctx.load("${key}", ${value.replace(/\D/g, "") || "0"})?;`,
        `    ctx.metrics.record("${key}", ${key.length} * ${value.replace(/\D/g, "") || "1"});`,
        `    // ${key}: keep in sync with the ${section} handler (${value})`,
        `    tracing::debug!(${key} = "${value}", "step");`,
      ][variant]!;
  }
}

function sectionLines(file: ProjectFile, section: Section, last: boolean): string[] {
  const items = section.items.map((item) => itemLine(file.kind, section.name, item));
  const name = section.name;
  switch (file.kind) {
    case "dockerfile":
      return [
        last ? `FROM debian:bookworm-slim AS ${name}` : `FROM rust:1.79-slim AS ${name}`,
        "WORKDIR /src",
        ...items,
        ...(last ? ["USER 10001", 'ENTRYPOINT ["/usr/local/bin/switch"]'] : ["RUN cargo build --release --locked"]),
        "",
      ];
    case "compose": {
      const mounted = name === "db" || name === "redis" ? [] : ["    volumes:", `      - ./config/${name}.toml:/etc/acme/${name}.toml:ro`];
      return [`  ${name}:`, `    image: ghcr.io/acme/${name}:latest`, "    restart: unless-stopped", "    env_file: .env.example", ...mounted, "    environment:", ...items];
    }
    case "toml":
      return [`[${name}]`, ...items, ""];
    case "env":
      return [`# --- ${name} ---`, ...items, ""];
    case "helm-values":
      return [`${name}:`, ...items];
    case "helm-template":
        return [`        - name: ${name}`, `          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"`, "          env:", ...items];
    case "terraform":
      return [`resource "aws_ecs_service" "${name}" {`, ...items, "}", ""];
    case "workflow":
      return [`  ${name}:`, "    runs-on: ubuntu-latest", "    steps:", "      - uses: actions/checkout@v4", ...items];
    case "rust":
      return [`pub fn ${name}(ctx: &mut Context) -> Result<()> {`, ...items, "    Ok(())", "}", ""];
  }
}

function headerLines(file: ProjectFile): string[] {
  switch (file.kind) {
    case "dockerfile":
      return ["# syntax=docker/dockerfile:1", `# ${file.path}: multi-stage build of the payment switch`, ""];
    case "compose":
      return ["# Local stack: services, their config files and environment.", "services:"];
    case "toml":
      return [`# ${file.path}: mounted into the container by docker-compose.yml`, ""];
    case "env":
      return ["# Copy to .env and fill in the secrets.", ""];
    case "helm-values":
      return ["# Default values for the switch chart.", "image:", "  repository: ghcr.io/acme/switch", "  tag: latest"];
    case "helm-template":
      return ["apiVersion: apps/v1", "kind: Deployment", "metadata:", '  name: {{ include "switch.fullname" . }}', "spec:", "  template:", "    spec:", "      containers:"];
    case "terraform":
      return [`# ${file.path}`, ""];
    case "workflow":
      return [`name: ${file.path.replace(/^.*\/|\.ya?ml$/g, "")}`, "on:", "  push:", "    branches: [main, stable]", "  pull_request:", "jobs:"];
    case "rust":
      return [`//! ${file.path}`, "use crate::prelude::*;", ""];
  }
}

/** The file's text, newline-terminated. */
export function render(file: ProjectFile): string {
  const lines = headerLines(file);
  file.sections.forEach((section, i) => lines.push(...sectionLines(file, section, i === file.sections.length - 1)));
  return `${lines.join("\n")}\n`;
}

/** Rendered line count, for keeping files in a realistic size band. */
export function lineCount(file: ProjectFile): number {
  return file.sections.reduce((sum, section) => sum + section.items.length + 4, 4);
}

export function cloneFile(file: ProjectFile): ProjectFile {
  return { ...file, sections: file.sections.map((section) => ({ name: section.name, items: section.items.map((item) => ({ ...item })) })) };
}
