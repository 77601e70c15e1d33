/**
 * The failover controller (seed 003): one evaluation per run. It reads the state record, asks the health analysis
 * for a verdict on the active target, and, when that target is unhealthy and the cooldown is over, claims the switch
 * in the record (conditional on its ETag) before it moves traffic. Claiming first is what makes two evaluations at
 * once produce exactly one switch: the second one's write fails on the ETag and it reports that the state moved.
 */
import type { HealthCheck, PlanStamp } from '../../plan/types.js';
import type { FailoverSpec } from '../../spec/failover.js';
import type { Clock } from '../../time/clock.js';
import { formatDuration } from '../../time/duration.js';
import { errorInfo } from '../errors.js';
import { runHealthCheck } from '../health.js';
import type { ErrorInfo, ProbeAnswer, Prober } from '../ports.js';
import { StateConflict, StateStoreError, type FailoverRecord, type StateStore, type Traffic, type Versioned } from './ports.js';

export interface FailoverPorts {
  store: StateStore;
  traffic: Traffic;
  prober: Prober;
  clock: Clock;
}

export type FailoverReason =
  | 'healthy'
  | 'failed_over'
  | 'cooldown_active'
  | 'no_healthy_target'
  | 'state_changed'
  | 'traffic_failed'
  | 'manual_switch'
  | 'already_active'
  | 'resumed_switch';

export interface FailoverDecision {
  changed: boolean;
  reason: FailoverReason;
  activeTarget: string;
  /** The target traffic left, when it moved (or was meant to). */
  previousTarget?: string;
  /** The active target's verdict at this evaluation (absent for a manual switch, which probes nothing). */
  healthy?: boolean;
  failoverCount: number;
  lockUntilUtc?: string;
  /** A sentence saying what was decided and why. */
  detail: string;
  probes: { target: string; answer: ProbeAnswer }[];
  /** The record as this evaluation left it (or found it, when it changed nothing). */
  record: FailoverRecord;
  error?: ErrorInfo;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** `failover`: one scheduled evaluation. */
export async function evaluateFailover(spec: FailoverSpec, ports: FailoverPorts, signal: AbortSignal): Promise<FailoverDecision> {
  const current = await readChecked(spec, ports.store, signal);
  const { record } = current;
  if (record.lastStatus === 'SWITCHING') {
    // A run that claimed a switch stopped before traffic moved: finish its work rather than judge a target that
    // may not be serving yet.
    return finishSwitch(spec, ports, current, undefined, 'resumed_switch', [], signal);
  }
  const active = record.activeTarget;
  const probes: FailoverDecision['probes'] = [];
  const verdict = await verdictOf(spec, ports, active, record, spec.health, signal);
  probes.push(...verdict.answers.map((answer) => ({ target: active, answer })));
  const nowMs = ports.clock.now();
  const checked = { ...record, lastCheckUtc: iso(nowMs) };

  if (verdict.healthy) {
    const next: FailoverRecord = { ...checked, lastStatus: 'OK', lastDetail: `${active} healthy: ${verdict.detail}` };
    return write(ports.store, next, current, signal, (saved) => decision(saved, false, 'healthy', `${active} is healthy; nothing to do (${verdict.detail})`, probes, { healthy: true }));
  }

  const lockMs = record.lockUntilUtc ? Date.parse(record.lockUntilUtc) : Number.NaN;
  if (lockMs > nowMs) {
    const detail = `${active} is unhealthy (${verdict.detail}), but a switch is on cooldown until ${record.lockUntilUtc} (${formatDuration(lockMs - nowMs)} left); nothing switched`;
    const next: FailoverRecord = { ...checked, lastStatus: 'UNHEALTHY', lastDetail: detail };
    return write(ports.store, next, current, signal, (saved) => decision(saved, false, 'cooldown_active', detail, probes, { healthy: false }));
  }

  // The next target must answer healthy itself: moving traffic onto another broken target only adds a flap.
  let to: string | undefined;
  for (const target of spec.targets) {
    if (target.name === active) continue;
    const candidate = await verdictOf(spec, ports, target.name, record, { ...spec.health, withinMs: 0 }, signal);
    probes.push(...candidate.answers.map((answer) => ({ target: target.name, answer })));
    if (candidate.healthy) {
      to = target.name;
      break;
    }
  }
  if (to === undefined) {
    const detail = `${active} is unhealthy (${verdict.detail}) and no other target answered healthy; traffic stays on ${active}`;
    const next: FailoverRecord = { ...checked, lastStatus: 'UNHEALTHY', lastDetail: detail };
    return write(ports.store, next, current, signal, (saved) => decision(saved, false, 'no_healthy_target', detail, probes, { healthy: false }));
  }
  const why = `${active} was unhealthy for ${spec.failures} consecutive probe${spec.failures === 1 ? '' : 's'} (${verdict.detail})`;
  return claimAndSwitch(spec, ports, current, to, 'failed_over', why, probes, signal);
}

export interface ManualSwitch {
  /** The target to switch to; default the next one after the active target, in spec order (a pair toggles). */
  to?: string;
  /** Switch even inside the cooldown. */
  force?: boolean;
}

/** `failover --to TARGET`: a switch a person asked for. It probes nothing and honours the cooldown unless forced. */
export async function switchFailover(spec: FailoverSpec, ports: FailoverPorts, request: ManualSwitch, signal: AbortSignal): Promise<FailoverDecision> {
  const names = spec.targets.map((t) => t.name);
  if (request.to !== undefined && !names.includes(request.to)) throw new FailoverInputError(`there is no failover target "${request.to}"; the targets are ${names.join(', ')}`);
  const current = await readChecked(spec, ports.store, signal);
  const { record } = current;
  const to = request.to ?? names[(names.indexOf(record.activeTarget) + 1) % names.length];
  if (to === record.activeTarget) {
    return decision(record, false, 'already_active', `${to} is already the active target; nothing changed`, []);
  }
  const nowMs = ports.clock.now();
  const lockMs = record.lockUntilUtc ? Date.parse(record.lockUntilUtc) : Number.NaN;
  if (!request.force && lockMs > nowMs) {
    return decision(record, false, 'cooldown_active', `a switch is on cooldown until ${record.lockUntilUtc} (${formatDuration(lockMs - nowMs)} left); nothing changed (--force switches anyway)`, []);
  }
  return claimAndSwitch(spec, ports, current, to, 'manual_switch', `switch to ${to} requested${request.force ? ' (forced)' : ''}`, [], signal);
}

/** `failover init`: the record for a spec, created only when absent. */
export async function initFailover(spec: FailoverSpec, store: StateStore, signal: AbortSignal): Promise<{ created: boolean; record: FailoverRecord }> {
  const record: FailoverRecord = {
    activeTarget: spec.targets[0].name,
    failoverCount: 0,
    lastStatus: 'OK',
    endpoints: Object.fromEntries(spec.targets.map((t) => [t.name, t.endpoint])),
    lastDetail: 'created by failover init',
  };
  const { created, current } = await store.create(record, signal);
  return { created, record: current.record };
}

/** `failover --status`: the record as stored, checked against the spec. */
export async function failoverStatus(spec: FailoverSpec, store: StateStore, signal: AbortSignal): Promise<FailoverRecord> {
  return (await readChecked(spec, store, signal)).record;
}

export class FailoverInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FailoverInputError';
  }
}

async function claimAndSwitch(
  spec: FailoverSpec,
  ports: FailoverPorts,
  current: Versioned,
  to: string,
  reason: 'failed_over' | 'manual_switch',
  why: string,
  probes: FailoverDecision['probes'],
  signal: AbortSignal,
): Promise<FailoverDecision> {
  const { record } = current;
  const nowMs = ports.clock.now();
  const claimed: FailoverRecord = {
    ...record,
    activeTarget: to,
    failoverCount: record.failoverCount + 1,
    lockUntilUtc: iso(nowMs + spec.cooldownMs),
    lastStatus: 'SWITCHING',
    lastCheckUtc: reason === 'failed_over' ? iso(nowMs) : record.lastCheckUtc,
    lastDetail: `${why}; moving traffic from ${record.activeTarget} to ${to}`,
  };
  let saved: Versioned;
  try {
    saved = await ports.store.replace(claimed, current.etag, signal);
  } catch (error) {
    if (error instanceof StateConflict) return stateChanged(record, probes, reason === 'failed_over' ? false : undefined);
    throw error;
  }
  return finishSwitch(spec, ports, saved, current.record, reason, probes, signal, why);
}

/** Moves traffic to the claimed record's active target, then marks the record FAILOVER_DONE (or puts it back). */
async function finishSwitch(
  spec: FailoverSpec,
  ports: FailoverPorts,
  claimed: Versioned,
  before: FailoverRecord | undefined,
  reason: 'failed_over' | 'manual_switch' | 'resumed_switch',
  probes: FailoverDecision['probes'],
  signal: AbortSignal,
  why = 'an earlier evaluation claimed this switch and stopped before traffic moved',
): Promise<FailoverDecision> {
  const to = claimed.record.activeTarget;
  const from = before?.activeTarget;
  const healthy = reason === 'failed_over' ? { healthy: false } : {};
  let routed: { detail: string };
  try {
    routed = await ports.traffic.route({ active: to, priorities: priorities(spec, to) }, signal);
  } catch (error) {
    const info = errorInfo(error);
    const detail = `moving traffic to ${to} failed: ${info.code}: ${info.message}${info.correlationId ? ` (correlation id ${info.correlationId})` : ''}`;
    // Put the record back as it was (count, cooldown), so the next evaluation tries again instead of waiting out a
    // cooldown for a switch that never happened. A resumed switch stays claimed: the next run resumes it again.
    let left = claimed;
    if (before) {
      const reverted: FailoverRecord = { ...before, lastStatus: 'FAILOVER_FAILED', lastCheckUtc: iso(ports.clock.now()), lastDetail: detail };
      left = await ports.store.replace(reverted, claimed.etag, signal).catch(() => claimed);
    }
    return { ...decision(left.record, false, 'traffic_failed', `${why}; ${detail}`, probes, healthy), ...(from ? { previousTarget: from } : {}), error: info };
  }
  const done: FailoverRecord = { ...claimed.record, lastStatus: 'FAILOVER_DONE', lastDetail: `${claimed.record.lastDetail ?? why}; ${routed.detail}` };
  const lock = claimed.record.lockUntilUtc;
  const detail = `${why}; traffic moved${from ? ` from ${from}` : ''} to ${to} (${routed.detail}); failover #${done.failoverCount}, no further switch before ${lock}`;
  try {
    const saved = await ports.store.replace(done, claimed.etag, signal);
    return { ...decision(saved.record, true, reason, detail, probes, healthy), ...(from ? { previousTarget: from } : {}) };
  } catch (error) {
    if (!(error instanceof StateConflict) && !(error instanceof StateStoreError)) throw error;
    // Traffic did move; only the final mark failed. The record already names the new target and its cooldown.
    return { ...decision(claimed.record, true, reason, `${detail}; the record could not be marked FAILOVER_DONE: ${error.message}`, probes, healthy), ...(from ? { previousTarget: from } : {}) };
  }
}

async function write(
  store: StateStore,
  next: FailoverRecord,
  current: Versioned,
  signal: AbortSignal,
  then: (saved: FailoverRecord) => FailoverDecision,
): Promise<FailoverDecision> {
  try {
    return then((await store.replace(next, current.etag, signal)).record);
  } catch (error) {
    if (error instanceof StateConflict) return stateChanged(current.record, [], next.lastStatus === 'OK');
    throw error;
  }
}

function stateChanged(record: FailoverRecord, probes: FailoverDecision['probes'], healthy: boolean | undefined): FailoverDecision {
  return decision(
    record,
    false,
    'state_changed',
    'the state entity changed under this evaluation (another evaluation wrote it first, its ETag no longer matches); this one changed nothing',
    probes,
    healthy === undefined ? {} : { healthy },
  );
}

function decision(record: FailoverRecord, changed: boolean, reason: FailoverReason, detail: string, probes: FailoverDecision['probes'], extra: { healthy?: boolean } = {}): FailoverDecision {
  return {
    changed,
    reason,
    activeTarget: record.activeTarget,
    ...extra,
    failoverCount: record.failoverCount,
    ...(record.lockUntilUtc ? { lockUntilUtc: record.lockUntilUtc } : {}),
    detail,
    probes,
    record,
  };
}

/** The active target first, then the others in spec order. */
export function priorities(spec: FailoverSpec, active: string): Record<string, number> {
  const order = [active, ...spec.targets.map((t) => t.name).filter((n) => n !== active)];
  return Object.fromEntries(spec.targets.map((t) => [t.name, order.indexOf(t.name) + 1]));
}

async function readChecked(spec: FailoverSpec, store: StateStore, signal: AbortSignal): Promise<Versioned> {
  const current = await store.read(signal);
  const names = spec.targets.map((t) => t.name);
  if (!names.includes(current.record.activeTarget)) {
    throw new StateStoreError('MalformedEntity', `the state entity at ${store.location} names active_target "${current.record.activeTarget}", which is not a target of the spec (${names.join(', ')}); fix the entity or the spec. Nothing was changed.`);
  }
  return current;
}

interface TargetVerdict {
  healthy: boolean;
  detail: string;
  answers: ProbeAnswer[];
}

async function verdictOf(spec: FailoverSpec, ports: FailoverPorts, name: string, record: FailoverRecord, check: HealthCheck, signal: AbortSignal): Promise<TargetVerdict> {
  const target = spec.targets.find((t) => t.name === name)!;
  // The entity's endpoint wins: it is what an operator edits (the seed's way to force a failure, or to repoint).
  const endpoint = record.endpoints[name] ?? target.endpoint;
  const stamp = targetStamp(name, target.region ?? target.unit ?? name, check);
  const answers: ProbeAnswer[] = [];
  const verdict = await runHealthCheck({
    check,
    probe: (inner) => ports.prober.probe(check, { stamp, outputs: { endpoint: { type: 'String', value: endpoint } }, rollout: { id: 'failover', version: 'failover', mode: 'failover' } }, inner),
    clock: ports.clock,
    signal,
    onAnswer: (_, answer) => answers.push(answer),
  });
  return { healthy: verdict.healthy, detail: verdict.answer?.detail ?? verdict.detail, answers };
}

/** What a probe needs to know about a target; command probes see it as STAMP_ID=failover/NAME, STAMP_REGION... */
function targetStamp(name: string, region: string, health: HealthCheck): PlanStamp {
  return {
    id: `failover/${name}`,
    component: 'failover',
    region,
    global: false,
    scope: 'resourceGroup',
    subscription: '',
    location: region,
    deploymentName: '',
    template: '',
    parameters: {},
    requires: [],
    contentHash: '',
    policy: 'never',
    decision: { action: 'skip', reason: 'never', detail: 'failover target' },
    health,
  };
}
