import { describe, expect, it } from '@jest/globals';
import type { Deployer } from '../../src/engine/ports.js';
import { Redactor, watchSecureOutputs } from '../../src/engine/redactor.js';

// Every face wraps its deployer in watchSecureOutputs. An optional ability the wrapper forgets is silently off in the
// CLI and the action while the engine's own tests (which use the bare deployer) stay green: preflight was lost so.
describe('watchSecureOutputs', () => {
  const calls: string[] = [];
  const full: Required<Deployer> = {
    deploy: async () => ({ deploymentName: 'd', state: 'Succeeded', outputs: { key: { type: 'securestring', value: 'deploy-secret' } } }) as never,
    lastSuccessful: async () => undefined,
    rollback: async () => ({ deploymentName: 'rb', state: 'Succeeded', outputs: { key: { type: 'secureString', value: 'rollback-secret' } } }) as never,
    preflight: async () => {
      calls.push('preflight');
      return 'validated';
    },
    remove: async () => {
      calls.push('remove');
    },
    activeDeployments: async () => {
      calls.push('activeDeployments');
      return [];
    },
  };

  it('keeps every optional ability of the deployer it wraps, and calls through to it', async () => {
    const watched = watchSecureOutputs(full, new Redactor());
    const optional = Object.keys(full).filter((k) => !['deploy', 'lastSuccessful', 'rollback'].includes(k));
    expect(optional.sort()).toEqual(['activeDeployments', 'preflight', 'remove']);
    for (const key of optional) expect(typeof (watched as unknown as Record<string, unknown>)[key]).toBe('function');
    const signal = new AbortController().signal;
    expect(await watched.preflight!({} as never, signal)).toBe('validated');
    await watched.remove!({} as never, signal);
    expect(await watched.activeDeployments!([], signal)).toEqual([]);
    expect(calls).toEqual(['preflight', 'remove', 'activeDeployments']);
  });

  it('adds the secure outputs of deployments and rollbacks to the redactor', async () => {
    const redactor = new Redactor();
    const watched = watchSecureOutputs(full, redactor);
    const signal = new AbortController().signal;
    await watched.deploy({} as never, signal);
    await watched.rollback({} as never, {} as never, signal);
    expect(redactor.redact('deploy-secret and rollback-secret')).toBe('*** and ***');
  });

  it('adds nothing the deployer does not have', () => {
    const bare: Deployer = { deploy: full.deploy, lastSuccessful: full.lastSuccessful, rollback: full.rollback };
    const watched = watchSecureOutputs(bare, new Redactor());
    expect(Object.keys(watched).sort()).toEqual(['deploy', 'lastSuccessful', 'rollback']);
  });
});
