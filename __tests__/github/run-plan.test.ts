import { afterAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startArmSim } from '../../sim/index.js';
import { readInputs } from '../../src/github/inputs.js';
import { runPlan } from '../../src/github/run-plan.js';
import { planMarkdown } from '../../src/report/plan-markdown.js';
import { actionHarness, commands, repoRoot } from '../helpers/in-process-action.js';

const harness = actionHarness();
const SPEC = 'examples/basic/rollout.yaml';
const committed = readFileSync(path.join(repoRoot, 'examples/workflows/rollout.yml'), 'utf8');
// The committed workflow with the pilot stage's job removed and broad's environment changed (as in workflow-commands.e2e).
const drifted = committed.replace(/\n {2}pilot:\n[\s\S]*?(?=\n {2}# Stage 3)/, '').replace('environment: prod\n', 'environment: production\n');

/** A workspace of its own: examples/basic, and the workflow at the default path when given. */
function workspace(workflow?: string): string {
  const ws = mkdtempSync(path.join(tmpdir(), 'staged-rollout-run-plan-'));
  cpSync(path.join(repoRoot, 'examples/basic'), path.join(ws, 'examples/basic'), { recursive: true });
  if (workflow !== undefined) {
    mkdirSync(path.join(ws, '.github/workflows'), { recursive: true });
    writeFileSync(path.join(ws, '.github/workflows/contoso-web.yml'), workflow);
  }
  return ws;
}
const made: string[] = [];
afterAll(() => {
  harness.cleanup();
  for (const ws of made) rmSync(ws, { recursive: true, force: true });
});

const plan = (inputs: Record<string, string>, workflow?: string) => {
  const ws = workspace(workflow);
  made.push(ws);
  return harness.run({ spec: SPEC, ...inputs }, () => runPlan(readInputs()), { GITHUB_WORKSPACE: ws });
};

const DRIFT = [
  '::warning title=staged-rollout%3A workflow drift,file=.github/workflows/contoso-web.yml::stage pilot (environment prod-pilot) has no job; regenerate it with the workflow command',
  '::warning title=staged-rollout%3A workflow drift,file=.github/workflows/contoso-web.yml::job broad deploys stage broad in environment production; the spec says prod; regenerate it with the workflow command',
];

describe('runPlan', () => {
  it('writes the plan and stages outputs, the plan to the log and the job summary', async () => {
    const run = await plan({});
    expect([run.error, run.exitCode]).toEqual([undefined, undefined]);
    expect(Object.keys(run.outputs)).toEqual(['plan', 'stages']);
    const written = JSON.parse(run.outputs.plan);
    expect(written.rollout).toMatchObject({ id: 'contoso-web@0123456', version: '0123456', mode: 'standard', specFile: SPEC });
    expect(written.stages.map((s: { stamps: { decision: { reason: string } }[] }) => s.stamps.map((t) => t.decision.reason))).toEqual([
      ['state-unknown', 'state-unknown', 'always'],
      ['state-unknown', 'state-unknown', 'always', 'always'],
      ['state-unknown', 'state-unknown', 'always', 'always'],
    ]);
    expect(JSON.parse(run.outputs.stages)).toEqual([
      { name: 'canary', environment: 'prod-canary' },
      { name: 'pilot', environment: 'prod-pilot' },
      { name: 'broad', environment: 'prod' },
    ]);
    expect(run.stdout.startsWith('Rollout contoso-web@0123456 (standard mode) from examples/basic/rollout.yaml\nRollback scope: stage\n\nStage 1/3: canary (eastus; environment prod-canary; bake 1h; up to 1 region at once)\n')).toBe(true);
    expect(run.stdout.endsWith('\n11 to deploy, 0 to skip, in 3 stages.\n')).toBe(true);
    expect(run.summary.startsWith('## Rollout plan: contoso-web 0123456 (standard)\n\nSpec `examples/basic/rollout.yaml`, rollout id `contoso-web@0123456`, rollback scope **stage**.\n')).toBe(true);
    expect(run.summary).toBe(`${planMarkdown(written)}\n`);
    expect(commands(run.stdout, 'warning')).toEqual([]);
  });

  it('the mode and version inputs', async () => {
    const run = await plan({ mode: 'hotfix', version: '2.0.1' });
    expect(JSON.parse(run.outputs.plan).stages.map((s: { bakeMs: number }) => s.bakeMs)).toEqual([600_000, 600_000, 0]);
    expect(run.summary.startsWith('## Rollout plan: contoso-web 2.0.1 (hotfix)\n')).toBe(true);
  });

  it('says nothing of a committed workflow that matches the spec', async () => {
    const run = await plan({ strict: 'true' }, committed);
    expect([run.error, run.exitCode, commands(run.stdout, 'warning')]).toEqual([undefined, undefined, []]);
  });

  it('warns for each difference of the committed workflow, on its file', async () => {
    const run = await plan({}, drifted);
    expect(run.error).toBeUndefined();
    expect(commands(run.stdout, 'warning')).toEqual(DRIFT);
    expect(Object.keys(run.outputs)).toEqual(['plan', 'stages']);
  });

  it('strict: true makes drift an error after the warnings, counting the differences', async () => {
    const run = await plan({ strict: 'true' }, drifted);
    expect(commands(run.stdout, 'warning')).toEqual(DRIFT);
    expect((run.error as Error).name).toBe('InputError');
    expect((run.error as Error).message).toBe('.github/workflows/contoso-web.yml no longer matches examples/basic/rollout.yaml (2 differences); strict: true makes that an error');
  });

  it('a workflow input that does not exist is one difference', async () => {
    const run = await plan({ workflow: '.github/workflows/missing.yml', strict: 'true' });
    expect(commands(run.stdout, 'warning')).toEqual([
      '::warning title=staged-rollout%3A workflow drift,file=.github/workflows/missing.yml::.github/workflows/missing.yml does not exist; generate it with the workflow command',
    ]);
    expect((run.error as Error).message).toBe('.github/workflows/missing.yml no longer matches examples/basic/rollout.yaml (1 difference); strict: true makes that an error');
  });

  it('what-if: true plans against the endpoint and shows what-if of every stamp that would deploy', async () => {
    const run = await plan({ 'what-if': 'true', 'arm-endpoint': 'local', 'what-if-exclude': 'noChange, ignore' });
    expect([run.error, run.exitCode]).toEqual([undefined, undefined]);
    expect(Object.keys(run.outputs)).toEqual(['what-if', 'plan', 'stages']);
    const whatIf = JSON.parse(run.outputs['what-if']) as Array<{ stamp: string; changes: { changeType: string; resourceId: string }[] }>;
    expect(whatIf.map((w) => [w.stamp, w.changes.map((c) => `${c.changeType} ${c.resourceId}`)])).toEqual(
      [
        ['global', 'contoso-global'],
        ['cluster@eastus', 'contoso-eus'],
        ['app@eastus', 'contoso-eus'],
        ['cluster@westus', 'contoso-wus'],
        ['cluster@northeurope', 'contoso-neu'],
        ['app@westus', 'contoso-wus'],
        ['app@northeurope', 'contoso-neu'],
        ['cluster@westeurope', 'contoso-weu'],
        ['cluster@southeastasia', 'contoso-sea'],
        ['app@westeurope', 'contoso-weu'],
        ['app@southeastasia', 'contoso-sea'],
      ].map(([stamp, rg]) => [stamp, [`Create /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/${rg}`]]),
    );
    // Against ARM's state: nothing is deployed yet, so every stamp deploys for want of a deployment.
    const written = JSON.parse(run.outputs.plan);
    expect(written.stages[0].stamps.map((t: { decision: { detail: string } }) => t.decision.detail)).toEqual(['no successful deployment yet', 'no successful deployment yet', 'deploy: always']);
    expect(written.whatIf).toEqual(whatIf);
    expect(run.stdout).toContain('\nWhat-if (ARM predicts, per stamp that would deploy):\n  global (stage canary, contoso-web-global-eastus-0123456): 1 Create\n    resource group contoso-global does not exist yet: it is created, and everything in the template with it\n');
    expect(run.summary.startsWith('### What-if\n\n#### global (stage canary): 1 Create\n')).toBe(true);
    expect(run.summary).toContain('\n## Rollout plan: contoso-web 0123456 (standard)\n');
  });

  it('what-if-exclude leaves the change types out; an unknown one fails the plan and writes no output', async () => {
    const excluded = await plan({ 'what-if': 'true', 'arm-endpoint': 'local', 'what-if-exclude': '[create]' });
    expect((JSON.parse(excluded.outputs['what-if']) as { changes: unknown[] }[]).map((w) => w.changes.length)).toEqual(Array(11).fill(0));
    const bad = await plan({ 'what-if': 'true', 'arm-endpoint': 'local', 'what-if-exclude': 'create, vanish' });
    expect((bad.error as Error).name).toBe('InputError');
    expect((bad.error as Error).message).toBe('what-if-exclude: "vanish" is not a what-if change type; use create, modify, delete, deploy, noChange, ignore, unsupported');
    expect(bad.outputs).toEqual({});
  });

  it('what-if only when the input is exactly true', async () => {
    const run = await plan({ 'what-if': 'yes', 'arm-endpoint': 'local' });
    expect(Object.keys(run.outputs)).toEqual(['plan', 'stages']);
  });

  it('a stamp whose what-if fails is a warning, and the plan goes on', async () => {
    const arm = await startArmSim({ deploymentLatencyMs: 200 });
    try {
      // 501 is an answer the SDK does not retry.
      arm.faults.add({ kind: 'serverError', status: 501, code: 'NotImplemented', message: 'what-if is down', path: 'app-westus-0123456/whatIf' });
      const run = await plan({ 'what-if': 'true', 'arm-endpoint': arm.endpoint, 'arm-ca': arm.caFile });
      expect([run.error, run.exitCode]).toEqual([undefined, undefined]);
      expect(commands(run.stdout, 'warning')).toEqual(['::warning title=staged-rollout%3A what-if::what-if of app@westus failed: NotImplemented: what-if of contoso-web-app-westus-0123456: what-if is down']);
      expect((JSON.parse(run.outputs['what-if']) as { stamp: string; error?: unknown }[]).filter((w) => w.error).map((w) => w.stamp)).toEqual(['app@westus']);
    } finally {
      await arm.stop();
    }
  });

  it('a spec whose subscription comes from a variable plans, and its workflow check does not trip on the placeholder', async () => {
    const run = await harness.run({ spec: '__tests__/fixtures/secrets/rollout.yaml', version: '1.0.0' }, () => runPlan(readInputs()), {
      SECRETIVE_API_KEY: 'sk-live-5ecret-api-key-7731',
      SECRETIVE_PROBE_KEY: 'probe-5ecret-header-4410',
      SECRETIVE_SUBSCRIPTION: '00000000-0000-0000-0000-00000000beef',
    });
    expect([run.error, run.exitCode]).toEqual([undefined, undefined]);
    expect(JSON.parse(run.outputs.plan).stages[0].stamps[0].subscription).toBe('00000000-0000-0000-0000-00000000beef');
  });
});
