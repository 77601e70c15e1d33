export type * from './ports.js';
export { DeploymentFailure, errorInfo } from './errors.js';
export { FileJournal } from './file-journal.js';
export { MemoryJournal, foldJournal } from './journal.js';
export { recheckOf, runHealthCheck, type HealthRun, type HealthVerdict } from './health.js';
export { DEFAULT_RETRY, backoffDelay, withRetry, type RetryPolicy } from './retry.js';
export { maskOutputs, isSecureType } from './result.js';
export type * from './result.js';
export { runRollout, selectStages, type EnginePorts, type RunOptions } from './rollout.js';
