import type { ArmErrorDetail } from '../errors.js';
import type { Scope } from '../ids.js';
import type { SimState } from '../state.js';

/** `unmanageAction` values (DeploymentStacksDeleteDetachEnum): what happens to a resource the stack stops managing. */
export type UnmanageAction = 'delete' | 'detach';
export type DenyMode = 'none' | 'denyDelete' | 'denyWriteAndDelete';

/** The provisioning states the sim passes through (a subset of DeploymentStackProvisioningState, lower-case as ARM). */
export type StackState = 'deploying' | 'succeeded' | 'failed' | 'canceled';

export interface StackRec {
  scope: Scope;
  name: string;
  id: string;
  location?: string;
  tags?: Record<string, string>;
  description?: string;
  actionOnUnmanage: { resources: UnmanageAction; resourceGroups?: UnmanageAction; managementGroups?: UnmanageAction };
  denySettings: { mode: DenyMode; excludedPrincipals: string[]; excludedActions: string[]; applyToChildScopes: boolean };
  /** The request's template and parameters as sent (what exportTemplate answers and a redeploy repeats). */
  template: Record<string, unknown>;
  parameters: Record<string, unknown>;
  state: StackState;
  correlationId: string;
  /** The deployment the last create/update made in the stack's scope (as ARM, one per update). */
  deploymentName: string;
  deploymentId: string;
  /** Ids of the resources the stack manages, in deployment order. */
  resources: string[];
  deletedResources: string[];
  detachedResources: string[];
  outputs?: Record<string, unknown>;
  error?: ArmErrorDetail;
  createdAt: number;
  modifiedAt: number;
  durationMs?: number;
  /** Who made the last create/update (the token's oid), for systemData. */
  modifiedBy?: string;
}

export interface StackStore {
  /** Lower-cased stack id -> stack. */
  stacks: Map<string, StackRec>;
  /** Azure-AsyncOperation id of a create/update -> the stack it reports on. */
  operations: Map<string, StackRec>;
  /** Names made unique per update (two updates inside one clock tick). */
  counter: number;
}

// Kept beside the state rather than in it: stacks are an addition the rest of the sim does not need to know about.
// Not saved by `sim --state` (see sim/README.md).
const stores = new WeakMap<SimState, StackStore>();

export function stackStore(state: SimState): StackStore {
  let store = stores.get(state);
  if (!store) stores.set(state, (store = { stacks: new Map(), operations: new Map(), counter: 0 }));
  return store;
}

export const isRunning = (s: StackRec): boolean => s.state === 'deploying';
