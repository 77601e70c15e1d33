// Stamps that would overwrite each other in ARM, exactly: which pairs collide, which do not, and the words and the line
// each problem gives. (The mutation run of src/plan found these covered only by one property test's regex.)
import { describe, expect, it } from '@jest/globals';
import { findCollisions } from '../../src/plan/collisions.js';
import { SpecSource } from '../../src/spec/source.js';
import type { ResolvedParameter, ResolvedStamp } from '../../src/spec/types.js';

const SPEC = `name: shop
components:
  app:
    template: app.json
    resourceGroup: rg-{region}
    deploymentName: shop-app
  db:
    template: db.json
`;
const source = new SpecSource('rollout.yaml', SPEC);
const context = { name: 'shop', version: 'v1', source };

const plain = (value: unknown): ResolvedParameter => ({ value, secure: false, source: 'spec' });

function stamp(over: Partial<ResolvedStamp> & { component: string; region: string }): ResolvedStamp {
  return {
    id: `${over.component}@${over.region}`,
    global: false,
    stage: 'one',
    scope: 'resourceGroup',
    subscription: '00000000-0000-0000-0000-000000000001',
    resourceGroup: `rg-${over.region}`,
    location: over.region,
    template: { path: 'app.json', content: {} },
    parameters: { location: plain(over.region), name: plain(`app-${over.region}`) },
    requires: [],
    policy: 'always',
    ...over,
  } as ResolvedStamp;
}

const messages = (stamps: ResolvedStamp[]): string[] => findCollisions(stamps, context).map((p) => p.message);

describe('findCollisions: the same deployment name at the same scope', () => {
  it('names both stamps, the deployment and the scope, at the deploymentName line with the fix for a custom name', () => {
    const problems = findCollisions(
      [
        stamp({ component: 'app', region: 'eastus', resourceGroup: 'rg-shared', deploymentName: 'shop-app' }),
        stamp({ component: 'app', region: 'westus', resourceGroup: 'rg-shared', deploymentName: 'shop-app', parameters: { name: plain('other') } }),
      ],
      context,
    );
    expect(problems).toEqual([
      {
        file: 'rollout.yaml',
        line: 6,
        col: 21,
        path: 'components.app.deploymentName',
        message: 'app@eastus and app@westus would both write deployment "shop-app" in resource group rg-shared',
        hint: 'put {region} (and {component}, if components share it) in deploymentName',
      },
    ]);
  });

  it('points at the component when the colliding name is the default one', () => {
    // Two stamps of one component in one region (as a region listed twice under different keys would give).
    const problems = findCollisions([stamp({ component: 'db', region: 'eastus' }), stamp({ component: 'db', region: 'eastus', id: 'db@eastus-2', parameters: {} })], context);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      path: 'components.db',
      line: 8,
      message: 'db@eastus and db@eastus-2 would both write deployment "shop-db-eastus-v1" in resource group rg-eastus',
      hint: 'give the components or regions distinct names',
    });
  });

  it('compares names, subscriptions and resource groups without case, as ARM does', () => {
    expect(
      messages([
        stamp({ component: 'app', region: 'eastus', resourceGroup: 'RG-Shared', subscription: 'AAAA', deploymentName: 'Shop-App' }),
        stamp({ component: 'app', region: 'westus', resourceGroup: 'rg-shared', subscription: 'aaaa', deploymentName: 'shop-app' }),
      ]),
    ).toEqual(['app@eastus and app@westus would both write deployment "shop-app" in resource group rg-shared']);
  });

  it('lets one name be used in other resource groups, other subscriptions and at other scopes', () => {
    const named = { component: 'app', deploymentName: 'shop-app' };
    expect(messages([stamp({ ...named, region: 'eastus' }), stamp({ ...named, region: 'westus' })])).toEqual([]);
    expect(
      messages([
        stamp({ ...named, region: 'eastus', resourceGroup: 'rg', subscription: 's1' }),
        stamp({ ...named, region: 'westus', resourceGroup: 'rg', subscription: 's2' }),
      ]),
    ).toEqual([]);
    expect(
      messages([
        stamp({ ...named, region: 'eastus', scope: 'subscription', resourceGroup: undefined, subscription: 's1' }),
        stamp({ ...named, region: 'westus', scope: 'subscription', resourceGroup: undefined, subscription: 's2' }),
      ]),
    ).toEqual([]);
    // A resource-group stamp and a subscription stamp of one subscription keep their deployments in different places.
    expect(
      messages([
        stamp({ ...named, region: 'eastus', resourceGroup: 'rg', subscription: 's1' }),
        stamp({ ...named, region: 'westus', scope: 'subscription', resourceGroup: undefined, subscription: 's1' }),
      ]),
    ).toEqual([]);
  });

  it('ignores the subscription at tenant and management-group scope, where it does not place the deployment', () => {
    const mg = { component: 'app', deploymentName: 'shop-app', scope: 'managementGroup' as const, resourceGroup: undefined, managementGroup: 'Contoso' };
    expect(messages([stamp({ ...mg, region: 'eastus', subscription: 's1' }), stamp({ ...mg, region: 'westus', subscription: 's2', managementGroup: 'contoso' })])).toEqual([
      'app@eastus and app@westus would both write deployment "shop-app" in management group contoso',
    ]);
    expect(messages([stamp({ ...mg, region: 'eastus' }), stamp({ ...mg, region: 'westus', managementGroup: 'Fabrikam' })])).toEqual([]);
    const tenant = { component: 'app', deploymentName: 'shop-app', scope: 'tenant' as const, resourceGroup: undefined };
    expect(messages([stamp({ ...tenant, region: 'eastus', subscription: 's1' }), stamp({ ...tenant, region: 'westus', subscription: 's2' })])).toEqual([
      'app@eastus and app@westus would both write deployment "shop-app" in the tenant',
    ]);
  });

  it('reports a name collision only, not also a content one, and keeps the first stamp as the one others meet', () => {
    const shared = { component: 'app', resourceGroup: 'rg', deploymentName: 'shop-app', parameters: { name: plain('same') } };
    expect(messages([stamp({ ...shared, region: 'eastus' }), stamp({ ...shared, region: 'westus' }), stamp({ ...shared, region: 'northeurope' })])).toEqual([
      'app@eastus and app@westus would both write deployment "shop-app" in resource group rg',
      'app@eastus and app@northeurope would both write deployment "shop-app" in resource group rg',
    ]);
  });
});

describe('findCollisions: the same template and parameters in one resource group', () => {
  it('names both stamps and asks about a shared short, at the resourceGroup line', () => {
    const problems = findCollisions(
      [stamp({ component: 'app', region: 'eastus', resourceGroup: 'rg-shared' }), stamp({ component: 'app', region: 'westus', resourceGroup: 'rg-shared', parameters: { location: plain('westus'), name: plain('app-eastus') } })],
      context,
    );
    expect(problems).toEqual([
      {
        file: 'rollout.yaml',
        line: 5,
        col: 20,
        path: 'components.app.resourceGroup',
        message: 'app@eastus and app@westus would deploy app.json with the same parameters into resource group rg-shared (regions eastus and westus resolve to the same names; do they share a short?)',
        hint: 'give each region its own resource group or resource names, e.g. resourceGroup: "app-{region}" or distinct regions.NAME.short',
      },
    ]);
  });

  it('leaves out the question about shorts when a stamp is global, and points at the template without a resource group', () => {
    const sub = { scope: 'subscription' as const, resourceGroup: undefined, parameters: { name: plain('one') } };
    const problems = findCollisions([stamp({ ...sub, component: 'db', region: 'eastus', global: true }), stamp({ ...sub, component: 'db', region: 'westus', id: 'db@westus' })], context);
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['components.db.template', 'db@eastus and db@westus would deploy app.json with the same parameters into subscription 00000000-0000-0000-0000-000000000001'],
    ]);
  });

  it('sees through the region and location themselves, in nested values too, but not through other names', () => {
    const nested = (region: string, location: string) => ({
      location: plain(location),
      tags: plain({ where: region, list: [region, 'fixed'] }),
    });
    // Each stamp's own region and location read as the same word: these two collide.
    expect(messages([stamp({ component: 'app', region: 'eastus', location: 'East US', resourceGroup: 'rg', parameters: nested('eastus', 'East US') }), stamp({ component: 'app', region: 'westus', location: 'West US', resourceGroup: 'rg', parameters: nested('westus', 'West US') })])).toHaveLength(1);
    // Another region's name is not the stamp's own: these two differ.
    expect(messages([stamp({ component: 'app', region: 'eastus', resourceGroup: 'rg', parameters: nested('westus', 'eastus') }), stamp({ component: 'app', region: 'westus', resourceGroup: 'rg', parameters: nested('eastus', 'westus') })])).toEqual([]);
    // A part of a value that holds the region is a different name, not the region.
    expect(messages([stamp({ component: 'app', region: 'eastus', resourceGroup: 'rg', parameters: { name: plain('app-eastus') } }), stamp({ component: 'app', region: 'westus', resourceGroup: 'rg', parameters: { name: plain('app-westus') } })])).toEqual([]);
  });

  it('compares parameter names without case, numbers and nulls as they are, and secure values by where they came from', () => {
    const a = stamp({ component: 'app', region: 'eastus', resourceGroup: 'rg', parameters: { Size: plain(3), Extra: plain(null) } });
    expect(messages([a, stamp({ component: 'app', region: 'westus', resourceGroup: 'rg', parameters: { size: plain(3), extra: plain(null) } })])).toHaveLength(1);
    expect(messages([a, stamp({ component: 'app', region: 'westus', resourceGroup: 'rg', parameters: { size: plain(4), extra: plain(null) } })])).toEqual([]);
    const secret = (from: string): ResolvedParameter => ({ value: `value-${Math.random()}`, secure: true, source: from });
    const s = (region: string, from: string) => stamp({ component: 'app', region, resourceGroup: 'rg', parameters: { password: secret(from) } });
    expect(messages([s('eastus', '{env.PASSWORD}'), s('westus', '{env.PASSWORD}')])).toHaveLength(1);
    expect(messages([s('eastus', '{env.PASSWORD_EAST}'), s('westus', '{env.PASSWORD_WEST}')])).toEqual([]);
    // A Key Vault reference stands for its value.
    const ref = (region: string, name: string) => stamp({ component: 'app', region, resourceGroup: 'rg', parameters: { key: { reference: { keyVault: { id: 'kv' }, secretName: name }, secure: false, source: 'spec' } } });
    expect(messages([ref('eastus', 'one'), ref('westus', 'one')])).toHaveLength(1);
    expect(messages([ref('eastus', 'one'), ref('westus', 'two')])).toEqual([]);
  });

  it('lets other templates, other resource groups and other subscriptions hold the same parameters', () => {
    const same = { component: 'app', parameters: { name: plain('same') } };
    expect(messages([stamp({ ...same, region: 'eastus', resourceGroup: 'rg' }), stamp({ ...same, region: 'westus', resourceGroup: 'rg', template: { path: 'other.json', content: {} } })])).toEqual([]);
    expect(messages([stamp({ ...same, region: 'eastus', resourceGroup: 'rg-a' }), stamp({ ...same, region: 'westus', resourceGroup: 'rg-b' })])).toEqual([]);
    expect(messages([stamp({ ...same, region: 'eastus', resourceGroup: 'rg', subscription: 's1' }), stamp({ ...same, region: 'westus', resourceGroup: 'rg', subscription: 's2' })])).toEqual([]);
  });
});
