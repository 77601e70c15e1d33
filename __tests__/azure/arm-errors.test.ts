// How every ARM failure becomes the DeploymentFailure users read (src/azure/arm-errors.ts): which of ARM's error shapes
// is found where (parsed body, raw text, the SDK's details), what the message leads with, the correlation id and
// Retry-After from the headers, and which failures are transient. The SDK errors are the SDK's own RestError.
import { describe, expect, it } from '@jest/globals';
import { createHttpHeaders, createPipelineRequest, RestError, type PipelineResponse } from '@azure/core-rest-pipeline';
import { fromFailedDeployment, fromSdkError, retryAfterMs } from '../../src/azure/arm-errors.js';
import { DeploymentFailure } from '../../src/engine/errors.js';

const request = createPipelineRequest({ url: 'https://management.azure.com/subscriptions/s/resourcegroups/rg?api-version=2025-04-01' });
function restError(status: number | undefined, options: { body?: unknown; text?: string; headers?: Record<string, string>; code?: string; message?: string } = {}): RestError {
  const response: PipelineResponse | undefined =
    status === undefined ? undefined : { request, status, headers: createHttpHeaders(options.headers ?? {}), bodyAsText: options.text ?? (options.body === undefined ? undefined : JSON.stringify(options.body)) };
  const error = new RestError(options.message ?? `status ${status}`, { statusCode: status, code: options.code, request, response });
  if (options.body !== undefined && response) (error.response as { parsedBody?: unknown }).parsedBody = options.body;
  return error;
}
const plain = (f: DeploymentFailure) => ({ code: f.code, message: f.message, target: f.target, correlationId: f.correlationId, details: f.details, transient: f.transient, retryAfterMs: f.retryAfterMs });

describe('fromSdkError', () => {
  it('takes code, message, target and details from the parsed body, and the correlation id and Retry-After from the headers', () => {
    const error = restError(409, {
      body: { error: { code: 'ScopeLocked', message: 'The scope is locked.', target: 'rg', details: [{ code: 'Lock', message: 'lock1 is read-only' }, { code: 'Silent' }] } },
      headers: { 'x-ms-correlation-request-id': 'corr-1', 'retry-after': '7' },
    });
    const failure = fromSdkError(error, 'deploying x');
    expect(plain(failure)).toEqual({
      code: 'ScopeLocked',
      message: 'deploying x: The scope is locked. (Lock: lock1 is read-only)',
      target: 'rg',
      correlationId: 'corr-1',
      details: [{ code: 'Lock', message: 'lock1 is read-only' }, { code: 'Silent' }],
      transient: false,
      retryAfterMs: 7_000,
    });
    expect(failure.cause).toBe(error);
  });

  it('reads the raw body text when nothing was parsed, and a bare {code, message} body too', () => {
    const failure = fromSdkError(restError(400, { text: JSON.stringify({ code: 'BadThing', message: 'It is bad.' }) }), 'w');
    expect([failure.code, failure.message]).toEqual(['BadThing', 'w: It is bad.']);
  });

  it('falls back to the SDK\'s details, then its code and message, when the body is no ARM error', () => {
    const fromDetails = restError(400, { text: 'not json' });
    (fromDetails as { details?: unknown }).details = { error: { code: 'FromDetails', message: 'said by details' } };
    expect([fromSdkError(fromDetails, 'w').code, fromSdkError(fromDetails, 'w').message]).toEqual(['FromDetails', 'w: said by details']);
    const bare = restError(400, { text: '<html>oops</html>', code: 'SdkCode', message: 'the SDK says' });
    expect([fromSdkError(bare, 'w').code, fromSdkError(bare, 'w').message]).toEqual(['SdkCode', 'w: the SDK says']);
    const empty = restError(400, { body: { error: 'a string' }, message: 'no code at all' });
    expect([fromSdkError(empty, 'w').code, fromSdkError(empty, 'w').message, fromSdkError(empty, 'w').transient]).toEqual(['HTTP400', 'w: no code at all', false]);
  });

  it('a string `error` (as OAuth answers) is no ARM error: the top-level code and message are read instead', () => {
    const oauth = restError(401, { body: { error: 'invalid_token', code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } });
    expect([fromSdkError(oauth, 'w').code, fromSdkError(oauth, 'w').message]).toEqual(['InvalidAuthenticationToken', 'w: The access token is invalid.']);
  });

  it('a parsed body that is no ARM error does not hide the ARM error in the raw text', () => {
    const error = restError(409, { text: JSON.stringify({ error: { code: 'FromText', message: 'said by the text' } }) });
    (error.response as { parsedBody?: unknown }).parsedBody = { unrelated: true };
    expect([fromSdkError(error, 'w').code, fromSdkError(error, 'w').message]).toEqual(['FromText', 'w: said by the text']);
  });

  it('a body with a code and no message says the code', () => {
    expect(fromSdkError(restError(400, { body: { error: { code: 'OnlyCode' } } }), 'w').message).toBe('w: OnlyCode');
  });

  it('names a failure without status or code RequestFailed, and a non-error by its string', () => {
    expect(plain(fromSdkError('boom', 'w'))).toEqual({ code: 'RequestFailed', message: 'w: boom', target: undefined, correlationId: undefined, details: [], transient: false, retryAfterMs: undefined });
  });

  it('is transient on 429, on 500 and above, on ARM\'s transient codes and on network errors; not on 499 or other codes', () => {
    const transient = (e: unknown): boolean => fromSdkError(e, 'w').transient;
    expect(transient(restError(429))).toBe(true);
    expect(transient(restError(500))).toBe(true);
    expect(transient(restError(503))).toBe(true);
    expect(transient(restError(499))).toBe(false);
    expect(transient(restError(400))).toBe(false);
    for (const code of ['DeploymentActive', 'SubscriptionRequestsThrottled', 'TooManyRequests', 'ServiceUnavailable', 'InternalServerError', 'GatewayTimeout', 'Conflict']) {
      expect([code, transient(restError(409, { body: { error: { code, message: 'm' } } }))]).toEqual([code, true]);
    }
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'REQUEST_SEND_ERROR']) {
      expect([code, transient(restError(undefined, { code, message: 'm' }))]).toEqual([code, true]);
    }
    expect(transient(restError(undefined, { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND' }))).toBe(false);
    expect(transient(restError(undefined, { message: 'socket hang up' }))).toBe(true);
    expect(transient(restError(undefined, { message: 'read ECONNRESET' }))).toBe(true);
    expect(transient(restError(undefined, { message: 'connect ECONNREFUSED 127.0.0.1:1' }))).toBe(true);
    // With a status the words of the message do not count.
    expect(transient(restError(400, { message: 'socket hang up' }))).toBe(false);
    // A network error's code is its code.
    expect(fromSdkError(restError(undefined, { code: 'ECONNRESET', message: 'read ECONNRESET' }), 'w').code).toBe('ECONNRESET');
  });

  it('passes a DeploymentFailure through as it is, and rethrows an abort', () => {
    const failure = new DeploymentFailure({ code: 'Mine', message: 'mine' });
    expect(fromSdkError(failure, 'w')).toBe(failure);
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(() => fromSdkError(abort, 'w')).toThrow(abort);
  });
});

describe('fromFailedDeployment', () => {
  it('leads with the innermost single cause of DeploymentFailed, keeping all details', () => {
    const inner = { code: 'Conflict', message: 'The app is busy.', target: 'site' };
    const error = { code: 'DeploymentFailed', message: 'At least one resource deployment operation failed.', details: [{ code: 'BadRequest', message: 'wrapper', details: [inner] }] };
    const failure = fromFailedDeployment('app-1', error, 'corr-2');
    expect(plain(failure)).toEqual({ code: 'Conflict', message: 'deployment app-1 failed: The app is busy.', target: 'site', correlationId: 'corr-2', details: error.details, transient: true, retryAfterMs: undefined });
  });

  it('stops at a level with several details, and lists those that have a message', () => {
    const error = { code: 'InvalidTemplateDeployment', message: 'see details', details: [{ code: 'Outer', message: 'two causes', details: [{ code: 'A', message: 'a' }, { code: 'B', message: 'b' }] }] };
    const failure = fromFailedDeployment('n', error, undefined);
    expect([failure.code, failure.message, failure.transient]).toEqual(['Outer', 'deployment n failed: two causes (A: a; B: b)', false]);
  });

  it('does not descend into a single detail without a code, and lists such a detail by its message alone', () => {
    const error = { code: 'DeploymentFailed', message: 'see details', details: [{ code: 'Outer', message: 'outer', details: [{ message: 'no code' }] }] };
    expect(fromFailedDeployment('n', error, undefined).message).toBe('deployment n failed: outer (no code)');
  });

  it('keeps an error that is neither DeploymentFailed nor InvalidTemplateDeployment, and DeploymentFailed without details', () => {
    const other = { code: 'ResourceQuotaExceeded', message: 'Quota.', details: [{ code: 'Inner', message: 'i' }] };
    expect([fromFailedDeployment('n', other, undefined).code, fromFailedDeployment('n', other, undefined).message]).toEqual(['ResourceQuotaExceeded', 'deployment n failed: Quota. (Inner: i)']);
    const bare = { code: 'DeploymentFailed', message: 'At least one failed.', details: [] };
    expect([fromFailedDeployment('n', bare, undefined).code, fromFailedDeployment('n', bare, undefined).message]).toEqual(['DeploymentFailed', 'deployment n failed: At least one failed.']);
  });

  it('says so when ARM gave no error', () => {
    expect(plain(fromFailedDeployment('n', undefined, 'c'))).toEqual({ code: 'DeploymentFailed', message: 'deployment n failed: ARM gave no error', target: undefined, correlationId: 'c', details: [], transient: false, retryAfterMs: undefined });
    expect(fromFailedDeployment('n', {}, undefined).message).toBe('deployment n failed: ARM gave no error');
  });
});

describe('retryAfterMs', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  it('reads seconds, fractions included, and ignores zero, negatives and nothing', () => {
    expect(retryAfterMs('7')).toBe(7_000);
    expect(retryAfterMs('1.5')).toBe(1_500);
    expect(retryAfterMs('0')).toBeUndefined();
    expect(retryAfterMs('-3')).toBeUndefined();
    expect(retryAfterMs('')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
  it('reads an HTTP date as the time left until it, never below 0, and ignores what is neither', () => {
    expect(retryAfterMs('Thu, 01 Jan 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 11:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});
