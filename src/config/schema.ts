import { z } from "zod";
import { MATCH_METHODS } from "../model.js";
import { ENTRIES_FROM } from "./choices.js";

export { ENTRIES_FROM, type EntriesFrom } from "./choices.js";

const globs = z.array(z.string().min(1));

const changelogSchema = z.strictObject({
  /** Group order and titles: `[{ type: feat, title: Features }, ...]`. */
  types: z.array(z.strictObject({ type: z.string().min(1), title: z.string().min(1) })).optional(),
  hidden: z.array(z.string()).optional(),
  scopes: z.record(z.string(), z.string()).optional(),
  tagPattern: z.string().optional(),
  includeOther: z.boolean().optional(),
  remoteUrl: z.string().optional(),
  /** `pull-requests`: one entry per merged PR, from its title (for projects without conventional commits). */
  entriesFrom: z.enum(ENTRIES_FROM).optional(),
});

/** The shape of `driftlog.config.yaml`. Unknown keys are errors, named with a suggestion. */
export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  source: z.string().min(1).optional(),
  target: z.string().min(1).optional(),
  targets: z.array(z.string().min(1)).min(1).optional(),
  since: z.union([z.string().min(1), z.number()]).transform(String).optional(),
  categories: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, "category names are lower-case words"), z.strictObject({ paths: globs })).optional(),
  exclude: z
    .strictObject({
      paths: globs.optional(),
      scopes: z.array(z.string().min(1)).optional(),
      messagePatterns: z.array(z.string().min(1)).optional(),
      /** Dependency bots' commits (Dependabot, Renovate; by author or by `chore(deps)`/`bump X from A to B` subjects) are excluded. */
      bots: z.boolean().optional(),
    })
    .optional(),
  /** Set-aside defaults: vendored code and test fixtures are not Docker/IaC changes unless turned off here. */
  ignore: z.strictObject({ vendored: z.boolean().optional(), fixtures: z.boolean().optional() }).optional(),
  keep: z.strictObject({ paths: globs.optional() }).optional(),
  match: z.strictObject({ methods: z.array(z.enum(MATCH_METHODS as [string, ...string[]])).min(1).optional() }).optional(),
  templates: z.string().min(1).optional(),
  email: z
    .strictObject({
      from: z.string().optional(),
      to: z.array(z.string()).optional(),
      subject: z.string().optional(),
    })
    .optional(),
  changelog: changelogSchema.optional(),
});

export type RawConfig = z.infer<typeof configSchema>;
export type ChangelogConfig = z.infer<typeof changelogSchema>;
