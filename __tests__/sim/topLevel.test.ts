import { startArmSim, type ArmSim } from '../../sim/index.js';
import { call, clients, SUB } from './helpers.js';

/** Top-level resource properties, copy loops, list*() and reference('full') through the real SDK clients. */
let sim: ArmSim;
const poll = { updateIntervalInMs: 5 };
const RG = 'rg-top';
const rgId = `/subscriptions/${SUB}/resourceGroups/${RG}`;
const accountId = (n: number) => `${rgId}/providers/Microsoft.Storage/storageAccounts/sttop${n}`;

beforeAll(async () => {
  sim = await startArmSim({ deploymentLatencyMs: 10 });
  await clients(sim).rm.resourceGroups.createOrUpdate(RG, { location: 'eastus' });
});
afterAll(async () => {
  await sim.stop();
});

function template(): Record<string, unknown> {
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: {
      sku: { type: 'string', defaultValue: 'Standard_LRS' },
      kind: { type: 'string', defaultValue: 'StorageV2' },
      zones: { type: 'array', defaultValue: ['1'] },
      stamp: { type: 'string', defaultValue: "[utcNow('yyyyMMdd')]" },
      identityType: { type: 'string', defaultValue: 'SystemAssigned' },
      publisher: { type: 'string', defaultValue: 'contoso' },
    },
    resources: [
      {
        type: 'Microsoft.Storage/storageAccounts',
        apiVersion: '2023-01-01',
        name: "[concat('sttop', copyIndex(1))]",
        location: "[resourceGroup().location]",
        copy: { name: 'accounts', count: 2 },
        sku: { name: "[parameters('sku')]" },
        kind: "[parameters('kind')]",
        identity: { type: "[parameters('identityType')]" },
        zones: "[parameters('zones')]",
        properties: { minimumTlsVersion: 'TLS1_2' },
      },
      {
        type: 'Microsoft.Web/sites',
        apiVersion: '2022-09-01',
        name: 'web-top',
        location: 'eastus',
        kind: 'app,linux',
        managedBy: `${rgId}/providers/Microsoft.Solutions/applications/app1`,
        plan: { name: 'plan1', publisher: "[parameters('publisher')]", product: 'web' },
        dependsOn: ['accounts'],
        properties: {
          siteConfig: { appSettings: [{ name: 'APP_VERSION', value: '1.0.0' }, { name: 'STORE', value: "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sttop1'), '2023-01-01').keys[0].keyName]" }] },
        },
      },
    ],
    outputs: {
      key1: { type: 'object', value: "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sttop1'), '2023-01-01').keys[0]]" },
      full: { type: 'object', value: "[reference(resourceId('Microsoft.Storage/storageAccounts', 'sttop2'), '2023-01-01', 'Full')]" },
      settings: { type: 'object', value: "[list(resourceId('Microsoft.Web/sites/config', 'web-top', 'appsettings'), '2022-09-01').properties]" },
      stamp: { type: 'string', value: "[parameters('stamp')]" },
      ids: { type: 'array', copy: { count: 2, input: "[resourceId('Microsoft.Storage/storageAccounts', concat('sttop', copyIndex(1)))]" } },
    },
  };
}

const deploy = (name: string, parameters: Record<string, { value: unknown }> = {}) =>
  clients(sim).dc.deployments.beginCreateOrUpdateAndWait(RG, name, { properties: { mode: 'Incremental', template: template(), parameters } }, poll);
const whatIf = (parameters: Record<string, { value: unknown }>) =>
  clients(sim).dc.deployments.beginWhatIfAndWait(RG, 'wi', { properties: { mode: 'Incremental', template: template(), parameters } }, poll);

test('a copy loop deploys every instance; list*(), reference(full), utcNow() and output copy resolve', async () => {
  const result = await deploy('top-1');
  expect(result.properties?.provisioningState).toBe('Succeeded');
  expect(result.properties?.outputResources?.map((r) => r.id)).toEqual([accountId(1), accountId(2), `${rgId}/providers/Microsoft.Web/sites/web-top`]);
  const o = result.properties?.outputs as Record<string, { value: any }>;
  expect(o.key1.value).toMatchObject({ keyName: 'key1', permissions: 'FULL' });
  expect(o.key1.value.value).toMatch(/^[A-Za-z0-9+/]{86}==$/);
  expect(o.full.value).toMatchObject({ id: accountId(2), sku: { name: 'Standard_LRS' }, kind: 'StorageV2', zones: ['1'], properties: { minimumTlsVersion: 'TLS1_2' } });
  expect(o.settings.value).toEqual({ APP_VERSION: '1.0.0', STORE: 'key1' });
  expect(o.stamp.value).toMatch(/^\d{8}$/);
  expect(o.ids.value).toEqual([accountId(1), accountId(2)]);
});

test('GET returns sku, kind, identity (with its principal), zones, plan and managedBy', async () => {
  const { rm } = clients(sim);
  const account = await rm.resources.getById(accountId(1), '2023-01-01');
  expect(account).toMatchObject({ sku: { name: 'Standard_LRS' }, kind: 'StorageV2', identity: { type: 'SystemAssigned', tenantId: expect.any(String) } });
  expect(account.identity?.principalId).toMatch(/^[0-9a-f-]{36}$/);
  // The SDK's GenericResource has no `zones`; the wire answer does.
  const raw = await call(sim, 'GET', `${accountId(1)}?api-version=2023-01-01`);
  expect(raw.json).toMatchObject({ sku: { name: 'Standard_LRS' }, kind: 'StorageV2', zones: ['1'], identity: { type: 'SystemAssigned' } });
  expect(Object.keys(raw.json)).toEqual(['id', 'name', 'type', 'location', 'sku', 'kind', 'identity', 'zones', 'properties']);
  const site = await rm.resources.getById(`${rgId}/providers/Microsoft.Web/sites/web-top`, '2022-09-01');
  expect(site).toMatchObject({ kind: 'app,linux', managedBy: `${rgId}/providers/Microsoft.Solutions/applications/app1`, plan: { name: 'plan1', publisher: 'contoso', product: 'web' } });
});

test('what-if reports a change to sku, kind, zones, identity or plan as Modify with the property path (an array\'s by element)', async () => {
  const same = await whatIf({});
  expect(same.changes?.map((c) => c.changeType)).toEqual(['NoChange', 'NoChange', 'Modify']);
  // The site's one "change" is its listKeys() app setting, which what-if cannot evaluate (ARM shows it unevaluated too).
  expect(same.changes?.[2].delta?.map((d) => d.path)).toEqual(['properties.siteConfig.appSettings']);
  const changed = await whatIf({ sku: { value: 'Premium_LRS' }, kind: { value: 'BlockBlobStorage' }, zones: { value: ['2'] } });
  const first = changed.changes?.find((c) => c.resourceId === accountId(1));
  expect(first?.changeType).toBe('Modify');
  expect(first?.delta).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ path: 'sku.name', propertyChangeType: 'Modify', before: 'Standard_LRS', after: 'Premium_LRS' }),
      expect.objectContaining({ path: 'kind', propertyChangeType: 'Modify', before: 'StorageV2', after: 'BlockBlobStorage' }),
      // An array is one `Array` change, its elements by index, as ARM reports them.
      { path: 'zones', propertyChangeType: 'Array', children: [{ path: '0', propertyChangeType: 'Modify', before: '1', after: '2' }] },
    ]),
  );
  const grown = await whatIf({ zones: { value: ['1', '2', '3'] } });
  expect(grown.changes?.find((c) => c.resourceId === accountId(1))?.delta).toEqual([
    { path: 'zones', propertyChangeType: 'Array', children: [{ path: '1', propertyChangeType: 'Create', after: '2' }, { path: '2', propertyChangeType: 'Create', after: '3' }] },
  ]);
  const shrunk = await whatIf({ zones: { value: [] } });
  expect(shrunk.changes?.find((c) => c.resourceId === accountId(1))?.delta).toEqual([{ path: 'zones', propertyChangeType: 'Array', children: [{ path: '0', propertyChangeType: 'Delete', before: '1' }] }]);
  expect(first?.after).toMatchObject({ sku: { name: 'Premium_LRS' } });
  // The identity's principal is the provider's addition, not a change.
  expect(first?.delta?.some((d) => d.path.startsWith('identity'))).toBe(false);
  expect(changed.changes?.find((c) => c.resourceId?.endsWith('/web-top'))?.delta?.map((d) => d.path)).toEqual(['properties.siteConfig.appSettings']);
  const other = await whatIf({ identityType: { value: 'None' }, publisher: { value: 'fabrikam' } });
  expect(other.changes?.find((c) => c.resourceId === accountId(2))?.delta).toEqual([{ path: 'identity.type', propertyChangeType: 'Modify', before: 'SystemAssigned', after: 'None' }]);
  expect(other.changes?.find((c) => c.resourceId?.endsWith('/web-top'))?.delta).toEqual(
    expect.arrayContaining([expect.objectContaining({ path: 'plan.publisher', propertyChangeType: 'Modify', before: 'contoso', after: 'fabrikam' })]),
  );
});

test('list*() on a type the sim does not simulate fails the deployment naming the function', async () => {
  const t = {
    resources: [{ type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', name: 'kv-top', location: 'eastus', properties: {} }],
    outputs: { k: { type: 'object', value: "[listSecrets(resourceId('Microsoft.KeyVault/vaults', 'kv-top'), '2023-07-01')]" } },
  };
  const { dc } = clients(sim);
  await expect(dc.deployments.beginCreateOrUpdateAndWait(RG, 'top-list', { properties: { mode: 'Incremental', template: t } }, poll)).rejects.toThrow('DeploymentFailed');
  const failed = await dc.deployments.get(RG, 'top-list');
  expect(failed.properties?.provisioningState).toBe('Failed');
  const text = JSON.stringify(failed.properties?.error);
  expect(text).toContain('UnsupportedListOperation');
  expect(text).toContain('listSecrets');
});

describe('list*() per simulated type', () => {
  const storage = { id: accountId(9), type: 'Microsoft.Storage/storageAccounts', properties: {} };
  const app = { id: `${rgId}/providers/Microsoft.App/containerApps/ca`, type: 'Microsoft.App/containerApps', properties: { configuration: { secrets: [{ name: 'db', value: 's3cret' }] } } };
  const lookup = (id: string) => [storage, app].find((r) => r.id.toLowerCase() === id.toLowerCase());

  test('listAccountSas builds a token from the request body; the same body gives the same signature', async () => {
    const { listResult } = await import('../../sim/resources.js');
    const body = { signedServices: 'b', signedPermission: 'r', signedExpiry: '2030-01-01T00:00:00Z', signedResourceTypes: 's' };
    const sas = listResult(storage.id, lookup, 'listAccountSas', '2023-01-01', body) as { accountSasToken: string };
    expect(sas.accountSasToken).toMatch(/^sv=[\d-]+&ss=b&srt=s&sp=r&se=2030-01-01T00%3A00%3A00Z&sig=[A-Za-z0-9%]+$/);
    expect(listResult(storage.id, lookup, 'listAccountSas', '2023-01-01', body)).toEqual(sas);
    expect(listResult(storage.id, lookup, 'listAccountSas', '2023-01-01', { ...body, signedPermission: 'rw' })).not.toEqual(sas);
  });

  test('listSecrets on a container app returns its configured secrets; a missing resource is a 404', async () => {
    const { listResult } = await import('../../sim/resources.js');
    expect(listResult(app.id, lookup, 'listSecrets', '2023-05-01', undefined)).toEqual({ value: [{ name: 'db', value: 's3cret' }] });
    expect(() => listResult(`${rgId}/providers/Microsoft.App/containerApps/nope`, lookup, 'listSecrets', '2023-05-01', undefined)).toThrow(/was not found/);
  });
});
