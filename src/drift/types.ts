import type { Category } from "../classify/category.js";

/**
 * File drift between the two branch tips, in each file type's own terms.
 * Direction: "before" is the target tip (stable), "after" the source tip
 * (main), so `added` reads "syncing would add it to stable" and `removed`
 * "only stable has it".
 */
export type DriftState = "differs" | "source-only" | "target-only";

export interface FileDriftEntry {
  path: string;
  category: Category;
  state: DriftState;
  /** The file is under the config's `keep.paths` (stable's own settings). */
  kept: boolean;
  /** The file is under `exclude.paths` (not meant to be synced). */
  excluded: boolean;
  details: DriftDetails;
  /** Shell commands (quoted) to check the file on the target after syncing; printed, never run. */
  verify: string[];
  /** Set when the two versions differ only in comments, blank lines or formatting (.env, YAML, TOML, Dockerfile). */
  commentsOnly?: true;
  /** Set when every source commit since the merge base that touched the file is excluded (by message or scope) and no target commit touched it. */
  excludedCommitsOnly?: true;
}

/** What the two versions of a file say: everything of its drift entry that their contents decide. */
export interface Described {
  details: DriftDetails;
  commentsOnly: boolean;
}

export interface FileDriftSummary {
  /** Classified files on either tip. */
  files: number;
  /** Same blob on both tips: counted, not listed. */
  identical: number;
  differs: number;
  sourceOnly: number;
  targetOnly: number;
  kept: number;
  excluded: number;
}

/** One value on each side: before = target tip, after = source tip; null when absent. */
export interface ValueChange {
  before: string | null;
  after: string | null;
}

export interface KeyChange extends ValueChange {
  key: string;
  /** True when before/after are `hmac:<12 hex>` keyed hashes, never the values (secret-looking key, .env file, credentials in the value). */
  redacted: boolean;
}

/** Keys of a key/value file or section. */
export interface KeyDiff {
  added: string[];
  removed: string[];
  changed: KeyChange[];
}

export interface ListDiff {
  added: string[];
  removed: string[];
}

export interface LineCount {
  added: number;
  removed: number;
}

export interface LinesDetails extends LineCount {
  kind: "lines";
  /** Set when the file did not parse as its type, so only lines are compared. Parser messages are left out: they quote file content. */
  unparsed?: true;
  /** Set when a version has more lines than driftlog reads in its file type's terms (MAX_STRUCTURED_LINES), so only lines are compared. */
  tooLarge?: true;
}

export interface BinaryDetails {
  kind: "binary";
}

export interface DockerStage {
  /** Stage name (`AS name`), `(final)` for an unnamed last stage, or the index of another unnamed one, e.g. `#1`. */
  stage: string;
  image: ValueChange;
}

export interface DockerfileDetails {
  kind: "dockerfile";
  stages: ListDiff;
  /** Base images of stages present on both sides whose `FROM` differs. */
  baseImages: DockerStage[];
  env: KeyDiff;
  args: KeyDiff;
  expose: ListDiff;
  user: ValueChange | null;
  healthcheck: ValueChange | null;
  entrypoint: ValueChange | null;
  cmd: ValueChange | null;
  /** Keywords of the other instructions (`RUN`, `COPY`, …) added, removed, changed or moved; never their text, which may hold secrets. */
  instructions: string[];
}

export type ComposeField = "image" | "build" | "command" | "restart" | "healthcheck";
export type ComposeListField = "ports" | "env_file" | "volumes" | "depends_on";

export interface ComposeServiceDrift {
  service: string;
  fields: Partial<Record<ComposeField, ValueChange>>;
  lists: Partial<Record<ComposeListField, ListDiff>>;
  environment: KeyDiff | null;
  /** Other keys of the service (`user`, `deploy`, …) whose value differs; names only. */
  other: string[];
}

export interface ComposeDetails {
  kind: "compose";
  services: ListDiff;
  changed: ComposeServiceDrift[];
  networks: ListDiff;
  volumes: ListDiff;
  /** Other top-level keys (`configs`, `secrets`, `x-…`), and `networks`/`volumes` whose definitions changed, whose value differs; names only. */
  other: string[];
}

export interface KeysDetails extends KeyDiff {
  kind: "keys";
  format: "dotenv" | "ini" | "toml" | "yaml" | "json" | "hcl-attributes";
}

export interface KubeObjectDrift {
  /** `Kind/name` or `Kind/namespace/name`. */
  object: string;
  images: KeyDiff;
  replicas: ValueChange | null;
  resources: KeyDiff;
  env: KeyDiff;
  ports: ListDiff;
  /** Other changes to the object, as top-level spec paths. */
  otherPaths: string[];
}

export interface KubernetesDetails {
  kind: "kubernetes";
  objects: ListDiff;
  changed: KubeObjectDrift[];
}

export interface TerraformBlockChange {
  address: string;
  /** Top-level attributes and nested block types whose text differs. */
  attributes: string[];
}

export interface TerraformDetails {
  kind: "terraform";
  added: string[];
  removed: string[];
  changed: TerraformBlockChange[];
}

export interface WorkflowJobDrift {
  job: string;
  /** Steps by `id`, else `name`, else the action used, else `run: <first line>` (credentials masked), else `step N`. */
  steps: ListDiff;
  changedSteps: string[];
  /** Other keys of the job (`runs-on`, `needs`, `env`, …) whose value differs; names only. */
  other: string[];
}

export interface WorkflowDetails {
  kind: "workflow";
  jobs: ListDiff;
  /** Jobs on both sides whose definition differs. */
  changed: WorkflowJobDrift[];
  /** Action (or reusable workflow) → the versions used (`v4`, or several joined by `, `). */
  actions: KeyDiff;
  /** Other top-level keys (`on`, `permissions`, `env`, …) whose value differs; names only. */
  other: string[];
}

export type DriftDetails =
  | LinesDetails
  | BinaryDetails
  | DockerfileDetails
  | ComposeDetails
  | KeysDetails
  | KubernetesDetails
  | TerraformDetails
  | WorkflowDetails;

/** A differ: target text (before) and source text (after), null when the file is absent on that side. */
export type Differ = (before: string | null, after: string | null) => DriftDetails;
