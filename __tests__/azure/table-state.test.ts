import { StateConflict, StateStoreError, type FailoverRecord } from '../../src/engine/failover/ports.js';
import { TableStateStore } from '../../src/azure/table-state.js';
import { tableStoreWorld } from '../helpers/table-store-world.js';

const signal = new AbortController().signal;
const world = tableStoreWorld('state');
const { clock, fresh, raw } = world;

const initial: FailoverRecord = {
  activeTarget: 'primary',
  failoverCount: 0,
  lastStatus: 'OK',
  endpoints: { primary: 'https://127.0.0.1:1/healthz', secondary: 'https://127.0.0.1:2/healthz' },
};

test('create makes the table and the entity with the seed\'s property names, and never overwrites one', async () => {
  const { table, store } = fresh();
  const first = await store.create(initial, signal);
  expect(first.created).toBe(true);
  const entity = await raw(table).getEntity('failover', 'state');
  expect(entity).toMatchObject({ active_target: 'primary', failover_count: 0, last_status: 'OK', primary_endpoint: 'https://127.0.0.1:1/healthz', secondary_endpoint: 'https://127.0.0.1:2/healthz' });

  await store.replace({ ...initial, activeTarget: 'secondary', failoverCount: 4 }, first.current.etag, signal);
  const second = await store.create(initial, signal);
  expect(second.created).toBe(false);
  expect(second.current.record).toMatchObject({ activeTarget: 'secondary', failoverCount: 4 });
});

test('a write on a stale ETag is a StateConflict and changes nothing', async () => {
  const { store } = fresh();
  const { current } = await store.create(initial, signal);
  const moved = await store.replace({ ...initial, lastStatus: 'UNHEALTHY' }, current.etag, signal);
  expect(moved.etag).not.toBe(current.etag);
  await expect(store.replace({ ...initial, activeTarget: 'secondary' }, current.etag, signal)).rejects.toBeInstanceOf(StateConflict);
  expect((await store.read(signal)).record).toMatchObject({ activeTarget: 'primary', lastStatus: 'UNHEALTHY' });
});

test('a missing table and a missing entity are clear errors that say to run init', async () => {
  const { table, store } = fresh();
  const missingTable = await store.read(signal).catch((e: unknown) => e);
  expect(missingTable).toBeInstanceOf(StateStoreError);
  expect((missingTable as StateStoreError).code).toBe('TableNotFound');
  expect((missingTable as Error).message).toMatch(new RegExp(`${table}.*does not exist.*failover init`));

  await raw(table).createTable();
  const missingEntity = (await store.read(signal).catch((e: unknown) => e)) as StateStoreError;
  expect(missingEntity.code).toBe('EntityNotFound');
  expect(missingEntity.message).toMatch(/PartitionKey=failover, RowKey=state.*failover init/);
});

test('a malformed entity names every bad property and is not rewritten', async () => {
  const { table, store } = fresh();
  const client = raw(table);
  await client.createTable();
  await client.createEntity({ partitionKey: 'failover', rowKey: 'state', active_target: 'primary', failover_count: 'lots', last_status: 'BROKEN', lock_until_utc: 'tomorrow' });
  const error = (await store.read(signal).catch((e: unknown) => e)) as StateStoreError;
  expect(error.code).toBe('MalformedEntity');
  expect(error.message).toContain('failover_count must be a whole number');
  expect(error.message).toContain('last_status "BROKEN"');
  expect(error.message).toContain('lock_until_utc is not a UTC time');
  expect((await client.getEntity('failover', 'state')).failover_count).toBe('lots');
});

test('a throttled or failing storage call is a clear error with the request id, and the entity is unchanged', async () => {
  const { table } = fresh();
  const { store } = { store: new TableStateStore({ endpoint: '', table, connectionString: world.azurite.connectionStringVia(world.proxy.url), clock }) };
  const { current } = await store.create(initial, signal);

  world.proxy.failNext(429, 1, 'PUT');
  const throttled = (await store.replace({ ...initial, activeTarget: 'secondary' }, current.etag, signal).catch((e: unknown) => e)) as StateStoreError;
  expect(throttled.code).toBe('Throttled');
  expect(throttled.message).toMatch(/429 .*request id fault-\d+.*Nothing was changed.*next scheduled run/);

  world.proxy.failNext(500, 1, 'GET');
  const failing = (await store.read(signal).catch((e: unknown) => e)) as StateStoreError;
  expect(failing.code).toBe('StorageFailed');
  expect(failing.message).toMatch(/reading the state entity .* failed: 500/);
  expect((await store.read(signal)).record.activeTarget).toBe('primary');
});

test('a connection string is refused unless it points at loopback (Azure is reached with the sign-in)', () => {
  expect(() => new TableStateStore({ endpoint: '', table: 't', connectionString: 'DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=a2V5;EndpointSuffix=core.windows.net', clock })).toThrow(/only for Azurite on loopback.*OIDC/);
});
