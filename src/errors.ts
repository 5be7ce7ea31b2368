/**
 * Typed errors with stable codes. Library code throws these; only the CLI maps
 * them to exit codes and prints them.
 */

/**
 * `network`: a server (SMTP) could not be reached, timed out or refused the
 * login or the message. `io`: the device failed a write that the path allowed
 * (disk full, quota, I/O error). Both are worth a retry; the others are not.
 */
export type ErrorKind = "usage" | "config" | "template" | "repository" | "gate" | "network" | "io";

/** 4 is an internal error and 130/143 an interrupt, both outside DriftlogError. */
const EXIT_CODES: Record<ErrorKind, number> = {
  gate: 1,
  usage: 2,
  config: 2,
  template: 2,
  repository: 3,
  network: 5,
  io: 6,
};

export class DriftlogError extends Error {
  readonly kind: ErrorKind;
  /** Stable machine-readable code, e.g. `E_UNKNOWN_REF`. */
  readonly code: string;
  /** One line telling the user what to do about it, when there is something to do. */
  readonly hint: string | undefined;

  constructor(kind: ErrorKind, code: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "DriftlogError";
    this.kind = kind;
    this.code = code;
    this.hint = options.hint;
  }

  get exitCode(): number {
    return EXIT_CODES[this.kind];
  }
}

export const usageError = (code: string, message: string, hint?: string) =>
  new DriftlogError("usage", code, message, { hint });
export const configError = (code: string, message: string, hint?: string) =>
  new DriftlogError("config", code, message, { hint });
export const repoError = (code: string, message: string, hint?: string, cause?: unknown) =>
  new DriftlogError("repository", code, message, { hint, cause });
