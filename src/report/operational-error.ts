/**
 * Errors of the world, not of the program: the endpoint is down, ARM throttles the planning reads, the journal cannot
 * be read or written, another run holds the journal. They get one line saying what happened and what to do; only a
 * bug (anything else) keeps its stack trace.
 */
import { DeploymentFailure } from '../engine/errors.js';

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'REQUEST_SEND_ERROR', 'UND_ERR_SOCKET']);

/** The one line for an operational error, or undefined for a bug. */
export function operationalMessage(error: unknown): string | undefined {
  if (error instanceof DeploymentFailure) {
    const correlation = error.correlationId ? ` (correlation id ${error.correlationId})` : '';
    return `${error.code}: ${error.message}${correlation}. ${hintFor(error)}`;
  }
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'JournalError' || error.name === 'LeaseHeld' || error.name === 'OtherRunInFlight') return error.message;
  // Stopped before the engine could report a canceled rollout of its own (while planning, or taking the lease).
  if (error.name === 'RunCanceled') return `${error.message}; a re-run resumes from the journal.`;
  const code = (error as NodeJS.ErrnoException).code;
  if (code && NETWORK.has(code)) return `${error.message} (${code}). Check that the ARM endpoint is reachable, then re-run; a re-run resumes from the journal.`;
  if (code && /^E[A-Z]+$/.test(code)) return `${error.message}.`;
  return undefined;
}

function hintFor(error: DeploymentFailure): string {
  if (NETWORK.has(error.code) || /ECONNREFUSED|ECONNRESET|socket hang up/i.test(error.message)) {
    return 'ARM could not be reached: check --arm-endpoint and the network, then re-run; a re-run resumes from the journal.';
  }
  if (error.code === 'SubscriptionRequestsThrottled' || error.code === 'TooManyRequests' || /^HTTP429$/.test(error.code)) {
    return 'ARM kept throttling this subscription: wait a few minutes (or lower --requests-per-second), then re-run.';
  }
  if (error.transient) return 'ARM kept failing this request: re-run later; a re-run resumes from the journal.';
  return 'Fix what ARM says, then re-run.';
}
