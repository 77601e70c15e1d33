import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { repoRoot } from '../helpers/run-action.js';
import { call } from './helpers.js';

// The REST reference's PUT of a deployment at management-group scope (source: __tests__/fixtures/rest-specs/deployments/SOURCE.md).
const example = JSON.parse(readFileSync(path.join(repoRoot, '__tests__/fixtures/rest-specs/deployments/PutDeploymentAtManagementGroup.json'), 'utf8'));
const { groupId, deploymentName, parameters: body } = example.parameters;
// The linked template the example describes: a policy definition, and an assignment depending on it.
const linked = {
  $schema: 'https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  resources: [
    { type: 'Microsoft.Authorization/policyDefinitions', apiVersion: '2023-04-01', name: 'policy-definition-name', properties: { policyType: 'Custom', mode: 'All', policyRule: { if: { field: 'location', notIn: ['eastus'] }, then: { effect: 'deny' } } } },
    {
      type: 'Microsoft.Authorization/policyAssignments',
      apiVersion: '2022-06-01',
      name: 'location-lock',
      dependsOn: ["[managementGroupResourceId('Microsoft.Authorization/policyDefinitions', 'policy-definition-name')]"],
      properties: { policyDefinitionId: "[managementGroupResourceId('Microsoft.Authorization/policyDefinitions', 'policy-definition-name')]" },
    },
  ],
};

describe('PUT of a deployment at management-group scope, as the REST reference\'s example sends it', () => {
  let sim: ArmSim;
  beforeAll(async () => {
    sim = await startArmSim({ deploymentLatencyMs: 50, linkedTemplates: { [body.properties.templateLink.uri]: linked } });
  });
  afterAll(() => sim.stop());

  const url = `/providers/Microsoft.Management/managementGroups/${groupId}/providers/Microsoft.Resources/deployments/${deploymentName}`;

  it('answers 201 with the example\'s id, location, providers and dependencies; a location is required', async () => {
    const missing = await call(sim, 'PUT', `${url}?api-version=${example.parameters['api-version']}`, { properties: body.properties });
    expect([missing.status, missing.json.error.code]).toEqual([400, 'LocationRequired']);

    const put = await call(sim, 'PUT', `${url}?api-version=${example.parameters['api-version']}`, body);
    const want = example.responses['201'].body;
    expect(put.status).toBe(201);
    expect(put.headers.get('azure-asyncoperation')).toContain(`${url}/operationStatuses/`);
    expect({ id: put.json.id, name: put.json.name, type: put.json.type, location: put.json.location }).toEqual({ id: want.id, name: want.name, type: want.type, location: want.location });
    expect(put.json.properties).toMatchObject({ mode: want.properties.mode, provisioningState: want.properties.provisioningState, parameters: want.properties.parameters });
    const types = (p: { namespace: string; resourceTypes: { resourceType: string }[] }[]) => p.flatMap((x) => x.resourceTypes.map((t) => `${x.namespace}/${t.resourceType}`)).filter((t) => !t.endsWith('/deployments')).sort();
    expect(types(put.json.properties.providers)).toEqual(types(want.properties.providers));
    expect(put.json.properties.dependencies.map((d: { id: string; dependsOn: { id: string }[] }) => [d.id, d.dependsOn.map((x) => x.id)])).toEqual(want.properties.dependencies.map((d: { id: string; dependsOn: { id: string }[] }) => [d.id, d.dependsOn.map((x) => x.id)]));

    // Listed and read at its scope; the assignment exists at the group once it succeeded.
    let state = '';
    for (let i = 0; i < 100 && state !== 'Succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      state = (await call(sim, 'GET', `${url}?api-version=2025-04-01`)).json.properties.provisioningState;
    }
    expect(state).toBe('Succeeded');
    const list = await call(sim, 'GET', `/providers/Microsoft.Management/managementGroups/${groupId}/providers/Microsoft.Resources/deployments?api-version=2025-04-01`);
    expect(list.json.value.map((d: { name: string }) => d.name)).toEqual([deploymentName]);
    const assignment = await call(sim, 'GET', `/providers/Microsoft.Management/managementGroups/${groupId}/providers/Microsoft.Authorization/policyAssignments/location-lock?api-version=2022-06-01`);
    expect(assignment.json.properties.policyDefinitionId).toBe(want.properties.dependencies[0].dependsOn[0].id);
    expect((await call(sim, 'DELETE', `${url}?api-version=2025-04-01`)).status).toBeLessThan(300);
  });
});
