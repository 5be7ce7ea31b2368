import picomatch from "picomatch";
import { MATCH_METHODS, type Exclusion, type MatchMethod, type Person } from "../model.js";
import { isDependencyBot } from "../report/bumps.js";
import { headerScopes } from "../match/message.js";
import type { SetAsideSettings } from "../classify/set-aside.js";
import type { RawConfig } from "./schema.js";

/** The config's exclude/keep/match rules, compiled once. */
export interface Rules {
  custom: Record<string, string[]>;
  methods: Set<MatchMethod>;
  /** `ignore`: which kinds of vendored and fixture paths are set aside (all, by default). */
  setAside: SetAsideSettings;
  /** The exclusion a commit's message earns, if any. */
  messageExclusion(subject: string, message: string): Exclusion | null;
  /** `exclude.bots`: the exclusion of a dependency bot's commit, when the config asks for it. */
  botExclusion(author: Person, subject: string): Exclusion | null;
  /** The `exclude.paths` glob a path falls under, if any. */
  excludedBy(path: string): string | null;
  isKept(path: string): boolean;
}

export function compileRules(config: RawConfig): Rules {
  const excludeGlobs = (config.exclude?.paths ?? []).map((glob) => ({ glob, test: picomatch(glob, { dot: true }) }));
  const keep = picomatch(config.keep?.paths ?? [], { dot: true });
  const keepAny = (config.keep?.paths ?? []).length > 0;
  const scopes = new Set((config.exclude?.scopes ?? []).map((scope) => scope.toLowerCase()));
  const patterns = (config.exclude?.messagePatterns ?? []).map((source) => ({ source, regex: new RegExp(source, "i") }));
  return {
    custom: Object.fromEntries(Object.entries(config.categories ?? {}).map(([name, { paths }]) => [name, paths])),
    methods: new Set((config.match?.methods as MatchMethod[] | undefined) ?? MATCH_METHODS),
    setAside: { ...config.ignore },
    messageExclusion(subject, message) {
      const scope = headerScopes(subject).find((candidate) => scopes.has(candidate.toLowerCase()));
      if (scope) return { rule: `exclude.scopes: ${scope}`, reason: `its conventional-commit scope is "${scope}"` };
      const pattern = patterns.find(({ regex }) => regex.test(message));
      if (pattern) return { rule: `exclude.messagePatterns: ${pattern.source}`, reason: "its message matches an excluded pattern" };
      return null;
    },
    botExclusion(author, subject) {
      return config.exclude?.bots === true && isDependencyBot(author, subject) ? { rule: "exclude.bots: true", reason: "a dependency bot's bump" } : null;
    },
    excludedBy(path) {
      return excludeGlobs.find(({ test }) => test(path))?.glob ?? null;
    },
    isKept(path) {
      return keepAny && keep(path);
    },
  };
}
