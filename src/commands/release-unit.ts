/**
 * `deploy` for a spec with release units: picks the unit (a hotfix goes into the live one, read from Front Door),
 * plans against ARM's state, and runs the release-unit controller with its traffic, metrics and teardown adapters.
 */
import type { Deployer } from '../engine/ports.js';
import { runReleaseUnit } from '../engine/release-unit/controller.js';
import type { ReleaseUnitAdapterFactory } from '../engine/release-unit/adapters.js';
import { rolloutJobs } from '../plan/job-sequence.js';
import { planRollout } from '../plan/planner.js';
import { loadSpec } from '../spec/load.js';
import type { LoadedSpec } from '../spec/types.js';
import type { DeployCommandRequest, DeployCommandResult } from './deploy.js';
import { observe } from './deploy.js';
import { InputError } from './plan.js';

export async function releaseUnitDeploy(request: DeployCommandRequest & { abort?: boolean }, first: LoadedSpec, factory: ReleaseUnitAdapterFactory): Promise<DeployCommandResult> {
  const load = (unit?: string): LoadedSpec => loadSpec(request.specFile, { mode: request.mode, version: request.version, env: request.env, repoRoot: request.repoRoot, unit });
  let spec = first;
  if (spec.releaseUnits!.strategy === 'inPlace') {
    // A hotfix deploys into the unit that users are on: ask Front Door which one that is.
    const probe = factory(spec, planRollout(spec), load);
    const live = (await probe.traffic.current(request.signal)).units.sort((a, b) => b.weight - a.weight)[0];
    if (!live) throw new InputError(`mode ${request.mode} deploys in place into the live unit, but Front Door routes to no unit yet; run a standard release first`);
    spec = load(live.unit);
  }
  request.onSecrets?.(spec.secrets);
  // The action's checks between jobs: for stages, traffic steps and the teardown alike (an unknown name is the controller's to refuse).
  const offline = planRollout(spec);
  if (request.stage === 'all' || rolloutJobs(offline).some((j) => j.name === request.stage)) await request.beforeAzure?.(offline);
  const deployer: Deployer = request.deployer(spec);
  const plan = planRollout(spec, await observe(planRollout(spec), deployer, request.clock, request.signal));
  if (request.dryRun) return { plan };
  const adapters = factory(spec, plan, load);
  const result = await runReleaseUnit(
    plan,
    { deployer, prober: request.prober, clock: request.clock, journal: request.journal, reporter: request.reporter, resourceMetrics: request.resourceMetrics?.(spec), ...adapters },
    { signal: request.signal, abort: request.abort, stage: request.stage, bakeBetweenJobs: request.stage !== 'all' },
  );
  return { plan, result };
}
