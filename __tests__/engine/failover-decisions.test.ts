import { afterEach, describe, expect, it } from '@jest/globals';
import { DeploymentFailure } from '../../src/engine/errors.js';
import { evaluateFailover, failoverStatus, initFailover, switchFailover, type FailoverPorts } from '../../src/engine/failover/controller.js';
import { StateConflict, StateStoreError, type FailoverRecord, type StateStore, type TrafficSwitch, type Versioned } from '../../src/engine/failover/ports.js';
import type { ProbeAnswer } from '../../src/engine/ports.js';
import type { FailoverSpec } from '../../src/spec/failover.js';
import { VirtualClock } from '../../src/time/clock.js';

// The exact sentences and records of each decision: operators read `detail`, the next evaluation reads the record.
const MIN = 60_000;
const T0 = Date.UTC(2026, 5, 1);
const spec: FailoverSpec = {
  targets: [
    { name: 'primary', region: 'eastus', endpoint: 'https://p.example/healthz' },
    { name: 'secondary', region: 'westus', endpoint: 'https://s.example/healthz' },
  ],
  traffic: { component: 'traffic', parameter: 'priorities' },
  health: { url: '{outputs.endpoint}', expect: { status: [200], body: [], bodyMatch: 'all' }, headers: {}, intervalMs: 10_000, timeoutMs: 5_000, waitMs: 0, withinMs: 20_000, healthyForMs: 0 },
  failures: 3,
  cooldownMs: 30 * MIN,
  state: { endpoint: 'https://acct.table.core.windows.net', table: 'failoverstate' },
};
const endpoints = { primary: 'https://p.example/healthz', secondary: 'https://s.example/healthz' };

class MemoryStore implements StateStore {
  readonly location = 'memory/failoverstate';
  version = 1;
  writes: FailoverRecord[] = [];
  /** Per write (1-based), an error to throw instead. */
  failWrite = new Map<number, Error>();
  record: FailoverRecord;
  constructor(record: FailoverRecord) {
    this.record = record;
  }
  async read(): Promise<Versioned> {
    return { record: structuredClone(this.record), etag: String(this.version) };
  }
  async replace(record: FailoverRecord, etag: string): Promise<Versioned> {
    const failure = this.failWrite.get(this.writes.length + 1);
    if (failure) {
      this.failWrite.delete(this.writes.length + 1);
      throw failure;
    }
    if (etag !== String(this.version)) throw new StateConflict();
    this.record = structuredClone(record);
    this.writes.push(this.record);
    return { record, etag: String(++this.version) };
  }
  async create(record: FailoverRecord): Promise<{ created: boolean; current: Versioned }> {
    return { created: true, current: { record, etag: '1' } };
  }
}

let clock: VirtualClock;
afterEach(() => clock?.stop());

function world(record: Partial<FailoverRecord>, healthy: Record<string, boolean>, route?: (change: TrafficSwitch) => Promise<{ detail: string }>) {
  clock = new VirtualClock(T0).start();
  const store = new MemoryStore({ activeTarget: 'primary', failoverCount: 0, lastStatus: 'OK', endpoints, ...record });
  const switches: TrafficSwitch[] = [];
  const ports: FailoverPorts = {
    store,
    clock,
    traffic: { route: route ?? (async (change) => (switches.push(change), { detail: 'priorities deployed' })) },
    prober: {
      probe: async (_check, target): Promise<ProbeAnswer> => {
        const name = Object.entries(store.record.endpoints).find(([, url]) => url === target.outputs.endpoint.value)?.[0] ?? 'unknown';
        const ok = healthy[name] ?? true;
        return { healthy: ok, latencyMs: 1, detail: `GET ${name} -> ${ok ? 200 : 500}` };
      },
    },
  };
  return { store, switches, ports };
}

const signal = new AbortController().signal;
const iso = (ms: number) => new Date(ms).toISOString();

describe('evaluateFailover', () => {
  it('healthy: records OK with the check time and says so', async () => {
    const w = world({}, {});
    const d = await evaluateFailover(spec, w.ports, signal);
    expect(d.detail).toBe('primary is healthy; nothing to do (GET primary -> 200)');
    expect([d.changed, d.reason, d.healthy, d.activeTarget, d.failoverCount, 'lockUntilUtc' in d]).toEqual([false, 'healthy', true, 'primary', 0, false]);
    expect(w.store.writes).toEqual([{ activeTarget: 'primary', failoverCount: 0, lastStatus: 'OK', endpoints, lastCheckUtc: iso(T0), lastDetail: 'primary healthy: GET primary -> 200' }]);
    expect(d.probes).toEqual([{ target: 'primary', answer: { healthy: true, latencyMs: 1, detail: 'GET primary -> 200', at: T0 } }]);
  });

  it('fails over: claims, routes, marks done, with the whole story in one sentence', async () => {
    const w = world({ failoverCount: 4 }, { primary: false });
    const d = await evaluateFailover(spec, w.ports, signal);
    const now = T0 + 20_000;
    const lock = iso(now + 30 * MIN);
    expect(d.detail).toBe(`primary was unhealthy for 3 consecutive probes (GET primary -> 500); traffic moved from primary to secondary (priorities deployed); failover #5, no further switch before ${lock}`);
    expect([d.changed, d.reason, d.healthy, d.activeTarget, d.previousTarget, d.failoverCount, d.lockUntilUtc]).toEqual([true, 'failed_over', false, 'secondary', 'primary', 5, lock]);
    expect(w.switches).toEqual([{ active: 'secondary', priorities: { primary: 2, secondary: 1 } }]);
    expect(w.store.writes).toEqual([
      { activeTarget: 'secondary', failoverCount: 5, lockUntilUtc: lock, lastStatus: 'SWITCHING', lastCheckUtc: iso(now), endpoints, lastDetail: 'primary was unhealthy for 3 consecutive probes (GET primary -> 500); moving traffic from primary to secondary' },
      { activeTarget: 'secondary', failoverCount: 5, lockUntilUtc: lock, lastStatus: 'FAILOVER_DONE', lastCheckUtc: iso(now), endpoints, lastDetail: 'primary was unhealthy for 3 consecutive probes (GET primary -> 500); moving traffic from primary to secondary; priorities deployed' },
    ]);
    expect(d.probes.map((p) => p.target)).toEqual(['primary', 'primary', 'primary', 'secondary']);
  });

  it('says "probe" for a single failure', async () => {
    const w = world({}, { primary: false });
    const d = await evaluateFailover({ ...spec, failures: 1 }, w.ports, signal);
    expect(d.detail.startsWith('primary was unhealthy for 1 consecutive probe (GET primary -> 500); traffic moved')).toBe(true);
  });

  it('holds on cooldown, saying until when and how long is left', async () => {
    const lock = iso(T0 + 45 * MIN);
    const w = world({ lockUntilUtc: lock, failoverCount: 1 }, { primary: false });
    const d = await evaluateFailover(spec, w.ports, signal);
    const detail = `primary is unhealthy (GET primary -> 500), but a switch is on cooldown until ${lock} (44m40s left); nothing switched`;
    expect(d.detail).toBe(detail);
    expect([d.changed, d.reason, d.healthy, d.lockUntilUtc]).toEqual([false, 'cooldown_active', false, lock]);
    expect(w.store.writes).toEqual([{ activeTarget: 'primary', failoverCount: 1, lastStatus: 'UNHEALTHY', endpoints, lockUntilUtc: lock, lastCheckUtc: iso(T0 + 20_000), lastDetail: detail }]);
    expect(w.switches).toEqual([]);
  });

  it('the cooldown is over at its very instant', async () => {
    // The three probes take 20 s: the decision is made exactly at the lock.
    const w = world({ lockUntilUtc: iso(T0 + 20_000) }, { primary: false });
    expect((await evaluateFailover(spec, w.ports, signal)).reason).toBe('failed_over');
  });

  it('stays when no other target answers healthy', async () => {
    const w = world({}, { primary: false, secondary: false });
    const d = await evaluateFailover(spec, w.ports, signal);
    const detail = 'primary is unhealthy (GET primary -> 500) and no other target answered healthy; traffic stays on primary';
    expect(d.detail).toBe(detail);
    expect([d.changed, d.reason, d.healthy]).toEqual([false, 'no_healthy_target', false]);
    expect(w.store.writes).toEqual([{ activeTarget: 'primary', failoverCount: 0, lastStatus: 'UNHEALTHY', endpoints, lastCheckUtc: iso(T0 + 20_000), lastDetail: detail }]);
    // A candidate is asked once (no within window): it must already be healthy.
    expect(d.probes.filter((p) => p.target === 'secondary').length).toBe(1);
  });

  it('a write that loses the race on a healthy check reports the state changed, still healthy', async () => {
    const w = world({}, {});
    w.store.failWrite.set(1, new StateConflict());
    const d = await evaluateFailover(spec, w.ports, signal);
    expect(d).toMatchObject({ changed: false, reason: 'state_changed', healthy: true, detail: 'the state entity changed under this evaluation (another evaluation wrote it first, its ETag no longer matches); this one changed nothing' });
    expect(d.probes).toEqual([]);
  });

  it('a store failure on the healthy write is thrown', async () => {
    const w = world({}, {});
    w.store.failWrite.set(1, new StateStoreError('Throttled', 'table storage said 503'));
    await expect(evaluateFailover(spec, w.ports, signal)).rejects.toThrow('table storage said 503');
  });

  it('traffic that does not move puts the record back as it was, marked FAILOVER_FAILED, with ARM\'s error', async () => {
    const w = world({ failoverCount: 2 }, { primary: false }, async () => {
      throw new DeploymentFailure({ code: 'Conflict', message: 'another deployment is running', correlationId: 'corr-9' });
    });
    const d = await evaluateFailover(spec, w.ports, signal);
    const detail = 'moving traffic to secondary failed: Conflict: another deployment is running (correlation id corr-9)';
    expect(d.detail).toBe(`primary was unhealthy for 3 consecutive probes (GET primary -> 500); ${detail}`);
    expect([d.changed, d.reason, d.healthy, d.activeTarget, d.previousTarget, d.failoverCount, d.error]).toEqual([false, 'traffic_failed', false, 'primary', 'primary', 2, { code: 'Conflict', message: 'another deployment is running', correlationId: 'corr-9' }]);
    expect(w.store.writes.map((r) => [r.activeTarget, r.failoverCount, r.lastStatus, r.lockUntilUtc])).toEqual([
      ['secondary', 3, 'SWITCHING', iso(T0 + 20_000 + 30 * MIN)],
      ['primary', 2, 'FAILOVER_FAILED', undefined],
    ]);
    expect(w.store.record.lastDetail).toBe(detail);
  });

  it('traffic that fails without a correlation id says no correlation id', async () => {
    const w = world({}, { primary: false }, async () => {
      throw new Error('socket hang up');
    });
    const d = await evaluateFailover(spec, w.ports, signal);
    expect(d.detail).toBe('primary was unhealthy for 3 consecutive probes (GET primary -> 500); moving traffic to secondary failed: EngineError: socket hang up');
  });

  it('the mark after traffic moved may fail: the switch still counts, and says the record was not marked', async () => {
    const w = world({}, { primary: false });
    w.store.failWrite.set(2, new StateStoreError('StorageFailed', 'table storage is down'));
    const d = await evaluateFailover(spec, w.ports, signal);
    expect([d.changed, d.reason, d.activeTarget, d.previousTarget, d.record.lastStatus]).toEqual([true, 'failed_over', 'secondary', 'primary', 'SWITCHING']);
    expect(d.detail.endsWith('; the record could not be marked FAILOVER_DONE: table storage is down')).toBe(true);
    expect(w.switches.length).toBe(1);
  });

  it('the mark after traffic moved may lose the race: the switch still counts, and says the entity changed', async () => {
    const w = world({}, { primary: false });
    w.store.failWrite.set(2, new StateConflict());
    const d = await evaluateFailover(spec, w.ports, signal);
    expect([d.changed, d.reason, d.activeTarget]).toEqual([true, 'failed_over', 'secondary']);
    expect(d.detail.endsWith('; the record could not be marked FAILOVER_DONE: the state entity changed after it was read (its ETag no longer matches)')).toBe(true);
  });

  it('any other error on that mark is thrown', async () => {
    const w = world({}, { primary: false });
    w.store.failWrite.set(2, new TypeError('bug'));
    await expect(evaluateFailover(spec, w.ports, signal)).rejects.toThrow('bug');
  });

  it('an unhealthy write that loses the race reports the state changed, unhealthy', async () => {
    const w = world({}, { primary: false, secondary: false });
    w.store.failWrite.set(1, new StateConflict());
    const d = await evaluateFailover(spec, w.ports, signal);
    expect([d.changed, d.reason, d.healthy, d.activeTarget]).toEqual([false, 'state_changed', false, 'primary']);
    expect(w.switches).toEqual([]);
  });

  it('a claim the store fails (not a lost race) is thrown, and moves nothing', async () => {
    const w = world({}, { primary: false });
    w.store.failWrite.set(1, new StateStoreError('StorageFailed', 'table storage is down'));
    await expect(evaluateFailover(spec, w.ports, signal)).rejects.toThrow('table storage is down');
    expect(w.switches).toEqual([]);
  });

  it('a claim that loses the race reports the state changed, unhealthy, and moves nothing', async () => {
    const w = world({}, { primary: false });
    w.store.failWrite.set(1, new StateConflict());
    const d = await evaluateFailover(spec, w.ports, signal);
    expect([d.changed, d.reason, d.healthy, d.activeTarget]).toEqual([false, 'state_changed', false, 'primary']);
    expect(d.probes.length).toBe(4);
    expect(w.switches).toEqual([]);
  });

  it('resumes a switch an earlier run claimed, without probing; if traffic fails again the claim stays', async () => {
    const lock = iso(T0 + 10 * MIN);
    const claimed = { activeTarget: 'secondary', failoverCount: 1, lockUntilUtc: lock, lastStatus: 'SWITCHING' as const };
    const w = world(claimed, {});
    const d = await evaluateFailover(spec, w.ports, signal);
    expect(d.detail).toBe(`an earlier evaluation claimed this switch and stopped before traffic moved; traffic moved to secondary (priorities deployed); failover #1, no further switch before ${lock}`);
    expect([d.changed, d.reason, 'healthy' in d, 'previousTarget' in d, d.probes]).toEqual([true, 'resumed_switch', false, false, []]);
    expect(w.store.writes).toEqual([{ ...claimed, endpoints, lastStatus: 'FAILOVER_DONE', lastDetail: 'an earlier evaluation claimed this switch and stopped before traffic moved; priorities deployed' }]);

    const again = world(claimed, {}, async () => {
      throw new Error('still down');
    });
    const failed = await evaluateFailover(spec, again.ports, signal);
    expect([failed.reason, failed.changed, failed.record.lastStatus, 'previousTarget' in failed]).toEqual(['traffic_failed', false, 'SWITCHING', false]);
    expect(again.store.writes).toEqual([]);
  });

  it('refuses a record whose active target is not in the spec', async () => {
    const w = world({ activeTarget: 'gone' }, {});
    await expect(evaluateFailover(spec, w.ports, signal)).rejects.toThrow(
      'the state entity at memory/failoverstate names active_target "gone", which is not a target of the spec (primary, secondary); fix the entity or the spec. Nothing was changed.',
    );
    await expect(failoverStatus(spec, w.store, signal)).rejects.toThrow('names active_target "gone"');
  });
});

describe('switchFailover', () => {
  it('refuses an unknown target, naming the targets', async () => {
    const w = world({}, {});
    await expect(switchFailover(spec, w.ports, { to: 'nowhere' }, signal)).rejects.toThrow('there is no failover target "nowhere"; the targets are primary, secondary');
    // Its own kind of error: the faces answer it as bad input, and errorInfo names it by that kind.
    await expect(switchFailover(spec, w.ports, { to: 'nowhere' }, signal)).rejects.toMatchObject({ name: 'FailoverInputError' });
  });

  it('a manual switch whose claim loses the race says the state changed, and nothing of health (it probed nothing)', async () => {
    const w = world({}, {});
    w.store.failWrite.set(1, new StateConflict());
    const d = await switchFailover(spec, w.ports, { to: 'secondary' }, signal);
    expect([d.changed, d.reason, d.activeTarget, 'healthy' in d]).toEqual([false, 'state_changed', 'primary', false]);
    expect(w.switches).toEqual([]);
  });

  it('does nothing for the active target', async () => {
    const w = world({}, {});
    const d = await switchFailover(spec, w.ports, { to: 'primary' }, signal);
    expect([d.changed, d.reason, d.detail]).toEqual([false, 'already_active', 'primary is already the active target; nothing changed']);
    expect(w.store.writes).toEqual([]);
  });

  it('honours the cooldown unless forced, and keeps the last check time (it probed nothing)', async () => {
    const lock = iso(T0 + 90_000);
    const w = world({ lockUntilUtc: lock, lastCheckUtc: 'earlier' }, {});
    const held = await switchFailover(spec, w.ports, {}, signal);
    expect([held.changed, held.reason, held.detail]).toEqual([false, 'cooldown_active', `a switch is on cooldown until ${lock} (1m30s left); nothing changed (--force switches anyway)`]);
    const forced = await switchFailover(spec, w.ports, { force: true }, signal);
    expect(forced.detail).toBe(`switch to secondary requested (forced); traffic moved from primary to secondary (priorities deployed); failover #1, no further switch before ${iso(T0 + 30 * MIN)}`);
    expect([forced.changed, forced.reason, 'healthy' in forced]).toEqual([true, 'manual_switch', false]);
    expect(w.store.writes.map((r) => r.lastCheckUtc)).toEqual(['earlier', 'earlier']);
  });

  it('switches at the very end of the cooldown, and toggles back from the last target', async () => {
    const w = world({ activeTarget: 'secondary', lockUntilUtc: iso(T0) }, {});
    const d = await switchFailover(spec, w.ports, {}, signal);
    expect(d.detail.startsWith('switch to primary requested; traffic moved from secondary to primary')).toBe(true);
  });
});

describe('initFailover', () => {
  it('creates the record on the first target with every endpoint', async () => {
    const w = world({}, {});
    expect(await initFailover(spec, w.store, signal)).toEqual({ created: true, record: { activeTarget: 'primary', failoverCount: 0, lastStatus: 'OK', endpoints, lastDetail: 'created by failover init' } });
  });
});

describe('the state store errors', () => {
  it('StateStoreError keeps its code, status, request id and cause, and has no cause when given none', () => {
    const cause = new Error('503 from table storage');
    const error = new StateStoreError('Throttled', 'table storage is busy', { status: 503, requestId: 'req-1', cause });
    expect([error.name, error.code, error.message, error.status, error.requestId, error.cause]).toEqual(['StateStoreError', 'Throttled', 'table storage is busy', 503, 'req-1', cause]);
    expect('cause' in new StateStoreError('StorageFailed', 'down')).toBe(false);
  });

  it('StateConflict is named for what it is', () => {
    expect([new StateConflict().name, new StateConflict('mine').message]).toEqual(['StateConflict', 'mine']);
  });
});
