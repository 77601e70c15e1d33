// The failover state table (src/azure/table-state.ts) against Azurite, with a fault proxy in front for the answers
// Azurite never gives: every failure's full sentence (where, what storage said, the request id, what to do), and how
// each stored property is read back (Int64 counts, hand-edited strings, times, endpoints).
import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { StateStoreError, type FailoverRecord } from '../../src/engine/failover/ports.js';
import { TableStateStore } from '../../src/azure/table-state.js';
import { tableStoreWorld } from '../helpers/table-store-world.js';

const signal = new AbortController().signal;
const world = tableStoreWorld('errs');
const { clock, fresh, raw } = world;
const initial: FailoverRecord = { activeTarget: 'primary', failoverCount: 0, lastStatus: 'OK', endpoints: { primary: 'https://127.0.0.1:1/healthz' } };
const errorOf = async (p: Promise<unknown>): Promise<StateStoreError> => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  if (!(e instanceof StateStoreError)) throw new Error(`expected a StateStoreError, got ${String(e)}`);
  return e;
};

describe('TableStateStore failures, in full', () => {
  it('a missing table and a missing entity', async () => {
    const { table, store } = fresh();
    const where = `${world.azurite.endpoint}/${table} (failover/state)`;
    expect(store.location).toBe(where);
    const noTable = await errorOf(store.read(signal));
    expect(noTable.message).toMatch(new RegExp(`^reading the state entity at ${where.replace(/[()/.]/g, '\\$&')}: the table does not exist \\(TableNotFound\\) \\(request id [0-9a-f-]+\\)\\. Nothing was changed\\. Run \`staged-rollout failover init\` to create it and the entity\\.$`));
    await raw(table).createTable();
    const noEntity = await errorOf(store.read(signal));
    expect(noEntity.code).toBe('EntityNotFound');
    expect(noEntity.message.replace(/request id [0-9a-f-]+/, 'request id X')).toBe(`reading the state entity at ${where}: there is no entity PartitionKey=failover, RowKey=state (ResourceNotFound) (request id X). Nothing was changed. Run \`staged-rollout failover init\` to create it.`);
  });

  it('throttled (429) and busy (503), denied (403), and anything else', async () => {
    const { table, store } = fresh(world.proxy.url);
    const where = `${world.proxy.url}/${table} (failover/state)`;
    await store.create(initial, signal);
    world.proxy.failNext(429, 1, 'GET');
    const throttled = await errorOf(store.read(signal));
    expect([throttled.code, throttled.message]).toEqual(['Throttled', `reading the state entity at ${where}: storage is throttling or busy (429 TooManyRequests: Injected 429 by the test's fault proxy.) (request id fault-${world.proxy.requests.length}). Nothing was changed. The next scheduled run tries again.`]);
    world.proxy.failNext(503, 1, 'GET');
    const busy = await errorOf(store.read(signal));
    expect([busy.code, busy.message]).toEqual(['Throttled', `reading the state entity at ${where}: storage is throttling or busy (503 ServerBusy: Injected 503 by the test's fault proxy.) (request id fault-${world.proxy.requests.length}). Nothing was changed. The next scheduled run tries again.`]);
    world.proxy.failNext(403, 1, 'GET');
    const denied = await errorOf(store.read(signal));
    expect([denied.code, denied.message]).toEqual(['StorageFailed', `reading the state entity at ${where}: access denied (403 InternalError: Injected 403 by the test's fault proxy.) (request id fault-${world.proxy.requests.length}). Nothing was changed. Give the identity the Storage Table Data Contributor role on the account.`]);
    world.proxy.failNext(401, 1, 'GET');
    expect((await errorOf(store.read(signal))).message).toContain(': access denied (401 InternalError: ');
    world.proxy.failNext(502, 1, 'GET');
    const other = await errorOf(store.read(signal));
    expect([other.code, other.message]).toEqual(['StorageFailed', `reading the state entity at ${where} failed: 502 InternalError: Injected 502 by the test's fault proxy. (request id fault-${world.proxy.requests.length}). Nothing was changed.`]);
  });

  it('storage that does not answer at all: the connection\'s error, where, and that nothing was changed', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const { table, store } = fresh(`http://127.0.0.1:${closed}`);
    const unreachable = await errorOf(store.read(signal));
    expect(unreachable.code).toBe('StorageFailed');
    expect(unreachable.message).toBe(`reading the state entity at http://127.0.0.1:${closed}/${table} (failover/state) failed: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${closed}. Nothing was changed.`);
  });

  it('refuses a connection string off loopback, and no credential at all, with the fix in the sentence', () => {
    expect(() => new TableStateStore({ endpoint: '', table: 't', connectionString: 'AccountName=a;TableEndpoint=https://a.table.core.windows.net/', clock })).toThrow(
      'a storage connection string is accepted only for Azurite on loopback (TableEndpoint=http://127.0.0.1:PORT/devstoreaccount1); on Azure the state table is reached with the sign-in of the run (OIDC): give its identity the Storage Table Data Contributor role and leave the connection string unset',
    );
    expect(() => new TableStateStore({ endpoint: 'https://a.table.core.windows.net', table: 't', clock })).toThrow('no credential for the state table: sign in (client-id and tenant-id, or azure/login)');
    const dev = new TableStateStore({ endpoint: '', table: 'state', connectionString: 'UseDevelopmentStorage=true', clock });
    expect(dev.location).toBe('http://127.0.0.1:10002/devstoreaccount1/state (failover/state)');
    const azure = new TableStateStore({ endpoint: 'https://a.table.core.windows.net', table: 'state', credential: { getToken: async () => null }, clock });
    expect(azure.location).toBe('https://a.table.core.windows.net/state (failover/state)');
  });
});

describe('TableStateStore reading the entity', () => {
  it('reads an Int64 count, a count a person typed as text, a Date time, and only *_endpoint properties as endpoints', async () => {
    const { table, store } = fresh();
    const client = raw(table);
    await client.createTable();
    await client.createEntity({ partitionKey: 'failover', rowKey: 'state', active_target: 'secondary', failover_count: { value: '7', type: 'Int64' }, last_status: 'SWITCHING', last_check_utc: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), lock_until_utc: '2026-01-02T03:09:05Z', last_detail: 'switched', secondary_endpoint: 'https://b', note: 'x' });
    expect((await store.read(signal)).record).toEqual({ activeTarget: 'secondary', failoverCount: 7, lastStatus: 'SWITCHING', endpoints: { secondary: 'https://b' }, lastCheckUtc: '2026-01-02T03:04:05.000Z', lockUntilUtc: '2026-01-02T03:09:05.000Z', lastDetail: 'switched' });
    await client.updateEntity({ partitionKey: 'failover', rowKey: 'state', failover_count: ' 19 ', last_check_utc: '', last_detail: '' }, 'Merge');
    expect((await store.read(signal)).record).toEqual({ activeTarget: 'secondary', failoverCount: 19, lastStatus: 'SWITCHING', endpoints: { secondary: 'https://b' }, lockUntilUtc: '2026-01-02T03:09:05.000Z' });
  });

  it('names every problem of a malformed entity in one sentence', async () => {
    const { table, store } = fresh();
    const client = raw(table);
    await client.createTable();
    // An Int64 count (what other tools write) that is negative: it comes back as a BigInt.
    await client.createEntity({ partitionKey: 'failover', rowKey: 'state', active_target: 5, failover_count: { value: '-1', type: 'Int64' }, primary_endpoint: 9 });
    const error = await errorOf(store.read(signal));
    expect([error.code, error.message]).toEqual([
      'MalformedEntity',
      `the state entity at ${world.azurite.endpoint}/${table} (failover/state) is malformed: active_target must be a string, not 5; failover_count must be a whole number of 0 or more, not -1; last_status is missing; primary_endpoint must be a string. Fix it by hand, or delete it and run \`staged-rollout failover init\`. Nothing was changed.`,
    ]);
  });

  it('writes times and endpoints back under the seed\'s names, and cuts a long detail at 4000 characters', async () => {
    const { table, store } = fresh();
    await store.create({ ...initial, lastCheckUtc: '2026-01-01T00:00:00.000Z', lockUntilUtc: '2026-01-01T00:05:00.000Z', lastDetail: 'd'.repeat(5_000) }, signal);
    const entity = await raw(table).getEntity<Record<string, unknown>>('failover', 'state');
    expect([entity.last_check_utc, entity.lock_until_utc, (entity.last_detail as string).length, entity.primary_endpoint]).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:05:00.000Z', 4_000, 'https://127.0.0.1:1/healthz']);
  });
});
