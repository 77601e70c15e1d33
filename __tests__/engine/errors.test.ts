import { describe, expect, it } from '@jest/globals';
import { DeploymentFailure, errorInfo, isAbort } from '../../src/engine/errors.js';

const abortError = (): Error => Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });

describe('DeploymentFailure', () => {
  it('is permanent with no details unless told, and keeps its cause only when given one', () => {
    const plain = new DeploymentFailure({ code: 'InvalidTemplate', message: 'bad' });
    expect([plain.name, plain.code, plain.message, plain.transient, plain.details, plain.target, plain.correlationId, plain.retryAfterMs, 'cause' in plain]).toEqual([
      'DeploymentFailure',
      'InvalidTemplate',
      'bad',
      false,
      [],
      undefined,
      undefined,
      undefined,
      false,
    ]);
    const cause = new Error('socket hang up');
    const full = new DeploymentFailure({ code: 'Conflict', message: 'busy', transient: true, retryAfterMs: 3000, details: [{ code: 'x' }], cause });
    expect([full.transient, full.retryAfterMs, full.details, full.cause]).toEqual([true, 3000, [{ code: 'x' }], cause]);
  });
});

describe('errorInfo', () => {
  it('keeps an ARM failure\'s code and message, and its correlation id and target only when present', () => {
    expect(errorInfo(new DeploymentFailure({ code: 'InvalidTemplate', message: 'no' }))).toEqual({ code: 'InvalidTemplate', message: 'no' });
    expect(errorInfo(new DeploymentFailure({ code: 'C', message: 'm', correlationId: 'corr', target: '' }))).toEqual({ code: 'C', message: 'm', correlationId: 'corr' });
    expect(errorInfo(new DeploymentFailure({ code: 'C', message: 'm', target: 'app' }))).toEqual({ code: 'C', message: 'm', target: 'app' });
  });

  it('codes a plain Error as EngineError, a named one by its name, and anything else by its string', () => {
    expect(errorInfo(new Error('boom'))).toEqual({ code: 'EngineError', message: 'boom' });
    expect(errorInfo(new TypeError('x is undefined'))).toEqual({ code: 'TypeError', message: 'x is undefined' });
    expect(errorInfo('just a string')).toEqual({ code: 'EngineError', message: 'just a string' });
    expect(errorInfo(42)).toEqual({ code: 'EngineError', message: '42' });
  });
});

describe('isAbort', () => {
  it('is the signal\'s own reason, or an AbortError, once the signal is aborted', () => {
    const controller = new AbortController();
    const reason = new Error('canceled by the user');
    controller.abort(reason);
    expect(isAbort(reason, controller.signal)).toBe(true);
    expect(isAbort(abortError(), controller.signal)).toBe(true);
    expect(isAbort(new Error('other'), controller.signal)).toBe(false);
  });

  it('is never an abort while the signal is not aborted, or without a signal', () => {
    const live = new AbortController().signal;
    expect(isAbort(abortError(), live)).toBe(false);
    expect(isAbort(abortError())).toBe(false);
    expect(isAbort(undefined, live)).toBe(false);
  });

  it('a non-Error reason counts when it is the signal\'s reason', () => {
    const controller = new AbortController();
    controller.abort('stop');
    expect(isAbort('stop', controller.signal)).toBe(true);
    expect(isAbort('other', controller.signal)).toBe(false);
  });
});
