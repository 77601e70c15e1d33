import { DeploymentFailure } from '../engine/errors.js';

/** ARM's error body, as in `{"error": {...}}` and in a failed deployment's `properties.error`. */
export interface ArmErrorBody {
  code?: string;
  message?: string;
  target?: string;
  details?: ArmErrorBody[];
}

const TRANSIENT_CODES = new Set(['DeploymentActive', 'SubscriptionRequestsThrottled', 'TooManyRequests', 'ServiceUnavailable', 'InternalServerError', 'GatewayTimeout', 'Conflict']);
const TRANSIENT_NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'REQUEST_SEND_ERROR']);

/**
 * Any failure of an SDK call as a DeploymentFailure that says what ARM said: its code, message, target and the
 * correlation id a support ticket needs, and whether a retry can help.
 */
export function fromSdkError(error: unknown, what: string): DeploymentFailure {
  if (error instanceof DeploymentFailure) return error;
  const e = error as {
    name?: string;
    code?: string;
    message?: string;
    statusCode?: number;
    response?: { headers?: { get?(name: string): string | undefined }; bodyAsText?: string; parsedBody?: unknown };
    details?: unknown;
  };
  if (e?.name === 'AbortError') throw error;
  const header = (name: string): string | undefined => e.response?.headers?.get?.(name) ?? undefined;
  const body = armBody(e.response?.parsedBody) ?? armBody(safeJson(e.response?.bodyAsText)) ?? armBody(e.details);
  const status = e.statusCode;
  const code = body?.code ?? e.code ?? (status ? `HTTP${status}` : 'RequestFailed');
  const transient = status === 429 || (status !== undefined && status >= 500) || TRANSIENT_CODES.has(code) || TRANSIENT_NETWORK.has(e.code ?? '') || (status === undefined && /socket hang up|ECONNRESET|ECONNREFUSED/i.test(e.message ?? ''));
  return new DeploymentFailure({
    code,
    message: `${what}: ${describe(body) ?? e.message ?? String(error)}`,
    target: body?.target,
    correlationId: header('x-ms-correlation-request-id'),
    details: body?.details ?? [],
    transient,
    retryAfterMs: retryAfterMs(header('retry-after')),
    cause: error,
  });
}

/**
 * ARM (or a resource provider) refused the request for its rate: nothing was done, so a retry needs no read to learn
 * what happened. By the 429 itself, since providers throttle under codes of their own.
 */
export function isThrottled(failure: DeploymentFailure): boolean {
  return (failure.cause as { statusCode?: number } | undefined)?.statusCode === 429 || failure.code === 'SubscriptionRequestsThrottled' || failure.code === 'TooManyRequests';
}

/** A deployment that ended Failed. ARM's top-level `DeploymentFailed` only says "see details": lead with the cause. */
export function fromFailedDeployment(name: string, error: ArmErrorBody | undefined, correlationId: string | undefined): DeploymentFailure {
  const cause = (error?.code === 'DeploymentFailed' || error?.code === 'InvalidTemplateDeployment') && error.details?.length ? innermost(error.details[0]) : error;
  return new DeploymentFailure({
    code: cause?.code ?? 'DeploymentFailed',
    message: `deployment ${name} failed: ${describe(cause) ?? 'ARM gave no error'}`,
    target: cause?.target,
    correlationId,
    details: error?.details ?? [],
    transient: TRANSIENT_CODES.has(cause?.code ?? ''),
  });
}

function innermost(error: ArmErrorBody): ArmErrorBody {
  return error.details?.length === 1 && error.details[0].code ? innermost(error.details[0]) : error;
}

function describe(body: ArmErrorBody | undefined): string | undefined {
  if (!body?.message && !body?.code) return undefined;
  const details = (body.details ?? []).filter((d) => d.message).map((d) => (d.code ? `${d.code}: ${d.message}` : d.message));
  return `${body.message ?? body.code}${details.length ? ` (${details.join('; ')})` : ''}`;
}

function armBody(value: unknown): ArmErrorBody | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const record = value as { error?: ArmErrorBody; code?: string };
  if (record.error && typeof record.error === 'object') return record.error;
  return typeof record.code === 'string' ? (record as ArmErrorBody) : undefined;
}

function safeJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Retry-After in seconds or as an HTTP date. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds > 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
