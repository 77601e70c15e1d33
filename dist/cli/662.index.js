export const id = 662;
export const ids = [662];
export const modules = {

/***/ 6662:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  failoverCli: () => (/* binding */ failoverCli)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/azure/deployer.ts + 6 modules
var deployer = __webpack_require__(4771);
// EXTERNAL MODULE: ./src/azure/credentials.ts
var credentials = __webpack_require__(84329);
// EXTERNAL MODULE: ./node_modules/@azure/data-tables/dist/esm/index.js + 79 modules
var esm = __webpack_require__(24012);
;// CONCATENATED MODULE: ./src/engine/failover/ports.ts
/**
 * The failover controller's ports. Like the rollout engine it knows no Azure: its one state record sits behind a
 * StateStore (Table Storage in production, Azurite in tests) and it moves traffic through a Traffic port (the spec's
 * traffic component redeployed with new priorities).
 */
const FAILOVER_STATUSES = ['OK', 'UNHEALTHY', 'SWITCHING', 'FAILOVER_DONE', 'FAILOVER_FAILED'];
/** A state store that could not do what was asked; nothing was changed by this evaluation. */
class StateStoreError extends Error {
    code;
    status;
    requestId;
    constructor(code, message, init = {}) {
        super(message, init.cause === undefined ? undefined : { cause: init.cause });
        this.name = 'StateStoreError';
        this.code = code;
        this.status = init.status;
        this.requestId = init.requestId;
    }
}
/** The record changed between this evaluation's read and its write: another evaluation got there first. */
class StateConflict extends Error {
    constructor(message = 'the state entity changed after it was read (its ETag no longer matches)') {
        super(message);
        this.name = 'StateConflict';
    }
}

;// CONCATENATED MODULE: ./src/azure/table-state.ts



const PARTITION_KEY = 'failover';
const ROW_KEY = 'state';
const ENDPOINT_SUFFIX = '_endpoint';
class TableStateStore {
    location;
    client;
    clock;
    constructor(options) {
        this.clock = options.clock;
        const retryOptions = { maxRetries: 0 };
        if (options.connectionString !== undefined) {
            const endpoint = connectionStringEndpoint(options.connectionString);
            if (!endpoint || !(0,credentials/* isLoopback */.U)(endpoint)) {
                throw new StateStoreError('StorageFailed', 'a storage connection string is accepted only for Azurite on loopback (TableEndpoint=http://127.0.0.1:PORT/devstoreaccount1); on Azure the state table is reached with the sign-in of the run (OIDC): give its identity the Storage Table Data Contributor role and leave the connection string unset');
            }
            this.client = esm/* TableClient */.ID.fromConnectionString(options.connectionString, options.table, { allowInsecureConnection: endpoint.startsWith('http:'), retryOptions });
            this.location = `${endpoint}/${options.table} (failover/state)`;
        }
        else {
            if (!options.credential)
                throw new StateStoreError('StorageFailed', 'no credential for the state table: sign in (client-id and tenant-id, or azure/login)');
            this.client = new esm/* TableClient */.ID(options.endpoint, options.table, options.credential, { retryOptions });
            this.location = `${options.endpoint}/${options.table} (failover/state)`;
        }
    }
    async read(signal) {
        const entity = await this.call('reading', () => this.client.getEntity(PARTITION_KEY, ROW_KEY, { abortSignal: signal }));
        return { record: this.recordOf(entity), etag: entity.etag };
    }
    async replace(record, etag, signal) {
        const result = await this.call('updating', () => this.client.updateEntity(entityOf(record), 'Replace', { etag, abortSignal: signal }));
        return { record, etag: result.etag };
    }
    async create(record, signal) {
        await this.call('creating the table of', () => this.client.createTable({ abortSignal: signal }));
        try {
            const result = await this.call('creating', () => this.client.createEntity(entityOf(record), { abortSignal: signal }));
            return { created: true, current: { record, etag: result.etag } };
        }
        catch (error) {
            if (!(error instanceof EntityExists))
                throw error;
            return { created: false, current: await this.read(signal) };
        }
    }
    async call(what, request) {
        try {
            return await this.clock.track(request());
        }
        catch (error) {
            throw this.translate(error, what);
        }
    }
    translate(error, what) {
        const e = error;
        if (e?.name === 'AbortError')
            return error;
        const status = e?.statusCode;
        const requestId = e?.response?.headers?.get('x-ms-request-id') ?? undefined;
        const body = odataError(e?.message);
        const code = e?.code ?? e?.response?.headers?.get('x-ms-error-code') ?? body?.code ?? (status ? `HTTP ${status}` : 'no answer');
        const message = firstLine(body?.message ?? e?.message ?? String(error));
        const where = `${what} the state entity at ${this.location}`;
        const tail = `${requestId ? ` (request id ${requestId})` : ''}. Nothing was changed.`;
        if (status === 412 || code === 'UpdateConditionNotSatisfied')
            return new StateConflict();
        if (status === 409 && (code === 'EntityAlreadyExists' || what === 'creating'))
            return new EntityExists();
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
    recordOf(entity) {
        const problems = [];
        const text = (key, required) => {
            const value = entity[key];
            if (value === undefined || value === null || value === '') {
                if (required)
                    problems.push(`${key} is missing`);
                return undefined;
            }
            if (typeof value !== 'string')
                problems.push(`${key} must be a string, not ${JSON.stringify(value)}`);
            return typeof value === 'string' ? value : undefined;
        };
        const time = (key) => {
            const value = entity[key];
            if (value === undefined || value === null || value === '')
                return undefined;
            const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
            if (Number.isNaN(ms)) {
                problems.push(`${key} is not a UTC time: ${JSON.stringify(value)}`);
                return undefined;
            }
            return new Date(ms).toISOString();
        };
        const activeTarget = text('active_target', true) ?? '';
        const rawCount = entity.failover_count;
        // Int64 properties come back as a BigInt (as { value, type } with type conversion off); Int32 and Double as
        // numbers; a hand edit may leave a string. JSON.stringify throws on a BigInt, so the message shows it as text.
        const countValue = typeof rawCount === 'bigint' ? Number(rawCount) : typeof rawCount === 'object' && rawCount !== null && 'value' in rawCount ? Number(rawCount.value) : typeof rawCount === 'string' && rawCount.trim() !== '' ? Number(rawCount) : rawCount;
        if (!Number.isInteger(countValue) || countValue < 0)
            problems.push(`failover_count must be a whole number of 0 or more, not ${typeof rawCount === 'bigint' ? String(rawCount) : JSON.stringify(rawCount ?? null)}`);
        const lastStatus = text('last_status', true);
        if (lastStatus !== undefined && !FAILOVER_STATUSES.includes(lastStatus))
            problems.push(`last_status "${lastStatus}" is not one of ${FAILOVER_STATUSES.join(', ')}`);
        const endpoints = {};
        for (const [key, value] of Object.entries(entity)) {
            if (!key.endsWith(ENDPOINT_SUFFIX))
                continue;
            if (typeof value === 'string')
                endpoints[key.slice(0, -ENDPOINT_SUFFIX.length)] = value;
            else
                problems.push(`${key} must be a string`);
        }
        const record = {
            activeTarget,
            failoverCount: countValue,
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
class EntityExists extends Error {
}
function optional(key, value) {
    return value === undefined ? {} : { [key]: value };
}
/** The entity as stored: the seed's property names, times as ISO 8601 UTC strings a person can read and edit. */
function entityOf(record) {
    const entity = {
        partitionKey: PARTITION_KEY,
        rowKey: ROW_KEY,
        active_target: record.activeTarget,
        failover_count: record.failoverCount,
        last_status: record.lastStatus,
    };
    if (record.lastCheckUtc)
        entity.last_check_utc = record.lastCheckUtc;
    if (record.lockUntilUtc)
        entity.lock_until_utc = record.lockUntilUtc;
    if (record.lastDetail)
        entity.last_detail = record.lastDetail.slice(0, 4_000);
    for (const [name, url] of Object.entries(record.endpoints))
        entity[`${name}${ENDPOINT_SUFFIX}`] = url;
    return entity;
}
function connectionStringEndpoint(connectionString) {
    const parts = new Map(connectionString
        .split(';')
        .filter((p) => p.includes('='))
        .map((p) => [p.slice(0, p.indexOf('=')).trim().toLowerCase(), p.slice(p.indexOf('=') + 1).trim()]));
    if (parts.get('usedevelopmentstorage') === 'true')
        return 'http://127.0.0.1:10002/devstoreaccount1';
    return parts.get('tableendpoint')?.replace(/\/+$/, '');
}
/** Some answers reach us with the service's error body as the message: `{"odata.error":{"code","message":{"value"}}}`. */
function odataError(message) {
    if (!message?.startsWith('{'))
        return undefined;
    try {
        const parsed = JSON.parse(message);
        const inner = parsed['odata.error'];
        return inner ? { code: inner.code, message: inner.message?.value } : undefined;
    }
    catch {
        return undefined;
    }
}
function firstLine(text) {
    return text.split('\n')[0].slice(0, 300);
}

// EXTERNAL MODULE: ./src/azure/tls.ts
var tls = __webpack_require__(97158);
// EXTERNAL MODULE: ./src/time/duration.ts
var duration = __webpack_require__(12061);
// EXTERNAL MODULE: ./src/engine/errors.ts
var errors = __webpack_require__(17679);
// EXTERNAL MODULE: ./src/engine/health.ts
var health = __webpack_require__(64774);
;// CONCATENATED MODULE: ./src/engine/failover/controller.ts




const iso = (ms) => new Date(ms).toISOString();
/** `failover`: one scheduled evaluation. */
async function evaluateFailover(spec, ports, signal) {
    const current = await readChecked(spec, ports.store, signal);
    const { record } = current;
    if (record.lastStatus === 'SWITCHING') {
        // A run that claimed a switch stopped before traffic moved: finish its work rather than judge a target that
        // may not be serving yet.
        return finishSwitch(spec, ports, current, undefined, 'resumed_switch', [], signal);
    }
    const active = record.activeTarget;
    const probes = [];
    const verdict = await verdictOf(spec, ports, active, record, spec.health, signal);
    probes.push(...verdict.answers.map((answer) => ({ target: active, answer })));
    const nowMs = ports.clock.now();
    const checked = { ...record, lastCheckUtc: iso(nowMs) };
    if (verdict.healthy) {
        const next = { ...checked, lastStatus: 'OK', lastDetail: `${active} healthy: ${verdict.detail}` };
        return write(ports.store, next, current, signal, (saved) => decision(saved, false, 'healthy', `${active} is healthy; nothing to do (${verdict.detail})`, probes, { healthy: true }));
    }
    const lockMs = record.lockUntilUtc ? Date.parse(record.lockUntilUtc) : Number.NaN;
    if (lockMs > nowMs) {
        const detail = `${active} is unhealthy (${verdict.detail}), but a switch is on cooldown until ${record.lockUntilUtc} (${(0,duration/* formatDuration */.a3)(lockMs - nowMs)} left); nothing switched`;
        const next = { ...checked, lastStatus: 'UNHEALTHY', lastDetail: detail };
        return write(ports.store, next, current, signal, (saved) => decision(saved, false, 'cooldown_active', detail, probes, { healthy: false }));
    }
    // The next target must answer healthy itself: moving traffic onto another broken target only adds a flap.
    let to;
    for (const target of spec.targets) {
        if (target.name === active)
            continue;
        const candidate = await verdictOf(spec, ports, target.name, record, { ...spec.health, withinMs: 0 }, signal);
        probes.push(...candidate.answers.map((answer) => ({ target: target.name, answer })));
        if (candidate.healthy) {
            to = target.name;
            break;
        }
    }
    if (to === undefined) {
        const detail = `${active} is unhealthy (${verdict.detail}) and no other target answered healthy; traffic stays on ${active}`;
        const next = { ...checked, lastStatus: 'UNHEALTHY', lastDetail: detail };
        return write(ports.store, next, current, signal, (saved) => decision(saved, false, 'no_healthy_target', detail, probes, { healthy: false }));
    }
    const why = `${active} was unhealthy for ${spec.failures} consecutive probe${spec.failures === 1 ? '' : 's'} (${verdict.detail})`;
    return claimAndSwitch(spec, ports, current, to, 'failed_over', why, probes, signal);
}
/** `failover --to TARGET`: a switch a person asked for. It probes nothing and honours the cooldown unless forced. */
async function switchFailover(spec, ports, request, signal) {
    const names = spec.targets.map((t) => t.name);
    if (request.to !== undefined && !names.includes(request.to))
        throw new FailoverInputError(`there is no failover target "${request.to}"; the targets are ${names.join(', ')}`);
    const current = await readChecked(spec, ports.store, signal);
    const { record } = current;
    const to = request.to ?? names[(names.indexOf(record.activeTarget) + 1) % names.length];
    if (to === record.activeTarget) {
        return decision(record, false, 'already_active', `${to} is already the active target; nothing changed`, []);
    }
    const nowMs = ports.clock.now();
    const lockMs = record.lockUntilUtc ? Date.parse(record.lockUntilUtc) : Number.NaN;
    if (!request.force && lockMs > nowMs) {
        return decision(record, false, 'cooldown_active', `a switch is on cooldown until ${record.lockUntilUtc} (${(0,duration/* formatDuration */.a3)(lockMs - nowMs)} left); nothing changed (--force switches anyway)`, []);
    }
    return claimAndSwitch(spec, ports, current, to, 'manual_switch', `switch to ${to} requested${request.force ? ' (forced)' : ''}`, [], signal);
}
/** `failover init`: the record for a spec, created only when absent. */
async function initFailover(spec, store, signal) {
    const record = {
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
async function failoverStatus(spec, store, signal) {
    return (await readChecked(spec, store, signal)).record;
}
class FailoverInputError extends Error {
    constructor(message) {
        super(message);
        this.name = 'FailoverInputError';
    }
}
async function claimAndSwitch(spec, ports, current, to, reason, why, probes, signal) {
    const { record } = current;
    const nowMs = ports.clock.now();
    const claimed = {
        ...record,
        activeTarget: to,
        failoverCount: record.failoverCount + 1,
        lockUntilUtc: iso(nowMs + spec.cooldownMs),
        lastStatus: 'SWITCHING',
        lastCheckUtc: reason === 'failed_over' ? iso(nowMs) : record.lastCheckUtc,
        lastDetail: `${why}; moving traffic from ${record.activeTarget} to ${to}`,
    };
    let saved;
    try {
        saved = await ports.store.replace(claimed, current.etag, signal);
    }
    catch (error) {
        if (error instanceof StateConflict)
            return stateChanged(record, probes, reason === 'failed_over' ? false : undefined);
        throw error;
    }
    return finishSwitch(spec, ports, saved, current.record, reason, probes, signal, why);
}
/** Moves traffic to the claimed record's active target, then marks the record FAILOVER_DONE (or puts it back). */
async function finishSwitch(spec, ports, claimed, before, reason, probes, signal, why = 'an earlier evaluation claimed this switch and stopped before traffic moved') {
    const to = claimed.record.activeTarget;
    const from = before?.activeTarget;
    const healthy = reason === 'failed_over' ? { healthy: false } : {};
    let routed;
    try {
        routed = await ports.traffic.route({ active: to, priorities: priorities(spec, to) }, signal);
    }
    catch (error) {
        const info = (0,errors/* errorInfo */.fH)(error);
        const detail = `moving traffic to ${to} failed: ${info.code}: ${info.message}${info.correlationId ? ` (correlation id ${info.correlationId})` : ''}`;
        // Put the record back as it was (count, cooldown), so the next evaluation tries again instead of waiting out a
        // cooldown for a switch that never happened. A resumed switch stays claimed: the next run resumes it again.
        let left = claimed;
        if (before) {
            const reverted = { ...before, lastStatus: 'FAILOVER_FAILED', lastCheckUtc: iso(ports.clock.now()), lastDetail: detail };
            left = await ports.store.replace(reverted, claimed.etag, signal).catch(() => claimed);
        }
        return { ...decision(left.record, false, 'traffic_failed', `${why}; ${detail}`, probes, healthy), ...(from ? { previousTarget: from } : {}), error: info };
    }
    const done = { ...claimed.record, lastStatus: 'FAILOVER_DONE', lastDetail: `${claimed.record.lastDetail ?? why}; ${routed.detail}` };
    const lock = claimed.record.lockUntilUtc;
    const detail = `${why}; traffic moved${from ? ` from ${from}` : ''} to ${to} (${routed.detail}); failover #${done.failoverCount}, no further switch before ${lock}`;
    try {
        const saved = await ports.store.replace(done, claimed.etag, signal);
        return { ...decision(saved.record, true, reason, detail, probes, healthy), ...(from ? { previousTarget: from } : {}) };
    }
    catch (error) {
        if (!(error instanceof StateConflict) && !(error instanceof StateStoreError))
            throw error;
        // Traffic did move; only the final mark failed. The record already names the new target and its cooldown.
        return { ...decision(claimed.record, true, reason, `${detail}; the record could not be marked FAILOVER_DONE: ${error.message}`, probes, healthy), ...(from ? { previousTarget: from } : {}) };
    }
}
async function write(store, next, current, signal, then) {
    try {
        return then((await store.replace(next, current.etag, signal)).record);
    }
    catch (error) {
        if (error instanceof StateConflict)
            return stateChanged(current.record, [], next.lastStatus === 'OK');
        throw error;
    }
}
function stateChanged(record, probes, healthy) {
    return decision(record, false, 'state_changed', 'the state entity changed under this evaluation (another evaluation wrote it first, its ETag no longer matches); this one changed nothing', probes, healthy === undefined ? {} : { healthy });
}
function decision(record, changed, reason, detail, probes, extra = {}) {
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
function priorities(spec, active) {
    const order = [active, ...spec.targets.map((t) => t.name).filter((n) => n !== active)];
    return Object.fromEntries(spec.targets.map((t) => [t.name, order.indexOf(t.name) + 1]));
}
async function readChecked(spec, store, signal) {
    const current = await store.read(signal);
    const names = spec.targets.map((t) => t.name);
    if (!names.includes(current.record.activeTarget)) {
        throw new StateStoreError('MalformedEntity', `the state entity at ${store.location} names active_target "${current.record.activeTarget}", which is not a target of the spec (${names.join(', ')}); fix the entity or the spec. Nothing was changed.`);
    }
    return current;
}
async function verdictOf(spec, ports, name, record, check, signal) {
    const target = spec.targets.find((t) => t.name === name);
    // The entity's endpoint wins: it is what an operator edits (the seed's way to force a failure, or to repoint).
    const endpoint = record.endpoints[name] ?? target.endpoint;
    const stamp = targetStamp(name, target.region ?? target.unit ?? name, check);
    const answers = [];
    const verdict = await (0,health/* runHealthCheck */.WC)({
        check,
        probe: (inner) => ports.prober.probe(check, { stamp, outputs: { endpoint: { type: 'String', value: endpoint } }, rollout: { id: 'failover', version: 'failover', mode: 'failover' } }, inner),
        clock: ports.clock,
        signal,
        onAnswer: (_, answer) => answers.push(answer),
    });
    return { healthy: verdict.healthy, detail: verdict.answer?.detail ?? verdict.detail, answers };
}
/** What a probe needs to know about a target; command probes see it as STAMP_ID=failover/NAME, STAMP_REGION... */
function targetStamp(name, region, health) {
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

// EXTERNAL MODULE: ./src/spec/load.ts + 22 modules
var load = __webpack_require__(28060);
// EXTERNAL MODULE: ./src/plan/planner.ts + 1 modules
var planner = __webpack_require__(58774);
// EXTERNAL MODULE: ./src/plan/types.ts
var types = __webpack_require__(9898);
;// CONCATENATED MODULE: ./src/commands/failover-traffic.ts


class RedeployTraffic {
    spec;
    deployer;
    clock;
    constructor(spec, deployer, clock) {
        if (!spec.failover)
            throw new Error('the spec has no failover section');
        this.spec = spec;
        this.deployer = deployer;
        this.clock = clock;
    }
    async route(change, signal) {
        const { component, parameter } = this.spec.failover.traffic;
        const stamp = this.spec.stamps.find((s) => s.component === component);
        const key = Object.keys(stamp.parameters).find((k) => k.toLowerCase() === parameter.toLowerCase()) ?? parameter;
        const routed = {
            ...this.spec,
            stamps: this.spec.stamps.map((s) => (s === stamp ? { ...s, parameters: { ...s.parameters, [key]: { value: change.priorities, secure: false, source: 'failover' } } } : s)),
        };
        const plan = (0,planner/* planRollout */.n)(routed);
        const stage = plan.stages.find((s) => s.stamps.some((p) => p.id === stamp.id));
        const planned = stage.stamps.find((p) => p.id === stamp.id);
        // The spec's own content hash, not this deployment's: a later onChange rollout then sees the traffic component as
        // unchanged and leaves the failover's routing alone instead of putting traffic back on the spec's priorities.
        const specHash = (0,planner/* planRollout */.n)(this.spec).stages.flatMap((s) => s.stamps).find((p) => p.id === stamp.id).contentHash;
        // One name per switch (the time it was made): the deployer adopts an earlier deployment of the same name and content,
        // which would leave traffic where a later switch moved it.
        const at = new Date(this.clock.now()).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
        const deploymentName = `${this.spec.name}-${component}-failover-${change.active}`.replace(/[^-\w.()]/g, '-').slice(0, 47) + `-${at}`;
        const deployment = await this.deployer(routed).deploy({
            stamp: { ...planned, deploymentName },
            stage,
            rollout: plan.rollout,
            tags: {
                [types/* DEPLOYMENT_TAGS */.S.rolloutId]: plan.rollout.id,
                [types/* DEPLOYMENT_TAGS */.S.version]: plan.rollout.version,
                [types/* DEPLOYMENT_TAGS */.S.stage]: stage.name,
                [types/* DEPLOYMENT_TAGS */.S.stamp]: stamp.id,
                [types/* DEPLOYMENT_TAGS */.S.contentHash]: specHash,
                [types/* DEPLOYMENT_TAGS */.S.specHash]: plan.rollout.specHash,
                'failover-active-target': change.active,
            },
        }, signal);
        const order = Object.entries(change.priorities)
            .sort((a, b) => a[1] - b[1])
            .map(([name, priority]) => `${name}=${priority}`)
            .join(', ');
        return { detail: `redeployed ${component} as ${deployment.deploymentName} with ${parameter} ${order}${deployment.correlationId ? `, correlation id ${deployment.correlationId}` : ''}` };
    }
}

// EXTERNAL MODULE: ./src/commands/plan.ts + 1 modules
var plan = __webpack_require__(21522);
;// CONCATENATED MODULE: ./src/commands/failover.ts
/**
 * The `failover` command, face-neutral: load the spec (its failover section), build the controller's ports from what
 * the face provides, and run one of: an evaluation, a manual switch, init, status.
 */




/** Failover specs are read in standard mode at version `failover`: a switch is no rollout of a version. */
const FAILOVER_VERSION = 'failover';
function loadFailoverSpec(request) {
    const spec = (0,load/* loadSpec */.I)(request.specFile, { mode: load/* STANDARD_MODE */.K, version: FAILOVER_VERSION, env: request.env, repoRoot: request.repoRoot });
    request.onSecrets?.(spec.secrets);
    if (!spec.failover)
        throw new plan/* InputError */.dz(`${spec.file} has no failover section: add failover: { targets, traffic, health, state } (see the README)`);
    return spec;
}
async function failoverCommand(request, action) {
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

// EXTERNAL MODULE: ./src/probes/index.ts + 7 modules
var probes = __webpack_require__(49048);
// EXTERNAL MODULE: ./src/engine/token-redaction.ts
var token_redaction = __webpack_require__(39871);
// EXTERNAL MODULE: ./src/report/redact-stdio.ts
var redact_stdio = __webpack_require__(47313);
;// CONCATENATED MODULE: ./src/report/failover-text.ts
function failoverText(outcome) {
    switch (outcome.kind) {
        case 'status':
            return [`Failover state at ${outcome.location}:`, ...recordLines(outcome.record)].join('\n');
        case 'init':
            return [outcome.created ? `Created the failover state at ${outcome.location}:` : `The failover state at ${outcome.location} already exists; left as it is:`, ...recordLines(outcome.record)].join('\n');
        default:
            return decisionText(outcome.decision);
    }
}
function decisionText(d) {
    const head = d.changed ? `Failover: traffic switched to ${d.activeTarget} (${d.reason})` : `Failover: no change (${d.reason})`;
    const lines = [head, `  ${d.detail}`, `  active target ${d.activeTarget}, failover count ${d.failoverCount}${d.lockUntilUtc ? `, no switch before ${d.lockUntilUtc}` : ''}`];
    if (d.probes.length > 0)
        lines.push('  probes:', ...d.probes.map((p) => `    ${p.target}: ${p.answer.healthy ? 'healthy' : 'unhealthy'}: ${p.answer.detail}`));
    if (d.error)
        lines.push(`  error: ${d.error.code}: ${d.error.message}${d.error.correlationId ? ` (correlation id ${d.error.correlationId})` : ''}`);
    return lines.join('\n');
}
/** The record under the entity's own property names, so what a person reads here is what the portal shows. */
function entityView(record) {
    const view = {
        active_target: record.activeTarget,
        failover_count: record.failoverCount,
        last_status: record.lastStatus,
    };
    if (record.lastCheckUtc)
        view.last_check_utc = record.lastCheckUtc;
    if (record.lockUntilUtc)
        view.lock_until_utc = record.lockUntilUtc;
    for (const [name, url] of Object.entries(record.endpoints))
        view[`${name}_endpoint`] = url;
    if (record.lastDetail)
        view.last_detail = record.lastDetail;
    return view;
}
function recordLines(record) {
    return Object.entries(entityView(record)).map(([k, v]) => `  ${k}: ${v}`);
}

// EXTERNAL MODULE: ./src/time/clock.ts
var time_clock = __webpack_require__(33355);
;// CONCATENATED MODULE: ./src/cli-failover.ts














async function failoverCli(positionals, values) {
    const action = actionOf(positionals, values);
    if (values.armCa)
        (0,tls/* trustCertificate */.m)((0,external_node_fs_.readFileSync)(values.armCa, 'utf8'));
    const clock = new time_clock/* SystemClock */.Aw();
    const endpoint = values.armEndpoint;
    const armCredential = (0,token_redaction/* withTokenRedaction */.F)((0,credentials/* createCredential */.G)({ endpoint }), redact_stdio/* redactor */.$);
    const connectionString = process.env.AZURE_STORAGE_CONNECTION_STRING || undefined;
    try {
        const outcome = await failoverCommand({
            specFile: values.spec,
            env: process.env,
            repoRoot: process.cwd(),
            clock,
            signal: new AbortController().signal,
            prober: (0,probes/* createProber */.X7)({ clock, env: process.env, cwd: process.cwd() }),
            store: (f) => new TableStateStore({ endpoint: f.state.endpoint, table: f.state.table, clock, ...(connectionString ? { connectionString } : { credential: (0,token_redaction/* withTokenRedaction */.F)((0,credentials/* createCredential */.G)({}), redact_stdio/* redactor */.$) }) }),
            deployer: (spec) => new deployer/* ArmDeployer */.p6({ credential: armCredential, endpoint, clock, spec, pollMs: endpoint && (0,credentials/* isLoopback */.U)(endpoint) ? { first: 250, max: 1_000 } : undefined }),
        }, action);
        process.stdout.write(values.json ? `${JSON.stringify(outcome, null, 2)}\n` : `${failoverText(outcome)}\n`);
        return 'decision' in outcome && outcome.decision.reason === 'traffic_failed' ? 1 : 0;
    }
    catch (error) {
        if (error instanceof FailoverInputError)
            throw new plan/* InputError */.dz(error.message);
        if (error instanceof StateStoreError) {
            process.stderr.write(`staged-rollout: ${error.code}: ${error.message}\n`);
            return 1;
        }
        throw error;
    }
}
function actionOf(positionals, values) {
    const [sub, ...extra] = positionals;
    if (extra.length > 0 || (sub !== undefined && sub !== 'init'))
        throw new plan/* InputError */.dz(`failover takes no argument "${positionals.join(' ')}" (only init); see staged-rollout failover --help`);
    const chosen = [sub === 'init', values.status, values.to !== undefined].filter(Boolean).length;
    if (chosen > 1)
        throw new plan/* InputError */.dz('give one of init, --status or --to');
    if (values.force && values.to === undefined)
        throw new plan/* InputError */.dz('--force goes with --to: it switches inside the cooldown');
    if (sub === 'init')
        return { kind: 'init' };
    if (values.status)
        return { kind: 'status' };
    if (values.to !== undefined)
        return { kind: 'switch', to: values.to === 'next' ? undefined : values.to, force: values.force ?? false };
    return { kind: 'evaluate' };
}


/***/ }),

/***/ 64774:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ untilNextTick),
/* harmony export */   PZ: () => (/* binding */ recheckOf),
/* harmony export */   WC: () => (/* binding */ runHealthCheck),
/* harmony export */   eE: () => (/* binding */ recheckSpan)
/* harmony export */ });
/* harmony import */ var _time_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12061);

/**
 * The quick check before a stage moves on (after its bake, or in a later job): no wait, the first answer must already
 * be healthy, then it must stay healthy for two more intervals (capped by the stamp's own healthyFor). One answer alone
 * could land on a good moment of a flapping stamp; three answers two intervals apart catch flapping at the probe's own
 * granularity while adding at most two intervals per stage.
 */
function recheckOf(check) {
    return { ...check, waitMs: 0, withinMs: 0, healthyForMs: Math.min(check.healthyForMs, 2 * check.intervalMs) };
}
/** How long the quick check of these checks takes: its longest healthy window (no wait, no within). */
function recheckSpan(checks) {
    return Math.max(0, ...checks.map((check) => recheckOf(check).healthyForMs));
}
async function runHealthCheck(run) {
    const { check, clock, signal } = run;
    const startedAt = clock.now();
    let probes = 0;
    let last;
    const ask = async (phase) => {
        let answer;
        try {
            answer = await run.probe(signal);
        }
        catch (error) {
            // Stopped mid-probe: whatever the probe threw then (a reset, a refused connection) says nothing of the stamp.
            if (signal.aborted)
                throw signal.reason ?? error;
            // A prober that throws is a probe that failed: the stamp is not known to be healthy.
            answer = { healthy: false, latencyMs: 0, detail: `probe error: ${error instanceof Error ? error.message : String(error)}` };
        }
        answer = { ...answer, at: clock.now() };
        probes++;
        last = answer;
        run.onAnswer?.(phase, answer);
        return answer;
    };
    const verdict = (healthy, phase, detail) => ({
        healthy,
        phase,
        ...(last ? { answer: last } : {}),
        probes,
        startedAt,
        endedAt: clock.now(),
        detail,
    });
    if (check.waitMs > 0) {
        run.onPhase?.('wait', check.waitMs);
        await clock.sleep(check.waitMs, signal);
    }
    run.onPhase?.('within', check.withinMs);
    const withinStart = clock.now();
    const withinEnd = withinStart + check.withinMs;
    for (;;) {
        const answer = await ask('within');
        if (answer.healthy)
            break;
        if (withinEnd - clock.now() <= 0) {
            return verdict(false, 'within', `not healthy within ${(0,_time_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(check.withinMs)}: ${answer.detail}`);
        }
        await clock.sleep(untilNextTick(clock.now(), withinStart, check.intervalMs, withinEnd), signal);
    }
    run.onPhase?.('healthyFor', check.healthyForMs);
    const healthyStart = clock.now();
    const healthyEnd = healthyStart + check.healthyForMs;
    for (;;) {
        if (healthyEnd - clock.now() <= 0)
            break;
        // The last probe lands on the window's end, so "healthy for 5m" includes minute five.
        await clock.sleep(untilNextTick(clock.now(), healthyStart, check.intervalMs, healthyEnd), signal);
        const answer = await ask('healthyFor');
        if (!answer.healthy) {
            const after = (0,_time_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(Math.max(0, clock.now() - (healthyEnd - check.healthyForMs)));
            return verdict(false, 'healthyFor', `turned unhealthy ${after} into the healthy window: ${answer.detail}`);
        }
    }
    return verdict(true, 'healthyFor', `healthy (${probes} probe${probes === 1 ? '' : 's'}): ${last.detail}`);
}
/**
 * Probes keep the grid of their phase's start (start + k * interval), not "interval after the last answer": a slow
 * answer must not stretch the window or thin out its probes. A tick already missed is skipped, never bunched up.
 */
function untilNextTick(now, phaseStart, intervalMs, end) {
    const next = phaseStart + (Math.floor((now - phaseStart) / intervalMs) + 1) * intervalMs;
    return Math.max(0, Math.min(next, end) - now);
}


/***/ }),

/***/ 39871:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ withTokenRedaction)
/* harmony export */ });
function withTokenRedaction(credential, redactor) {
    const getToken = async (...args) => {
        const token = (await credential.getToken(...args));
        if (token)
            redactor.add(token.token);
        return token;
    };
    return { getToken };
}


/***/ })

};
