import * as core from '@actions/core';
import type { TokenCredential } from '@azure/core-auth';
import { ArmWhatIf } from '../azure/what-if.js';
import { whatIfStages } from '../commands/what-if.js';
import type { Deployer } from '../engine/ports.js';
import { selectStages } from '../engine/rollout.js';
import type { Plan } from '../plan/types.js';
import { excludeChanges, parseWhatIfExclude, type StampWhatIf } from '../plan/what-if.js';
import type { LoadedSpec } from '../spec/types.js';
import { whatIfMarkdown, whatIfText } from '../report/what-if.js';
import type { Clock } from '../time/clock.js';
import { InputError } from '../commands/plan.js';
import { deployCommand } from '../commands/deploy.js';
import { ArmDeployer } from '../azure/deployer.js';
import { armTarget } from './run-deploy.js';
import { planRequest, type ActionInputs } from './inputs.js';

/**
 * What-if in the action: of the stage(s) a job is about to deploy (so the run page shows the changes of this stage
 * before anyone approves the next), or of the whole plan (`command: plan` with `what-if: true`). Written to the log,
 * the job summary at once (it stays even when the deployment then fails), and the `what-if` output.
 */
export async function reportWhatIf(options: {
  plan: Plan;
  spec: LoadedSpec;
  stage: string;
  deployer: Deployer;
  credential: TokenCredential;
  endpoint?: string;
  clock: Clock;
  signal: AbortSignal;
}): Promise<StampWhatIf[]> {
  let exclude;
  try {
    exclude = parseWhatIfExclude(core.getInput('what-if-exclude'));
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  const stamps = new Map(options.plan.stages.flatMap((s) => s.stamps).map((s) => [s.id, s]));
  const runner = new ArmWhatIf({
    credential: options.credential,
    endpoint: options.endpoint,
    clock: options.clock,
    spec: options.spec,
    stamps,
    outputsOf: async (stamp) => (await options.deployer.lastSuccessful(stamp, {}, options.signal))?.outputs,
  });
  const results = excludeChanges(await whatIfStages(selectStages(options.plan, options.stage), runner, options.signal), exclude);
  core.info(whatIfText(results));
  core.setOutput('what-if', JSON.stringify(results));
  await core.summary.addRaw(whatIfMarkdown(results), true).write();
  for (const r of results) if (r.error) core.warning(`what-if of ${r.stamp} failed: ${r.error.code}: ${r.error.message}`, { title: 'staged-rollout: what-if' });
  return results;
}

/** `command: plan` with `what-if: true`: the plan against Azure's current state, and what-if of all it would deploy. */
export async function planWithWhatIf(inputs: ActionInputs): Promise<Plan> {
  const target = await armTarget(inputs);
  const signal = new AbortController().signal;
  try {
    let whatIf: StampWhatIf[] = [];
    const { plan } = await deployCommand({
      ...planRequest(inputs),
      stage: 'all',
      dryRun: true,
      clock: target.clock,
      journal: { load: async () => [], record: async () => undefined },
      reporter: { event: () => undefined },
      signal,
      deployer: (spec) => new ArmDeployer({ credential: target.credential, endpoint: target.endpoint, clock: target.clock, spec, pollMs: target.pollMs }),
      prober: { probe: async () => ({ healthy: false, latencyMs: 0, detail: 'not probed in a plan' }) },
      beforeDeploy: async (p, spec, deployer) => {
        whatIf = await reportWhatIf({ plan: p, spec, stage: 'all', deployer, credential: target.credential, endpoint: target.endpoint, clock: target.clock, signal });
      },
    });
    return { ...plan, whatIf };
  } finally {
    await target.close();
  }
}
