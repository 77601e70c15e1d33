/**
 * The `failover` command, face-neutral: load the spec (its failover section), build the controller's ports from what
 * the face provides, and run one of: an evaluation, a manual switch, init, status.
 */
import { evaluateFailover, failoverStatus, initFailover, switchFailover, type FailoverDecision } from '../engine/failover/controller.js';
import type { FailoverRecord, StateStore } from '../engine/failover/ports.js';
import type { Deployer, Prober } from '../engine/ports.js';
import type { FailoverSpec } from '../spec/failover.js';
import { loadSpec, STANDARD_MODE } from '../spec/load.js';
import type { LoadedSpec } from '../spec/types.js';
import type { Clock } from '../time/clock.js';
import { RedeployTraffic } from './failover-traffic.js';
import { InputError } from './plan.js';

export type FailoverAction = { kind: 'evaluate' } | { kind: 'status' } | { kind: 'init' } | { kind: 'switch'; to?: string; force: boolean };

export interface FailoverRequest {
  specFile: string;
  env: Record<string, string | undefined>;
  repoRoot: string;
  clock: Clock;
  signal: AbortSignal;
  prober: Prober;
  store: (failover: FailoverSpec) => StateStore;
  /** Built with the spec whose traffic parameter carries the new priorities. */
  deployer: (spec: LoadedSpec) => Deployer;
  onSecrets?: (secrets: string[]) => void;
}

export type FailoverOutcome =
  | { kind: 'evaluate' | 'switch'; location: string; decision: FailoverDecision }
  | { kind: 'status'; location: string; record: FailoverRecord }
  | { kind: 'init'; location: string; created: boolean; record: FailoverRecord };

/** Failover specs are read in standard mode at version `failover`: a switch is no rollout of a version. */
export const FAILOVER_VERSION = 'failover';

export function loadFailoverSpec(request: Pick<FailoverRequest, 'specFile' | 'env' | 'repoRoot' | 'onSecrets'>): LoadedSpec & { failover: FailoverSpec } {
  const spec = loadSpec(request.specFile, { mode: STANDARD_MODE, version: FAILOVER_VERSION, env: request.env, repoRoot: request.repoRoot });
  request.onSecrets?.(spec.secrets);
  if (!spec.failover) throw new InputError(`${spec.file} has no failover section: add failover: { targets, traffic, health, state } (see the README)`);
  return spec as LoadedSpec & { failover: FailoverSpec };
}

export async function failoverCommand(request: FailoverRequest, action: FailoverAction): Promise<FailoverOutcome> {
  const spec = loadFailoverSpec(request);
  const store = request.store(spec.failover);
  const { signal } = request;
  switch (action.kind) {
    case 'status':
      return { kind: 'status', location: store.location, record: await failoverStatus(spec.failover, store, signal) };
    case 'init': {
      const { created, record } = await initFailover(spec.failover, store, signal);
      return { kind: 'init', location: store.location, created, record };
    }
    case 'evaluate':
    case 'switch': {
      const ports = { store, traffic: new RedeployTraffic(spec, request.deployer, request.clock), prober: request.prober, clock: request.clock };
      const decision = action.kind === 'evaluate' ? await evaluateFailover(spec.failover, ports, signal) : await switchFailover(spec.failover, ports, { to: action.to, force: action.force }, signal);
      return { kind: action.kind, location: store.location, decision };
    }
  }
}
