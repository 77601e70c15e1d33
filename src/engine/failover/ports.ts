/**
 * The failover controller's ports. Like the rollout engine it knows no Azure: its one state record sits behind a
 * StateStore (Table Storage in production, Azurite in tests) and it moves traffic through a Traffic port (the spec's
 * traffic component redeployed with new priorities).
 */

/** The single state record, as the controller sees it. Times are ISO 8601 UTC strings, as the entity keeps them. */
export interface FailoverRecord {
  activeTarget: string;
  failoverCount: number;
  lastStatus: FailoverStatus;
  lastCheckUtc?: string;
  /** No switch before this time (the cooldown after the last switch). */
  lockUntilUtc?: string;
  /** Target name -> the endpoint its health check probes (`primary_endpoint`, `secondary_endpoint` in the entity). */
  endpoints: Record<string, string>;
  /** One line on the last decision, for a person reading the entity. */
  lastDetail?: string;
}

/**
 * OK: the active target answered healthy. UNHEALTHY: it did not, and nothing was switched (cooldown, no healthy
 * target). SWITCHING: a switch was claimed and traffic is being moved. FAILOVER_DONE: traffic moved.
 * FAILOVER_FAILED: moving traffic failed; the record was put back, so the next evaluation tries again.
 */
export type FailoverStatus = 'OK' | 'UNHEALTHY' | 'SWITCHING' | 'FAILOVER_DONE' | 'FAILOVER_FAILED';
export const FAILOVER_STATUSES: readonly FailoverStatus[] = ['OK', 'UNHEALTHY', 'SWITCHING', 'FAILOVER_DONE', 'FAILOVER_FAILED'];

export interface Versioned {
  record: FailoverRecord;
  /** The store's version of the record (Table Storage's ETag); every write is conditional on it. */
  etag: string;
}

export interface StateStore {
  /** Throws StateStoreError: `TableNotFound`, `EntityNotFound`, `MalformedEntity`, `Throttled`, `StorageFailed`. */
  read(signal: AbortSignal): Promise<Versioned>;
  /** Replaces the record if it is still at `etag`; throws StateConflict when it moved, StateStoreError otherwise. */
  replace(record: FailoverRecord, etag: string, signal: AbortSignal): Promise<Versioned>;
  /** Creates the record (and its table) unless one exists; never overwrites. */
  create(record: FailoverRecord, signal: AbortSignal): Promise<{ created: boolean; current: Versioned }>;
  /** Where the record lives, for messages: `endpoint/table (failover/state)`. */
  readonly location: string;
}

export interface TrafficSwitch {
  /** Target name -> priority: the active target 1, the others 2, 3... in spec order. */
  priorities: Record<string, number>;
  active: string;
}

export interface Traffic {
  /** Moves traffic so that `active` takes it. Throws with the underlying system's code and message on failure. */
  route(change: TrafficSwitch, signal: AbortSignal): Promise<{ detail: string }>;
}

export type StateErrorCode = 'TableNotFound' | 'EntityNotFound' | 'MalformedEntity' | 'Throttled' | 'StorageFailed';

/** A state store that could not do what was asked; nothing was changed by this evaluation. */
export class StateStoreError extends Error {
  readonly code: StateErrorCode;
  readonly status?: number;
  readonly requestId?: string;

  constructor(code: StateErrorCode, message: string, init: { status?: number; requestId?: string; cause?: unknown } = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'StateStoreError';
    this.code = code;
    this.status = init.status;
    this.requestId = init.requestId;
  }
}

/** The record changed between this evaluation's read and its write: another evaluation got there first. */
export class StateConflict extends Error {
  constructor(message = 'the state entity changed after it was read (its ETag no longer matches)') {
    super(message);
    this.name = 'StateConflict';
  }
}
