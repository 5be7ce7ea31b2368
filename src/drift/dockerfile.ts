import { Arg, DockerfileParser, Env, From, Healthcheck, type Instruction } from "dockerfile-ast";
import { diffList, pairIfChanged } from "./lines.js";
import { diffKeys, maskInline, redactorFor, type Redactor } from "./secrets.js";
import type { DockerfileDetails, DockerStage, ValueChange } from "./types.js";

interface Facts {
  /** Stage name → base image, in order. */
  stages: Map<string, string>;
  env: Map<string, string>;
  args: Map<string, string>;
  expose: string[];
  last: Partial<Record<"USER" | "HEALTHCHECK" | "ENTRYPOINT" | "CMD", string>>;
  /** The instructions not itemised above, as `KEYWORD arguments`, in order. */
  others: string[];
}

const RUNTIME = ["USER", "HEALTHCHECK", "ENTRYPOINT", "CMD"] as const;
const ITEMISED: ReadonlySet<string> = new Set(["FROM", "ENV", "ARG", "EXPOSE", ...RUNTIME]);
/** The other instructions Docker knows; anything else on an instruction line is named `(other)`, never quoted. */
const KNOWN: ReadonlySet<string> = new Set(["ADD", "COPY", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "VOLUME", "WORKDIR"]);

/** What a Dockerfile builds: stages and their base images, build args, env, and the runtime settings of the image. */
export function diffDockerfile(before: string | null, after: string | null): DockerfileDetails {
  const redact = redactorFor(before, after);
  const old = factsOf(before);
  const now = factsOf(after);
  const baseImages: DockerStage[] = [];
  for (const [stage, image] of now.stages) {
    const previous = old.stages.get(stage);
    if (previous !== undefined && previous !== image) baseImages.push({ stage, image: { before: previous, after: image } });
  }
  const runtime = (name: (typeof RUNTIME)[number]): ValueChange | null => {
    const pair = pairIfChanged(old.last[name] ?? null, now.last[name] ?? null);
    return pair && { before: masked(pair.before, redact), after: masked(pair.after, redact) };
  };
  return {
    kind: "dockerfile",
    stages: diffList(old.stages.keys(), now.stages.keys()),
    baseImages,
    env: diffKeys(old.env, now.env, { redact }),
    args: diffKeys(old.args, now.args, { redact }),
    expose: diffList(old.expose, now.expose),
    user: runtime("USER"),
    healthcheck: runtime("HEALTHCHECK"),
    entrypoint: runtime("ENTRYPOINT"),
    cmd: runtime("CMD"),
    instructions: changedKeywords(old.others, now.others),
  };
}

/** Keywords whose instructions differ between two sequences; when only their order does, the keywords of the first moved pair. */
function changedKeywords(before: readonly string[], after: readonly string[]): string[] {
  const keyword = (line: string) => line.split(" ", 1)[0]!;
  const byKeyword = (lines: readonly string[], name: string) => lines.filter((line) => keyword(line) === name).join("\n");
  const names = [...new Set([...before, ...after].map(keyword))];
  const changed = names.filter((name) => byKeyword(before, name) !== byKeyword(after, name));
  if (changed.length > 0 || before.join("\n") === after.join("\n")) return changed;
  const at = before.findIndex((line, i) => line !== after[i]);
  return [...new Set([keyword(before[at]!), keyword(after[at]!)])];
}

function factsOf(text: string | null): Facts {
  const facts: Facts = { stages: new Map(), env: new Map(), args: new Map(), expose: [], last: {}, others: [] };
  if (text === null) return facts;
  let index = 0;
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const keyword = instruction.getKeyword();
    if (instruction instanceof From) {
      const name = instruction.getBuildStage() ?? `#${index}`;
      facts.stages.set(name, instruction.getImage() ?? "");
      index++;
    } else if (instruction instanceof Env) {
      for (const property of instruction.getProperties()) facts.env.set(property.getName(), property.getValue() ?? "");
    } else if (instruction instanceof Arg) {
      const property = instruction.getProperty();
      if (property) facts.args.set(property.getName(), property.getValue() ?? "(no default)");
    } else if (keyword === "EXPOSE") {
      for (const argument of instruction.getArguments()) facts.expose.push(argument.getValue());
    } else if ((RUNTIME as readonly string[]).includes(keyword)) {
      facts.last[keyword as (typeof RUNTIME)[number]] = argumentsText(instruction);
    }
    if (!ITEMISED.has(keyword)) facts.others.push(`${KNOWN.has(keyword) ? keyword : "(other)"} ${argumentsText(instruction)}`);
  }
  // An unnamed last stage is "the image" whatever its index: inserting a stage before it must not read as a new image.
  const stages = [...facts.stages];
  const last = stages.at(-1);
  if (last && last[0].startsWith("#")) facts.stages = new Map([...stages.slice(0, -1), ["(final)", last[1]]]);
  return facts;
}

function argumentsText(instruction: Instruction): string {
  const flags = instruction instanceof Healthcheck ? instruction.getFlags().map((flag) => flag.toString()) : [];
  return [...flags, instruction.getArgumentsContent() ?? ""].join(" ").replace(/\s+/g, " ").trim();
}

function masked(value: string | null, redact: Redactor): string | null {
  return value === null ? null : maskInline(value, redact);
}
