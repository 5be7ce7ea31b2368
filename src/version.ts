import { readFileSync } from "node:fs";

/**
 * Set only in the action's single-file bundle (scripts/bundle.mjs): the
 * version, and where the package root is relative to the bundle, which may
 * sit where no package.json is.
 */
declare const __DRIFTLOG_BUNDLE__: { version: string; root: string } | undefined;
const bundled = typeof __DRIFTLOG_BUNDLE__ === "undefined" ? undefined : __DRIFTLOG_BUNDLE__;

/** The package's root folder (holds `templates/` and `schema/`): the parent of `src/` or `dist/`, or the bundle's. */
export const PACKAGE_ROOT = new URL(bundled?.root ?? "..", import.meta.url);

/** The package version: built into the bundle, else read from package.json. */
export const VERSION: string = bundled?.version ?? (JSON.parse(readFileSync(new URL("package.json", PACKAGE_ROOT), "utf8")) as { version: string }).version;
