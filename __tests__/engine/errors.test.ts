import { describe, expect, it } from '@jest/globals';
import { DeploymentFailure, errorInfo } from '../../src/engine/errors.js';

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
