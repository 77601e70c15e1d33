import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UnitRehearsal } from './harness.js';
import { call, SUB } from '../sim/helpers.js';
import { repoRoot } from '../helpers/run-action.js';

/** The local Front Door answers in the shapes of the REST reference (fixtures from azure-rest-api-specs, source noted in each). */
const fixture = (name: string) => JSON.parse(readFileSync(path.join(repoRoot, '__tests__', 'fixtures', 'rest-specs', name), 'utf8'));
const nonNullKeys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== null).sort();

describe('REST shapes of the local Front Door', () => {
  let r: UnitRehearsal;
  beforeAll(async () => {
    r = await new UnitRehearsal().start();
    expect((await r.run('1.0.0')).result?.status).toBe('succeeded');
  }, 60_000);
  afterAll(async () => {
    await r.stop();
  });

  it('lists origins with the keys and types of AFDOrigins_ListByOriginGroup', async () => {
    const reference = fixture('AFDOrigins_ListByOriginGroup.json').value[0];
    const ours = (await call(r.sim, 'GET', `/subscriptions/${SUB}/resourceGroups/shop-global/providers/Microsoft.Cdn/profiles/shop-fd/originGroups/units/origins?api-version=2024-02-01`)).json.value[0];
    expect(Object.keys(ours).sort()).toEqual(Object.keys(reference).sort());
    expect(ours.type).toBe(reference.type);
    for (const key of nonNullKeys(reference.properties)) {
      expect([key, typeof ours.properties[key]]).toEqual([key, typeof reference.properties[key]]);
    }
    expect(ours.properties).toMatchObject({ priority: 1, weight: 500, enabledState: 'Enabled', originGroupName: 'units' });
  });
});
