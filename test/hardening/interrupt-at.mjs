/**
 * Preloaded into the spawned CLI (`node --import`) by the interrupt tests: it
 * signals the process at one known point of its work, so no test has to guess
 * a moment with a timer. DRIFTLOG_INTERRUPT_AT is JSON:
 *   { "call": "lstat" | "mkdir" | "writeFile" | "renameSync", "match": "<part of the path>", "nth": 1, "signal": "SIGINT" }
 * At the nth call whose path contains `match`: an fs/promises call is held
 * until the CLI's signal handler has run, then goes on as usual (as if the
 * signal came just before it); for renameSync the signal is sent just after
 * that rename, and the process is kept alive until the handler runs.
 */
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

const spec = process.env.DRIFTLOG_INTERRUPT_AT ? JSON.parse(process.env.DRIFTLOG_INTERRUPT_AT) : null;

if (spec) {
  let seen = 0;
  const hit = (path) => String(path).includes(spec.match) && ++seen === spec.nth;
  /**
   * Sends the signal; resolves once the CLI's handler has run (listeners run in
   * the order they were added, and the CLI's is installed at start-up). A
   * signal does not keep the event loop alive, so a timer does until then.
   */
  const interrupt = () =>
    new Promise((resolve) => {
      const alive = setInterval(() => {}, 1000);
      process.once(spec.signal, () => {
        clearInterval(alive);
        resolve();
      });
      process.kill(process.pid, spec.signal);
    });
  if (spec.call === "renameSync") {
    const original = fs.renameSync;
    fs.renameSync = (from, to) => {
      original(from, to);
      if (hit(to)) void interrupt();
    };
  } else {
    const original = fs.promises[spec.call];
    fs.promises[spec.call] = async (path, ...rest) => {
      if (hit(path)) await interrupt();
      return original(path, ...rest);
    };
  }
  syncBuiltinESMExports();
}
