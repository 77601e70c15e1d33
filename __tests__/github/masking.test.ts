import { afterAll, describe, expect, it } from '@jest/globals';
import { actionRedactor, redact } from '../../src/github/masking.js';
import { redactor } from '../../src/report/redact-stdio.js';
import { actionHarness, commands } from '../helpers/in-process-action.js';

const harness = actionHarness();
afterAll(() => harness.cleanup());

describe('the action redactor', () => {
  it('is the process redactor, masking with the runner every form of a secret known before it was asked for', async () => {
    redactor.add('known-before');
    const run = await harness.run({}, () => {
      expect(actionRedactor()).toBe(redactor);
    });
    expect(commands(run.stdout, 'add-mask')).toEqual(['::add-mask::known-before']);
  });

  it('masks later secrets once each, however often it is asked for', async () => {
    const run = await harness.run({}, () => {
      actionRedactor();
      actionRedactor().add('pass/w0rd');
      actionRedactor();
    });
    expect(commands(run.stdout, 'add-mask')).toEqual(['::add-mask::pass/w0rd', '::add-mask::pass%252Fw0rd']);
  });

  it('redact replaces every known secret and leaves other text alone', () => {
    expect(redact('known-before, pass/w0rd and pass%2Fw0rd; nothing else')).toBe('***, *** and ***; nothing else');
    expect(redact('plain')).toBe('plain');
  });
});
