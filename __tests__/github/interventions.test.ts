import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { planCommand } from '../../src/commands/plan.js';
import { FileJournal } from '../../src/engine/file-journal.js';
import { foldJournal } from '../../src/engine/journal.js';
import { createGitHubClient } from '../../src/github/client.js';
import { GitHubDeploymentRecords, recordEnvironment } from '../../src/github/deployments.js';
import { recordIntervention } from '../../src/github/interventions.js';
import { checkPreviousStage, GateRefusal } from '../../src/github/stage-gate.js';
import { VirtualClock } from '../../src/time/clock.js';
import { repoRoot, runCli } from '../helpers/run-action.js';

const SPEC = 'examples/basic/rollout.yaml';
const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('abort and promote, on the GitHub deployment records the stage gate reads', () => {
  let github: GitHubSim;
  const clock = new VirtualClock(Date.UTC(2026, 0, 1, 12));
  const client = () => createGitHubClient('github-token', { apiUrl: github.url });
  const records = () => new GitHubDeploymentRecords({ client: client(), owner: 'contoso', repo: 'web' });
  const { plan } = planCommand({ specFile: SPEC, mode: 'standard', version: '4.0.0', env: {}, repoRoot });
  const succeed = async (index: number) => {
    const stage = plan.stages[index];
    const deployment = await records().start({ rolloutId: plan.rollout.id, version: '4.0.0', specHash: plan.rollout.specHash, stage: stage.name, environment: recordEnvironment(stage, plan.rollout.name), sha: SHA, mode: 'standard', stamps: stage.stamps.map((s) => s.id) });
    await deployment.finish({ state: 'success', message: 'healthy' });
  };
  const gate = (index: number) => checkPreviousStage({ records: records(), plan, stage: plan.stages[index], clock, maxWaitMs: 60_000, log: () => undefined, signal: new AbortController().signal });

  beforeAll(async () => {
    github = await startGitHubSim({ clock });
  });
  afterAll(() => github.stop());

  it('promote lets the next stage job start at once; the bake would have refused it', async () => {
    await succeed(0);
    await expect(gate(1)).rejects.toThrow(/stage canary is still baking: its bake of 1h ends in 1h/);
    const outcome = await recordIntervention({ client: client(), owner: 'contoso', repo: 'web', plan, stage: 'canary', action: 'promote', by: 'alice', reason: 'canary metrics clean after 10m' });
    expect(outcome).toMatchObject({ stage: 'canary', description: 'Promoted by alice: canary metrics clean after 10m', was: 'success' });
    await expect(gate(1)).resolves.toBeUndefined();
  });

  it('abort makes the next stage job refuse, saying who and why', async () => {
    await succeed(1);
    clock.advance(5 * 3_600_000);
    await expect(gate(2)).resolves.toBeUndefined();
    // Without --stage, the furthest stage with a record: pilot.
    const outcome = await recordIntervention({ client: client(), owner: 'contoso', repo: 'web', plan, action: 'abort', by: 'bob', reason: 'error budget burned in westus' });
    expect(outcome.stage).toBe('pilot');
    await expect(gate(2)).rejects.toThrow(GateRefusal);
    await expect(gate(2)).rejects.toThrow('stage pilot of contoso-web@4.0.0 failed: Aborted by bob: error budget burned in westus');
  });

  it('promote refuses a stage that did not succeed, and a stage that never ran', async () => {
    await expect(recordIntervention({ client: client(), owner: 'contoso', repo: 'web', plan, stage: 'pilot', action: 'promote', by: 'a', reason: 'r' })).rejects.toThrow(/stage pilot of contoso-web@4.0.0 failed \(Aborted by bob/);
    await expect(recordIntervention({ client: client(), owner: 'contoso', repo: 'web', plan, stage: 'broad', action: 'promote', by: 'a', reason: 'r' })).rejects.toThrow(/no GitHub deployment record for stage broad/);
  });

  it('the CLI records a promote with who and why on GitHub and in the journal, which a re-run resumes from', async () => {
    const other = planCommand({ specFile: SPEC, mode: 'standard', version: '5.0.0', env: {}, repoRoot }).plan;
    const stage = other.stages[0];
    await (await records().start({ rolloutId: other.rollout.id, version: '5.0.0', specHash: other.rollout.specHash, stage: stage.name, environment: recordEnvironment(stage, other.rollout.name), sha: SHA, mode: 'standard', stamps: [] })).finish({ state: 'success' });
    const journal = path.join(mkdtempSync(path.join(tmpdir(), 'staged-rollout-promote-')), 'journal.jsonl');
    const run = await runCli(['promote', '--spec', SPEC, '--version', '5.0.0', '--stage', 'canary', '--reason', 'looks good', '--by', 'carol', '--repo', 'contoso/web', '--api-url', github.url, '--journal', journal], { GH_TOKEN: 'github-token' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('contoso-web@5.0.0 stage canary: "Promoted by carol: looks good" recorded on GitHub deployment');
    const events = await new FileJournal(journal).load();
    expect(events).toEqual([expect.objectContaining({ type: 'operator', action: 'promote', stage: 'canary', by: 'carol', reason: 'looks good', rolloutId: 'contoso-web@5.0.0' })]);
    expect(foldJournal(events, 'contoso-web@5.0.0').stages.get('canary')?.bakeEnded).toBe(true);
    expect(readFileSync(journal, 'utf8').split('\n')[0]).toContain('staged-rollout journal');

    const missing = await runCli(['abort', '--spec', SPEC, '--version', '5.0.0']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('staged-rollout: say why with --reason "..."; it is kept with the abort\n');
    const noStage = await runCli(['promote', '--spec', SPEC, '--version', '5.0.0', '--reason', 'r']);
    expect(noStage).toMatchObject({ code: 2, stderr: 'staged-rollout: say which stage to promote past its bake: --stage NAME\n' });
  });
});
