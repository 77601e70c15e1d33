/**
 * In-memory ports for engine tests. The engine is pure, so fakes are the honest way to drive every branch of it; the
 * real ARM adapter is tested separately through the SDK against the local endpoint.
 */
import { DeploymentFailure } from '../../src/engine/errors.js';
import type {
  Deployer,
  Deployment,
  DeployRequest,
  Journal,
  PreviousDeployment,
  ProbeAnswer,
  Prober,
  ProbeTarget,
  Reporter,
  RolloutEvent,
} from '../../src/engine/ports.js';
import type { HealthCheck, Plan, PlanStage, PlanStamp, RollbackScope } from '../../src/plan/types.js';
import { MemoryJournal } from '../../src/engine/journal.js';
import type { RolloutResult } from '../../src/engine/result.js';
import { runRollout, type RunOptions } from '../../src/engine/rollout.js';
import { VirtualClock, type Clock } from '../../src/time/clock.js';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export const HEALTH: HealthCheck = {
  url: '{outputs.endpoint}/healthz',
  expect: { status: [200], body: [], bodyMatch: 'all' },
  headers: {},
  intervalMs: 10_000,
  timeoutMs: 5_000,
  waitMs: MIN,
  withinMs: 10 * MIN,
  healthyForMs: 5 * MIN,
};

export interface StampSpec {
  component?: string;
  region: string;
  global?: boolean;
  requires?: string[];
  skip?: boolean;
  health?: HealthCheck | null;
}

export function stamp(id: string, spec: StampSpec): PlanStamp {
  const component = spec.component ?? id.split('@')[0];
  return {
    id,
    component,
    region: spec.region,
    global: spec.global ?? false,
    scope: 'resourceGroup',
    subscription: '00000000-0000-0000-0000-000000000000',
    resourceGroup: `rg-${spec.region}`,
    location: spec.region,
    deploymentName: `${component}-${spec.region}`,
    template: `infra/${component}.json`,
    parameters: {},
    requires: spec.requires ?? [],
    contentHash: `hash-${id}`,
    policy: 'always',
    decision: spec.skip
      ? { action: 'skip', reason: 'unchanged', detail: 'template and parameters unchanged' }
      : { action: 'deploy', reason: 'always', detail: 'deploy: always' },
    ...(spec.health === null ? {} : { health: spec.health ?? HEALTH }),
  };
}

/** A cluster and an app per region, the app requiring the cluster: the usual shape of a stamp. */
export function regionStamps(region: string): PlanStamp[] {
  return [stamp(`cluster@${region}`, { region }), stamp(`app@${region}`, { region, requires: [`cluster@${region}`] })];
}

export function makePlan(
  stages: Array<{ name: string; stamps: PlanStamp[]; bakeMs?: number; maxParallel?: number }>,
  rollback: { scope?: RollbackScope; deleteNew?: boolean } = {},
  version = '2.0.0',
): Plan {
  return {
    formatVersion: 1,
    rollout: { id: `contoso@${version}`, name: 'contoso', version, mode: 'standard', specHash: 'spec-hash', specFile: 'rollout.yaml' },
    rollback: { scope: rollback.scope ?? 'stage', deleteNew: rollback.deleteNew ?? false },
    stages: stages.map(
      (s, index): PlanStage => ({
        name: s.name,
        index,
        regions: [...new Set(s.stamps.map((x) => x.region))],
        bakeMs: s.bakeMs ?? HOUR,
        maxParallel: s.maxParallel ?? 10,
        stamps: s.stamps,
      }),
    ),
  };
}

interface Live extends PreviousDeployment {
  healthy?: boolean;
}

export class FakeDeployer implements Deployer {
  readonly clock: Clock;
  latencyMs: (stamp: PlanStamp) => number = () => 10 * MIN;
  /** Per stamp, errors thrown by the next attempts, in order. */
  readonly failures = new Map<string, Error[]>();
  readonly started: string[] = [];
  readonly completed: string[] = [];
  readonly rollbacks: string[] = [];
  readonly removed: string[] = [];
  readonly requests: DeployRequest[] = [];
  readonly history = new Map<string, Live[]>();
  readonly inFlight = new Map<string, PlanStamp>();
  maxRegionsInFlight = 0;
  maxStampsInFlight = 0;
  remove?: (stamp: PlanStamp, signal: AbortSignal) => Promise<void>;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** Gives every stamp of the plan a good deployment of an earlier version, as a real estate would have. */
  seed(plan: Plan, version = '1.0.0'): this {
    for (const s of plan.stages.flatMap((x) => x.stamps)) {
      this.history.set(s.id, [{ deploymentName: `${s.deploymentName}-${version}`, deploymentId: `/d/${s.id}/${version}`, version, rolloutId: `contoso@${version}`, contentHash: 'old', outputs: outputs(s.id, version) }]);
    }
    return this;
  }

  current(stampId: string): Live | undefined {
    return this.history.get(stampId)?.at(-1);
  }

  async deploy(request: DeployRequest, signal: AbortSignal): Promise<Deployment> {
    const { stamp } = request;
    this.requests.push(request);
    this.started.push(stamp.id);
    this.inFlight.set(stamp.id, stamp);
    const regions = new Set([...this.inFlight.values()].map((s) => (s.global ? `global:${s.id}` : s.region)));
    this.maxRegionsInFlight = Math.max(this.maxRegionsInFlight, regions.size);
    this.maxStampsInFlight = Math.max(this.maxStampsInFlight, this.inFlight.size);
    try {
      await this.clock.sleep(this.latencyMs(stamp), signal);
    } finally {
      this.inFlight.delete(stamp.id);
    }
    const failure = this.failures.get(stamp.id)?.shift();
    if (failure) throw failure;
    const version = request.rollout.version;
    const live: Live = { deploymentName: `${stamp.deploymentName}-${version}`, deploymentId: `/d/${stamp.id}/${version}`, version, rolloutId: request.rollout.id, contentHash: stamp.contentHash, outputs: outputs(stamp.id, version) };
    this.history.set(stamp.id, [...(this.history.get(stamp.id) ?? []), live]);
    this.completed.push(stamp.id);
    return { deploymentId: live.deploymentId!, deploymentName: live.deploymentName, outputs: live.outputs!, correlationId: `corr-${stamp.id}`, durationMs: this.latencyMs(stamp) };
  }

  async lastSuccessful(stamp: PlanStamp, options: { excludeRolloutId?: string }): Promise<PreviousDeployment | undefined> {
    const all = this.history.get(stamp.id) ?? [];
    return [...all].reverse().find((d) => d.rolloutId !== options.excludeRolloutId || options.excludeRolloutId === undefined);
  }

  async rollback(stamp: PlanStamp, previous: PreviousDeployment, signal: AbortSignal): Promise<Deployment> {
    await this.clock.sleep(5 * MIN, signal);
    this.rollbacks.push(stamp.id);
    this.history.set(stamp.id, [...(this.history.get(stamp.id) ?? []), { ...previous }]);
    return { deploymentId: previous.deploymentId ?? '', deploymentName: previous.deploymentName, outputs: previous.outputs ?? {}, durationMs: 5 * MIN };
  }
}

function outputs(id: string, version: string): Record<string, { type: string; value: unknown }> {
  return { endpoint: { type: 'String', value: `https://${id}.example/${version}` }, adminKey: { type: 'SecureString', value: `secret-${id}` } };
}

export const transient = (code = 'TooManyRequests'): DeploymentFailure =>
  new DeploymentFailure({ code, message: `${code}, try again`, transient: true, correlationId: 'corr-t' });
export const permanent = (code = 'InvalidTemplate'): DeploymentFailure =>
  new DeploymentFailure({ code, message: `${code}: bad template`, correlationId: 'corr-p', target: 'app' });

/** Healthy unless `unhealthy(stampId, now, target)` says otherwise. */
export class FakeProber implements Prober {
  readonly clock: Clock;
  readonly calls: Array<{ stamp: string; at: number; version: string }> = [];
  unhealthy: (stampId: string, now: number, target: ProbeTarget) => boolean = () => false;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  async probe(_check: HealthCheck, target: ProbeTarget): Promise<ProbeAnswer> {
    const now = this.clock.now();
    const endpoint = String(target.outputs.endpoint?.value ?? '');
    this.calls.push({ stamp: target.stamp.id, at: now, version: endpoint.split('/').at(-1) ?? '' });
    const bad = this.unhealthy(target.stamp.id, now, target);
    return bad
      ? { healthy: false, status: 503, latencyMs: 3, detail: `GET ${endpoint}/healthz -> 503` }
      : { healthy: true, status: 200, latencyMs: 3, detail: `GET ${endpoint}/healthz -> 200` };
  }
}

export class RecordingReporter implements Reporter {
  readonly events: RolloutEvent[] = [];
  onEvent?: (event: RolloutEvent) => void;

  event(event: RolloutEvent): void {
    this.events.push(event);
    this.onEvent?.(event);
  }

  of<T extends RolloutEvent['type']>(type: T): Array<Extract<RolloutEvent, { type: T }>> {
    return this.events.filter((e): e is Extract<RolloutEvent, { type: T }> => e.type === type);
  }
}

export interface Harness {
  plan: Plan;
  clock: VirtualClock;
  deployer: FakeDeployer;
  prober: FakeProber;
  journal: Journal;
  reporter: RecordingReporter;
  run(options?: RunOptions): Promise<RolloutResult>;
}

/** The ports wired on a virtual clock that runs only while a rollout runs. */
export function harness(plan: Plan, journal: Journal = new MemoryJournal()): Harness {
  const clock = new VirtualClock();
  const deployer = new FakeDeployer(clock).seed(plan);
  const prober = new FakeProber(clock);
  const reporter = new RecordingReporter();
  return {
    plan,
    clock,
    deployer,
    prober,
    journal,
    reporter,
    async run(options: RunOptions = {}) {
      clock.start();
      try {
        return await runRollout(plan, { deployer, prober, clock, journal, reporter }, { ...options, retry: { random: () => 0.5, ...options.retry } });
      } finally {
        clock.stop();
      }
    },
  };
}
