import { evaluateFailover, priorities, switchFailover, type FailoverPorts } from '../../src/engine/failover/controller.js';
import { StateConflict, type FailoverRecord, type StateStore, type TrafficSwitch, type Versioned } from '../../src/engine/failover/ports.js';
import type { ProbeAnswer } from '../../src/engine/ports.js';
import type { FailoverSpec } from '../../src/spec/failover.js';
import { VirtualClock } from '../../src/time/clock.js';

// The controller alone, on in-memory ports: every branch of a decision without HTTP. The real adapters (Table
// Storage on Azurite, the traffic component on the local ARM endpoint) are tested end to end in __tests__/failover.
const MIN = 60_000;
const spec: FailoverSpec = {
  targets: [
    { name: 'primary', region: 'eastus', endpoint: 'https://p.example/healthz' },
    { name: 'secondary', region: 'westus', endpoint: 'https://s.example/healthz' },
    { name: 'tertiary', region: 'northeurope', endpoint: 'https://t.example/healthz' },
  ],
  traffic: { component: 'traffic', parameter: 'priorities' },
  health: { url: '{outputs.endpoint}', expect: { status: [200], body: [], bodyMatch: 'all' }, headers: {}, intervalMs: 10_000, timeoutMs: 5_000, waitMs: 0, withinMs: 20_000, healthyForMs: 0 },
  failures: 3,
  cooldownMs: 30 * MIN,
  state: { endpoint: 'https://acct.table.core.windows.net', table: 'failoverstate' },
};

class MemoryStore implements StateStore {
  readonly location = 'memory';
  version = 1;
  writes: FailoverRecord[] = [];
  record: FailoverRecord;
  constructor(record: FailoverRecord) {
    this.record = record;
  }
  async read(): Promise<Versioned> {
    return { record: structuredClone(this.record), etag: String(this.version) };
  }
  async replace(record: FailoverRecord, etag: string): Promise<Versioned> {
    if (etag !== String(this.version)) throw new StateConflict();
    this.record = structuredClone(record);
    this.writes.push(this.record);
    return { record, etag: String(++this.version) };
  }
  async create(): Promise<{ created: boolean; current: Versioned }> {
    return { created: false, current: await this.read() };
  }
}

function world(record: Partial<FailoverRecord>, health: Record<string, boolean[]>) {
  const clock = new VirtualClock(Date.UTC(2026, 5, 1)).start();
  const store = new MemoryStore({ activeTarget: 'primary', failoverCount: 0, lastStatus: 'OK', endpoints: { primary: 'https://p.example/healthz', secondary: 'https://s.example/healthz', tertiary: 'https://t.example/healthz' }, ...record });
  const switches: TrafficSwitch[] = [];
  const probed: { endpoint: string; at: number }[] = [];
  const ports: FailoverPorts = {
    store,
    clock,
    traffic: { route: async (change) => (switches.push(change), { detail: 'routed' }) },
    prober: {
      probe: async (_check, target): Promise<ProbeAnswer> => {
        const endpoint = String(target.outputs.endpoint.value);
        probed.push({ endpoint, at: clock.now() });
        const name = Object.entries(store.record.endpoints).find(([, url]) => url === endpoint)?.[0] ?? 'unknown';
        const answers = health[name] ?? [true];
        const healthy = answers.length > 1 ? answers.shift()! : answers[0];
        return { healthy, latencyMs: 1, detail: `${name} ${healthy ? '200' : '500'}` };
      },
    },
  };
  return { clock, store, switches, probed, ports, stop: () => clock.stop() };
}

const signal = new AbortController().signal;

test('one bad answer among three is not a failure: the first healthy probe ends the check', async () => {
  const w = world({}, { primary: [false, false, true] });
  const d = await evaluateFailover(spec, w.ports, signal);
  w.stop();
  expect(d).toMatchObject({ changed: false, reason: 'healthy', healthy: true });
  expect(w.probed.map((p) => p.at - w.probed[0].at)).toEqual([0, 10_000, 20_000]);
  expect(w.switches).toEqual([]);
});

test('three failures switch to the first healthy target in spec order, skipping an unhealthy one', async () => {
  const w = world({}, { primary: [false], secondary: [false], tertiary: [true] });
  const d = await evaluateFailover(spec, w.ports, signal);
  w.stop();
  expect(d).toMatchObject({ changed: true, reason: 'failed_over', activeTarget: 'tertiary', previousTarget: 'primary', failoverCount: 1 });
  expect(w.switches).toEqual([{ active: 'tertiary', priorities: { primary: 2, secondary: 3, tertiary: 1 } }]);
  // Claimed first (SWITCHING), then marked done: the claim is what a racing evaluation trips over.
  expect(w.store.writes.map((r) => r.lastStatus)).toEqual(['SWITCHING', 'FAILOVER_DONE']);
  expect(w.store.record.lockUntilUtc).toBe(new Date(w.clock.now() + 30 * MIN).toISOString());
});

test('the cooldown holds until lock_until_utc and not a moment longer', async () => {
  const start = Date.UTC(2026, 5, 1);
  const w = world({ activeTarget: 'secondary', failoverCount: 1, lockUntilUtc: new Date(start + 30 * MIN).toISOString() }, { secondary: [false], primary: [true] });
  const held = await evaluateFailover(spec, w.ports, signal);
  expect(held).toMatchObject({ changed: false, reason: 'cooldown_active', healthy: false, activeTarget: 'secondary' });
  expect(held.detail).toMatch(/on cooldown until .*left\); nothing switched/);
  expect(w.store.record.lastStatus).toBe('UNHEALTHY');
  await w.clock.sleep(30 * MIN - 20_000 - w.clock.now() + start); // the next check's three probes end at the lock
  const after = await evaluateFailover(spec, w.ports, signal);
  w.stop();
  expect(after).toMatchObject({ changed: true, reason: 'failed_over', activeTarget: 'primary', failoverCount: 2 });
});

test('a state that moved before the claim is reported, and traffic is not touched', async () => {
  const w = world({}, { primary: [false] });
  const original = w.store.read.bind(w.store);
  // Another evaluation writes between this one's read and its claim.
  w.store.read = async () => {
    const current = await original();
    w.store.version++;
    return current;
  };
  const d = await evaluateFailover(spec, w.ports, signal);
  w.stop();
  expect(d).toMatchObject({ changed: false, reason: 'state_changed' });
  expect(w.switches).toEqual([]);
});

test('a manual switch toggles by default and never probes', async () => {
  const w = world({}, {});
  const d = await switchFailover(spec, w.ports, {}, signal);
  w.stop();
  expect(d).toMatchObject({ changed: true, reason: 'manual_switch', activeTarget: 'secondary' });
  expect(w.probed).toEqual([]);
});

test('priorities put the active target first and keep the others in spec order', () => {
  expect(priorities(spec, 'secondary')).toEqual({ primary: 2, secondary: 1, tertiary: 3 });
});
