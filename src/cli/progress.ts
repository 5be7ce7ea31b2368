import { oneLineText } from "../render/escape.js";
import type { SyncProgress } from "../sync.js";

/** The terminal a progress line is drawn on: `process.stderr`, or a fake in tests. */
export interface Terminal {
  isTTY?: boolean;
  /** Width in characters; the line is cut to fit so that `\r` can rewrite it. */
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressEvent extends SyncProgress {
  /** With several targets: which one, and its place in the list. */
  target?: string;
  index?: number;
  count?: number;
}

export interface ProgressDisplay {
  update(progress: ProgressEvent): void;
  /** Removes the line, if one is drawn; call before anything else is printed. */
  clear(): void;
}

/** Erase the whole line and return to its start. */
const CLEAR_LINE = "\r\x1b[2K";
const NONE: ProgressDisplay = { update() {}, clear() {} };

/**
 * One status line on a terminal, rewritten in place as a run advances:
 * a new phase draws at once, counter updates at most every `intervalMs`.
 * On anything but a TTY (CI logs, pipes, files) it draws nothing.
 */
export function progressDisplay(terminal: Terminal | undefined, options: { intervalMs?: number; now?: () => number } = {}): ProgressDisplay {
  if (!terminal?.isTTY) return NONE;
  const interval = options.intervalMs ?? 100;
  const now = options.now ?? Date.now;
  let drawn = false;
  let lastAt = -Infinity;
  let lastKey = "";
  return {
    update(progress) {
      const key = `${progress.index ?? 0}:${progress.phase}`;
      const at = now();
      if (key === lastKey && at - lastAt < interval) return;
      lastKey = key;
      lastAt = at;
      terminal.write(`${CLEAR_LINE}${fit(progressLine(progress), terminal.columns)}`);
      drawn = true;
    },
    clear() {
      if (!drawn) return;
      terminal.write(CLEAR_LINE);
      drawn = false;
      lastKey = "";
    },
  };
}

/** `driftlog: [stable 1/2] reading files… 1,204 commits, 310 files`. */
export function progressLine(progress: ProgressEvent): string {
  const which = progress.target !== undefined && (progress.count ?? 1) > 1 ? `[${oneLineText(progress.target)} ${(progress.index ?? 0) + 1}/${progress.count}] ` : "";
  const count = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
  return `driftlog: ${which}${progress.phase}… ${count(progress.commits, "commit")}, ${count(progress.files, "file")}`;
}

/** Cut to one character less than the width, so the cursor never wraps to a new line. */
function fit(line: string, columns: number | undefined): string {
  if (!columns || columns < 2) return line;
  const chars = [...line];
  return chars.length < columns ? line : `${chars.slice(0, columns - 2).join("")}…`;
}
