import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFile } from "node:fs/promises";

export interface Person {
  name: string;
  email: string;
}

/** One commit in fast-import terms: whole file contents, marks instead of SHAs. */
export interface CommitSpec {
  ref: string;
  mark: number;
  /** `:mark` or a SHA; only needed for a branch's first commit. */
  from?: string;
  author: Person;
  authorTime: number;
  committer: Person;
  committerTime: number;
  message: string;
  files: { path: string; text: string }[];
}

/** Environment that keeps the user's git config (signing, hooks, templates) out of generated repositories. */
export const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", LC_ALL: "C" };

const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
const ident = (person: Person, time: number) => `${person.name} <${person.email}> ${time} +0000`;

/**
 * A `git fast-import` process fed through a buffered, back-pressured stream,
 * so 100k commits of whole-file contents never sit in memory at once.
 */
export class FastImport {
  private chunks: string[] = [];
  private size = 0;
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.stdout.resume();
    this.exited = new Promise((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import failed (${code}): ${stderr.trim()}`))));
    });
    // Surface a crash while we are still writing instead of blocking on a full pipe.
    this.exited.catch(() => undefined);
  }

  /** Starts fast-import in a (bare) repository; marks are exported to `exportMarks` at the end. */
  static start(dir: string, options: { exportMarks: string; importMarks?: string }): FastImport {
    const args = ["fast-import", "--quiet", "--done", `--export-marks=${options.exportMarks}`];
    if (options.importMarks) args.push(`--import-marks=${options.importMarks}`);
    return new FastImport(spawn("git", args, { cwd: dir, env: GIT_ENV, stdio: ["pipe", "pipe", "pipe"] }));
  }

  async commit(spec: CommitSpec): Promise<void> {
    let text = `commit ${spec.ref}\nmark :${spec.mark}\nauthor ${ident(spec.author, spec.authorTime)}\ncommitter ${ident(spec.committer, spec.committerTime)}\n${data(spec.message)}`;
    if (spec.from) text += `from ${spec.from}\n`;
    for (const file of spec.files) text += `M 100644 inline ${file.path}\n${data(file.text)}`;
    await this.write(`${text}\n`);
  }

  /** Points a ref (a lightweight tag or a branch) at a mark or SHA. */
  async reset(ref: string, from: string): Promise<void> {
    await this.write(`reset ${ref}\nfrom ${from}\n\n`);
  }

  async finish(): Promise<void> {
    await this.write("done\n", true);
    this.child.stdin.end();
    await this.exited;
  }

  private async write(text: string, flush = false): Promise<void> {
    this.chunks.push(text);
    this.size += text.length;
    if (!flush && this.size < 1 << 20) return;
    const ok = this.child.stdin.write(this.chunks.join(""));
    this.chunks = [];
    this.size = 0;
    if (!ok) await Promise.race([new Promise((resolve) => this.child.stdin.once("drain", resolve)), this.exited]);
  }
}

/** The SHA of every mark in a fast-import marks file. */
export async function readMarks(file: string): Promise<Map<number, string>> {
  const marks = new Map<number, string>();
  for (const line of (await readFile(file, "utf8")).split("\n")) {
    const match = /^:(\d+) ([0-9a-f]{40,64})$/.exec(line);
    if (match) marks.set(Number(match[1]), match[2]!);
  }
  return marks;
}
