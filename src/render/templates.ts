import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { DriftlogError } from "../errors.js";
import { PACKAGE_ROOT } from "../version.js";
import { TEMPLATE_HELPERS } from "./helpers.js";

/** The built-in templates shipped with the package. */
export const BUILTIN_TEMPLATES = fileURLToPath(new URL("templates/", PACKAGE_ROOT));

/** The templates of one folder (built-in ones, with the user's of the same name winning), by file name. */
export interface TemplateSet {
  /** Renders `sync-report.md.hbs` (say); checks it and every partial it reaches the first time. */
  render(name: string, data: unknown): string;
}

const sets = new Map<string, Promise<TemplateSet>>();

/**
 * The template set for an override folder (or none), opened once per process.
 * Files starting with `_` are partials, registered by name without the
 * underscore and extensions (`_plan.md.hbs` → `plan.md`). A template is
 * checked and compiled only when first rendered, with the partials it uses:
 * a broken override of one report's template cannot fail another command.
 */
export function templatesIn(overrideDir: string | undefined): Promise<TemplateSet> {
  const key = overrideDir ?? "";
  let set = sets.get(key);
  if (!set) {
    set = openTemplates(overrideDir);
    sets.set(key, set);
    set.catch(() => sets.delete(key));
  }
  return set;
}

async function openTemplates(overrideDir: string | undefined): Promise<TemplateSet> {
  const dirs = [BUILTIN_TEMPLATES, ...(overrideDir ? [overrideDir] : [])];
  const paths = new Map<string, string>();
  for (const dir of dirs) for (const name of await listTemplates(dir)) paths.set(name, join(dir, name));
  const sources = new Map(await Promise.all([...paths].map(async ([name, path]) => [name, await readFile(path, "utf8")] as const)));
  const handlebars = Handlebars.create();
  handlebars.registerHelper(TEMPLATE_HELPERS);
  // Handlebars compiles a partial given as text when a template first calls it.
  for (const [name, source] of sources) if (name.startsWith("_")) handlebars.registerPartial(partialName(name), source);
  const partialFiles = new Map([...sources.keys()].filter((name) => name.startsWith("_")).map((name) => [partialName(name), name]));

  const checked = new Set<string>();
  const check = (name: string) => {
    if (checked.has(name)) return;
    const program = parse(sources.get(name)!, paths.get(name)!);
    checked.add(name);
    for (const partial of partialsOf(program)) {
      const file = partialFiles.get(partial);
      if (file) check(file);
    }
  };
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  const compile = (name: string) => {
    let template = compiled.get(name);
    if (!template) {
      check(name);
      // Plain-text templates (`*.txt.hbs`) are not HTML: nothing in them is entity-escaped.
      template = handlebars.compile(sources.get(name)!, { strict: false, noEscape: name.endsWith(".txt.hbs") });
      compiled.set(name, template);
    }
    return template;
  };
  return {
    render(name, data) {
      if (name.startsWith("_") || !sources.has(name)) {
        throw new DriftlogError("template", "E_TEMPLATE_MISSING", `template ${name} not found in ${dirs.join(" or ")}`);
      }
      const template = compile(name);
      try {
        return template(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (error) {
        throw new DriftlogError("template", "E_TEMPLATE", `${paths.get(name)}: ${(error as Error).message.split("\n")[0]}`, { hint: "fix the template or remove the override" });
      }
    },
  };
}

const partialName = (file: string) => file.slice(1).replace(/\.hbs$/, "");

async function listTemplates(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith(".hbs"));
  } catch (error) {
    if (dir === BUILTIN_TEMPLATES) throw error;
    throw new DriftlogError("config", "E_TEMPLATES_DIR", `templates folder ${dir} cannot be read`, { hint: "check `templates:` in the config" });
  }
}

function parse(source: string, path: string): hbs.AST.Program {
  try {
    return Handlebars.parse(source);
  } catch (error) {
    const message = (error as Error).message;
    const line = /line (\d+)/.exec(message)?.[1] ?? (error as { lineNumber?: number }).lineNumber;
    const detail = message.split("\n").find((text) => text.startsWith("Expecting") || text.includes("doesn't match")) ?? message.split("\n")[0];
    throw new DriftlogError("template", "E_TEMPLATE_SYNTAX", `${path}:${line ?? "?"}: ${detail}`, { hint: "fix the template syntax" });
  }
}

/** Names of the partials a template calls by a literal name (`{{> plan.md}}`), anywhere in its blocks. */
function partialsOf(program: hbs.AST.Program): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== "object" || node === null) return;
    const record = node as { type?: string; name?: { type?: string; original?: unknown } };
    if ((record.type === "PartialStatement" || record.type === "PartialBlockStatement") && record.name?.type === "PathExpression") {
      names.add(String(record.name.original));
    }
    for (const [key, value] of Object.entries(node)) if (key !== "loc" && key !== "strip") visit(value);
  };
  visit(program);
  return names;
}
