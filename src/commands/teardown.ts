import type { TokenCredential } from '@azure/core-auth';
import { ArmDeployer } from '../azure/deployer.js';
import { ArmTeardown, type TeardownPlan } from '../azure/teardown.js';
import type { PlanStamp } from '../plan/types.js';
import type { Clock } from '../time/clock.js';
import { InputError, planCommand, type PlanRequest } from './plan.js';

export interface TeardownRequest extends PlanRequest {
  component?: string;
  region?: string;
  /** Only stamps whose latest successful deployment is of this version. */
  deployedVersion?: string;
  dryRun: boolean;
  clock: Clock;
  signal: AbortSignal;
  credential: TokenCredential;
  endpoint?: string;
  log?: (line: string) => void;
}

export interface TeardownResult {
  stamps: string[];
  plan: TeardownPlan;
  removed: boolean;
}

/**
 * `teardown`: remove what the rollout owns, by component, region, version or the whole spec. It always plans first:
 * the stamps chosen plus every stamp that requires them (a removed cluster takes its apps with it), their resources
 * by our tags, in reverse dependency order; a dry run stops there.
 */
export async function teardownCommand(request: TeardownRequest): Promise<TeardownResult> {
  const { spec, plan } = planCommand(request);
  const all = plan.stages.flatMap((s) => s.stamps);
  if (request.component && !all.some((s) => s.component === request.component)) {
    throw new InputError(`teardown: no component "${request.component}"; components: ${[...new Set(all.map((s) => s.component))].join(', ')}`);
  }
  if (request.region && !all.some((s) => s.region === request.region && !s.global)) {
    throw new InputError(`teardown: no region "${request.region}" in the spec's stages`);
  }
  let chosen = all.filter((s) => (!request.component || s.component === request.component) && (!request.region || (!s.global && s.region === request.region)));
  if (request.deployedVersion) {
    const deployer = new ArmDeployer({ credential: request.credential, endpoint: request.endpoint, clock: request.clock, spec });
    const kept: PlanStamp[] = [];
    for (const s of chosen) if ((await deployer.lastSuccessful(s, {}, request.signal))?.version === request.deployedVersion) kept.push(s);
    chosen = kept;
  }
  // Dependents go too, and first: nothing is left pointing at a removed prerequisite.
  const ids = new Set(chosen.map((s) => s.id));
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of all) if (!ids.has(s.id) && s.requires.some((r) => ids.has(r))) (ids.add(s.id), (grew = true));
  }
  const stamps = all.filter((s) => ids.has(s.id));
  const teardown = new ArmTeardown({ credential: request.credential, endpoint: request.endpoint, clock: request.clock, spec });
  const removal = await teardown.inventory(stamps, request.signal);
  if (!request.dryRun) await teardown.remove(removal, request.signal, request.log);
  return { stamps: stamps.map((s) => s.id), plan: removal, removed: !request.dryRun };
}
