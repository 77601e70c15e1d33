import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { call } from './helpers.js';
import { loadSpec, missingKeys, SPEC_DIR, type Spec } from './openapi.js';

/**
 * Replays the request of every example in ../shared/reference/arm-rest-spec against the sim and checks status
 * codes, headers, the shape of the bodies against the example's responses, and the bodies against the OpenAPI
 * definitions. The examples use templateLink (no network here): the sim serves the linked URI / template spec id
 * from `linkedTemplates`, with a template like the one the example describes.
 */
interface Example {
  file: string;
  operationId?: string;
  parameters: Record<string, any>;
  responses: Record<string, { headers?: Record<string, string>; body?: any }>;
}

const LINK = 'https://example.com/exampleTemplate.json';
const SPEC_ID = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/my-resource-group/providers/Microsoft.Resources/TemplateSpecs/TemplateSpec-Name/versions/v1';
const V = 'api-version=2025-04-01';

const identity = (name: string, tags?: Record<string, string>) => ({ type: 'Microsoft.ManagedIdentity/userAssignedIdentities', apiVersion: '2018-11-30', name, location: 'westus2', ...(tags ? { tags } : {}) });
const policy = (name: string, mode: string) => ({
  type: 'Microsoft.Authorization/policyAssignments',
  apiVersion: '2019-06-01',
  name,
  location: 'westus2',
  properties: { policyDefinitionId: '/providers/Microsoft.Management/managementGroups/myManagementGroup/providers/Microsoft.Authorization/policyAssignments/myPolicyDefinition', enforcementMode: mode, scope: '/subscriptions/00000000-0000-0000-0000-000000000001' },
});
const rgRes = (name: string, tags?: Record<string, string>) => ({ type: 'Microsoft.Resources/resourceGroups', apiVersion: '2019-03-01', name, location: 'eastus', ...(tags ? { tags } : {}) });
const tpl = (resources: unknown[]) => ({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources });

/** Per scope: the linked template, and a baseline deployed first so what-if has something to compare with. */
const SCENARIOS: Record<string, { linked: unknown; baseline: unknown }> = {
  resourceGroup: { linked: tpl([identity('myExistingIdentity', { myNewTag: 'my tag value' }), identity('myNewIdentity', { myOtherNewTag: 'another new tag value' })]), baseline: tpl([identity('myExistingIdentity')]) },
  subscription: { linked: tpl([rgRes('my-resource-group2', { myNewTag: 'my tag value' }), rgRes('my-resource-group3')]), baseline: tpl([rgRes('my-resource-group2')]) },
  managementGroup: { linked: tpl([policy('myPolicyAssignment', 'DoNotEnforce'), policy('myPolicyAssignment2', 'Default')]), baseline: tpl([policy('myPolicyAssignment', 'Default')]) },
  tenant: { linked: tpl([{ type: 'Microsoft.Management/managementGroups', apiVersion: '2019-11-01', name: 'myManagementGroup', properties: {} }]), baseline: tpl([]) },
};
const BAD_STORAGE = tpl([{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: 'a', location: 'eastus', properties: {} }]);

function loadExamples(): Example[] {
  const dirs = [path.join(SPEC_DIR, 'examples'), path.join(SPEC_DIR, 'resourcegroups', 'examples')];
  return dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.json')).map((f) => ({ file: path.relative(SPEC_DIR, path.join(d, f)), ...JSON.parse(readFileSync(path.join(d, f), 'utf8')) })));
}

/** Which spec operation each example belongs to: from the specs' x-ms-examples, or the example's operationId. */
function operationFor(ex: Example): { method: string; template: string } {
  for (const file of ['deployments.json', 'resourcegroups/resources.json']) {
    const doc = JSON.parse(readFileSync(path.join(SPEC_DIR, file), 'utf8'));
    for (const [p, ops] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [m, op] of Object.entries<any>(ops)) {
        const refs = Object.values<any>(op?.['x-ms-examples'] ?? {}).map((r) => path.basename(r.$ref));
        if (refs.includes(path.basename(ex.file)) || (ex.operationId && op?.operationId === ex.operationId)) return { method: m.toUpperCase(), template: p };
      }
    }
  }
  throw new Error(`no operation for ${ex.file}`);
}

const scopeOf = (p: Record<string, any>): keyof typeof SCENARIOS =>
  p.resourceGroupName ? 'resourceGroup' : p.subscriptionId ? 'subscription' : p.groupId || String(p.scope ?? '').includes('managementGroups') ? 'managementGroup' : 'tenant';

function urlFor(template: string, p: Record<string, any>): string {
  return `${template.replace(/\{(\+?)(\w+)\}/g, (_m, _plus, k) => (k === 'scope' ? String(p.scope) : encodeURIComponent(String(p[k]))))}?${V}`;
}

function scopePath(p: Record<string, any>): string {
  const s = scopeOf(p);
  if (s === 'resourceGroup') return `/subscriptions/${p.subscriptionId}/resourceGroups/${p.resourceGroupName}`;
  if (s === 'subscription') return `/subscriptions/${p.subscriptionId}`;
  if (s === 'managementGroup') return `/providers/Microsoft.Management/managementGroups/${p.groupId ?? String(p.scope).split('/').pop()}`;
  return '';
}

async function waitDone(sim: ArmSim, asyncOp: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const s = await call(sim, 'GET', asyncOp.slice(sim.endpoint.length));
    if (s.json.status !== 'Running') return;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error('deployment did not finish');
}

let deploymentsSpec: Spec;
let resourcesSpec: Spec;
beforeAll(async () => {
  deploymentsSpec = await loadSpec('deployments.json', 'deployments');
  resourcesSpec = await loadSpec('resourcegroups/resources.json', 'resources');
});

/** Validates a response body against the spec's schema for that operation and status. */
function conforms(method: string, urlPath: string, status: number, body: unknown): void {
  const spec = urlPath.includes('/deployments') || urlPath.includes('/Microsoft.Resources/') ? deploymentsSpec : resourcesSpec;
  const validate = spec.responseValidator(method, urlPath.split('?')[0], status) ?? resourcesSpec.responseValidator(method, urlPath.split('?')[0], status);
  if (!validate) throw new Error(`the OpenAPI files define no response schema for ${method} ${urlPath} ${status}`);
  const ok = validate!(body);
  if (!ok) throw new Error(`${method} ${urlPath} ${status} does not match the OpenAPI schema: ${JSON.stringify(validate!.errors, null, 1)}`);
}

// ARM's validate adds warnings about nested deployments (none here); the 200 PUT examples show a finished
// deployment while a second PUT answers Accepted; templateLink's echo depends on uri vs id.
// The management-group what-if example nests a whole change inside `after` (an error in the published example).
const IGNORED = (accepted: boolean) => (p: string): boolean =>
  p.endsWith('diagnostics') ||
  p.includes('templateLink.') ||
  (accepted && p.endsWith('outputResources')) ||
  /changes\[0\]\.after\.(resourceId|changeType|before|delta)$/.test(p);

const examples = loadExamples();

test('the examples are all there', () => {
  expect(examples.length).toBe(16);
});

describe.each(examples.map((e) => [e.file, e] as const))('%s', (_file, ex) => {
  let sim: ArmSim;
  const p = ex.parameters;
  const { method, template } = operationFor(ex);
  const url = urlFor(template, p);
  const scenario = SCENARIOS[scopeOf(p)];
  const body = p.parameters;

  beforeAll(async () => {
    sim = await startArmSim({ deploymentLatencyMs: 0, throttleScale: Number.POSITIVE_INFINITY, linkedTemplates: { [LINK]: scenario.linked, [SPEC_ID]: scenario.linked } });
    if (p.resourceGroupName && !template.endsWith('{resourceGroupName}')) {
      expect((await call(sim, 'PUT', `/subscriptions/${p.subscriptionId}/resourcegroups/${p.resourceGroupName}?${V}`, { location: 'eastus' })).status).toBe(201);
    }
    if (ex.operationId === 'ResourceGroups_Get') {
      expect((await call(sim, 'PUT', `/subscriptions/${p.subscriptionId}/resourcegroups/${p.resourceGroupName}?${V}`, { location: 'westus2' })).status).toBe(201);
    }
    if (template.includes('/deployments/')) {
      if (scopeOf(p) === 'subscription') await call(sim, 'PUT', `/subscriptions/${p.subscriptionId}/resourcegroups/my-resource-group2?${V}`, { location: 'eastus' });
      const put = await call(sim, 'PUT', `${scopePath(p)}/providers/Microsoft.Resources/deployments/baseline?${V}`, { location: 'eastus', properties: { mode: 'Incremental', template: scenario.baseline } });
      expect(put.status).toBe(201);
      await waitDone(sim, put.headers.get('azure-asyncoperation')!);
    }
  });
  afterAll(async () => {
    await sim.stop();
  });

  const first = method === 'PUT' ? 201 : method === 'GET' ? 200 : template.endsWith('/whatIf') ? 202 : 200;

  test(`${method} answers ${first} like the example, with ARM's headers, valid against the OpenAPI definition`, async () => {
    expect(Object.keys(ex.responses)).toContain(String(first));
    const res = await call(sim, method, url, body);
    expect(res.status).toBe(first);
    expect(res.headers.get('x-ms-request-id')).toBeTruthy();
    expect(res.headers.get('x-ms-correlation-request-id')).toBeTruthy();
    expect(res.headers.get(`x-ms-ratelimit-remaining-${p.subscriptionId ? 'subscription' : 'tenant'}-${method === 'GET' ? 'reads' : 'writes'}`)).toBeTruthy();
    for (const h of Object.keys(ex.responses[String(first)].headers ?? {})) expect(res.headers.get(h)).toBeTruthy();
    const exampleBody = ex.responses[String(first)].body;
    if (exampleBody) {
      expect(missingKeys(exampleBody, res.json, IGNORED(false))).toEqual([]);
      conforms(method, url, first, res.json);
    }
    if (method === 'PUT' && template.includes('/deployments/')) {
      const asyncOp = res.headers.get('azure-asyncoperation');
      expect(asyncOp).toMatch(new RegExp(`^${sim.endpoint}/.*/deployments/${p.deploymentName}/operationStatuses/`));
      expect(res.json.properties.provisioningState).toBe('Accepted');
      const running = await call(sim, 'GET', asyncOp!.slice(sim.endpoint.length));
      expect(['Running', 'Succeeded']).toContain(running.json.status);
      await waitDone(sim, asyncOp!);
      // A finished deployment, read back, has the shape of the example's 200.
      const got = await call(sim, 'GET', url);
      expect(got.json.properties.provisioningState).toBe('Succeeded');
      expect(missingKeys(ex.responses['200'].body, got.json, IGNORED(false))).toEqual([]);
      conforms('GET', url, 200, got.json);
      // Replacing it answers 200 (Accepted again).
      const again = await call(sim, 'PUT', url, body);
      expect(again.status).toBe(200);
      expect(missingKeys(ex.responses['200'].body, again.json, IGNORED(true))).toEqual([]);
      conforms('PUT', url, 200, again.json);
      await waitDone(sim, again.headers.get('azure-asyncoperation')!);
      const list = await call(sim, 'GET', `${scopePath(p)}/providers/Microsoft.Resources/deployments?${V}`);
      conforms('GET', `${scopePath(p)}/providers/Microsoft.Resources/deployments`, 200, list.json);
      const exported = await call(sim, 'POST', url.replace('?', '/exportTemplate?'));
      expect(exported.json.template).toEqual(scenario.linked);
      conforms('POST', url.replace('?', '/exportTemplate?'), 200, exported.json);
    }
    if (method === 'PUT' && template.endsWith('{resourceGroupName}')) {
      const again = await call(sim, 'PUT', url, body);
      expect(again.status).toBe(200);
      expect(missingKeys(ex.responses['200'].body, again.json, IGNORED(false))).toEqual([]);
      conforms('PUT', url, 200, again.json);
    }
    if (template.endsWith('/whatIf')) {
      const location = res.headers.get('location')!;
      expect(location.startsWith(sim.endpoint)).toBe(true);
      const result = await call(sim, 'GET', location.slice(sim.endpoint.length));
      expect(result.status).toBe(200);
      expect(missingKeys(ex.responses['200'].body, result.json, IGNORED(false))).toEqual([]);
      conforms('POST', url, 200, result.json);
      const kinds = result.json.properties.changes.map((c: { changeType: string }) => c.changeType);
      const exampleKinds = ex.responses['200'].body.properties.changes.map((c: { changeType: string }) => c.changeType);
      expect(new Set(kinds)).toEqual(new Set(exampleKinds));
    }
  });

  if (ex.responses['400']) {
    test('400 InvalidTemplateDeployment like the example when preflight fails', async () => {
      const bad = await startArmSim({ throttleScale: Number.POSITIVE_INFINITY, linkedTemplates: { [LINK]: BAD_STORAGE } });
      try {
        if (p.resourceGroupName) await call(bad, 'PUT', `/subscriptions/${p.subscriptionId}/resourcegroups/${p.resourceGroupName}?${V}`, { location: 'eastus' });
        const res = await call(bad, method, url, body);
        const example = ex.responses['400'];
        expect(res.status).toBe(400);
        for (const h of Object.keys(example.headers ?? {})) expect(res.headers.get(h)).toBeTruthy();
        expect(missingKeys(example.body, res.json, () => false)).toEqual([]);
        expect(res.json.error.code).toBe(example.body.error.code);
        expect(res.json.error.details[0].code).toBe(example.body.error.details[0].code);
        expect(res.json.error.details[0].details[0]).toEqual(example.body.error.details[0].details[0]);
        expect(res.json.error.message).toMatch(/^The template deployment 'my-deployment' is not valid according to the validation procedure\. The tracking id is '[0-9a-f-]{36}'\. See inner errors for details\.$/);
        conforms(method, url, 400, res.json);
      } finally {
        await bad.stop();
      }
    });
  }
});

test('operations, errors, resource group lists and templateHash also match their OpenAPI definitions', async () => {
  const sim = await startArmSim({ deploymentLatencyMs: 0 });
  try {
    const sub = '00000000-0000-0000-0000-000000000009';
    const rg = `/subscriptions/${sub}/resourcegroups/rg`;
    await call(sim, 'PUT', `${rg}?${V}`, { location: 'eastus', tags: { a: 'b' } });
    conforms('GET', `/subscriptions/${sub}/resourcegroups`, 200, (await call(sim, 'GET', `/subscriptions/${sub}/resourcegroups?${V}`)).json);
    conforms('GET', rg, 200, (await call(sim, 'GET', `${rg}?${V}`)).json);
    const put = await call(sim, 'PUT', `${rg}/providers/Microsoft.Resources/deployments/d?${V}`, { properties: { mode: 'Incremental', template: SCENARIOS.resourceGroup.linked } });
    await waitDone(sim, put.headers.get('azure-asyncoperation')!);
    const ops = await call(sim, 'GET', `${rg}/deployments/d/operations?${V}`);
    expect(ops.json.value).toHaveLength(2);
    conforms('GET', `${rg}/deployments/d/operations`, 200, ops.json);
    const one = await call(sim, 'GET', `${rg}/deployments/d/operations/${ops.json.value[0].operationId}?${V}`);
    conforms('GET', `${rg}/deployments/d/operations/x`, 200, one.json);
    const missing = await call(sim, 'GET', `${rg}/providers/Microsoft.Resources/deployments/nope?${V}`);
    expect(missing.status).toBe(404);
    conforms('GET', `${rg}/providers/Microsoft.Resources/deployments/nope`, 404, missing.json);
    const hash = await call(sim, 'POST', `/providers/Microsoft.Resources/calculateTemplateHash?${V}`, SCENARIOS.resourceGroup.linked);
    conforms('POST', '/providers/Microsoft.Resources/calculateTemplateHash', 200, hash.json);
  } finally {
    await sim.stop();
  }
});
