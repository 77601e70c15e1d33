import { describe, expect, it } from '@jest/globals';
import { Redactor } from '../../src/engine/redactor.js';
import { withTokenRedaction } from '../../src/engine/token-redaction.js';

describe('withTokenRedaction', () => {
  it('adds every token the credential hands out to the redactor, and passes the scopes and options through', async () => {
    const calls: unknown[][] = [];
    let n = 0;
    const credential = {
      getToken: async (scopes: string | string[], options?: { tenantId?: string }) => {
        calls.push([scopes, options]);
        n++;
        return { token: `eyJ-secret-token-${n}`, expiresOnTimestamp: 1_000 * n };
      },
    };
    const redactor = new Redactor();
    const wrapped = withTokenRedaction(credential, redactor);
    const first = await wrapped.getToken('https://management.azure.com/.default', { tenantId: 't1' });
    const second = await wrapped.getToken(['a', 'b']);
    expect(first).toEqual({ token: 'eyJ-secret-token-1', expiresOnTimestamp: 1_000 });
    expect(second?.token).toBe('eyJ-secret-token-2');
    expect(calls).toEqual([['https://management.azure.com/.default', { tenantId: 't1' }], [['a', 'b'], undefined]]);
    expect(redactor.redact('Bearer eyJ-secret-token-1 then eyJ-secret-token-2, url eyJ-secret-token-1')).toBe('Bearer *** then ***, url ***');
  });

  it('passes a credential that has no token (null) through without adding anything', async () => {
    const redactor = new Redactor();
    const wrapped = withTokenRedaction({ getToken: async () => null }, redactor);
    expect(await wrapped.getToken()).toBeNull();
    expect(redactor.redact('null undefined text')).toBe('null undefined text');
  });
});
