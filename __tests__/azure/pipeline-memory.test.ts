// A rollout makes tens of thousands of ARM requests: none may stay in memory once answered. The request timeout once
// combined the caller's signal with AbortSignal.any, which Node keeps alive while a listener is on it, and the SDK's
// HTTP client takes its listener off whatever request.abortSignal is after the body is read (the caller's again).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { ResourceManagementClient } from '@azure/arm-resources';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startArmSim, trustSimCa, type ArmSim } from '../../sim/index.js';
import { installArmPolicies } from '../../src/azure/pipeline.js';
import { SystemClock } from '../../src/time/clock.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let sim: ArmSim;
beforeAll(async () => {
  sim = await startArmSim({ clock: new SystemClock() });
  trustSimCa(sim.ca);
});
afterAll(() => sim.stop());

describe('ARM pipeline', () => {
  it('lets every answered request, and the signal its HTTP client listened on, be collected', async () => {
    const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const client = new ResourceManagementClient(credential, '00000000-0000-0000-0000-000000000001', { endpoint: sim.endpoint, retryOptions: { maxRetries: 0 } });
    installArmPolicies(client.pipeline, { credential, correlationId: 'c', requestTimeoutMs: 60_000 });
    // What the SDK's HTTP client sees: the signal it puts its abort listener on.
    const seen: WeakRef<AbortSignal>[] = [];
    const spy: PipelinePolicy = { name: 'spy', sendRequest: (request, next) => (seen.push(new WeakRef(request.abortSignal as AbortSignal)), next(request)) };
    client.pipeline.addPolicy(spy, { afterPolicies: ['stagedRolloutTimeoutPolicy'] });
    const rollout = new AbortController();
    for (let i = 0; i < 20; i++) {
      for await (const page of client.resourceGroups.list({ abortSignal: rollout.signal }).byPage()) expect(page).toEqual([]);
    }
    expect(seen).toHaveLength(20);
    // The SDK's clean-up runs once the body stream is closed, a few turns after the answer.
    await new Promise((resolve) => setTimeout(resolve, 50));
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(seen.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
    expect(rollout.signal.aborted).toBe(false);
  });
});
