/** The action's inputs, as the runner passes them in `INPUT_*` variables. */
export interface ActionInputs {
  /** Repository to read, relative to the workspace. */
  repo: string;
  source: string | undefined;
  targets: string[];
  formats: string[];
  /** `--fail-on` rules, e.g. `["unsynced", "age:14d"]`. */
  failOn: string[];
  /** Output folder, relative to the workspace. */
  output: string;
  config: string | undefined;
  /** Folder of template overrides, relative to the workspace; wins over the config's `templates:`. */
  templates: string | undefined;
  /** Recipients of the drift email; with {@link smtpUrl}, the email is sent after the sync. */
  emailTo: string[];
  emailFrom: string | undefined;
  /** `smtp://` or `smtps://` URL, from a secret; reaches the process in its environment, never its arguments. */
  smtpUrl: string | undefined;
}

/** The inputs action.yml declares and {@link readInputs} reads (`node-version` is kept only for old workflows). */
export const INPUT_NAMES = ["source", "targets", "formats", "fail-on", "output", "repo", "config", "templates", "email-to", "email-from", "smtp-url"] as const;

type InputName = (typeof INPUT_NAMES)[number];
type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads `INPUT_<NAME>`: the runner keeps the hyphen of a JavaScript action's
 * input (`INPUT_FAIL-ON`); `INPUT_FAIL_ON` is what composite steps had to set.
 */
function input(env: Env, name: InputName): string | undefined {
  const upper = name.toUpperCase();
  const value = env[`INPUT_${upper}`] ?? env[`INPUT_${upper.replace(/-/g, "_")}`];
  const trimmed = value?.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** Lists in inputs may be comma-, space- or newline-separated (YAML block scalars are common). */
const list = (value: string | undefined): string[] => (value ?? "").split(/[\s,]+/).filter(Boolean);

/** Addresses may hold spaces (`Release team <rt@example.com>`): only commas and newlines separate them. */
const addresses = (value: string | undefined): string[] => (value ?? "").split(/[,\n]+/).map((address) => address.trim()).filter(Boolean);

export function readInputs(env: Env): ActionInputs {
  // JSON is always written: it is the record of the run the outputs describe.
  const formats = [...new Set(["json", ...list(input(env, "formats") ?? "md,html")])];
  return {
    repo: input(env, "repo") ?? ".",
    source: input(env, "source"),
    targets: list(input(env, "targets")),
    formats,
    failOn: list(input(env, "fail-on")),
    output: input(env, "output") ?? "driftlog-report",
    config: input(env, "config"),
    templates: input(env, "templates"),
    emailTo: addresses(input(env, "email-to")),
    emailFrom: input(env, "email-from"),
    smtpUrl: input(env, "smtp-url"),
  };
}
