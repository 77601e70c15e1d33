import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { readInputs } from '../../src/github/inputs.js';
import { runDeploy } from '../../src/github/run-deploy.js';
import { runTeardown } from '../../src/github/run-teardown.js';
import { actionHarness } from '../helpers/in-process-action.js';

const harness = actionHarness();
const ENV = { SECRETIVE_API_KEY: 'sk-live-5ecret-api-key-7731', SECRETIVE_PROBE_KEY: 'probe-5ecret-header-4410', SECRETIVE_SUBSCRIPTION: '00000000-0000-0000-0000-00000000beef' };
const SUB = '/subscriptions/00000000-0000-0000-0000-00000000beef';
let arm: ArmSim;
const target = () => ({ spec: '__tests__/fixtures/secrets/rollout.yaml', 'arm-endpoint': arm.endpoint, 'arm-ca': arm.caFile });
const teardown = (inputs: Record<string, string>) => harness.run({ command: 'teardown', ...target(), ...inputs }, () => runTeardown(readInputs()), ENV);
const unmasked = (stdout: string) => stdout.replace(/^::add-mask::.*\n/gm, '');

beforeAll(async () => {
  arm = await startArmSim({ deploymentLatencyMs: 200 });
  const deployed = await harness.run({ command: 'deploy', ...target(), version: '3.0.0' }, () => runDeploy(readInputs()), ENV);
  expect(deployed.outputs.status).toBe('succeeded');
});
afterAll(async () => {
  await arm.stop();
  harness.cleanup();
});

const westus = [
  { kind: 'resource', id: `${SUB}/resourceGroups/secretive-wus/providers/Microsoft.Web/sites/secretive-wus`, stamp: 'app@westus' },
  { kind: 'resourceGroup', id: `${SUB}/resourceGroups/secretive-wus`, stamp: 'app@westus' },
];

describe('runTeardown', () => {
  it('dry-run: true lists what would go, in order, and deletes nothing', async () => {
    const run = await teardown({ 'dry-run': 'true', region: 'westus' });
    expect([run.error, run.exitCode]).toEqual([undefined, undefined]);
    expect(JSON.parse(run.outputs.teardown)).toEqual({ stamps: ['app@westus'], plan: { items: westus }, removed: false });
    const text =
      'Teardown of 1 stamp(s): app@westus\nWould delete (in this order):\n' +
      `  - resource ${SUB}/resourceGroups/secretive-wus/providers/Microsoft.Web/sites/secretive-wus (app@westus)\n` +
      `  - resource group ${SUB}/resourceGroups/secretive-wus (app@westus)\n(dry run: nothing deleted)`;
    expect(unmasked(run.stdout)).toBe(`${text}\n`);
    expect(run.summary).toBe(`### Teardown\n\n\`\`\`\n${text}\n\`\`\`\n\n`);
    expect(arm.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
  });

  it('deletes the region\'s stamps, logging each deletion as it happens', async () => {
    const run = await teardown({ region: 'westus' });
    expect(JSON.parse(run.outputs.teardown)).toEqual({ stamps: ['app@westus'], plan: { items: westus }, removed: true });
    expect(unmasked(run.stdout)).toBe(
      `deleted resource ${SUB}/resourceGroups/secretive-wus/providers/Microsoft.Web/sites/secretive-wus\ndeleted resource group ${SUB}/resourceGroups/secretive-wus\n` +
        'Teardown of 1 stamp(s): app@westus\nDeleted (in this order):\n' +
        `  - resource ${SUB}/resourceGroups/secretive-wus/providers/Microsoft.Web/sites/secretive-wus (app@westus)\n` +
        `  - resource group ${SUB}/resourceGroups/secretive-wus (app@westus)\n`,
    );
    // ARM paths are case-insensitive (the SDK writes resourcegroups) and the SDK may double the leading slash.
    expect(arm.requests.filter((r) => r.method === 'DELETE').map((r) => r.path.split('?')[0].replace(/^\/\//, '/').toLowerCase())).toEqual(westus.map((i) => i.id.toLowerCase()));
  });

  it('the component and deployed-version inputs narrow it; an unknown component is refused', async () => {
    const other = await teardown({ 'dry-run': 'true', 'deployed-version': '9.9.9' });
    expect(JSON.parse(other.outputs.teardown)).toMatchObject({ stamps: [], removed: false });
    const app = await teardown({ 'dry-run': 'true', component: 'app', 'deployed-version': '3.0.0' });
    expect(JSON.parse(app.outputs.teardown).stamps).toEqual(['app@eastus']);
    const bad = await teardown({ component: 'nope' });
    expect((bad.error as Error).name).toBe('InputError');
    expect((bad.error as Error).message).toBe('teardown: no component "nope"; components: app');
    expect(bad.outputs).toEqual({});
  });
});
