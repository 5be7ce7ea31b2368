/** driftlog's library API. The CLI is a thin shell over these functions. */
export { syncReport, type SyncOptions, type SyncProgress } from "./sync.js";
export { DriftlogError, type ErrorKind } from "./errors.js";
export { parseConfig, loadConfig, CONFIG_FILE } from "./config/load.js";
export type { RawConfig as DriftlogConfig } from "./config/schema.js";
export { createClassifier, type Classify, type ClassifierContext } from "./classify/index.js";
export * from "./model.js";
export { computeFileDrift, fileDriftBlobs, shellQuote, type FileDriftInput } from "./drift/index.js";
export type { DriftDetails, DriftState, FileDriftEntry, FileDriftSummary } from "./drift/types.js";
export * from "./changelog/index.js";
export { buildDigest, readDigestInputs, parseReports, renderDigest, type Digest, type DigestRow, type DigestFormat } from "./digest/index.js";
export { initConfig, configJsonSchema, type InitResult } from "./init/index.js";
export { runAction } from "./action/run.js";
export { renderReport, parseFormats, FORMATS, REPORT_FILES, type Format, type RenderContext } from "./render/index.js";
export { reportView, cherryPickPlan, type ReportView, type ChangeView, type PlanStep } from "./render/view.js";
export { TEMPLATE_HELPERS } from "./render/helpers.js";
export { loadRenderContext } from "./render/context.js";
export { composeEmail, emailSubject, type EmailOptions, type ComposedEmail } from "./email/compose.js";
export { sendReportEmail, type SmtpOptions, type SentEmail } from "./email/send.js";
