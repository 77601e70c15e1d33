import { DeploymentFailure } from '../../src/engine/errors.js';
import type { Deployer, DeployRequest } from '../../src/engine/ports.js';
import { harness, HOUR, makePlan, regionStamps, stamp } from './fakes.js';

/** The fake deployer with a preflight: a log of calls in order, refusals per stamp, stamps whose group is missing. */
function withPreflight(h: ReturnType<typeof harness>, refuse: Record<string, string> = {}, missingGroup: string[] = []) {
  const log: string[] = [];
  const deploy = h.deployer.deploy.bind(h.deployer);
  h.deployer.deploy = async (request, signal) => {
    log.push(`deploy ${request.stamp.id}`);
    return deploy(request, signal);
  };
  const deployer: Deployer = h.deployer;
  deployer.preflight = async (request: DeployRequest) => {
    const id = request.stamp.id;
    if (missingGroup.includes(id) && !log.some((l) => l.startsWith('deploy ') && l.endsWith(`@${request.stamp.region}`))) {
      log.push(`preflight ${id}: group missing`);
      return 'prerequisites-missing';
    }
    log.push(`preflight ${id}`);
    if (refuse[id]) throw new DeploymentFailure({ code: 'InvalidTemplateDeployment', message: refuse[id], correlationId: `corr-${id}` });
    return 'validated';
  };
  return log;
}

const twoStages = () =>
  makePlan([
    { name: 'canary', stamps: [stamp('global', { region: 'eastus', global: true, health: null }), ...regionStamps('eastus')], bakeMs: HOUR },
    { name: 'broad', stamps: [...regionStamps('westus'), ...regionStamps('northeurope')], bakeMs: 0 },
  ]);

describe('preflight: ARM validates the whole rollout before its first write', () => {
  it('validates every stamp whose prerequisites exist before anything is deployed, and no stamp twice', async () => {
    const h = harness(twoStages());
    const log = withPreflight(h);
    const result = await h.run();
    expect(result.status).toBe('succeeded');
    const firstDeploy = log.findIndex((l) => l.startsWith('deploy '));
    // cluster@X has no requires in the fixture plan's stamps; app@X requires cluster@X, deployed by this rollout.
    const before = log.slice(0, firstDeploy);
    expect(before).toEqual(expect.arrayContaining(['preflight global', 'preflight cluster@eastus', 'preflight cluster@westus', 'preflight cluster@northeurope']));
    expect(before).not.toContain('preflight app@westus');
    // app@westus requires cluster@westus: validated before the broad stage's first write, after canary's.
    const broadFirst = log.findIndex((l) => l === 'deploy cluster@westus' || l === 'deploy cluster@northeurope');
    const appWestus = log.indexOf('preflight app@westus');
    expect(appWestus).toBeGreaterThan(log.indexOf('deploy app@eastus'));
    expect(appWestus).toBeLessThan(broadFirst);
    const preflights = log.filter((l) => l.startsWith('preflight '));
    expect(new Set(preflights).size).toBe(preflights.length);
  });

  it('a refusal in the last stage stops the rollout before any write, with ARM\'s code, message and correlation id', async () => {
    const h = harness(twoStages());
    const log = withPreflight(h, { 'cluster@northeurope': 'The SKU P1v3 is not available in northeurope.' });
    const result = await h.run();
    expect(result.status).toBe('failed');
    expect(log.filter((l) => l.startsWith('deploy '))).toEqual([]);
    expect(h.deployer.started).toEqual([]);
    expect(h.deployer.rollbacks).toEqual([]);
    expect(result.message).toBe(
      'ARM refused cluster@northeurope (stage broad) in its preflight, before anything was written: InvalidTemplateDeployment: The SKU P1v3 is not available in northeurope. (correlation id corr-cluster@northeurope); nothing was deployed',
    );
    expect(result.error).toMatchObject({ code: 'InvalidTemplateDeployment', stamp: 'cluster@northeurope', stage: 'broad', correlationId: 'corr-cluster@northeurope' });
    const stamps = result.stages.flatMap((s) => s.stamps);
    expect(stamps.find((s) => s.id === 'cluster@northeurope')?.status).toBe('failed');
    expect(stamps.filter((s) => s.status === 'not-started').length).toBe(stamps.length - 1);
  });

  it('a stamp whose resource group this rollout creates is validated before its stage, when the group exists', async () => {
    const h = harness(twoStages());
    const log = withPreflight(h, { 'app@westus': 'bad image' }, ['cluster@westus']);
    const result = await h.run();
    expect(result.status).toBe('failed');
    expect(log).toContain('preflight cluster@westus: group missing');
    // The broad stage refused app@westus before its own first write: canary was deployed, broad was not.
    expect(h.deployer.started.filter((id) => id.endsWith('@westus') || id.endsWith('@northeurope'))).toEqual([]);
    expect(result.message).toMatch(/^stage broad: ARM refused app@westus in its preflight, before the stage's first write: InvalidTemplateDeployment: bad image/);
  });

  it('skips the preflight of stamps that are not deployed (skipped, or already deployed by this rollout)', async () => {
    const plan = twoStages();
    for (const s of plan.stages[1].stamps) s.decision = { action: 'skip', reason: 'unchanged', detail: 'unchanged' };
    const h = harness(plan);
    const log = withPreflight(h);
    await h.run();
    expect(log.filter((l) => l.startsWith('preflight ') && /@(westus|northeurope)$/.test(l))).toEqual([]);
  });

  it('validates a stamp fed by an unchanged (skipped) prerequisite with that prerequisite\'s live outputs', async () => {
    // A second version after a full first run: the cluster is unchanged and skipped, the app deploys with its id.
    const plan = makePlan([{ name: 'canary', stamps: [stamp('cluster@eastus', { region: 'eastus', skip: true }), { ...stamp('app@eastus', { region: 'eastus', requires: ['cluster@eastus'] }), outputsFrom: ['cluster@eastus'] }] }]);
    const h = harness(plan);
    h.deployer.seed(plan, '1.0.0');
    const seen: Record<string, unknown>[] = [];
    (h.deployer as Deployer).preflight = async (request: DeployRequest) => {
      seen.push({ stamp: request.stamp.id, inputs: request.inputs });
      return 'validated';
    };
    expect((await h.run()).status).toBe('succeeded');
    expect(seen).toEqual([{ stamp: 'app@eastus', inputs: { 'cluster@eastus': expect.objectContaining({ endpoint: { type: 'String', value: 'https://cluster@eastus.example/1.0.0' } }) } }]);
    expect(h.deployer.requests.find((r) => r.stamp.id === 'app@eastus')!.inputs).toEqual(seen[0].inputs);
  });

  it('leaves a stamp fed by a prerequisite this run has yet to deploy to the PUT\'s own preflight, never with stale outputs', async () => {
    const plan = makePlan([{ name: 'canary', stamps: [stamp('cluster@eastus', { region: 'eastus' }), { ...stamp('app@eastus', { region: 'eastus', requires: ['cluster@eastus'] }), outputsFrom: ['cluster@eastus'] }] }]);
    const h = harness(plan);
    h.deployer.seed(plan, '1.0.0');
    const log = withPreflight(h);
    expect((await h.run()).status).toBe('succeeded');
    expect(log).toEqual(['preflight cluster@eastus', 'deploy cluster@eastus', 'deploy app@eastus']);
    const inputs = h.deployer.requests.find((r) => r.stamp.id === 'app@eastus')!.inputs!;
    expect(inputs['cluster@eastus'].endpoint.value).toBe('https://cluster@eastus.example/2.0.0');
  });

  it('validates before its stage a stamp fed by one an earlier stage deployed, with the outputs that stage gave it', async () => {
    const plan = makePlan([
      { name: 'canary', stamps: [stamp('cluster@eastus', { region: 'eastus' })], bakeMs: 0 },
      { name: 'broad', stamps: [{ ...stamp('app@westus', { region: 'westus', requires: ['cluster@eastus'] }), outputsFrom: ['cluster@eastus'] }], bakeMs: 0 },
    ]);
    const h = harness(plan);
    const seen: string[] = [];
    (h.deployer as Deployer).preflight = async (request: DeployRequest) => {
      seen.push(`${request.stamp.id} ${String(request.inputs?.['cluster@eastus']?.endpoint.value ?? '-')}`);
      return 'validated';
    };
    expect((await h.run()).status).toBe('succeeded');
    expect(seen).toEqual(['cluster@eastus -', 'app@westus https://cluster@eastus.example/2.0.0']);
  });

  it('leaves to the PUT\'s own preflight a stamp whose feeder is in its own stage, not yet deployed', async () => {
    const plan = makePlan([
      { name: 'canary', stamps: [stamp('cluster@eastus', { region: 'eastus' })], bakeMs: 0 },
      { name: 'broad', stamps: [stamp('cluster@westus', { region: 'westus' }), { ...stamp('app@westus', { region: 'westus', requires: ['cluster@westus'] }), outputsFrom: ['cluster@westus'] }], bakeMs: 0 },
    ]);
    const h = harness(plan);
    h.deployer.seed(plan, '1.0.0');
    const log = withPreflight(h);
    expect((await h.run()).status).toBe('succeeded');
    expect(log.filter((l) => l.includes('app@westus'))).toEqual(['deploy app@westus']);
  });

  it('a run stopped while ARM validates ends canceled, not refused', async () => {
    const h = harness(twoStages());
    const stop = new AbortController();
    (h.deployer as Deployer).preflight = async () => {
      stop.abort(new Error('stopped by the operator'));
      throw new DeploymentFailure({ code: 'RequestCanceled', message: 'the request was aborted' });
    };
    const result = await h.run({ signal: stop.signal });
    expect(result.status).toBe('canceled');
    expect(result.error).toBeUndefined();
    expect(h.deployer.started).toEqual([]);
  });

  it('a re-run validates again only the stamps it deploys again: not those the earlier run deployed with this content', async () => {
    const h = harness(twoStages());
    const log = withPreflight(h);
    const stop = new AbortController();
    h.reporter.onEvent = (e) => {
      if (e.type === 'bake-started' && e.stage === 'canary') stop.abort(new Error('SIGTERM'));
    };
    expect((await h.run({ signal: stop.signal })).status).toBe('canceled');
    h.reporter.onEvent = undefined;
    // The cluster's template was edited between the runs; the global stamp and the app were not.
    const cluster = h.plan.stages[0].stamps.find((s) => s.id === 'cluster@eastus')!;
    cluster.contentHash = 'hash-cluster@eastus-edited';

    const before = log.length;
    expect((await h.run()).status).toBe('succeeded');
    const validated = log.slice(before).filter((l) => l.startsWith('preflight ')).sort();
    expect(validated).toEqual(['preflight app@northeurope', 'preflight app@westus', 'preflight cluster@eastus', 'preflight cluster@northeurope', 'preflight cluster@westus']);
  });
});
