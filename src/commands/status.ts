import type { DeploymentRecords, StageRecord } from '../github/deployments.js';
import { recordEnvironment } from '../github/deployments.js';
import type { Deployer } from '../engine/ports.js';
import { rolloutJobs } from '../plan/job-sequence.js';
import type { Plan } from '../plan/types.js';
import type { LoadedSpec } from '../spec/types.js';
import type { Clock } from '../time/clock.js';
import { observe } from './deploy.js';
import { planCommand } from './plan.js';
import { readableDuration } from '../report/format.js';

export interface StatusRequest {
  specFile: string;
  mode: string;
  /** The rollout to report on; default the newest version ARM's tags show on the first stage's stamps. */
  version?: string;
  env: Record<string, string | undefined>;
  repoRoot: string;
  clock: Clock;
  signal: AbortSignal;
  deployer: (spec: LoadedSpec) => Deployer;
  /** GitHub's deployment records; without them a stage's state comes from ARM's tags alone. */
  records?: DeploymentRecords;
}

export interface StampStatus {
  stamp: string;
  region: string;
  /** The version ARM's tags say it runs; undefined when it was never deployed. */
  version?: string;
  deploymentName?: string;
  rolloutId?: string;
}

export type StageState = 'succeeded' | 'failed' | 'in-progress' | 'deployed' | 'partial' | 'not-started';

export interface StageStatus {
  name: string;
  environment?: string;
  bakeMs: number;
  state: StageState;
  /** From GitHub's record: when the stage finished, its one-line description. */
  finishedAt?: number;
  description?: string;
  /** Bake left after this stage (ms), while it is still baking. */
  bakeRemainingMs?: number;
  stamps: StampStatus[];
}

export interface RolloutStatus {
  rollout: string;
  version: string;
  at: number;
  stages: StageStatus[];
  /** What the rollout waits for next, in a sentence; undefined when it is over. */
  next?: string;
  /** Whether GitHub's records were read. */
  records: boolean;
}

/**
 * `status`: which version each stamp runs (ARM's deployment tags) and where the rollout of a version stands: each
 * stage's state (GitHub's deployment record when a token is given, else what the tags show), bake left, next gate.
 */
export async function statusCommand(request: StatusRequest): Promise<RolloutStatus> {
  const probe = planCommand({ ...request, version: request.version ?? 'status' });
  const deployer = request.deployer(probe.spec);
  const observed = await observe(probe.plan, deployer, request.clock, request.signal);
  const version = request.version ?? newestVersion(probe.plan, observed) ?? 'status';
  const { plan } = version === 'status' ? probe : planCommand({ ...request, version });
  const now = request.clock.now();
  const stages: StageStatus[] = [];
  for (const stage of plan.stages) {
    const stamps = stage.stamps.map((s) => ({ stamp: s.id, region: s.region, ...observed[s.id] }));
    const running = stamps.filter((s) => s.version === version).length;
    const record = request.records
      ? await request.records.latest({ rolloutId: plan.rollout.id, version, specHash: plan.rollout.specHash, stage: stage.name, environment: recordEnvironment(stage, plan.rollout.name) })
      : undefined;
    const state = record ? recordState(record) : running === 0 ? 'not-started' : running === stamps.length ? 'deployed' : 'partial';
    const baked = record?.finishedAt !== undefined ? now - record.finishedAt : undefined;
    stages.push({
      name: stage.name,
      environment: stage.environment,
      bakeMs: stage.bakeMs,
      state,
      finishedAt: record?.finishedAt,
      description: record?.description,
      bakeRemainingMs: state === 'succeeded' && baked !== undefined && baked < stage.bakeMs ? stage.bakeMs - baked : undefined,
      stamps: stamps.map(({ stamp, region, version: v, deploymentName, rolloutId }) => ({ stamp, region, version: v, deploymentName, rolloutId })),
    });
  }
  // Release units: the traffic steps and the teardown are jobs with GitHub records of their own; ARM's tags know none.
  for (const job of request.records ? rolloutJobs(plan).filter((j) => j.kind !== 'stage') : []) {
    const record = await request.records!.latest({ rolloutId: plan.rollout.id, version, specHash: plan.rollout.specHash, stage: job.name, environment: recordEnvironment(job, plan.rollout.name) });
    stages.push({ name: job.name, environment: job.environment, bakeMs: job.bakeMs, state: record ? recordState(record) : 'not-started', finishedAt: record?.finishedAt, description: record?.description, stamps: [] });
  }
  return { rollout: plan.rollout.name, version, at: now, stages, next: nextGate(stages, !!request.records), records: !!request.records };
}

function recordState(record: StageRecord): StageState {
  return record.state === 'success' ? 'succeeded' : record.state === 'failure' ? 'failed' : 'in-progress';
}

/**
 * The rollout people ask about: a version on the first stage's stamps (a rollout reaches it first), and of those the
 * one on the fewest stamps overall (an older version lingers on later stages and on components skipped as unchanged).
 */
function newestVersion(plan: Plan, observed: Record<string, { version?: string }>): string | undefined {
  const first = new Set(plan.stages[0].stamps.map((s) => observed[s.id]?.version).filter((v): v is string => !!v));
  const counts = new Map<string, number>([...first].map((v) => [v, 0]));
  for (const stamp of plan.stages.flatMap((s) => s.stamps)) {
    const v = observed[stamp.id]?.version;
    if (v && counts.has(v)) counts.set(v, counts.get(v)! + 1);
  }
  return [...counts].sort((a, b) => a[1] - b[1])[0]?.[0];
}

function nextGate(stages: StageStatus[], records: boolean): string | undefined {
  const done = (s: StageStatus): boolean => s.state === 'succeeded' || (!records && s.state === 'deployed');
  const failed = stages.find((s) => s.state === 'failed');
  if (failed) return `stopped: stage ${failed.name} failed${failed.description ? ` (${failed.description})` : ''}`;
  const running = stages.find((s) => s.state === 'in-progress' || s.state === 'partial');
  if (running) return `stage ${running.name} is ${running.state === 'partial' ? 'partly deployed' : 'in progress'}`;
  const index = stages.findIndex((s) => !done(s));
  if (index === -1) return undefined;
  const stage = stages[index];
  const previous = stages[index - 1];
  const gate = stage.environment ? `environment ${stage.environment}` : 'no environment gate';
  if (previous?.bakeRemainingMs) return `stage ${stage.name} (${gate}), after ${previous.name}'s bake: ${readableDuration(previous.bakeRemainingMs)} left`;
  return `stage ${stage.name} (${gate})`;
}
