// The deployer's preflight and resource group (src/azure/deployer.ts) with the real SDK against the local endpoint on
// a virtual clock: a stamp whose group is missing waits (one HEAD, no validate), ARM's preflight refusal is a failure
// that says nothing was deployed, with ARM's code and the correlation id, and a throttled validate is retried.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ResourceManagementClient } from '@azure/arm-resources';
import { startArmSim, trustSimCa, type ArmSim } from '../../sim/index.js';
import { LocalEndpointCredential } from '../../src/azure/credentials.js';
import { armParameters, ArmDeployer } from '../../src/azure/deployer.js';
import { DeploymentFailure } from '../../src/engine/errors.js';
import { planRollout } from '../../src/plan/planner.js';
import { DEPLOYMENT_TAGS, type Plan, type PlanStamp } from '../../src/plan/types.js';
import { loadSpec } from '../../src/spec/load.js';
import type { LoadedSpec } from '../../src/spec/types.js';
import { VirtualClock } from '../../src/time/clock.js';

const SUB = '00000000-0000-0000-0000-0000000000f1';

describe('ArmDeployer preflight and resource groups', () => {
  let sim: ArmSim;
  let clock: VirtualClock;
  let spec: LoadedSpec;
  let plan: Plan;
  let stamp: PlanStamp;
  let lines: string[];
  let random: ReturnType<typeof jest.spyOn>;
  beforeEach(async () => {
    clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
    sim = await startArmSim({ clock, deploymentLatencyMs: 5_000 });
    trustSimCa(sim.ca);
    spec = loadSpec('rollout.yaml', { mode: 'standard', version: '1.0.0', env: {}, repoRoot: '__tests__/fixtures/arm-faults' });
    plan = planRollout(spec);
    stamp = plan.stages[0].stamps[0] as PlanStamp;
    lines = [];
    random = jest.spyOn(Math, 'random').mockReturnValue(0.999999999);
  });
  afterEach(async () => {
    random.mockRestore();
    await sim.stop();
    clock.stop();
  });
  const deployer = (): ArmDeployer => new ArmDeployer({ credential: new LocalEndpointCredential(), endpoint: sim.endpoint, clock, spec, log: (l) => lines.push(l) });
  const request = () => ({ stamp, stage: plan.stages[0], rollout: plan.rollout, tags: { [DEPLOYMENT_TAGS.stamp]: stamp.id, [DEPLOYMENT_TAGS.rolloutId]: plan.rollout.id, [DEPLOYMENT_TAGS.contentHash]: stamp.contentHash, [DEPLOYMENT_TAGS.version]: '1.0.0' } });
  const never = (): AbortSignal => new AbortController().signal;
  const calls = (): string[] => sim.requests.map((r) => `${r.method} ${r.path.split('/').at(-1)} ${r.status}`);

  it('a stamp whose resource group does not exist yet: one HEAD, no validate, prerequisites-missing', async () => {
    expect(await deployer().preflight(request(), never())).toBe('prerequisites-missing');
    expect(calls()).toEqual(['HEAD faulty-eus 404']);
  });

  it('after the plan\'s listing said the group is missing: no HEAD at all', async () => {
    const d = deployer();
    expect(await d.lastSuccessful(stamp, {}, never())).toBeUndefined();
    sim.requests.length = 0;
    expect(await d.preflight(request(), never())).toBe('prerequisites-missing');
    expect(calls()).toEqual([]);
  });

  it('the first deploy creates the group, tagged as ours in the stamp\'s location, once', async () => {
    const d = deployer();
    const done = await d.deploy(request(), never());
    expect(done.deploymentName).toBe('faulty-app-eastus-1.0.0');
    // Not listed first: ARM's state of the name is unknown, so it is read before the PUT.
    expect(calls().slice(0, 4)).toEqual(['HEAD faulty-eus 404', 'PUT faulty-eus 201', 'GET faulty-app-eastus-1.0.0 404', 'PUT faulty-app-eastus-1.0.0 201']);
    const group = await new ResourceManagementClient(new LocalEndpointCredential(), SUB, { endpoint: sim.endpoint }).resourceGroups.get('faulty-eus');
    expect([group.location, group.tags]).toEqual(['eastus', { 'managed-by': 'staged-rollout' }]);
    sim.requests.length = 0;
    // The group is known now: preflight validates straight away.
    expect(await d.preflight(request(), never())).toBe('validated');
    expect(calls()).toEqual(['POST validate 200']);
  });

  it('after a listing that found no group: no HEAD and no read before the PUT; a second attempt reads first', async () => {
    const d = deployer();
    await d.lastSuccessful(stamp, {}, never());
    sim.requests.length = 0;
    await d.deploy(request(), never());
    expect(calls().slice(0, 2)).toEqual(['PUT faulty-eus 201', 'PUT faulty-app-eastus-1.0.0 201']);
    sim.requests.length = 0;
    await d.deploy(request(), never());
    expect(calls()).toEqual(['GET faulty-app-eastus-1.0.0 200']);
    expect(lines).toEqual([`faulty-app-eastus-1.0.0 already succeeded with this content (${plan.rollout.id}); accepting it without a new PUT`]);
  });

  it('a preflight refusal leads with the innermost cause, carries the correlation id and says nothing was deployed', async () => {
    await deployer().deploy(request(), never());
    sim.faults.add({ kind: 'validationFails', code: 'SkuNotAvailable', message: 'The size is not available in eastus.', target: 'plan' });
    const d = deployer();
    const failure = await d.preflight(request(), never()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeploymentFailure);
    const f = failure as DeploymentFailure & { nothingDeployed?: boolean };
    expect([f.code, f.message, f.target, f.correlationId, f.transient, f.nothingDeployed]).toEqual([
      'SkuNotAvailable',
      'validation of faulty-app-eastus-1.0.0 failed: The size is not available in eastus.',
      'plan',
      d.correlationId,
      false,
      true,
    ]);
    expect(lines).toEqual([]);
  });

  it('a throttled or failing validate is retried with a line; then it validates', async () => {
    await deployer().deploy(request(), never());
    sim.faults.add({ kind: 'throttle', path: '/validate', retryAfterSeconds: 6, times: 1 });
    sim.faults.add({ kind: 'serverError', path: '/validate', times: 1 });
    sim.requests.length = 0;
    const d = deployer();
    expect(await d.preflight(request(), never())).toBe('validated');
    expect(calls()).toEqual(['HEAD faulty-eus 204', 'POST validate 500', 'POST validate 429', 'POST validate 200']);
    expect(lines.map((l) => l.split(': ')[0])).toEqual(['retrying validating deployment faulty-app-eastus-1.0.0 in 1.0 s (attempt 2)', 'retrying validating deployment faulty-app-eastus-1.0.0 in 6.0 s (attempt 3)']);
  });

  it('the default correlation id is derived from the rollout (name@version); an explicit one wins', () => {
    expect(deployer().correlationId).toBe(new ArmDeployer({ credential: new LocalEndpointCredential(), clock, spec }).correlationId);
    expect(deployer().correlationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new ArmDeployer({ credential: new LocalEndpointCredential(), clock, spec, correlationId: 'mine' }).correlationId).toBe('mine');
  });

  it('a stamp the spec does not have is refused with a sentence', async () => {
    const stranger = { ...stamp, id: 'ghost@eastus' };
    await expect(deployer().deploy({ ...request(), stamp: stranger }, never())).rejects.toThrow('stamp ghost@eastus is not in the loaded spec: the plan and the spec disagree');
  });
});

describe('armParameters', () => {
  const resolved = (parameters: Record<string, { value?: unknown; reference?: unknown; secure?: boolean }>) => ({ parameters }) as never;
  it('passes values and Key Vault references as they are', () => {
    const ref = { keyVault: { id: '/kv' }, secretName: 's' };
    expect(armParameters(resolved({ a: { value: 1 }, b: { reference: ref } }))).toEqual({ a: { value: 1 }, b: { reference: ref } });
  });
  it('fills outputs of earlier stamps, and an output that is missing is an OutputMissing failure', () => {
    const stamp = resolved({ url: { value: '{outputs.api.url}' } });
    expect(armParameters(stamp, { api: { url: { type: 'String', value: 'https://api' } } }, ['api'])).toEqual({ url: { value: 'https://api' } });
    let failure: unknown;
    try {
      armParameters(stamp, {}, ['api']);
    } catch (e) {
      failure = e;
    }
    expect(failure).toBeInstanceOf(DeploymentFailure);
    expect((failure as DeploymentFailure).code).toBe('OutputMissing');
    // Without outputsFrom the text stays as it is.
    expect(armParameters(stamp, {}, [])).toEqual({ url: { value: '{outputs.api.url}' } });
  });
});
