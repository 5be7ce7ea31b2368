import { OTHER_TYPE, type ConventionalMessage } from "./parse.js";

/**
 * Grouping for projects that do not write conventional commits (PR titles,
 * `changelog.entriesFrom: pull-requests`), without labels: the prefixes such
 * projects use, then the title's first verb.
 */

// Prefixes that name a type under another spelling.
const TYPE_ALIASES: Record<string, string> = {
  feature: "feat",
  features: "feat",
  new: "feat",
  bug: "fix",
  bugfix: "fix",
  bugfixes: "fix",
  hotfix: "fix",
  fixes: "fix",
  doc: "docs",
  documentation: "docs",
  performance: "perf",
  sec: "security",
  deps: "build",
  dependencies: "build",
  tests: "test",
  testing: "test",
  refactoring: "refactor",
  cleanup: "refactor",
  misc: "chore",
  maintenance: "chore",
};

// The first word of a title, when no prefix says more.
const VERB_TYPES: Record<string, string> = {
  fix: "fix", fixes: "fix", fixed: "fix", fixing: "fix", resolve: "fix", resolves: "fix", correct: "fix", corrects: "fix", repair: "fix", prevent: "fix", avoid: "fix",
  add: "feat", adds: "feat", added: "feat", adding: "feat", implement: "feat", implements: "feat", introduce: "feat", introduces: "feat", support: "feat", supports: "feat", allow: "feat", allows: "feat", enable: "feat", enables: "feat", create: "feat",
  document: "docs", documents: "docs", docs: "docs", doc: "docs", readme: "docs",
  optimize: "perf", optimise: "perf", speed: "perf", accelerate: "perf",
  refactor: "refactor", refactors: "refactor", restructure: "refactor", simplify: "refactor", rename: "refactor", extract: "refactor", cleanup: "refactor",
  test: "test", tests: "test",
  bump: "build", upgrade: "build", upgrades: "build", downgrade: "build",
};

// `area: subject`, `area/sub: subject` (Go style), `[area] subject`.
const AREA_PREFIX = /^(?:\[([\w./ -]{1,40})\]\s*|([\w.-]{1,40}(?:\/[\w.-]{1,40}){0,4}):\s+)(?=\S)/;

/**
 * The message with a type (and an area as scope) inferred: a known type
 * stays; a prefix that is another spelling of one (`bugfix:`, `Docs:`,
 * `[docs]`) becomes it; any other prefix (`ui:`, `net/http:`, `[compose]`) is
 * the scope, and the type comes from the first verb of the rest (`Fix ...`,
 * `Add ...`); otherwise `other`.
 */
export function inferType(message: ConventionalMessage, knownTypes: ReadonlySet<string>): ConventionalMessage {
  if (message.conventional && knownTypes.has(message.type)) return message;
  let area: string | null = null;
  let subject = message.subject;
  if (message.conventional) {
    const alias = TYPE_ALIASES[message.type];
    if (alias && knownTypes.has(alias)) return { ...message, type: alias };
    area = message.type;
  } else {
    const m = AREA_PREFIX.exec(subject);
    if (m) {
      const prefix = (m[1] ?? m[2]!).trim();
      const alias = knownTypes.has(prefix.toLowerCase()) ? prefix.toLowerCase() : TYPE_ALIASES[prefix.toLowerCase()];
      subject = subject.slice(m[0].length);
      if (alias && knownTypes.has(alias)) return { ...message, type: alias, scope: null, subject };
      area = prefix;
    }
  }
  const verb = /^[A-Za-z]+/.exec(subject)?.[0].toLowerCase() ?? "";
  const type = VERB_TYPES[verb];
  return {
    ...message,
    type: type && knownTypes.has(type) ? type : OTHER_TYPE,
    scope: area === null ? null : message.conventional && message.scope ? `${area}/${message.scope}` : area,
    subject,
  };
}
