#!/usr/bin/env node
/**
 * Bundles driftlog into one file for the GitHub Action (and as a CLI for the
 * workflow's later steps): `bundle/driftlog.mjs`, committed so that a
 * workflow installs nothing. `--check` rebuilds in memory and fails when the
 * committed file differs from what the sources and the lock file give.
 */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUTFILE = join(ROOT, "bundle/driftlog.mjs");

/**
 * `createRequire(import.meta.url)(id)` resolves `id` from the module's folder
 * at run time, where the bundle has no node_modules: make it a plain
 * `require(id)`, which esbuild bundles.
 */
const bundledRequires = {
  name: "bundled-requires",
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async ({ path }) => {
      const text = await readFile(path, "utf8");
      return { contents: text.replaceAll("createRequire(import.meta.url)(", "require("), loader: "ts" };
    });
  },
};

const { version } = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8"));
// The bundle holds the version, and finds templates/ and schema/ from its own folder (src/version.ts).
const root = `${relative(dirname(OUTFILE), ROOT).split(sep).join("/") || "."}/`;

const result = await build({
  absWorkingDir: ROOT,
  entryPoints: ["src/action/main.ts"],
  outfile: OUTFILE,
  bundle: true,
  write: false,
  platform: "node",
  format: "esm",
  target: "node20",
  // ESM builds where a package has one: UMD builds hide their require()s from the bundler.
  mainFields: ["module", "main"],
  // CommonJS dependencies require Node's built-in modules.
  banner: { js: 'import { createRequire as __driftlogCreateRequire } from "node:module";\nconst require = __driftlogCreateRequire(import.meta.url);' },
  define: { __DRIFTLOG_BUNDLE__: JSON.stringify({ version, root }) },
  legalComments: "eof",
  charset: "utf8",
  logLevel: "warning",
  plugins: [bundledRequires],
});
const bundle = result.outputFiles[0].contents;

if (process.argv.includes("--check")) {
  const committed = await readFile(OUTFILE).catch(() => Buffer.alloc(0));
  if (!Buffer.from(bundle).equals(committed)) {
    process.stderr.write("bundle/driftlog.mjs is not what the sources build: run `npm run bundle` and commit it\n");
    process.exitCode = 1;
  }
} else {
  await mkdir(dirname(OUTFILE), { recursive: true });
  await writeFile(OUTFILE, bundle);
}
