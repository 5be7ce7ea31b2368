/** driftlog's library API. The CLI is a thin shell over these functions. */
export { syncReport, type SyncOptions, type SyncProgress } from "./sync.js";
export { syncTargets, type SyncTargetsOptions } from "./multi.js";
export { defaultNow } from "./clock.js";
export { parseFailOn, evaluateGate, type GateRule, type TrippedRule } from "./gate.js";
export { DriftlogError, type ErrorKind } from "./errors.js";
export { parseConfig } from "./config/load.js";
export { loadConfig, CONFIG_FILE } from "./config/file.js";
export type { RawConfig as DriftlogConfig } from "./config/schema.js";
export { createClassifier, type Classify, type ClassifierContext } from "./classify/index.js";
export * from "./model.js";
export { computeFileDrift, fileDriftBlobs, shellQuote, type FileDriftInput } from "./drift/index.js";
export type { DriftDetails, DriftState, FileDriftEntry, FileDriftSummary } from "./drift/types.js";
export * from "./changelog/index.js";
export { buildDigest, readDigestInputs, parseReports, type Digest, type DigestRow, type DuplicateReport } from "./digest/index.js";
export { initConfig, configJsonSchema, type InitResult } from "./init/index.js";
export { runAction } from "./action/run.js";
export {
  renderReport,
  composeEmail,
  parseFormats,
  FORMATS,
  REPORT_FILES,
  renderChangelog,
  renderReleaseNotes,
  CHANGELOG_FORMATS,
  renderDigest,
  digestEmail,
  composeMessage,
  emailSubject,
  multiEmailSubject,
  type Format,
  type RenderContext,
  type ChangelogFormat,
  type RenderChangelogOptions,
  type DigestFormat,
  type EmailOptions,
  type ComposedEmail,
} from "./render/index.js";
export { reportView, cherryPickPlan, type ReportView, type ChangeView, type PlanStep } from "./render/view.js";
export { multiReportView, type MultiReportView, type MatrixRow, type MatrixCell } from "./render/multi-view.js";
export { TEMPLATE_HELPERS } from "./render/helpers.js";
export { loadRenderContext } from "./config/render-context.js";
export { sendReportEmail, sendComposed, type SmtpOptions, type SentEmail } from "./email/send.js";
