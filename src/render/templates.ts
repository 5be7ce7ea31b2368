import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { DriftlogError } from "../errors.js";
import { PACKAGE_ROOT } from "../version.js";

/** The built-in templates shipped with the package. */
export const BUILTIN_TEMPLATES = fileURLToPath(new URL("templates/", PACKAGE_ROOT));

export type HelperSet = Record<string, Handlebars.HelperDelegate>;

/** Compiled templates by file name (`sync-report.md.hbs`), with partials and helpers registered. */
export interface TemplateSet {
  render(name: string, data: unknown): string;
}

/**
 * Loads every `*.hbs` of the built-in folder, letting a file of the same name
 * in `overrideDir` win. Files starting with `_` are partials, registered by
 * name without the underscore and extensions (`_change.md.hbs` → `change.md`).
 * A template that does not parse fails here, with its path and line.
 */
export async function loadTemplates(options: { overrideDir?: string; helpers?: HelperSet } = {}): Promise<TemplateSet> {
  const files = new Map<string, string>();
  for (const dir of [BUILTIN_TEMPLATES, options.overrideDir]) {
    if (!dir) continue;
    for (const name of await listTemplates(dir)) files.set(name, join(dir, name));
  }
  const handlebars = Handlebars.create();
  handlebars.registerHelper(options.helpers ?? {});
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  for (const [name, path] of files) {
    const source = await readFile(path, "utf8");
    checkSyntax(source, path);
    if (name.startsWith("_")) handlebars.registerPartial(name.slice(1).replace(/\.hbs$/, ""), source);
    // Plain-text templates (`*.txt.hbs`) are not HTML: nothing in them is entity-escaped.
    else compiled.set(name, handlebars.compile(source, { strict: false, noEscape: name.endsWith(".txt.hbs") }));
  }
  return {
    render(name, data) {
      const template = compiled.get(name);
      if (!template) throw new DriftlogError("template", "E_TEMPLATE_MISSING", `template ${name} not found in ${[...new Set([BUILTIN_TEMPLATES, options.overrideDir].filter(Boolean))].join(" or ")}`);
      try {
        return template(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (error) {
        throw new DriftlogError("template", "E_TEMPLATE", `${files.get(name)}: ${(error as Error).message.split("\n")[0]}`, { hint: "fix the template or remove the override" });
      }
    },
  };
}

async function listTemplates(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith(".hbs"));
  } catch (error) {
    if (dir === BUILTIN_TEMPLATES) throw error;
    throw new DriftlogError("config", "E_TEMPLATES_DIR", `templates folder ${dir} cannot be read`, { hint: "check `templates:` in the config" });
  }
}

function checkSyntax(source: string, path: string): void {
  try {
    Handlebars.parse(source);
  } catch (error) {
    const message = (error as Error).message;
    const line = /line (\d+)/.exec(message)?.[1] ?? (error as { lineNumber?: number }).lineNumber;
    const detail = message.split("\n").find((text) => text.startsWith("Expecting") || text.includes("doesn't match")) ?? message.split("\n")[0];
    throw new DriftlogError("template", "E_TEMPLATE_SYNTAX", `${path}:${line ?? "?"}: ${detail}`, { hint: "fix the template syntax" });
  }
}
