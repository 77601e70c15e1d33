import { startArmSim, type ArmSim } from '../../sim/index.js';
import { VirtualClock } from '../../src/time/clock.js';
import { call, clients, errorOf, siteParams, siteTemplate, SUB } from './helpers.js';

// Driven through the unmodified Azure SDK clients: real pipeline, bearer token, HTTPS to the sim.
let sim: ArmSim;
// The sim's waits (deployments, resource-group deletions) are on a virtual clock: a test that must see an operation
// still running holds the clock still (clock.track) instead of racing a real-time window.
const clock = new VirtualClock();
const poll = { updateIntervalInMs: 5 };

beforeAll(async () => {
  sim = await startArmSim({ clock: clock.start(), deploymentLatencyMs: 30, pageSize: 2, resourceGroupDeleteLatencyMs: 40 });
});
afterAll(async () => {
  await sim.stop();
  clock.stop();
});

const deploy = (rg: string, name: string, version: string, extra: Record<string, unknown> = {}) =>
  clients(sim).dc.deployments.beginCreateOrUpdateAndWait(
    rg,
    name,
    { properties: { mode: 'Incremental', template: siteTemplate(), parameters: siteParams(`site-${rg}`, version) }, ...extra },
    poll,
  );

describe('resource groups', () => {
  test('create, read, exist, list by tag, update', async () => {
    const { rm } = clients(sim);
    const created = await rm.resourceGroups.createOrUpdate('rg-basic', { location: 'West Europe', tags: { team: 'web' } });
    expect(created).toMatchObject({ name: 'rg-basic', location: 'westeurope', tags: { team: 'web' }, properties: { provisioningState: 'Succeeded' } });
    expect(created.id).toBe(`/subscriptions/${SUB}/resourceGroups/rg-basic`);
    expect((await rm.resourceGroups.checkExistence('rg-basic')).body).toBe(true);
    expect((await rm.resourceGroups.checkExistence('rg-nope')).body).toBe(false);
    const byTag = [];
    for await (const g of rm.resourceGroups.list({ filter: "tagName eq 'team' and tagValue eq 'web'" })) byTag.push(g.name);
    expect(byTag).toEqual(['rg-basic']);
    const updated = await rm.resourceGroups.update('rg-basic', { tags: { team: 'api' } });
    expect(updated.tags).toEqual({ team: 'api' });
    await expect(rm.resourceGroups.get('rg-missing')).rejects.toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound' });
    await expect(rm.resourceGroups.createOrUpdate('rg-basic', { location: 'eastus' })).rejects.toMatchObject({ statusCode: 409, code: 'InvalidResourceGroupLocation' });
  });
});

describe('deployments', () => {
  beforeAll(async () => {
    const { rm } = clients(sim);
    for (const rg of ['rg-app', 'rg-fail', 'rg-cancel', 'rg-list', 'rg-del', 'rg-whatif']) await rm.resourceGroups.createOrUpdate(rg, { location: 'eastus' });
  });

  test('deploy polls to Succeeded; outputs and parameters come back as ARM returns them; the stamp app answers', async () => {
    const result = await deploy('rg-app', 'app-v1', '1.0.0', { tags: { 'rollout-id': 'r1' } });
    expect(result.properties?.provisioningState).toBe('Succeeded');
    expect(result.tags).toEqual({ 'rollout-id': 'r1' });
    const outputs = result.properties?.outputs as Record<string, { type: string; value?: unknown }>;
    expect(outputs.siteName).toEqual({ type: 'String', value: 'site-rg-app' });
    expect(outputs.secret).toEqual({ type: 'SecureString' });
    expect(outputs.unique.value).toMatch(/^[a-z2-7]{13}$/);
    expect(result.properties?.parameters).toMatchObject({ adminPassword: { type: 'SecureString' }, version: { type: 'String', value: '1.0.0' } });
    expect(JSON.stringify(result)).not.toContain('p@ss');
    expect(result.properties?.outputResources).toHaveLength(2);
    expect(result.properties?.duration).toMatch(/^PT[\d.]+S$/);

    const endpoint = String(outputs.endpoint.value);
    expect(endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${endpoint}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', version: '1.0.0' });
    expect(sim.apps()).toContainEqual(expect.objectContaining({ url: endpoint, version: '1.0.0', region: 'eastus', resourceGroup: 'rg-app', subscription: SUB }));

    // A redeploy swaps the version behind the same host name, as an App Service slot would.
    const v2 = await deploy('rg-app', 'app-v2', '2.0.0');
    expect((v2.properties?.outputs as any).endpoint.value).toBe(endpoint);
    expect(await (await fetch(`${endpoint}/healthz`)).json()).toEqual({ status: 'ok', version: '2.0.0' });

    const { rm, dc } = clients(sim);
    const site = await rm.resources.getById(`/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.Web/sites/site-rg-app`, '2022-09-01');
    expect(site.properties).toMatchObject({ defaultHostName: endpoint.slice('https://'.length) });
    expect((await dc.deployments.checkExistence('rg-app', 'app-v1')).body).toBe(true);
    const exported = await dc.deployments.exportTemplate('rg-app', 'app-v1');
    expect(exported.template).toEqual(siteTemplate());
    const ops = [];
    for await (const op of dc.deploymentOperations.list('rg-app', 'app-v2')) ops.push(op);
    expect(ops.map((o) => o.properties?.targetResource?.resourceType)).toEqual(['Microsoft.Web/serverfarms', 'Microsoft.Web/sites']);
    expect(ops.every((o) => o.properties?.provisioningState === 'Succeeded')).toBe(true);
  });

  test('a failing deployment polls to Failed and the SDK throws ARM error code and message', async () => {
    sim.faults.add({ kind: 'deploymentFails', resourceGroup: 'rg-fail', code: 'Conflict', message: 'The site is locked.' });
    const err = errorOf(await deploy('rg-fail', 'bad', '1.0.0').catch((e) => e));
    expect(err.message).toBe(
      'The long-running operation has failed. DeploymentFailed. At least one resource deployment operation failed. Please list deployment operations for details. Please see https://aka.ms/arm-deployment-operations for usage details.',
    );
    const got = await clients(sim).dc.deployments.get('rg-fail', 'bad');
    expect(got.properties?.provisioningState).toBe('Failed');
    expect(got.properties?.error).toMatchObject({ code: 'DeploymentFailed', details: [{ code: 'Conflict', message: 'The site is locked.' }] });
  });

  test('validate: 200, 400 InvalidTemplate for a missing parameter, 400 InvalidTemplateDeployment for preflight', async () => {
    const { dc } = clients(sim);
    const ok = await dc.deployments.beginValidateAndWait('rg-app', 'v', { properties: { mode: 'Incremental', template: siteTemplate(), parameters: siteParams('s', '1') } }, poll);
    expect(ok.error).toBeUndefined();
    expect(ok.properties?.validatedResources).toHaveLength(2);
    // Against ARM too, the SDK's poller turns validate's synchronous 400 into a bare "The long-running operation has
    // failed"; the ARM error is in the raw response, which `onResponse` exposes.
    let raw: { status: number; parsedBody?: any } | undefined;
    const missing = dc.deployments.beginValidateAndWait('rg-app', 'v', { properties: { mode: 'Incremental', template: siteTemplate(), parameters: { version: { value: '1' } } } }, { ...poll, onResponse: (r) => (raw = r) });
    await expect(missing).rejects.toThrow('The long-running operation has failed');
    expect(raw?.status).toBe(400);
    expect(raw?.parsedBody.error.code).toBe('InvalidTemplate');
    expect(raw?.parsedBody.error.message).toContain("The value for the template parameter 'siteName' is not provided");
    const storage = {
      contentVersion: '1.0.0.0',
      resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: 'a', location: 'eastus', properties: {} }],
    };
    await expect(dc.deployments.beginValidateAndWait('rg-app', 'v', { properties: { mode: 'Incremental', template: storage } }, { ...poll, onResponse: (r) => (raw = r) })).rejects.toThrow(/long-running operation has failed|InvalidTemplateDeployment/);
    expect(raw?.status).toBe(400);
    expect(raw?.parsedBody.error).toMatchObject({ code: 'InvalidTemplateDeployment', details: [{ code: 'PreflightValidationCheckFailed', details: [{ code: 'AccountNameInvalid', target: 'a' }] }] });
    // PUT runs the same preflight and answers 400 synchronously.
    await expect(dc.deployments.beginCreateOrUpdateAndWait('rg-app', 'v', { properties: { mode: 'Incremental', template: storage } }, poll)).rejects.toMatchObject({ statusCode: 400, code: 'InvalidTemplateDeployment' });
  });

  test('whatIf: Create before the first deployment, NoChange / Modify after it', async () => {
    const { dc } = clients(sim);
    const body = (v: string) => ({ properties: { mode: 'Incremental' as const, template: siteTemplate(), parameters: siteParams('site-rg-whatif', v) } });
    const before = await dc.deployments.beginWhatIfAndWait('rg-whatif', 'w', body('1.0.0'), poll);
    expect(before.status).toBe('Succeeded');
    expect(before.changes?.map((c) => c.changeType)).toEqual(['Create', 'Create']);
    await deploy('rg-whatif', 'w1', '1.0.0');
    const same = await dc.deployments.beginWhatIfAndWait('rg-whatif', 'w', body('1.0.0'), poll);
    expect(same.changes?.map((c) => c.changeType)).toEqual(['NoChange', 'NoChange']);
    const next = await dc.deployments.beginWhatIfAndWait('rg-whatif', 'w', body('2.0.0'), poll);
    const site = next.changes?.find((c) => c.resourceId?.endsWith('/sites/site-rg-whatif'));
    expect(site?.changeType).toBe('Modify');
    expect(site?.delta?.map((d) => d.path)).toEqual(expect.arrayContaining(['tags.version', 'properties.siteConfig.linuxFxVersion']));
  });

  test('cancel a running deployment: 204, then Canceled; cancel again is 409', async () => {
    sim.faults.add({ kind: 'deploymentHangs', resourceGroup: 'rg-cancel' });
    const { dc } = clients(sim);
    const poller = await dc.deployments.beginCreateOrUpdate('rg-cancel', 'hang', { properties: { mode: 'Incremental', template: siteTemplate(), parameters: siteParams('x', '1') } }, poll);
    expect((await dc.deployments.get('rg-cancel', 'hang')).properties?.provisioningState).toBe('Running');
    // The same name is refused while it runs (another name would run alongside, as in ARM).
    await expect(dc.deployments.beginCreateOrUpdate('rg-cancel', 'hang', { properties: { mode: 'Incremental', template: siteTemplate(), parameters: siteParams('x', '1') } }, poll)).rejects.toMatchObject({ statusCode: 409, code: 'DeploymentActive' });
    await dc.deployments.cancel('rg-cancel', 'hang');
    await expect(poller.pollUntilDone()).rejects.toThrow('Operation was canceled');
    expect((await dc.deployments.get('rg-cancel', 'hang')).properties?.provisioningState).toBe('Canceled');
    await expect(dc.deployments.cancel('rg-cancel', 'hang')).rejects.toMatchObject({ statusCode: 409, code: 'DeploymentCannotBeCancelled' });
  });

  test('list with $filter and nextLink paging', async () => {
    sim.faults.add({ kind: 'deploymentFails', resourceGroup: 'rg-list', deploymentName: 'l-bad', code: 'BadRequest', message: 'nope' });
    for (const n of ['l1', 'l2', 'l3', 'l-bad', 'l4']) await deploy('rg-list', n, '1').catch(() => undefined);
    const { dc } = clients(sim);
    const before = sim.requests.length;
    const succeeded = [];
    for await (const d of dc.deployments.listByResourceGroup('rg-list', { filter: "provisioningState eq 'Succeeded'" })) succeeded.push(d.name);
    expect(succeeded).toEqual(['l1', 'l2', 'l3', 'l4']);
    const listCalls = sim.requests.slice(before).filter((r) => r.method === 'GET' && r.path.endsWith('/deployments'));
    expect(listCalls).toHaveLength(2); // page size 2: the second page came from nextLink
    expect(listCalls[1].url).toContain('$skiptoken=2');
    const failed = [];
    for await (const d of dc.deployments.listByResourceGroup('rg-list', { filter: "provisioningState eq 'Failed'" })) failed.push(d.name);
    expect(failed).toEqual(['l-bad']);
  });

  test('delete a resource group: 202 + Location polled to completion; its app stops, its history goes', async () => {
    const result = await deploy('rg-del', 'd', '3.0.0');
    const url = String((result.properties?.outputs as any).endpoint.value);
    // Time stands still until `release`: the deletion (40 ms on the sim's clock) cannot finish between these requests.
    let release!: () => void;
    const held = clock.track(new Promise<void>((resolve) => (release = resolve)));
    const raw = await call(sim, 'DELETE', `/subscriptions/${SUB}/resourcegroups/rg-del?api-version=2025-04-01`);
    expect(raw.status).toBe(202);
    expect(raw.headers.get('location')).toMatch(new RegExp(`^${sim.endpoint}/subscriptions/${SUB}/operationresults/`));
    const location = raw.headers.get('location')!.slice(sim.endpoint.length);
    expect((await call(sim, 'GET', location)).status).toBe(202); // still deleting
    const { rm } = clients(sim);
    expect((await rm.resourceGroups.get('rg-del')).properties?.provisioningState).toBe('Deleting');
    release();
    await held;
    await rm.resourceGroups.beginDeleteAndWait('rg-del', poll);
    expect((await call(sim, 'GET', location)).status).toBe(200);
    expect((await rm.resourceGroups.checkExistence('rg-del')).body).toBe(false);
    expect(sim.apps().some((a) => a.url === url)).toBe(false);
    await expect(fetch(`${url}/healthz`)).rejects.toMatchObject({ name: 'TypeError', cause: { code: 'ECONNREFUSED' } });
  });

  test('subscription-scope deployment creates a resource group; location is required', async () => {
    const { dc, rm } = clients(sim);
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { rgName: { type: 'string' } },
      resources: [{ type: 'Microsoft.Resources/resourceGroups', apiVersion: '2022-09-01', name: "[parameters('rgName')]", location: 'northeurope', properties: {} }],
      outputs: { rgId: { type: 'string', value: "[resourceId('Microsoft.Resources/resourceGroups', parameters('rgName'))]" } },
    };
    const done = await dc.deployments.beginCreateOrUpdateAtSubscriptionScopeAndWait('sub-neu', { location: 'northeurope', properties: { mode: 'Incremental', template, parameters: { rgName: { value: 'rg-from-sub' } } } }, poll);
    expect((done.properties?.outputs as any).rgId.value).toBe(`/subscriptions/${SUB}/resourceGroups/rg-from-sub`);
    expect((await rm.resourceGroups.get('rg-from-sub')).location).toBe('northeurope');
    await expect(dc.deployments.beginCreateOrUpdateAtSubscriptionScopeAndWait('sub-neu', { location: 'westus', properties: { mode: 'Incremental', template, parameters: { rgName: { value: 'x' } } } }, poll)).rejects.toMatchObject({ statusCode: 400, code: 'InvalidDeploymentLocation' });
    await expect(dc.deployments.beginCreateOrUpdateAtSubscriptionScopeAndWait('sub-none', { properties: { mode: 'Incremental', template, parameters: { rgName: { value: 'x' } } } }, poll)).rejects.toMatchObject({ statusCode: 400, code: 'LocationRequired' });
  });

  test('container apps: image tag is the version, ingress fqdn points at the app', async () => {
    const { rm, dc } = clients(sim);
    await rm.resourceGroups.createOrUpdate('rg-aca', { location: 'westus' });
    const template = {
      contentVersion: '1.0.0.0',
      parameters: { image: { type: 'string' } },
      resources: [
        { type: 'Microsoft.App/managedEnvironments', apiVersion: '2024-03-01', name: 'env', location: '[resourceGroup().location]', properties: {} },
        {
          type: 'Microsoft.App/containerApps',
          apiVersion: '2024-03-01',
          name: 'web',
          location: '[resourceGroup().location]',
          dependsOn: ['env'],
          properties: {
            managedEnvironmentId: "[resourceId('Microsoft.App/managedEnvironments', 'env')]",
            configuration: { ingress: { external: true, targetPort: 8080 } },
            template: { containers: [{ name: 'web', image: "[parameters('image')]" }] },
          },
        },
      ],
      outputs: { url: { type: 'string', value: "[format('https://{0}', reference('web').configuration.ingress.fqdn)]" } },
    };
    const r = await dc.deployments.beginCreateOrUpdateAndWait('rg-aca', 'aca', { properties: { mode: 'Incremental', template, parameters: { image: { value: 'contoso/web:3.1.4' } } } }, poll);
    const url = (r.properties?.outputs as any).url.value;
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok', version: '3.1.4' });
    expect(sim.apps().find((a) => a.url === url)?.region).toBe('westus');
  });

  test("the SDK's own retry rides over injected 429s", async () => {
    const { rm } = clients(sim);
    const before = sim.requests.length;
    sim.faults.add({ kind: 'throttle', path: '/resourcegroups/rg-basic', method: 'GET', times: 2, retryAfterSeconds: 0 });
    const got = await rm.resourceGroups.get('rg-basic');
    expect(got.name).toBe('rg-basic');
    expect(sim.requests.slice(before).map((r) => r.status)).toEqual([429, 429, 200]);
  });
});
