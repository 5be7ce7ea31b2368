/** A driftlog config is a few dozen lines: a larger file is a wrong path, not a config. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
