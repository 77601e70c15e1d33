import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { planCommand } from '../../src/commands/plan.js';
import { createGitHubClient } from '../../src/github/client.js';
import { readInputs } from '../../src/github/inputs.js';
import { recordIntervention } from '../../src/github/interventions.js';
import { runDeploy } from '../../src/github/run-deploy.js';
import { runPlan } from '../../src/github/run-plan.js';
import { actionHarness, commands, repoRoot } from '../helpers/in-process-action.js';

const harness = actionHarness();
// Bakes of 4s: the checks made while stage one bakes still find it baking on a loaded machine.
const SPEC = '__tests__/fixtures/gated/stage-job.yaml';
let arm: ArmSim;
let github: GitHubSim;
beforeAll(async () => {
  arm = await startArmSim({ deploymentLatencyMs: 200 });
  github = await startGitHubSim({ repos: ['contoso/web'] });
});
afterAll(async () => {
  await arm.stop();
  await github.stop();
  harness.cleanup();
});

// Each job has its own journal, as each job of a workflow has its own RUNNER_TEMP.
const job = (name: string, inputs: Record<string, string>) =>
  harness.run(
    { command: 'deploy', spec: SPEC, 'arm-endpoint': arm.endpoint, 'arm-ca': arm.caFile, journal: path.join(harness.dir, `${name}.jsonl`), ...inputs },
    () => runDeploy(readInputs()),
    { GITHUB_API_URL: github.url },
  );

/** [stage, version] of each GitHub deployment of an environment, newest first. */
async function stagesRecorded(environment: string): Promise<string[][]> {
  const response = await fetch(`${github.url}/repos/contoso/web/deployments?environment=${environment}`, { headers: { authorization: 'token github-token' } });
  return ((await response.json()) as Array<{ payload: { stage: string; version: string } }>).map((d) => [d.payload.stage, d.payload.version]);
}

describe('runDeploy as one stage job of a workflow', () => {
  let plan = '';
  it('the plan job', async () => {
    const run = await harness.run({ command: 'plan', spec: SPEC, version: '1.0.0' }, () => runPlan(readInputs()));
    plan = run.outputs.plan;
    expect(JSON.parse(plan).rollout.id).toBe('gated@1.0.0');
  });

  it('stage one checks the given plan, records itself, and heads the summary with what comes next', async () => {
    const run = await job('one', { version: '1.0.0', stage: 'one', plan, token: 'github-token' });
    expect([run.error, run.exitCode, run.outputs.status]).toEqual([undefined, undefined, 'succeeded']);
    expect(run.summary).toContain('\n## ✅ Stage one of gated@1.0.0 succeeded; next: two, after 4s\n');
    // After the result (ending in its timeline), what the gate checked; the summary's own line end follows.
    expect(run.summary.endsWith("```\n### What this job checked before deploying\n\n- the plan job's plan is the plan of __tests__/fixtures/gated/stage-job.yaml (gated@1.0.0, standard)\n\n\n")).toBe(true);
    expect(commands(run.stdout, 'group')).toEqual(['::group::Stage 1: one']);
    expect(await stagesRecorded('gated-one')).toEqual([['one', '1.0.0']]);
  });

  it('stage two without a token is gated on ARM\'s tags, which say stage one is still baking', async () => {
    const run = await job('two', { version: '1.0.0', stage: 'two', plan });
    expect((run.error as Error).message).toMatch(/^stage one is still baking: its bake of 4s ends in [1-4]s\. Run stage two after that \(or, in an emergency, skip these checks with --force "REASON", which is recorded\)\.$/);
    // The ARM gate runs once the plan against ARM is made, after the what-if of the stage (which deploys nothing).
    expect(Object.keys(run.outputs)).toEqual(['what-if']);
    expect(arm.requests.filter((r) => r.method === 'PUT' && r.path.includes('app-westus'))).toEqual([]);
  });

  it('with the token and max-wait 0, the rest of the bake is too long to wait: it names the wait timer to set', async () => {
    const run = await job('two', { version: '1.0.0', stage: 'two', plan, token: 'github-token', 'max-wait': '0' });
    expect((run.error as Error).name).toBe('GateRefusal');
    expect((run.error as Error).message).toMatch(
      /^stage one is still baking: its bake of 4s ends in [1-4]s, longer than this job waits \(max-wait 0s\)\. Give environment gated-two a wait timer of 1 minute \(staged-rollout environments sets it from the spec\) so the job starts when the bake is over, then re-run this job\.$/,
    );
    expect(await stagesRecorded('gated-two')).toEqual([]);
  });

  it('stage three before stage two ran is refused: no record of stage two', async () => {
    const run = await job('three', { version: '1.0.0', stage: 'three', plan, token: 'github-token' });
    expect((run.error as Error).message).toBe('stage two of gated@1.0.0 has not run (no GitHub deployment record for this version and spec): stage three cannot start before it.');
  });

  it('with the token, stage two waits out the rest of the bake, re-probes stage one, and deploys', async () => {
    const run = await job('two', { version: '1.0.0', stage: 'two', plan, token: 'github-token' });
    expect([run.error, run.exitCode, run.outputs.status]).toEqual([undefined, undefined, 'succeeded']);
    expect(run.stdout).toMatch(/^stage one succeeded; waiting [1-4]s for the rest of its 4s bake\n/);
    expect(run.summary).toContain('\n## ✅ Stage two of gated@1.0.0 succeeded; next: three, after 4s\n');
    expect(run.summary).toMatch(
      /```\n### What this job checked before deploying\n\n- the plan job's plan is the plan of __tests__\/fixtures\/gated\/stage-job\.yaml \(gated@1\.0\.0, standard\)\n- stage one succeeded; waiting [1-4]s for the rest of its 4s bake\n- re-probed app@eastus \(stage one\): healthy \(\d+ probes\)\n\n\n$/,
    );
    expect(await stagesRecorded('gated-two')).toEqual([['two', '1.0.0']]);
  });

  it('a stage job given the plan of another version, or no plan at all, refuses before it deploys', async () => {
    const other = await job('three', { version: '2.0.0', stage: 'three', plan, token: 'github-token' });
    expect((other.error as Error).name).toBe('GateRefusal');
    expect((other.error as Error).message).toBe(
      'the plan this job was given does not match the spec it reads: it is for gated@1.0.0, this job rolls out gated@2.0.0. Re-run the whole workflow so that plan and stages come from one commit and one set of inputs.',
    );
    const garbled = await job('three', { version: '1.0.0', stage: 'three', plan: 'not json', token: 'github-token' });
    expect((garbled.error as Error).message).toBe("input plan is not the JSON of a plan: pass the plan job's output, plan: ${{ needs.plan.outputs.plan }}");
    expect(arm.requests.filter((r) => r.method === 'PUT' && (r.path.includes('2.0.0') || r.path.includes('app-northeurope')))).toEqual([]);
  });

  it('a rehearsal of a later stage job is refused: a rehearsal has no GitHub records to say the stage before succeeded', async () => {
    const run = await job('rehearse', { version: '1.0.0', stage: 'two', 'arm-endpoint': 'local', token: 'github-token' });
    expect((run.error as Error).message).toBe(
      "stage two runs after stage one, and only GitHub's deployment records can say that one succeeded: give the action a token (the default, github.token, with permissions: deployments: read).",
    );
  });

  it('a dry run of a stage job with the token plans and records nothing', async () => {
    const run = await job('dry', { version: '1.1.0', stage: 'one', token: 'github-token', 'dry-run': 'true' });
    expect([run.error, run.exitCode, run.outputs.status]).toEqual([undefined, undefined, 'planned']);
    expect(await stagesRecorded('gated-one')).toEqual([['one', '1.0.0']]);
  });

  it('a promote of stage one lets stage two start at once: the GitHub record decides, ARM\'s tags are not asked', async () => {
    expect((await job('one-promoted', { version: '1.2.0', stage: 'one', token: 'github-token' })).outputs.status).toBe('succeeded');
    const { plan: promoted } = planCommand({ specFile: SPEC, mode: 'standard', version: '1.2.0', env: {}, repoRoot });
    await recordIntervention({ client: createGitHubClient('github-token', { apiUrl: github.url }), owner: 'contoso', repo: 'web', plan: promoted, stage: 'one', action: 'promote', by: 'dana', reason: 'clean' });
    const run = await job('two-promoted', { version: '1.2.0', stage: 'two', token: 'github-token' });
    expect([run.error, run.exitCode, run.outputs.status]).toEqual([undefined, undefined, 'succeeded']);
    expect(run.stdout.split('\n')[0]).toBe('stage one succeeded and was promoted past its bake (Promoted by dana: clean)');
  });
});
