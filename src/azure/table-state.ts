/**
 * The failover StateStore on Azure Table Storage: one entity (PartitionKey `failover`, RowKey `state`) holds every
 * decision, as in seed 003. Every write is conditional on the ETag the evaluation read, so two evaluations at once
 * cannot both switch. The SDK's own retries are off: a throttled or failing call ends this evaluation with a clear
 * error and no change, and the next scheduled run tries again (a write whose answer was lost is found as SWITCHING
 * and resumed).
 */
import type { TokenCredential } from '@azure/core-auth';
import { TableClient, type TableEntityResult } from '@azure/data-tables';
import {
  FAILOVER_STATUSES,
  StateConflict,
  StateStoreError,
  type FailoverRecord,
  type FailoverStatus,
  type StateStore,
  type Versioned,
} from '../engine/failover/ports.js';
import type { Clock } from '../time/clock.js';
import { isLoopback } from './credentials.js';

export const PARTITION_KEY = 'failover';
export const ROW_KEY = 'state';
const ENDPOINT_SUFFIX = '_endpoint';

export interface TableStateOptions {
  /** The table service URL, e.g. https://ACCOUNT.table.core.windows.net (the spec's `failover.state`). */
  endpoint: string;
  table: string;
  /** On Azure: the run's sign-in (OIDC); the identity needs "Storage Table Data Contributor". */
  credential?: TokenCredential;
  /** Azurite only: a connection string whose table endpoint is on loopback. */
  connectionString?: string;
  clock: Clock;
}

type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };

export class TableStateStore implements StateStore {
  readonly location: string;
  private readonly client: TableClient;
  private readonly clock: Clock;

  constructor(options: TableStateOptions) {
    this.clock = options.clock;
    const retryOptions = { maxRetries: 0 };
    if (options.connectionString !== undefined) {
      const endpoint = connectionStringEndpoint(options.connectionString);
      if (!endpoint || !isLoopback(endpoint)) {
        throw new StateStoreError('StorageFailed', 'a storage connection string is accepted only for Azurite on loopback (TableEndpoint=http://127.0.0.1:PORT/devstoreaccount1); on Azure the state table is reached with the sign-in of the run (OIDC): give its identity the Storage Table Data Contributor role and leave the connection string unset');
      }
      this.client = TableClient.fromConnectionString(options.connectionString, options.table, { allowInsecureConnection: endpoint.startsWith('http:'), retryOptions });
      this.location = `${endpoint}/${options.table} (failover/state)`;
    } else {
      if (!options.credential) throw new StateStoreError('StorageFailed', 'no credential for the state table: sign in (client-id and tenant-id, or azure/login)');
      this.client = new TableClient(options.endpoint, options.table, options.credential, { retryOptions });
      this.location = `${options.endpoint}/${options.table} (failover/state)`;
    }
  }

  async read(signal: AbortSignal): Promise<Versioned> {
    const entity = await this.call('reading', () => this.client.getEntity<Entity>(PARTITION_KEY, ROW_KEY, { abortSignal: signal }));
    return { record: this.recordOf(entity), etag: entity.etag };
  }

  async replace(record: FailoverRecord, etag: string, signal: AbortSignal): Promise<Versioned> {
    const result = await this.call('updating', () => this.client.updateEntity(entityOf(record), 'Replace', { etag, abortSignal: signal }));
    return { record, etag: result.etag! };
  }

  async create(record: FailoverRecord, signal: AbortSignal): Promise<{ created: boolean; current: Versioned }> {
    await this.call('creating the table of', () => this.client.createTable({ abortSignal: signal }));
    try {
      const result = await this.call('creating', () => this.client.createEntity(entityOf(record), { abortSignal: signal }));
      return { created: true, current: { record, etag: result.etag! } };
    } catch (error) {
      if (!(error instanceof EntityExists)) throw error;
      return { created: false, current: await this.read(signal) };
    }
  }

  private async call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await this.clock.track(request());
    } catch (error) {
      throw this.translate(error, what);
    }
  }

  private translate(error: unknown, what: string): Error {
    const e = error as { statusCode?: number; code?: string; message?: string; name?: string; request?: { requestId?: string }; response?: { headers?: { get(n: string): string | undefined } } };
    if (e?.name === 'AbortError') return error as Error;
    const status = e?.statusCode;
    const requestId = e?.response?.headers?.get('x-ms-request-id') ?? undefined;
    const body = odataError(e?.message);
    const code = e?.code ?? e?.response?.headers?.get('x-ms-error-code') ?? body?.code ?? (status ? `HTTP ${status}` : 'no answer');
    const message = firstLine(body?.message ?? e?.message ?? String(error));
    const where = `${what} the state entity at ${this.location}`;
    const tail = `${requestId ? ` (request id ${requestId})` : ''}. Nothing was changed.`;
    if (status === 412 || code === 'UpdateConditionNotSatisfied') return new StateConflict();
    if (status === 409 && (code === 'EntityAlreadyExists' || what === 'creating')) return new EntityExists();
    if (status === 404 && code === 'TableNotFound') {
      return new StateStoreError('TableNotFound', `${where}: the table does not exist (${code})${tail} Run \`staged-rollout failover init\` to create it and the entity.`, { status, requestId });
    }
    if (status === 404) {
      return new StateStoreError('EntityNotFound', `${where}: there is no entity PartitionKey=${PARTITION_KEY}, RowKey=${ROW_KEY} (${code})${tail} Run \`staged-rollout failover init\` to create it.`, { status, requestId });
    }
    if (status === 429 || status === 503) {
      return new StateStoreError('Throttled', `${where}: storage is throttling or busy (${status} ${code}: ${message})${tail} The next scheduled run tries again.`, { status, requestId });
    }
    if (status === 401 || status === 403) {
      return new StateStoreError('StorageFailed', `${where}: access denied (${status} ${code}: ${message})${tail} Give the identity the Storage Table Data Contributor role on the account.`, { status, requestId });
    }
    return new StateStoreError('StorageFailed', `${where} failed: ${status ?? ''} ${code}: ${message}${tail}`.replace(/ {2,}/g, ' '), { status, requestId, cause: error });
  }

  private recordOf(entity: TableEntityResult<Entity>): FailoverRecord {
    const problems: string[] = [];
    const text = (key: string, required: boolean): string | undefined => {
      const value = entity[key];
      if (value === undefined || value === null || value === '') {
        if (required) problems.push(`${key} is missing`);
        return undefined;
      }
      if (typeof value !== 'string') problems.push(`${key} must be a string, not ${JSON.stringify(value)}`);
      return typeof value === 'string' ? value : undefined;
    };
    const time = (key: string): string | undefined => {
      const value = entity[key];
      if (value === undefined || value === null || value === '') return undefined;
      const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
      if (Number.isNaN(ms)) {
        problems.push(`${key} is not a UTC time: ${JSON.stringify(value)}`);
        return undefined;
      }
      return new Date(ms).toISOString();
    };
    const activeTarget = text('active_target', true) ?? '';
    const rawCount = entity.failover_count as unknown;
    // Int64 properties come back as a BigInt (as { value, type } with type conversion off); Int32 and Double as
    // numbers; a hand edit may leave a string. JSON.stringify throws on a BigInt, so the message shows it as text.
    const countValue =
      typeof rawCount === 'bigint' ? Number(rawCount) : typeof rawCount === 'object' && rawCount !== null && 'value' in rawCount ? Number((rawCount as { value: unknown }).value) : typeof rawCount === 'string' && rawCount.trim() !== '' ? Number(rawCount) : rawCount;
    if (!Number.isInteger(countValue) || (countValue as number) < 0) problems.push(`failover_count must be a whole number of 0 or more, not ${typeof rawCount === 'bigint' ? String(rawCount) : JSON.stringify(rawCount ?? null)}`);
    const lastStatus = text('last_status', true) as FailoverStatus | undefined;
    if (lastStatus !== undefined && !FAILOVER_STATUSES.includes(lastStatus)) problems.push(`last_status "${lastStatus}" is not one of ${FAILOVER_STATUSES.join(', ')}`);
    const endpoints: Record<string, string> = {};
    for (const [key, value] of Object.entries(entity)) {
      if (!key.endsWith(ENDPOINT_SUFFIX)) continue;
      if (typeof value === 'string') endpoints[key.slice(0, -ENDPOINT_SUFFIX.length)] = value;
      else problems.push(`${key} must be a string`);
    }
    const record: FailoverRecord = {
      activeTarget,
      failoverCount: countValue as number,
      lastStatus: lastStatus ?? 'OK',
      endpoints,
      ...optional('lastCheckUtc', time('last_check_utc')),
      ...optional('lockUntilUtc', time('lock_until_utc')),
      ...optional('lastDetail', text('last_detail', false)),
    };
    if (problems.length > 0) {
      throw new StateStoreError('MalformedEntity', `the state entity at ${this.location} is malformed: ${problems.join('; ')}. Fix it by hand, or delete it and run \`staged-rollout failover init\`. Nothing was changed.`);
    }
    return record;
  }
}

class EntityExists extends Error {}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** The entity as stored: the seed's property names, times as ISO 8601 UTC strings a person can read and edit. */
function entityOf(record: FailoverRecord): Entity {
  const entity: Entity = {
    partitionKey: PARTITION_KEY,
    rowKey: ROW_KEY,
    active_target: record.activeTarget,
    failover_count: record.failoverCount,
    last_status: record.lastStatus,
  };
  if (record.lastCheckUtc) entity.last_check_utc = record.lastCheckUtc;
  if (record.lockUntilUtc) entity.lock_until_utc = record.lockUntilUtc;
  if (record.lastDetail) entity.last_detail = record.lastDetail.slice(0, 4_000);
  for (const [name, url] of Object.entries(record.endpoints)) entity[`${name}${ENDPOINT_SUFFIX}`] = url;
  return entity;
}

function connectionStringEndpoint(connectionString: string): string | undefined {
  const parts = new Map(
    connectionString
      .split(';')
      .filter((p) => p.includes('='))
      .map((p) => [p.slice(0, p.indexOf('=')).trim().toLowerCase(), p.slice(p.indexOf('=') + 1).trim()]),
  );
  if (parts.get('usedevelopmentstorage') === 'true') return 'http://127.0.0.1:10002/devstoreaccount1';
  return parts.get('tableendpoint')?.replace(/\/+$/, '');
}

/** Some answers reach us with the service's error body as the message: `{"odata.error":{"code","message":{"value"}}}`. */
function odataError(message: string | undefined): { code?: string; message?: string } | undefined {
  if (!message?.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(message) as { 'odata.error'?: { code?: string; message?: { value?: string } } };
    const inner = parsed['odata.error'];
    return inner ? { code: inner.code, message: inner.message?.value } : undefined;
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0].slice(0, 300);
}
