/** Shapes of parsed YAML/JSON values, shared by the stages that read config files. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value that may be one item or a list of them (compose's `env_file`, `volumes`), as a list. */
export function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}
