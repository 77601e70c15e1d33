import { readFileSync } from 'node:fs';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { parseArmJson } from '../../sim/armJson.js';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { call, clients, SUB } from './helpers.js';

/**
 * Bodies as azure-cli sends them for `az deployment group create|validate|what-if --template-file`: its
 * JsonCTemplatePolicy serializes the request without `properties.template` (Python json.dumps: ", " and ": "
 * separators, non-ASCII as \uXXXX), drops the closing "}}", appends `, template:` plus the template file's text
 * byte for byte, and closes with "}}". Reproduced here on the Azure SDK's own pipeline, after serialization.
 */
function pythonDumps(v: unknown): string {
  if (v === null || typeof v !== 'object') {
    return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  if (Array.isArray(v)) return `[${v.map(pythonDumps).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${pythonDumps(k)}: ${pythonDumps(x)}`)
    .join(', ')}}`;
}

export function azJsonCPolicy(templateText: () => string): PipelinePolicy {
  return {
    name: 'azJsonCTemplate',
    sendRequest: async (request, next) => {
      if (typeof request.body === 'string') {
        const data = JSON.parse(request.body) as { properties?: Record<string, unknown> };
        if (data.properties?.template) {
          delete data.properties.template;
          delete data.properties.templateLink;
          const partial = pythonDumps(data);
          request.body = `${partial.slice(0, -2)}, template:${templateText()}}}`;
        }
      }
      return next(request);
    },
  };
}

// A template as people write it: comments of both kinds, a trailing comma, a multi-line string.
const TEMPLATE_FILE = `{
  // Stamp for the az-body test
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "name": { "type": "string" }, /* no default: the caller names it */
    "sku": { "type": "string", "defaultValue": "S1" }
  },
  "resources": [
    {
      "type": "Microsoft.Web/serverfarms",
      "apiVersion": "2022-09-01",
      "name": "[parameters('name')]", // resource name
      "location": "[resourceGroup().location]",
      "sku": { "name": "[parameters('sku')]" },
      "properties": { "reserved": true, },
    }
  ],
  "outputs": {
    "note": { "type": "string", "value": "two
lines" }
  }
}
`;

let sim: ArmSim;
const poll = { updateIntervalInMs: 5 };

beforeAll(async () => {
  sim = await startArmSim({ deploymentLatencyMs: 10 });
  await clients(sim).rm.resourceGroups.createOrUpdate('rg-az', { location: 'eastus' });
});
afterAll(async () => {
  await sim.stop();
});

function azClient() {
  const { dc } = clients(sim);
  const sent: string[] = [];
  dc.pipeline.addPolicy(azJsonCPolicy(() => TEMPLATE_FILE));
  // Last in the pipeline, so it sees the bytes that go on the wire.
  dc.pipeline.addPolicy({
    name: 'record',
    sendRequest: async (req, next) => {
      if (typeof req.body === 'string') sent.push(req.body);
      return next(req);
    },
  });
  return { dc, sent };
}

// The SDK needs some template object to serialize; the policy replaces it with the file text, as az does.
const placeholder = { resources: [] };

describe('deployment bodies as azure-cli sends them', () => {
  test('create: comments and an unquoted template key deploy to Succeeded', async () => {
    const { dc, sent } = azClient();
    const result = await dc.deployments.beginCreateOrUpdateAndWait(
      'rg-az',
      'az-create',
      { properties: { mode: 'Incremental', template: placeholder, parameters: { name: { value: 'plan-az' } } } },
      poll,
    );
    expect(result.properties?.provisioningState).toBe('Succeeded');
    expect(result.properties?.outputs).toEqual({ note: { type: 'String', value: 'two\nlines' } });
    // The body really was not JSON: the unquoted key and the comments went over the wire.
    const body = sent.find((b) => b.includes('template:'))!;
    expect(body.startsWith('{"properties": {"parameters": {"name": {"value": "plan-az"}}, "mode": "Incremental", template:{\n  // Stamp')).toBe(true);
    expect(() => JSON.parse(body)).toThrow();
    const plan = await clients(sim).rm.resources.getById(`/subscriptions/${SUB}/resourceGroups/rg-az/providers/Microsoft.Web/serverfarms/plan-az`, '2022-09-01');
    expect(plan.sku).toEqual({ name: 'S1' });
  });

  test('validate and what-if accept the same body', async () => {
    const { dc, sent } = azClient();
    const v = await dc.deployments.beginValidateAndWait('rg-az', 'az-validate', { properties: { mode: 'Incremental', template: placeholder, parameters: { name: { value: 'plan-az' } } } }, poll);
    expect(v.error).toBeUndefined();
    expect(v.properties?.validatedResources?.map((r) => r.id)).toEqual([`/subscriptions/${SUB}/resourceGroups/rg-az/providers/Microsoft.Web/serverfarms/plan-az`]);
    const w = await dc.deployments.beginWhatIfAndWait(
      'rg-az',
      'az-whatif',
      { properties: { mode: 'Incremental', template: placeholder, parameters: { name: { value: 'plan-az' }, sku: { value: 'P1v3' } }, whatIfSettings: { resultFormat: 'FullResourcePayloads' } } },
      poll,
    );
    expect(w.changes?.[0]).toMatchObject({ changeType: 'Modify', delta: [{ path: 'sku.name', propertyChangeType: 'Modify', before: 'S1', after: 'P1v3' }] });
    expect(sent.filter((b) => b.includes(', template:{'))).toHaveLength(2);
  });

  test('subscription scope: the location comes first, the spliced template still lands in properties', async () => {
    const { dc } = clients(sim);
    const sent: string[] = [];
    const subTemplate = `{
  /* a resource group per stamp */
  "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    { "type": "Microsoft.Resources/resourceGroups", "apiVersion": "2022-09-01", "name": "rg-az-sub", "location": "westeurope", }, // trailing comma
  ],
}`;
    dc.pipeline.addPolicy(azJsonCPolicy(() => subTemplate));
    dc.pipeline.addPolicy({ name: 'record', sendRequest: async (req, next) => (typeof req.body === 'string' && sent.push(req.body), next(req)) });
    const result = await dc.deployments.beginCreateOrUpdateAtSubscriptionScopeAndWait('az-sub', { location: 'westeurope', properties: { mode: 'Incremental', template: placeholder } }, poll);
    expect(result.properties?.provisioningState).toBe('Succeeded');
    expect(sent.find((b) => b.includes('template:'))?.startsWith('{"location": "westeurope", "properties": {"mode": "Incremental", template:{')).toBe(true);
    expect((await clients(sim).rm.resourceGroups.get('rg-az-sub')).location).toBe('westeurope');
  });

  test('garbage is still InvalidRequestContent, with line and position', async () => {
    const path = `/subscriptions/${SUB}/resourcegroups/rg-az/providers/Microsoft.Resources/deployments/bad?api-version=2025-04-01`;
    for (const body of ['{"properties": {"mode": "Incremental", template:{"resources": [}}}', '{properties: ]', '{"a": 1} trailing', '/* never closed', '{"a": tru}', '{"a" 1}', "{'a': 'b\\q'}"]) {
      const r = await call(sim, 'PUT', path, body);
      expect({ body, status: r.status, code: r.json?.error?.code }).toEqual({ body, status: 400, code: 'InvalidRequestContent' });
      expect(r.json.error.message).toMatch(/line \d+, position \d+/);
    }
  });

  test('a template given as a JSON string may carry comments too', async () => {
    const path = `/subscriptions/${SUB}/resourcegroups/rg-az/providers/Microsoft.Resources/deployments/as-string?api-version=2025-04-01`;
    const r = await call(sim, 'PUT', path, { properties: { mode: 'Incremental', template: TEMPLATE_FILE, parameters: { name: { value: 'plan-str' } } } });
    expect(r.status).toBe(201);
  });
});

describe('parseArmJson', () => {
  test.each([
    ['{"a": 1}', { a: 1 }],
    ['{a: 1, b_2$: [1, 2,], }', { a: 1, b_2$: [1, 2] }],
    ["{'s': 'it\\'s'}", { s: "it's" }],
    ['// lead\n{"a": /* inline */ "x"} // tail', { a: 'x' }],
    ['\ufeff{"a": null}', { a: null }],
    ['{"m": "a\r\nb"}', { m: 'a\r\nb' }],
    ['{"__proto__": {"x": 1}}', JSON.parse('{"__proto__": {"x": 1}}')],
    ['[-1.5e2, 0, true, false]', [-150, 0, true, false]],
  ])('%j', (text, want) => {
    expect(parseArmJson(text)).toEqual(want);
  });

  test.each(['', '{', '[1,,2]', '{,}', '01', '{"a": 1,,}', 'nul', '{"a": 1}}', '"open'])('rejects %j', (text) => {
    expect(() => parseArmJson(text)).toThrow(/line \d+, position \d+/);
  });

  test('errors name the path, line and position', () => {
    expect(() => parseArmJson('{\n  "properties": {\n    "mode": @\n  }\n}')).toThrow("Unexpected character encountered while parsing value: @. Path 'properties.mode', line 3, position 13.");
  });
});

describe('the CA file', () => {
  test('ends with a newline, so PEM bundles concatenate', () => {
    const text = readFileSync(sim.caFile, 'utf8');
    expect(text.startsWith('-----BEGIN CERTIFICATE-----')).toBe(true);
    expect(text.endsWith('-----END CERTIFICATE-----\n')).toBe(true);
  });
});
