import { run } from "../../src/cli/run.js";

/** Runs the CLI in-process in `cwd` and returns its exit code and what it wrote. */
export async function runCaptured(cwd: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: "", stderr: "" };
  const code = await run(argv, { stdout: (text) => (out.stdout += text), stderr: (text) => (out.stderr += text), cwd });
  return { code, ...out };
}
