import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";

/**
 * The shape STYLE.md asks for, checked on the sources themselves: data flows
 * one way through the stages, so the import graph has no cycle (type-only
 * imports count too), rendering never reaches back into the engine, and only
 * the git layer starts processes.
 */
const SRC = resolve(__dirname, "../../src");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : entry.name.endsWith(".ts") ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/g;

/** Each source file (relative to src/) with the specifiers it imports. */
const graph = new Map(
  sources(SRC).map((file) => {
    const text = readFileSync(file, "utf8");
    const specifiers = [...text.matchAll(IMPORT)].map((match) => (match[1] ?? match[2])!);
    return [relative(SRC, file), specifiers] as const;
  }),
);

/** A relative specifier as the source file it names (`../model.js` → `model.ts`). */
function local(from: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  return relative(SRC, resolve(SRC, dirname(from), specifier)).replace(/\.js$/, ".ts");
}

const edges = new Map([...graph].map(([file, specifiers]) => [file, specifiers.flatMap((specifier) => local(file, specifier) ?? [])]));

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (edges.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe("the import graph", () => {
  test("reads the sources it checks", () => {
    expect(graph.size).toBeGreaterThan(80);
    expect(edges.get("sync.ts")).toContain("match/index.ts");
  });

  test("every relative import names a file that exists", () => {
    const missing = [...edges].flatMap(([file, targets]) => targets.filter((target) => !graph.has(target)).map((target) => `${file} → ${target}`));
    expect(missing).toEqual([]);
  });

  test("has no cycle, type-only imports included", () => {
    expect(cycles()).toEqual([]);
  });

  test("rendering never reaches back into the sync engine, matching or pick prediction", () => {
    const upward = [...edges]
      .filter(([file]) => file.startsWith("render/"))
      .flatMap(([file, targets]) => targets.filter((target) => target === "sync.ts" || target === "multi.ts" || /^(match|pick|git|cache|cli|email)\//.test(target)).map((target) => `${file} → ${target}`));
    expect(upward).toEqual([]);
  });

  test("only the git layer runs git or starts processes", () => {
    const outside = [...graph]
      .filter(([file]) => !file.startsWith("git/"))
      .flatMap(([file, specifiers]) => specifiers.filter((specifier) => /^(node:)?child_process$|^simple-git$/.test(specifier)).map((specifier) => `${file} → ${specifier}`));
    expect(outside).toEqual([]);
    const gitExec = [...edges].filter(([file]) => !file.startsWith("git/") && !file.startsWith("cli")).flatMap(([file, targets]) => (targets.includes("git/exec.ts") ? [file] : []));
    expect(gitExec).toEqual([]);
  });
});
