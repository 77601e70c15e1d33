// 500 concurrent deployments of the example stamp (App Service plan + site, so 500 stamp apps start) through the
// unmodified Azure SDK against the local ARM endpoint on a virtual clock. Prints the real seconds it took.
// Run: node_modules/.bin/node --import ./scripts/ts-loader.js scripts/bench-sim.ts [count]
import { ResourceManagementClient } from '@azure/arm-resources';
import { DeploymentsClient } from '@azure/arm-resourcesdeployments';
import { VirtualClock } from '../src/time/clock.js';
import { startArmSim } from '../sim/index.js';
import { trustSimCa } from '../sim/trust.js';

const COUNT = Number(process.argv[2] ?? 500);
const SUB = '00000000-0000-0000-0000-00000000b0b0';
const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };

const template = {
  contentVersion: '1.0.0.0',
  parameters: { name: { type: 'string' }, version: { type: 'string' } },
  resources: [
    { type: 'Microsoft.Web/serverfarms', apiVersion: '2022-09-01', name: "[concat(parameters('name'), '-plan')]", location: '[resourceGroup().location]', sku: { name: 'S1' } },
    {
      type: 'Microsoft.Web/sites',
      apiVersion: '2022-09-01',
      name: "[parameters('name')]",
      location: '[resourceGroup().location]',
      dependsOn: ["[resourceId('Microsoft.Web/serverfarms', concat(parameters('name'), '-plan'))]"],
      properties: { siteConfig: { appSettings: [{ name: 'APP_VERSION', value: "[parameters('version')]" }] } },
    },
  ],
  outputs: { endpoint: { type: 'string', value: "[concat('https://', reference(parameters('name')).defaultHostName)]" } },
};

const clock = new VirtualClock().start();
// ARM's throttling would (rightly) stop 500 writes in one go; the benchmark measures the sim, not the budget.
const sim = await startArmSim({ clock, throttleScale: Number.POSITIVE_INFINITY, deploymentLatencyMs: 20 * 60_000 });
trustSimCa(sim.ca);
const rm = new ResourceManagementClient(credential, SUB, { endpoint: sim.endpoint });
const dc = new DeploymentsClient(credential, SUB, { endpoint: sim.endpoint });
const regions = ['eastus', 'westus', 'northeurope', 'westeurope', 'southeastasia'];

const started = performance.now();
const virtualStart = clock.now();
await Promise.all(Array.from({ length: COUNT }, (_, i) => rm.resourceGroups.createOrUpdate(`rg-${i}`, { location: regions[i % regions.length] })));
const results = await Promise.all(
  Array.from({ length: COUNT }, (_, i) =>
    dc.deployments.beginCreateOrUpdateAndWait(
      `rg-${i}`,
      `stamp-${i}`,
      { properties: { mode: 'Incremental', template, parameters: { name: { value: `web-${i}` }, version: { value: '2.0.0' } } } },
      { updateIntervalInMs: 100 },
    ),
  ),
);
const seconds = (performance.now() - started) / 1000;
const succeeded = results.filter((r) => r.properties?.provisioningState === 'Succeeded').length;
const probe = await fetch(`${String((results[0].properties?.outputs as Record<string, { value: string }>).endpoint.value)}/healthz`).then((r) => r.json());
console.log(`${succeeded}/${COUNT} deployments succeeded; ${sim.apps().length} stamp apps running; first app says ${JSON.stringify(probe)}`);
console.log(`virtual time: ${((clock.now() - virtualStart) / 60_000).toFixed(1)} min; ARM requests: ${sim.requests.length}`);
console.log(`real time: ${seconds.toFixed(2)} s`);
await sim.stop();
clock.stop();
if (succeeded !== COUNT) process.exit(1);
