// The checks a one-stage job makes from ARM's tags and its journal (deploy --stage NAME without GitHub's records):
// each refusal says exactly why and what to run, and a stage that may start is let through.
import { describe, expect, it } from '@jest/globals';
import { checkPreviousStageFromArm, recordForced, StageGateRefusal } from '../../src/commands/stage-gate-arm.js';
import { InputError } from '../../src/commands/plan.js';
import { MemoryJournal } from '../../src/engine/journal.js';
import type { Deployer, JournalEvent, PreviousDeployment } from '../../src/engine/ports.js';
import type { Plan, PlanStamp } from '../../src/plan/types.js';
import { VirtualClock } from '../../src/time/clock.js';
import { HOUR, MIN, makePlan, stamp } from '../engine/fakes.js';

const T0 = Date.UTC(2026, 0, 1);
const live = (s: PlanStamp): PlanStamp => ({ ...s, decision: { action: 'skip', reason: 'already-deployed-by-this-rollout', detail: `deployed by this rollout (${s.deploymentName})` } });

function plan(pilot: PlanStamp[] = [live(stamp('app@eastus', { region: 'eastus' })), live(stamp('app@westus', { region: 'westus' }))], bakeMs = HOUR): Plan {
  return makePlan([
    { name: 'pilot', stamps: pilot, bakeMs },
    { name: 'broad', stamps: [stamp('app@northeurope', { region: 'northeurope' })] },
  ]);
}

/** ARM's last successful deployment per stamp: only lastSuccessful is asked for. */
function arm(finished: Record<string, PreviousDeployment | undefined>): Deployer & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    lastSuccessful: async (s: PlanStamp) => (asked.push(s.id), finished[s.id]),
  } as unknown as Deployer & { asked: string[] };
}

async function gate(p: Plan, stage: number, deployer: Deployer, journal: JournalEvent[] = [], now = T0): Promise<string | undefined> {
  try {
    await checkPreviousStageFromArm({ plan: p, stage: p.stages[stage], deployer, journal, clock: new VirtualClock(now), signal: new AbortController().signal });
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(StageGateRefusal);
    return (error as Error).message;
  }
}

const ours = (id: string, finishedAt: number): PreviousDeployment => ({ deploymentName: `d-${id}`, rolloutId: 'contoso@2.0.0', finishedAt });

describe('checkPreviousStageFromArm', () => {
  it('lets the first stage start with no checks, asking ARM nothing', async () => {
    const deployer = arm({});
    const p = plan([stamp('app@eastus', { region: 'eastus' })]);
    expect(await gate(p, 0, deployer)).toBeUndefined();
    expect(deployer.asked).toEqual([]);
  });

  it('refuses while a stamp of the previous stage is not deployed by this rollout, naming each and why', async () => {
    const p = plan([live(stamp('app@eastus', { region: 'eastus' })), stamp('app@westus', { region: 'westus' }), stamp('db@westus', { region: 'westus' })]);
    expect(await gate(p, 1, arm({}))).toBe(
      'stage pilot of contoso@2.0.0 has not succeeded: by ARM, app@westus (deploy: always); db@westus (deploy: always). Stage broad cannot start before it: run stage pilot first.',
    );
  });

  it('counts unchanged and never-deployed stamps as done', async () => {
    const unchanged = { ...stamp('app@eastus', { region: 'eastus' }), decision: { action: 'skip' as const, reason: 'unchanged' as const, detail: 'unchanged' } };
    const never = { ...stamp('db@eastus', { region: 'eastus' }), decision: { action: 'skip' as const, reason: 'never' as const, detail: 'deploy: never' } };
    expect(await gate(plan([unchanged, never]), 1, arm({}))).toBeUndefined();
  });

  it('refuses while a rollback is unfinished, naming the stage to re-run', async () => {
    const journal: JournalEvent[] = [{ type: 'rollback-started', rolloutId: 'contoso@2.0.0', at: T0 - HOUR, scope: 'stage', reason: 'app@westus unhealthy', stage: 'pilot' }];
    expect(await gate(plan(), 1, arm({}), journal)).toBe(
      'a rollback of contoso@2.0.0 (app@westus unhealthy) was started and not finished: stage broad cannot start. Re-run stage pilot to finish the rollback.',
    );
    const noStage: JournalEvent[] = [{ type: 'rollback-started', rolloutId: 'contoso@2.0.0', at: T0 - HOUR, scope: 'rollout', reason: 'aborted' }];
    expect(await gate(plan(), 1, arm({}), noStage)).toMatch(/Re-run stage pilot to finish the rollback\.$/);
  });

  it('counts the bake from the latest deployment of this rollout by ARM, and says how long is left', async () => {
    const deployer = arm({ 'app@eastus': ours('app@eastus', T0 - 50 * MIN), 'app@westus': ours('app@westus', T0 - 20 * MIN) });
    expect(await gate(plan(), 1, deployer)).toBe(
      'stage pilot is still baking: its bake of 1h ends in 40m. Run stage broad after that (or, in an emergency, skip these checks with --force "REASON", which is recorded).',
    );
    expect(deployer.asked.sort()).toEqual(['app@eastus', 'app@westus']);
  });

  it('rounds what is left up to the second, and lets the stage start the moment the bake is over', async () => {
    const finished = { 'app@eastus': ours('app@eastus', T0 - HOUR + 1_500), 'app@westus': ours('app@westus', T0 - 2 * HOUR) };
    expect(await gate(plan(), 1, arm(finished))).toMatch(/its bake of 1h ends in 2s\./);
    expect(await gate(plan(), 1, arm(finished), [], T0 + 1_500)).toBeUndefined();
  });

  it("ignores another rollout's deployments and a missing one; with none of this rollout, nothing is left to bake", async () => {
    const other = { deploymentName: 'd', rolloutId: 'contoso@1.0.0', finishedAt: T0 - MIN };
    expect(await gate(plan(), 1, arm({ 'app@eastus': other, 'app@westus': undefined }))).toBeUndefined();
    expect(await gate(plan(), 1, arm({ 'app@eastus': other, 'app@westus': ours('app@westus', T0 - 10 * MIN) }))).toMatch(/ends in 50m\./);
  });

  it('takes the bake start from the journal when this machine completed the stage, without asking ARM', async () => {
    const deployer = arm({ 'app@eastus': ours('app@eastus', T0 - 5 * HOUR) });
    // The latest completion of this stage by this rollout counts; those after it are another rollout's, another
    // stage's, or another event.
    const journal: JournalEvent[] = [
      { type: 'stage-completed', rolloutId: 'contoso@2.0.0', at: T0 - 3 * HOUR, stage: 'pilot' },
      { type: 'stage-completed', rolloutId: 'contoso@2.0.0', at: T0 - 15 * MIN, stage: 'pilot' },
      { type: 'stage-completed', rolloutId: 'contoso@1.0.0', at: T0 - MIN, stage: 'pilot' },
      { type: 'stage-completed', rolloutId: 'contoso@2.0.0', at: T0 - 2 * MIN, stage: 'canary' },
      { type: 'bake-ended', rolloutId: 'contoso@2.0.0', at: T0 - 3 * MIN, stage: 'pilot' },
    ];
    expect(await gate(plan(), 1, deployer, journal)).toMatch(/its bake of 1h ends in 45m\./);
    expect(deployer.asked).toEqual([]);
  });

  it('never asks for more than the bake, even when the recorded end is ahead of this clock', async () => {
    const journal: JournalEvent[] = [{ type: 'stage-completed', rolloutId: 'contoso@2.0.0', at: T0 + 2 * HOUR, stage: 'pilot' }];
    expect(await gate(plan(), 1, arm({}), journal)).toMatch(/its bake of 1h ends in 1h\./);
  });

  it('asks ARM only about the stamps this rollout deployed', async () => {
    const unchanged = { ...stamp('db@eastus', { region: 'eastus' }), decision: { action: 'skip' as const, reason: 'unchanged' as const, detail: 'unchanged' } };
    const deployer = arm({ 'app@eastus': ours('app@eastus', T0 - 50 * MIN), 'db@eastus': ours('db@eastus', T0 - MIN) });
    expect(await gate(plan([live(stamp('app@eastus', { region: 'eastus' })), unchanged]), 1, deployer)).toMatch(/ends in 10m\./);
    expect(deployer.asked).toEqual(['app@eastus']);
  });

  it('refuses with a StageGateRefusal, an input error (exit 2)', async () => {
    const error = await checkPreviousStageFromArm({ plan: plan([stamp('app@eastus', { region: 'eastus' })]), stage: plan().stages[1], deployer: arm({}), journal: [], clock: new VirtualClock(T0), signal: new AbortController().signal }).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'StageGateRefusal' });
    expect(error).toBeInstanceOf(InputError);
  });

  it('lets the stage start at once after a stage with no bake', async () => {
    expect(await gate(plan(undefined, 0), 1, arm({ 'app@eastus': ours('app@eastus', T0) }))).toBeUndefined();
  });
});

describe('recordForced', () => {
  it('records who skipped the checks and why, and refuses an empty reason', async () => {
    const journal = new MemoryJournal();
    const p = plan();
    const clock = new VirtualClock(T0);
    await recordForced(journal, p, p.stages[1], 'octocat', 'hotfix for incident 4711', clock);
    expect(journal.events).toEqual([{ type: 'gate-forced', rolloutId: 'contoso@2.0.0', at: T0, stage: 'broad', by: 'octocat', reason: 'hotfix for incident 4711' }]);
    await expect(recordForced(journal, p, p.stages[1], 'octocat', '  ', clock)).rejects.toThrow('--force needs a reason, e.g. --force "hotfix for incident 4711"; it is recorded with your name');
    expect(journal.events).toHaveLength(1);
  });
});
