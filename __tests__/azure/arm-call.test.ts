// One ARM request and its retries (src/azure/arm-call.ts) against the local endpoint over HTTPS with the real SDK, on a
// virtual clock: which failures are retried, how long each retry waits (backoff 1 s doubling to a 30 s cap, jittered
// down to half, never below ARM's Retry-After), when retryForMs gives up, and what the log and the failure say.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ResourceManagementClient } from '@azure/arm-resources';
import { startArmSim, trustSimCa, type ArmSim, type FaultRule } from '../../sim/index.js';
import { armCall, type ArmCallContext } from '../../src/azure/arm-call.js';
import { installArmPolicies } from '../../src/azure/pipeline.js';
import { RequestBudget } from '../../src/azure/request-budget.js';
import { DeploymentFailure } from '../../src/engine/errors.js';
import { VirtualClock } from '../../src/time/clock.js';

const SUB = '00000000-0000-0000-0000-0000000000c1';
const CORRELATION = '5a5a5a5a-0000-4000-8000-00000000c0de';
const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };

let clock: VirtualClock;
let sim: ArmSim;
let client: ResourceManagementClient;
let lines: string[];
let random: ReturnType<typeof jest.spyOn>;

beforeAll(async () => {
  clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
  sim = await startArmSim({ clock, throttleScale: Infinity });
  trustSimCa(sim.ca);
  client = new ResourceManagementClient(credential, SUB, { endpoint: sim.endpoint, retryOptions: { maxRetries: 0 } });
  installArmPolicies(client.pipeline, { credential, correlationId: CORRELATION, requestTimeoutMs: 60_000 });
  await client.resourceGroups.createOrUpdate('rg-call', { location: 'eastus' });
});
afterAll(async () => {
  await sim.stop();
  clock.stop();
});
beforeEach(() => {
  lines = [];
  sim.requests.length = 0;
  // The jitter's top: every backoff is its full 1 s, 2 s, 4 s ... (Math.random is the platform's, not ours).
  random = jest.spyOn(Math, 'random').mockReturnValue(0.999999999);
});
afterEach(() => {
  random.mockRestore();
  sim.faults.clear();
});

const ctx = (retryForMs = 600_000): ArmCallContext => ({ clock, log: (l) => lines.push(l), retryForMs });
const budget = (): RequestBudget => new RequestBudget(clock, 1_000, 1_000);
const getGroup = (retryForMs?: number, extra: { recover?: (f: DeploymentFailure) => Promise<string | undefined>; signal?: AbortSignal } = {}) =>
  armCall(ctx(retryForMs), {
    what: 'reading rg-call',
    budget: budget(),
    signal: extra.signal ?? new AbortController().signal,
    send: async () => (await client.resourceGroups.get('rg-call')).name!,
    recover: extra.recover,
  });
const fault = (rule: FaultRule): void => void sim.faults.add(rule);
const waits = (): number[] => lines.map((l) => Number(/ in ([\d.]+) s /.exec(l)?.[1]));

const SERVER_ERROR = 'InternalServerError: reading rg-call: Encountered internal server error. Diagnostic information: injected by the local ARM simulator.';

describe('armCall', () => {
  it('retries a 500 after 1 s, then 2 s, with one line each that names the code, message and correlation id', async () => {
    fault({ kind: 'serverError', path: '/resourcegroups/rg-call', times: 2 });
    const started = clock.now();
    await expect(getGroup()).resolves.toBe('rg-call');
    expect(lines).toEqual([
      `retrying reading rg-call in 1.0 s (attempt 2): ${SERVER_ERROR} (correlation id ${CORRELATION})`,
      `retrying reading rg-call in 2.0 s (attempt 3): ${SERVER_ERROR} (correlation id ${CORRELATION})`,
    ]);
    expect(clock.now() - started).toBe(3_000);
    expect(sim.requests.map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('doubles the backoff up to 30 s and stays there', async () => {
    fault({ kind: 'serverError', path: '/resourcegroups/rg-call', times: 8 });
    await expect(getGroup()).resolves.toBe('rg-call');
    expect(waits()).toEqual([1, 2, 4, 8, 16, 30, 30, 30]);
  });

  it('jitters each backoff down to no less than half of it', async () => {
    random.mockReturnValue(0);
    fault({ kind: 'serverError', path: '/resourcegroups/rg-call', times: 7 });
    const started = clock.now();
    await expect(getGroup()).resolves.toBe('rg-call');
    expect(waits()).toEqual([0.5, 1, 2, 4, 8, 15, 15]);
    expect(clock.now() - started).toBe(45_500);
  });

  it('waits ARM\'s Retry-After when it is longer than the backoff, and the backoff when that is longer', async () => {
    fault({ kind: 'throttle', path: '/resourcegroups/rg-call', retryAfterSeconds: 3, times: 4 });
    await expect(getGroup()).resolves.toBe('rg-call');
    // Backoff 1, 2, 4, 8 against a Retry-After of 3.
    expect(waits()).toEqual([3, 3, 4, 8]);
    expect(lines[0]).toBe(
      `retrying reading rg-call in 3.0 s (attempt 2): SubscriptionRequestsThrottled: reading rg-call: Number of 'read' requests for subscription '${SUB}' actor '${CORRELATION}' exceeded. Please try again after '3' seconds after the last request. (correlation id ${CORRELATION})`,
    );
  });

  it('gives up once the next wait would end past retryForMs, and says after how many attempts in how long', async () => {
    fault({ kind: 'serverError', path: '/resourcegroups/rg-call', times: 10 });
    // Waits 1 s then 2 s end exactly at 3 s: allowed. The third (4 s) would end at 7 s.
    const failure = (await getGroup(3_000).catch((e: unknown) => e)) as DeploymentFailure;
    expect(failure).toBeInstanceOf(DeploymentFailure);
    expect(failure.message).toBe(`reading rg-call: Encountered internal server error. Diagnostic information: injected by the local ARM simulator. (still failing after 3 attempts in 3 s)`);
    expect(failure.code).toBe('InternalServerError');
    expect(failure.correlationId).toBe(CORRELATION);
    expect(failure.transient).toBe(true);
    expect((failure.cause as DeploymentFailure).message).toBe('reading rg-call: Encountered internal server error. Diagnostic information: injected by the local ARM simulator.');
    expect(lines).toHaveLength(2);
  });

  it('one millisecond less of retryForMs is one attempt less', async () => {
    fault({ kind: 'serverError', path: '/resourcegroups/rg-call', times: 10 });
    const failure = (await getGroup(2_999).catch((e: unknown) => e)) as DeploymentFailure;
    expect(failure.message).toBe(`reading rg-call: Encountered internal server error. Diagnostic information: injected by the local ARM simulator. (still failing after 2 attempts in 1 s)`);
    expect(sim.requests).toHaveLength(2);
  });

  it('keeps the Retry-After, target and details of the last failure when it gives up', async () => {
    fault({ kind: 'throttle', path: '/resourcegroups/rg-call', retryAfterSeconds: 20, times: 5 });
    const failure = (await getGroup(10_000).catch((e: unknown) => e)) as DeploymentFailure;
    expect(failure.code).toBe('SubscriptionRequestsThrottled');
    expect(failure.retryAfterMs).toBe(20_000);
    expect(failure.details).toEqual([]);
    expect(failure.message).toBe(`reading rg-call: Number of 'read' requests for subscription '${SUB}' actor '${CORRELATION}' exceeded. Please try again after '20' seconds after the last request. (still failing after 1 attempts in 0 s)`);
    expect(lines).toEqual([]);
  });

  it('does not retry a failure that is not transient: ARM\'s code, message and correlation id, once', async () => {
    const failure = (await armCall(ctx(), { what: 'reading rg-none', budget: budget(), signal: new AbortController().signal, send: () => client.resourceGroups.get('rg-none') }).catch((e: unknown) => e)) as DeploymentFailure;
    expect(failure).toBeInstanceOf(DeploymentFailure);
    expect(failure.message).toBe("reading rg-none: Resource group 'rg-none' could not be found.");
    expect(failure.code).toBe('ResourceGroupNotFound');
    expect(failure.correlationId).toBe(CORRELATION);
    expect(failure.transient).toBe(false);
    expect(sim.requests.map((r) => r.status)).toEqual([404]);
    expect(lines).toEqual([]);
  });

  it('retries a reset connection as transient', async () => {
    fault({ kind: 'requestReset', path: '/resourcegroups/rg-call', times: 1 });
    await expect(getGroup()).resolves.toBe('rg-call');
    // No answer, so no correlation id from ARM: the line ends with the cause, nothing after it.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^retrying reading rg-call in 1\.0 s \(attempt 2\): ECONNRESET: reading rg-call: (read ECONNRESET|socket hang up)$/);
  });

  it('stops at the value recover returns, and sends again when it returns undefined', async () => {
    fault({ kind: 'serverError', path: '/resourcegroups/rg-call', times: 2 });
    const seen: string[] = [];
    const recovered = await getGroup(undefined, { recover: async (f) => (seen.push(f.code), seen.length === 2 ? 'recovered' : undefined) });
    expect(recovered).toBe('recovered');
    expect(seen).toEqual(['InternalServerError', 'InternalServerError']);
    expect(sim.requests).toHaveLength(2);
    expect(lines).toHaveLength(1);
  });

  it('an abort while it waits to retry ends the call with the abort\'s reason, not a failure', async () => {
    fault({ kind: 'serverError', path: '/resourcegroups/rg-call', times: 5 });
    const stop = new AbortController();
    const reason = new Error('the run was stopped');
    const call = getGroup(undefined, { signal: stop.signal }).catch((e: unknown) => e);
    while (lines.length === 0) await new Promise((resolve) => setImmediate(resolve));
    stop.abort(reason);
    expect(await call).toBe(reason);
    expect(sim.requests).toHaveLength(1);
  });

  it('an abort during the request itself ends the call with the abort\'s reason', async () => {
    const stop = new AbortController();
    const reason = new Error('stopped mid-request');
    const call = armCall(ctx(), {
      what: 'reading rg-call',
      budget: budget(),
      signal: stop.signal,
      send: async () => {
        stop.abort(reason);
        throw new Error('the request was aborted');
      },
    }).catch((e: unknown) => e);
    expect(await call).toBe(reason);
  });
});
