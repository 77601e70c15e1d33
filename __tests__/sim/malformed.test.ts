import { startArmSim, type ArmSim } from '../../sim/index.js';
import { call, SUB } from './helpers.js';

// Malformed requests get ARM-shaped 4xx answers ({"error": {"code", "message"}}) and the server keeps serving.
let sim: ArmSim;
const V = 'api-version=2025-04-01';
const RG = `/subscriptions/${SUB}/resourcegroups/rg-ok`;
const DEP = `${RG}/providers/Microsoft.Resources/deployments`;
const tpl = (extra: Record<string, unknown> = {}) => ({ contentVersion: '1.0.0.0', resources: [], ...extra });
const deployBody = (template: unknown, parameters: unknown = {}) => ({ properties: { mode: 'Incremental', template, parameters } });

beforeAll(async () => {
  sim = await startArmSim({ deploymentLatencyMs: 10 });
  expect((await call(sim, 'PUT', `${RG}?${V}`, { location: 'eastus' })).status).toBe(201);
});
afterAll(async () => {
  await sim.stop();
});

interface Case {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
  code: string;
}

const cases: Case[] = [
  { name: 'bad JSON', method: 'PUT', path: `/subscriptions/${SUB}/resourcegroups/rg1?${V}`, body: '{"location": ', status: 400, code: 'InvalidRequestContent' },
  { name: 'body is an array', method: 'PUT', path: `/subscriptions/${SUB}/resourcegroups/rg1?${V}`, body: [], status: 400, code: 'InvalidRequestContent' },
  { name: 'resource group without location', method: 'PUT', path: `/subscriptions/${SUB}/resourcegroups/rg1?${V}`, body: {}, status: 400, code: 'LocationRequired' },
  { name: 'location is a number', method: 'PUT', path: `/subscriptions/${SUB}/resourcegroups/rg1?${V}`, body: { location: 42 }, status: 400, code: 'LocationRequired' },
  { name: 'resource group name with *', method: 'PUT', path: `/subscriptions/${SUB}/resourcegroups/rg*1?${V}`, body: { location: 'eastus' }, status: 400, code: 'InvalidResourceGroupName' },
  { name: 'resource group name ending in a period', method: 'PUT', path: `/subscriptions/${SUB}/resourcegroups/rg1.?${V}`, body: { location: 'eastus' }, status: 400, code: 'InvalidResourceGroupName' },
  { name: 'resource group name of 91 chars', method: 'PUT', path: `/subscriptions/${SUB}/resourcegroups/${'r'.repeat(91)}?${V}`, body: { location: 'eastus' }, status: 400, code: 'InvalidResourceGroupName' },
  { name: 'tags with a non-string value', method: 'PUT', path: `/subscriptions/${SUB}/resourcegroups/rg1?${V}`, body: { location: 'eastus', tags: { a: 1 } }, status: 400, code: 'InvalidRequestContent' },
  { name: 'subscription id not a GUID', method: 'GET', path: `/subscriptions/not-a-guid/resourcegroups/rg1?${V}`, status: 400, code: 'InvalidSubscriptionId' },
  { name: 'missing api-version', method: 'GET', path: RG, status: 400, code: 'MissingApiVersionParameter' },
  { name: 'missing Authorization', method: 'GET', path: `${RG}?${V}`, headers: { authorization: '' }, status: 401, code: 'AuthenticationFailed' },
  { name: 'Basic instead of Bearer', method: 'GET', path: `${RG}?${V}`, headers: { authorization: 'Basic dTpw' }, status: 401, code: 'InvalidAuthenticationToken' },
  { name: 'unknown top-level path', method: 'GET', path: `/frobnicate?${V}`, status: 404, code: 'InvalidResourceType' },
  { name: 'unknown path under a subscription', method: 'GET', path: `/subscriptions/${SUB}/frobnicate/x/y?${V}`, status: 404, code: 'InvalidResourceType' },
  { name: 'malformed percent-encoding', method: 'GET', path: `/subscriptions/${SUB}/resourcegroups/%E0%A4%A?${V}`, status: 400, code: 'InvalidRequestUri' },
  { name: 'POST on a resource group', method: 'POST', path: `${RG}?${V}`, status: 405, code: 'MethodNotAllowed' },
  { name: 'PATCH on a deployment', method: 'PATCH', path: `${DEP}/d?${V}`, body: {}, status: 405, code: 'MethodNotAllowed' },
  { name: 'GET on validate', method: 'GET', path: `${DEP}/d/validate?${V}`, status: 405, code: 'MethodNotAllowed' },
  { name: 'body over 4 MiB', method: 'PUT', path: `${DEP}/huge?${V}`, body: JSON.stringify({ properties: { mode: 'Incremental', template: tpl({ variables: { pad: 'x'.repeat(4 * 1024 * 1024 + 10) } }) } }), status: 413, code: 'RequestContentTooLarge' },
  { name: 'text/plain body', method: 'PUT', path: `${DEP}/d?${V}`, body: 'hello', headers: { 'content-type': 'text/plain' }, status: 415, code: 'UnsupportedMediaType' },
  { name: 'deployment without properties', method: 'PUT', path: `${DEP}/d?${V}`, body: {}, status: 400, code: 'InvalidRequestContent' },
  { name: 'deployment without mode', method: 'PUT', path: `${DEP}/d?${V}`, body: { properties: { template: tpl() } }, status: 400, code: 'InvalidRequestContent' },
  { name: 'unknown mode', method: 'PUT', path: `${DEP}/d?${V}`, body: { properties: { mode: 'Sideways', template: tpl() } }, status: 400, code: 'InvalidRequestContent' },
  { name: 'neither template nor templateLink', method: 'PUT', path: `${DEP}/d?${V}`, body: { properties: { mode: 'Incremental' } }, status: 400, code: 'InvalidDeployment' },
  { name: 'both template and templateLink', method: 'PUT', path: `${DEP}/d?${V}`, body: { properties: { mode: 'Incremental', template: tpl(), templateLink: { uri: 'https://x/t.json' } } }, status: 400, code: 'InvalidRequestContent' },
  { name: 'template is a broken JSON string', method: 'PUT', path: `${DEP}/d?${V}`, body: deployBody('{"resources": ['), status: 400, code: 'InvalidRequestContent' },
  { name: 'parameters is an array', method: 'PUT', path: `${DEP}/d?${V}`, body: deployBody(tpl(), []), status: 400, code: 'InvalidRequestContent' },
  { name: 'parameter without value', method: 'PUT', path: `${DEP}/d?${V}`, body: deployBody(tpl({ parameters: { p: { type: 'string' } } }), { p: 'bare' }), status: 400, code: 'InvalidRequestContent' },
  { name: 'deployment name of 65 chars', method: 'PUT', path: `${DEP}/${'d'.repeat(65)}?${V}`, body: deployBody(tpl()), status: 400, code: 'DeploymentNameLengthLimitExceeded' },
  { name: 'deployment name with *', method: 'PUT', path: `${DEP}/bad*name?${V}`, body: deployBody(tpl()), status: 400, code: 'DeploymentNameInvalidCharacters' },
  { name: 'unsupported template function', method: 'PUT', path: `${DEP}/d?${V}`, body: deployBody(tpl({ outputs: { o: { type: 'string', value: "[listKeys('x', '2020-01-01')]" } }, resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '1', name: "[listKeys('x', '1')]", location: 'eastus' }] })), status: 400, code: 'InvalidTemplate' },
  { name: "template without 'resources'", method: 'PUT', path: `${DEP}/d?${V}`, body: deployBody({ contentVersion: '1.0.0.0' }), status: 400, code: 'InvalidTemplate' },
  { name: 'missing required parameter', method: 'PUT', path: `${DEP}/d?${V}`, body: deployBody(tpl({ parameters: { p: { type: 'string' } } })), status: 400, code: 'InvalidTemplate' },
  { name: 'string where int is declared', method: 'PUT', path: `${DEP}/d?${V}`, body: deployBody(tpl({ parameters: { n: { type: 'int' } } }), { n: { value: 'three' } }), status: 400, code: 'InvalidTemplate' },
  { name: 'value outside allowedValues', method: 'PUT', path: `${DEP}/d?${V}`, body: deployBody(tpl({ parameters: { s: { type: 'string', allowedValues: ['a', 'b'] } } }), { s: { value: 'c' } }), status: 400, code: 'InvalidTemplate' },
  { name: 'parameter the template does not declare', method: 'PUT', path: `${DEP}/d?${V}`, body: deployBody(tpl(), { ghost: { value: 1 } }), status: 400, code: 'InvalidTemplate' },
  { name: 'dependsOn an undefined resource', method: 'PUT', path: `${DEP}/d?${V}`, body: deployBody(tpl({ resources: [{ type: 'Microsoft.Cdn/profiles', apiVersion: '1', name: 'a', dependsOn: ['nothere'] }] })), status: 400, code: 'InvalidTemplate' },
  { name: 'circular dependsOn', method: 'PUT', path: `${DEP}/d?${V}`, body: deployBody(tpl({ resources: [{ type: 'Microsoft.Cdn/profiles', apiVersion: '1', name: 'a', dependsOn: ['b'] }, { type: 'Microsoft.Cdn/profiles', apiVersion: '1', name: 'b', dependsOn: ['a'] }] })), status: 400, code: 'InvalidTemplate' },
  { name: 'unterminated expression', method: 'PUT', path: `${DEP}/d?${V}`, body: deployBody(tpl({ variables: { v: "[concat('a']" } })), status: 400, code: 'InvalidTemplate' },
  { name: 'Key Vault parameter reference', method: 'PUT', path: `${DEP}/d?${V}`, body: deployBody(tpl({ parameters: { s: { type: 'securestring' } } }), { s: { reference: { keyVault: { id: '/x' }, secretName: 's' } } }), status: 400, code: 'InvalidTemplate' },
  { name: 'templateLink the sim cannot fetch', method: 'PUT', path: `${DEP}/d?${V}`, body: { properties: { mode: 'Incremental', templateLink: { uri: 'https://example.invalid/t.json' } } }, status: 400, code: 'InvalidContentLink' },
  { name: 'deployment into a missing resource group', method: 'PUT', path: `/subscriptions/${SUB}/resourcegroups/rg-none/providers/Microsoft.Resources/deployments/d?${V}`, body: deployBody(tpl()), status: 404, code: 'ResourceGroupNotFound' },
  { name: 'subscription deployment without location', method: 'PUT', path: `/subscriptions/${SUB}/providers/Microsoft.Resources/deployments/d?${V}`, body: deployBody(tpl()), status: 400, code: 'LocationRequired' },
  { name: 'Complete mode at subscription scope', method: 'PUT', path: `/subscriptions/${SUB}/providers/Microsoft.Resources/deployments/d?${V}`, body: { location: 'eastus', properties: { mode: 'Complete', template: tpl() } }, status: 400, code: 'InvalidDeploymentMode' },
  { name: 'GET a missing deployment', method: 'GET', path: `${DEP}/nope?${V}`, status: 404, code: 'DeploymentNotFound' },
  { name: 'cancel a missing deployment', method: 'POST', path: `${DEP}/nope/cancel?${V}`, status: 404, code: 'DeploymentNotFound' },
  { name: 'unsupported $filter', method: 'GET', path: `${DEP}?${V}&$filter=${encodeURIComponent("name eq 'x'")}`, status: 400, code: 'InvalidFilterInQueryString' },
  { name: '$top of -1', method: 'GET', path: `${DEP}?${V}&$top=-1`, status: 400, code: 'InvalidTopInQueryString' },
  { name: 'unknown operation result', method: 'GET', path: `/subscriptions/${SUB}/operationresults/ABC?${V}`, status: 404, code: 'OperationNotFound' },
];

test('there are at least 30 malformed requests', () => {
  expect(cases.length).toBeGreaterThanOrEqual(30);
});

test.each(cases)('$name -> $status $code', async (c) => {
  const headers = { ...(c.headers ?? {}) };
  const res = await call(sim, c.method, c.path, c.body, headers.authorization === '' ? {} : headers);
  if (headers.authorization === '') {
    // `call` always sends a token; this case needs none at all.
    const raw = await fetch(`${sim.endpoint}${c.path}`);
    res.status = raw.status;
    res.json = await raw.json();
  }
  expect({ status: res.status, code: res.json?.error?.code }).toEqual({ status: c.status, code: c.code });
  expect(typeof res.json.error.message).toBe('string');
  expect(res.json.error.message.length).toBeGreaterThan(10);
  // Still serving.
  expect((await call(sim, 'GET', `${RG}?${V}`)).status).toBe(200);
});

test('after all of that, a good deployment still works', async () => {
  const put = await call(sim, 'PUT', `${DEP}/good?${V}`, deployBody(tpl({ outputs: { x: { type: 'string', value: "[toUpper('ok')]" } } })));
  expect(put.status).toBe(201);
  const status = put.headers.get('azure-asyncoperation')!.slice(sim.endpoint.length);
  for (let i = 0; i < 200; i++) {
    const s = await call(sim, 'GET', status);
    if (s.json.status !== 'Running') break;
    await new Promise((r) => setTimeout(r, 5));
  }
  expect((await call(sim, 'GET', `${DEP}/good?${V}`)).json.properties.outputs).toEqual({ x: { type: 'String', value: 'OK' } });
});
