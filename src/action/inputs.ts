/** The action's inputs, as action.yml passes them in `INPUT_*` variables. */
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
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads `INPUT_<NAME>`, accepting both the `INPUT_FAIL_ON` that action.yml
 * sets and the `INPUT_FAIL-ON` form GitHub uses for JavaScript actions.
 */
function input(env: Env, name: string): string | undefined {
  const upper = name.toUpperCase();
  const value = env[`INPUT_${upper.replace(/-/g, "_")}`] ?? env[`INPUT_${upper}`];
  const trimmed = value?.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** Lists in inputs may be comma-, space- or newline-separated (YAML block scalars are common). */
const list = (value: string | undefined): string[] => (value ?? "").split(/[\s,]+/).filter(Boolean);

export function readInputs(env: Env): ActionInputs {
  // JSON is always written: the step outputs are read from it.
  const formats = [...new Set(["json", ...list(input(env, "formats") ?? "md,html")])];
  return {
    repo: input(env, "repo") ?? ".",
    source: input(env, "source"),
    targets: list(input(env, "targets")),
    formats,
    failOn: list(input(env, "fail-on")),
    output: input(env, "output") ?? "driftlog-report",
    config: input(env, "config"),
  };
}

/** The `driftlog sync` arguments for the inputs; values stay separate arguments, never a shell string. */
export function syncArgs(inputs: ActionInputs): string[] {
  return [
    "sync",
    "--repo",
    inputs.repo,
    ...(inputs.source ? ["--source", inputs.source] : []),
    ...inputs.targets.flatMap((target) => ["--target", target]),
    ...(inputs.config ? ["--config", inputs.config] : []),
    "--format",
    inputs.formats.join(","),
    "--out",
    inputs.output,
    ...(inputs.failOn.length > 0 ? ["--fail-on", inputs.failOn.join(",")] : []),
  ];
}
