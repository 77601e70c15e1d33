import type { ErrorInfo } from './ports.js';

/**
 * A failed deployment as ARM reported it. `transient` is the adapter's judgement (429, 5xx, connection reset,
 * DeploymentActive): the engine retries those and fails at once on the rest.
 */
/** The reason a run's signal carries when a person or the runner stopped it (SIGINT, SIGTERM). */
export class RunCanceled extends Error {
  override readonly name = 'RunCanceled';
}

export class DeploymentFailure extends Error {
  readonly code: string;
  readonly target?: string;
  readonly correlationId?: string;
  readonly details: unknown[];
  readonly transient: boolean;
  /** From a Retry-After header, when ARM sent one; the retry policy waits at least this long. */
  readonly retryAfterMs?: number;

  constructor(init: {
    code: string;
    message: string;
    target?: string;
    correlationId?: string;
    details?: unknown[];
    transient?: boolean;
    retryAfterMs?: number;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'DeploymentFailure';
    this.code = init.code;
    this.target = init.target;
    this.correlationId = init.correlationId;
    this.details = init.details ?? [];
    this.transient = init.transient ?? false;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** The error of anything the engine catches, in the shape results, journal and reporter carry. */
export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof DeploymentFailure) {
    const info: ErrorInfo = { code: error.code, message: error.message };
    if (error.correlationId) info.correlationId = error.correlationId;
    if (error.target) info.target = error.target;
    return info;
  }
  if (error instanceof Error) return { code: error.name === 'Error' ? 'EngineError' : error.name, message: error.message };
  return { code: 'EngineError', message: String(error) };
}
