import { describe, expect, it } from '@jest/globals';
import { DeploymentFailure, RunCanceled } from '../../src/engine/errors.js';
import { JournalError } from '../../src/engine/file-journal.js';
import { operationalMessage } from '../../src/report/operational-error.js';

describe('operational errors are one line with what to do', () => {
  it('an endpoint that is down', () => {
    const down = new DeploymentFailure({ code: 'ECONNREFUSED', message: 'listing deployments of app@eastus: connect ECONNREFUSED 127.0.0.1:1', transient: true });
    expect(operationalMessage(down)).toBe('ECONNREFUSED: listing deployments of app@eastus: connect ECONNREFUSED 127.0.0.1:1. ARM could not be reached: check --arm-endpoint and the network, then re-run; a re-run resumes from the journal.');
  });

  it('429s that outlasted the retries while planning', () => {
    const throttled = new DeploymentFailure({ code: 'SubscriptionRequestsThrottled', message: 'listing deployments of app@eastus: Number of read requests exceeded', correlationId: 'c-1', transient: true });
    expect(operationalMessage(throttled)).toBe('SubscriptionRequestsThrottled: listing deployments of app@eastus: Number of read requests exceeded (correlation id c-1). ARM kept throttling this subscription: wait a few minutes (or lower --requests-per-second), then re-run.');
  });

  it('a journal that cannot be read, a file system error, and not a bug', () => {
    expect(operationalMessage(new JournalError('cannot read the journal j: EACCES (denied); make it readable'))).toBe('cannot read the journal j: EACCES (denied); make it readable');
    expect(operationalMessage(Object.assign(new Error("ENOENT: no such file or directory, open 'ca.pem'"), { code: 'ENOENT' }))).toBe("ENOENT: no such file or directory, open 'ca.pem'.");
    expect(operationalMessage(new TypeError('x is undefined'))).toBeUndefined();
  });

  it('a run stopped by a signal before the rollout could report itself canceled', () => {
    expect(operationalMessage(new RunCanceled('canceled by SIGTERM'))).toBe('canceled by SIGTERM; a re-run resumes from the journal.');
  });
});
