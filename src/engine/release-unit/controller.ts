/**
 * The release-unit controller (seed 002, modelled on Argo Rollouts' blue/green with weight steps): deploys the new
 * unit's stamps with the in-place stage machinery, then moves users to it step by step through the Traffic port,
 * judging it under real traffic, and at 100 % tears the old unit down once no user reaches it. An unhealthy step
 * (or an abort) sends all traffic back to the old unit at once. A hotfix (strategy inPlace) goes into the live unit.
 */
import { stepJobName, TEARDOWN_JOB } from '../../plan/job-sequence.js';
import type { Plan } from '../../plan/types.js';
import type { EnginePorts } from '../context.js';
import type { JournalEvent, RolloutEvent } from '../ports.js';
import type { RolloutResult } from '../result.js';
import { runRollout, type RunOptions } from '../rollout.js';
import type { Traffic, TrafficMetrics, UnitOrigin, UnitResources, UnitWeight } from '../traffic.js';
import { foldTraffic, type ReleaseUnitResult, type TrafficJournalEvent, type TrafficProgress } from './events.js';
import { runSteps } from './steps.js';
import { tearDown } from './teardown.js';

export interface ReleaseUnitPorts extends EnginePorts {
  traffic: Traffic;
  metrics: TrafficMetrics;
  units: UnitResources;
}

export interface ReleaseUnitOptions extends RunOptions {
  /** Send all traffic back to the previous unit now (the `abort` of a release in flight). */
  abort?: boolean;
}

type TrafficPayload = TrafficJournalEvent extends infer E ? (E extends TrafficJournalEvent ? Omit<E, 'rolloutId' | 'at'> : never) : never;

/** What the step and teardown parts share. */
export class UnitRun {
  readonly plan: Plan;
  readonly ports: ReleaseUnitPorts;
  readonly signal: AbortSignal;
  readonly progress: TrafficProgress;
  readonly result: ReleaseUnitResult;

  constructor(plan: Plan, ports: ReleaseUnitPorts, signal: AbortSignal, progress: TrafficProgress, result: ReleaseUnitResult) {
    this.plan = plan;
    this.ports = ports;
    this.signal = signal;
    this.progress = progress;
    this.result = result;
  }

  get spec(): NonNullable<Plan['releaseUnits']> {
    return this.plan.releaseUnits!;
  }

  async record(event: TrafficPayload): Promise<void> {
    const full = { ...event, rolloutId: this.plan.rollout.id, at: this.ports.clock.now() } as JournalEvent;
    await this.ports.clock.track(this.ports.journal.record(full));
  }

  report(event: RolloutEvent): void {
    try {
      this.ports.reporter?.event(event);
    } catch {
      // reporting never breaks a release
    }
  }

  /** All users back on the previous unit at once; the new unit stays (for inspection) or goes, as the spec says. */
  async revert(previous: UnitWeight, unit: UnitWeight, reason: string): Promise<void> {
    const keep = this.spec.onAbort === 'keep';
    await this.ports.traffic.setWeights(keep ? [{ ...previous, weight: 100 }, { ...unit, weight: 0 }] : [{ ...previous, weight: 100 }], 'revert', this.signal, { immediate: true });
    this.result.reverted = { reason, at: this.ports.clock.now() };
    await this.record({ type: 'traffic-reverted', unit: unit.unit, previousUnit: previous.unit, reason });
    this.report({ type: 'traffic-reverted', unit: unit.unit, previousUnit: previous.unit, reason });
    if (!keep) await this.ports.units.remove(unit.unit, this.signal);
  }
}

export async function runReleaseUnit(plan: Plan, ports: ReleaseUnitPorts, options: ReleaseUnitOptions = {}): Promise<RolloutResult> {
  const spec = plan.releaseUnits;
  if (!spec) throw new Error('engine: runReleaseUnit needs a plan with releaseUnits');
  const signal = options.signal ?? new AbortController().signal;
  const unitResult: ReleaseUnitResult = {
    strategy: spec.strategy,
    unit: spec.unit,
    steps: spec.traffic.steps.map((s) => ({ weight: s.weight, environment: s.environment, bakeMs: s.bakeMs, status: 'not-started', verdicts: [] })),
  };
  if (spec.strategy === 'inPlace') {
    // A hotfix goes into the unit users are on: its stamps are redeployed in place, Front Door is not touched.
    const result = await runRollout(plan, ports, options);
    return { ...result, releaseUnit: { ...unitResult, steps: [] } };
  }
  const events = (await ports.clock.track(ports.journal.load())) as unknown as Parameters<typeof foldTraffic>[0];
  const run = new UnitRun(plan, ports, signal, foldTraffic(events, plan.rollout.id), unitResult);
  const state = await ports.traffic.current(signal);
  const others = state.units.filter((u) => u.unit !== spec.unit);
  // Mid-teardown the old unit may have left Front Door already; the journal still names it.
  const fromJournal = run.progress.previousUnit && !run.progress.reverted ? { unit: run.progress.previousUnit, weight: 0, origins: [] } : undefined;
  const previous = others.find((u) => u.weight > 0) ?? others[0] ?? fromJournal;
  if (previous) unitResult.previousUnit = previous.unit;
  const refusal = others.length > 1
    ? `Front Door has entries for ${others.map((u) => u.unit).join(' and ')}; it must point at one unit before ${spec.unit} starts (finish or abort the release in flight)`
    : undefined;
  if (refusal) return refused(plan, ports, unitResult, refusal);

  if (options.abort) {
    const ours = state.units.find((u) => u.unit === spec.unit);
    if (!previous || !ours) return refused(plan, ports, unitResult, `nothing to abort: ${spec.unit} is not in flight beside another unit`);
    // Known from the journal only: its teardown started and its origins have left Front Door (its groups may be gone
    // too). Sending users "back" would route them to no origin at all.
    if (previous.origins.length === 0) {
      return refused(plan, ports, unitResult, `nothing to abort: unit ${previous.unit} has left Front Door (its teardown started), so ${spec.unit} keeps all traffic; run the teardown job to finish`);
    }
    await run.revert(previous, ours, 'aborted by request');
    return finished(plan, ports, unitResult, 'rolled-back', `aborted: all traffic is back on ${previous.unit}`);
  }

  // One job per stage, per traffic step and for the teardown: `stage` names which (default: all of them in one run).
  const only = options.stage === undefined || options.stage === 'all' ? undefined : options.stage;
  const onlyStep = only === undefined ? undefined : spec.traffic.steps.find((s) => stepJobName(s.weight) === only);
  if (only !== undefined && !onlyStep && only !== TEARDOWN_JOB && !plan.stages.some((s) => s.name === only)) {
    throw new Error(`unknown stage '${only}'; the plan has: ${[...plan.stages.map((s) => s.name), ...spec.traffic.steps.map((s) => stepJobName(s.weight)), TEARDOWN_JOB].join(', ')}, or all`);
  }
  // The new unit's stamps, stage by stage with health, exactly as an in-place rollout deploys them.
  const deployed = onlyStep || only === TEARDOWN_JOB ? finished(plan, ports, unitResult, 'succeeded', `stamps of unit ${spec.unit} deployed earlier`) : await runRollout(plan, ports, options);
  deployed.releaseUnit = unitResult;
  if (deployed.status !== 'succeeded' || (only !== undefined && !onlyStep && only !== TEARDOWN_JOB)) return deployed;
  const origins = await unitOrigins(plan, deployed, ports, signal);
  if (origins.length === 0) {
    return { ...deployed, status: 'failed', message: `no stamp of unit ${spec.unit} has the output "${spec.traffic.hostOutput}" that names its origin host` };
  }
  const unit: UnitWeight = { unit: spec.unit, weight: 0, origins };

  if (!previous) {
    // The first unit: nothing to move users from.
    await ports.traffic.setWeights([{ ...unit, weight: 100 }], 'live', signal);
    await run.record({ type: 'unit-live', unit: spec.unit });
    return { ...deployed, message: `${deployed.message}; unit ${spec.unit} takes all traffic (no unit before it)` };
  }

  const ours = state.units.find((u) => u.unit === spec.unit)?.weight ?? 0;
  const gateMessage = jobGate(spec, only, ours);
  if (gateMessage) return refused(plan, ports, unitResult, gateMessage);
  let end: { ok: boolean; status?: RolloutResult['status']; message: string };
  try {
    end = only === TEARDOWN_JOB ? { ok: true, message: '' } : await runSteps(run, previous, unit, onlyStep?.weight);
    if (end.ok && (only === undefined || only === TEARDOWN_JOB)) {
      const down = await tearDown(run, previous, unit);
      // A whole release says both what the steps did and what the teardown did.
      end = only === TEARDOWN_JOB ? down : { ...down, message: `${end.message}; ${down.message}` };
    }
  } catch (error) {
    if (!signal.aborted) throw error;
    end = { ok: false, status: 'canceled', message: `canceled during the traffic steps of ${spec.unit}; a re-run resumes from the journal` };
  }
  deployed.status = end.ok ? 'succeeded' : end.status ?? 'failed';
  deployed.message = `${deployed.message}; ${end.message}`;
  deployed.finishedAt = ports.clock.now();
  deployed.durationMs = deployed.finishedAt - deployed.startedAt;
  return deployed;
}

// The job names are the workflow's (src/plan/job-sequence.ts), where the checks between jobs read them too.
export { TEARDOWN_JOB, stepJobName };

/** A step (or the teardown) run in a job of its own must find Front Door where the step before it left it. */
function jobGate(spec: NonNullable<Plan['releaseUnits']>, only: string | undefined, ours: number): string | undefined {
  if (only === undefined) return undefined;
  const steps = spec.traffic.steps;
  const index = only === TEARDOWN_JOB ? steps.length : steps.findIndex((s) => stepJobName(s.weight) === only);
  if (index < 0) return undefined;
  const before = index === 0 ? 0 : steps[index - 1].weight;
  if (ours < before) return `${only} needs ${spec.unit} at ${before}% first, but Front Door sends it ${ours}%: run ${stepJobName(before)} first`;
  return undefined;
}

/** Each region's origin: the first unit component stamp whose outputs hold the host output (from ARM if not deployed here). */
async function unitOrigins(plan: Plan, result: RolloutResult, ports: ReleaseUnitPorts, signal: AbortSignal): Promise<UnitOrigin[]> {
  const spec = plan.releaseUnits!;
  const byRegion = new Map<string, UnitOrigin>();
  const stamps = plan.stages.flatMap((s) => s.stamps).filter((s) => spec.components.includes(s.component));
  const shown = new Map(result.stages.flatMap((s) => s.stamps).map((s) => [s.id, s]));
  for (const stamp of stamps) {
    if (byRegion.has(stamp.region)) continue;
    const outputs = shown.get(stamp.id)?.outputs ?? (await ports.deployer.lastSuccessful(stamp, {}, signal))?.outputs;
    const host = outputs?.[spec.traffic.hostOutput]?.value;
    if (typeof host === 'string' && host !== '') byRegion.set(stamp.region, { unit: spec.unit, region: stamp.region, hostName: host.replace(/^https?:\/\//, '').replace(/\/$/, '') });
  }
  return [...byRegion.values()];
}

function refused(plan: Plan, ports: ReleaseUnitPorts, unit: ReleaseUnitResult, reason: string): RolloutResult {
  return finished(plan, ports, unit, 'failed', `refused: ${reason}`);
}

function finished(plan: Plan, ports: ReleaseUnitPorts, unit: ReleaseUnitResult, status: RolloutResult['status'], message: string): RolloutResult {
  const now = ports.clock.now();
  const { id, version, mode } = plan.rollout;
  return { rolloutId: id, version, mode, status, message, startedAt: now, finishedAt: now, durationMs: 0, resumed: false, stages: [], releaseUnit: unit };
}
