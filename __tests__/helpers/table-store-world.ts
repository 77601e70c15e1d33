import { afterAll, beforeAll } from '@jest/globals';
import { TableClient } from '@azure/data-tables';
import { TableStateStore } from '../../src/azure/table-state.js';
import { SystemClock } from '../../src/time/clock.js';
import { startAzurite, type Azurite } from './azurite.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

/**
 * Azurite with a fault proxy in front, started for the test file that calls this (at its top level) and stopped after
 * it; `fresh` gives a store on a table of its own, reached directly or through a given URL (the proxy's).
 */
export function tableStoreWorld(prefix: string) {
  const clock = new SystemClock();
  let azurite: Azurite | undefined;
  let proxy: FaultProxy | undefined;
  beforeAll(async () => {
    azurite = await startAzurite();
    proxy = await startFaultProxy(azurite.endpoint);
  });
  afterAll(async () => {
    await proxy?.stop();
    await azurite?.stop();
  });
  let tables = 0;
  const world = {
    clock,
    get azurite(): Azurite {
      return azurite!;
    },
    get proxy(): FaultProxy {
      return proxy!;
    },
    fresh(via?: string) {
      const table = `${prefix}${++tables}x${Date.now() % 100000}`;
      return { table, store: new TableStateStore({ endpoint: '', table, connectionString: via ? world.azurite.connectionStringVia(via) : world.azurite.connectionString, clock }) };
    },
    raw: (table: string) => TableClient.fromConnectionString(world.azurite.connectionString, table, { allowInsecureConnection: true }),
  };
  return world;
}
