export const id = 395;
export const ids = [395];
export const modules = {

/***/ 74395:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rehearseUnitsCli: () => (/* binding */ rehearseUnitsCli)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _sim_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(99285);
/* harmony import */ var _commands_rehearse_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(56195);
/* harmony import */ var _engine_file_journal_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(82164);
/* harmony import */ var _report_progress_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(18991);
/* harmony import */ var _report_result_text_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(75773);
/* harmony import */ var _time_clock_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(33355);
/* harmony import */ var _commands_plan_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(21522);
/**
 * `staged-rollout rehearse-units`: a release-unit rollout on the local endpoint, with users on its Front Door, on a
 * virtual clock. The previous version goes live first; then the new one moves users over in its weight steps and
 * the old unit is torn down: days of release in seconds. `--errors RATIO` makes the new unit fail that share of
 * its users' requests from its second step on (its /healthz stays fine), to see the revert.
 */










async function rehearseUnitsCli(values) {
    const users = Number(values.users);
    const errors = values.errors === undefined ? undefined : Number(values.errors);
    if (!(users > 0))
        throw new _commands_plan_js__WEBPACK_IMPORTED_MODULE_8__/* .InputError */ .dz('--users must be a number of requests per minute above 0');
    if (errors !== undefined && !(errors > 0 && errors <= 1))
        throw new _commands_plan_js__WEBPACK_IMPORTED_MODULE_8__/* .InputError */ .dz('--errors must be a share between 0 and 1, e.g. 0.2');
    const clock = new _time_clock_js__WEBPACK_IMPORTED_MODULE_9__/* .VirtualClock */ .k_(Date.UTC(2026, 0, 1)).start();
    const sim = await (0,_sim_index_js__WEBPACK_IMPORTED_MODULE_3__/* .startArmSim */ .Od)({ clock, deploymentLatencyMs: 60_000 });
    const journal = new _engine_file_journal_js__WEBPACK_IMPORTED_MODULE_5__/* .FileJournal */ .G(node_path__WEBPACK_IMPORTED_MODULE_2___default().join((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'staged-rollout-units-')), 'journal.jsonl'));
    let started;
    let steps = 0;
    const reporter = {
        event(event) {
            started ??= clock.now();
            if (event.type === 'traffic-step-started' && ++steps === 2 && errors !== undefined)
                sim.setUserErrors([{ version: values.version, ratio: errors }]);
            const line = (0,_report_progress_js__WEBPACK_IMPORTED_MODULE_6__/* .progressLine */ .o)(event, clock.now() - started);
            if (line)
                process.stdout.write(`${line}\n`);
        },
    };
    const run = (version) => (0,_commands_rehearse_js__WEBPACK_IMPORTED_MODULE_4__/* .rehearse */ .K)({ specFile: values.spec, mode: values.mode, version, repoRoot: process.cwd(), env: process.env, journal, reporter, sim: { sim, clock } });
    try {
        const real = Date.now();
        process.stdout.write(`Release units on the local endpoint (virtual clock): ${values.from} goes live, then ${values.version} replaces it, ${users} user request(s) a minute${errors ? `, ${values.version} failing ${errors * 100}% of them from its second step` : ''}\n\n== ${values.from}\n`);
        const first = await run(values.from);
        if (first.result?.status !== 'succeeded') {
            process.stdout.write(`${(0,_report_result_text_js__WEBPACK_IMPORTED_MODULE_7__/* .resultText */ .D)(first.result)}\n`);
            return 1;
        }
        const traffic = first.plan.releaseUnits?.traffic.stamp;
        if (!traffic?.resourceGroup)
            throw new Error(`${values.spec} declares no release units (releaseUnits, traffic)`);
        const endpoint = await frontDoorEndpoint(sim.endpoint, traffic.subscription, traffic.resourceGroup);
        if (!endpoint)
            throw new Error(`the traffic component's deployment has no endpoint output to send users to`);
        sim.startLoad({ url: endpoint, ratePerMinute: users });
        process.stdout.write(`\n== ${values.version}\n`);
        started = undefined;
        const second = await run(values.version);
        process.stdout.write(`\n${(0,_report_result_text_js__WEBPACK_IMPORTED_MODULE_7__/* .resultText */ .D)(second.result)}\n(rehearsed ${(second.result.durationMs / 3_600_000).toFixed(1)} h of release in ${((Date.now() - real) / 1000).toFixed(1)} s)\n`);
        return second.result.status === 'succeeded' ? 0 : 1;
    }
    finally {
        await sim.stop();
        clock.stop();
    }
}
/** The traffic component's `endpoint` output (the Front Door endpoint), read through the ARM API like any client would. */
async function frontDoorEndpoint(armEndpoint, subscription, resourceGroup) {
    const { DeploymentsClient } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 57162));
    const { LocalEndpointCredential } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 84329));
    const client = new DeploymentsClient(new LocalEndpointCredential(), subscription, { endpoint: armEndpoint });
    for await (const d of client.deployments.listByResourceGroup(resourceGroup)) {
        const value = d.properties?.outputs?.endpoint?.value;
        if (typeof value === 'string')
            return value;
    }
    return undefined;
}


/***/ }),

/***/ 56195:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  K: () => (/* binding */ rehearse)
});

// EXTERNAL MODULE: ./sim/index.ts + 52 modules
var sim_0 = __webpack_require__(99285);
// EXTERNAL MODULE: ./src/azure/deployer.ts + 6 modules
var azure_deployer = __webpack_require__(4771);
// EXTERNAL MODULE: ./src/azure/credentials.ts
var credentials = __webpack_require__(84329);
// EXTERNAL MODULE: ./node_modules/@azure/arm-monitor/dist/index.js
var dist = __webpack_require__(81598);
// EXTERNAL MODULE: ./src/azure/arm-errors.ts
var arm_errors = __webpack_require__(22893);
// EXTERNAL MODULE: ./src/azure/pipeline.ts
var pipeline = __webpack_require__(89657);
;// CONCATENATED MODULE: ./src/azure/metrics.ts



const MINUTE = 60_000;
class AzureMonitorMetrics {
    options;
    client;
    constructor(options) {
        this.options = options;
        const client = new dist/* MonitorClient */.UK(options.credential, options.subscription ?? '00000000-0000-0000-0000-000000000000', { endpoint: options.endpoint });
        this.client = (0,pipeline/* withArmPolicies */.T6)(client, options.credential, options.correlationId);
    }
    /** An App Service site's Requests and Http5xx, summed over the window. */
    async resourceTraffic(resourceId, fromMs, toMs, signal) {
        const from = Math.floor(fromMs / MINUTE) * MINUTE;
        const to = Math.ceil(toMs / MINUTE) * MINUTE;
        if (from >= to)
            return { requests: 0, errors: 0 };
        const response = await this.options.clock
            .track(this.client.metrics.list(resourceId.replace(/^\//, ''), { timespan: `${new Date(from).toISOString()}/${new Date(to).toISOString()}`, interval: 'PT1M', metricnames: 'Requests,Http5xx', aggregation: 'Total', abortSignal: signal }))
            .catch((error) => {
            throw (0,arm_errors/* fromSdkError */.Rf)(error, `reading the metrics of ${resourceId}`);
        });
        const total = (name) => response.value.filter((m) => m.name.value === name).flatMap((m) => m.timeseries ?? []).flatMap((s) => s.data ?? []).reduce((n, d) => n + (d.total ?? 0), 0);
        return { requests: total('Requests'), errors: total('Http5xx') };
    }
    async originTraffic(origins, fromMs, toMs, signal) {
        const from = Math.floor(fromMs / MINUTE) * MINUTE;
        const to = Math.ceil(toMs / MINUTE) * MINUTE;
        const profile = await this.options.profileId?.(signal);
        if (!profile || origins.length === 0 || from >= to)
            return { requests: 0, errors: 0 };
        const hosts = new Set(origins.map((o) => (o.hostName.includes(':') ? o.hostName : `${o.hostName}:443`).toLowerCase()));
        const response = await this.options.clock
            .track(this.client.metrics.list(profile.replace(/^\//, ''), {
            timespan: `${new Date(from).toISOString()}/${new Date(to).toISOString()}`,
            interval: 'PT1M',
            metricnames: 'OriginRequestCount',
            aggregation: 'Total',
            filter: "Origin eq '*' and HttpStatusGroup eq '*'",
            abortSignal: signal,
        }))
            .catch((error) => {
            throw (0,arm_errors/* fromSdkError */.Rf)(error, 'reading Front Door metrics');
        });
        const count = { requests: 0, errors: 0 };
        for (const metric of response.value) {
            for (const series of metric.timeseries ?? []) {
                const dims = Object.fromEntries((series.metadatavalues ?? []).map((m) => [String(m.name?.value ?? '').toLowerCase(), String(m.value ?? '')]));
                if (!hosts.has(String(dims.origin ?? '').toLowerCase()))
                    continue;
                const total = (series.data ?? []).reduce((n, d) => n + (d.total ?? 0), 0);
                count.requests += total;
                if (dims.httpstatusgroup === '5xx')
                    count.errors += total;
            }
        }
        return count;
    }
}

// EXTERNAL MODULE: ./node_modules/@azure/arm-cdn/dist/index.js
var arm_cdn_dist = __webpack_require__(49513);
// EXTERNAL MODULE: ./src/plan/types.ts
var types = __webpack_require__(9898);
// EXTERNAL MODULE: ./src/plan/release-units.ts
var release_units = __webpack_require__(5732);
;// CONCATENATED MODULE: ./src/engine/traffic.ts
/**
 * The Traffic port: the global traffic component (Front Door) as the engine sees it, units with weights. Release
 * units move users in weight steps through it; a failover controller can switch units (or regions) through the same
 * port. Adapters live in src/azure/ (Front Door through ARM deployments and @azure/arm-cdn).
 */
const originName = (unit, region) => `${unit}-${region}`;
/** Unit and region from an origin name made by `originName` (regions hold no `-`). */
function parseOriginName(name) {
    const i = name.lastIndexOf('-');
    if (i <= 0)
        return undefined;
    return { unit: name.slice(0, i), region: name.slice(i + 1) };
}

;// CONCATENATED MODULE: ./src/azure/frontdoor-traffic.ts







/** How often an origin's update or delete is polled when Front Door sends no Retry-After (the SDK poller honours it). */
const ORIGIN_POLL_MS = 2_000;
/** A Front Door origin's weight is 1-1000 and never 0: a unit at 0 % keeps its origins, disabled. */
function originWeights(weights) {
    return weights.flatMap((u) => u.origins.map((o) => {
        const [host, port] = o.hostName.split(':');
        const weight = Math.min(1000, Math.max(1, Math.round((u.weight * 10) / u.origins.length)));
        return { name: originName(u.unit, o.region), hostName: host, httpsPort: port ? Number(port) : 443, weight, enabledState: u.weight > 0 ? 'Enabled' : 'Disabled' };
    }));
}
class FrontDoorTraffic {
    options;
    stamp;
    originGroupId;
    client;
    constructor(options) {
        this.options = options;
        const stamp = options.plan.releaseUnits?.traffic.stamp;
        if (!stamp)
            throw new Error('the plan has no traffic stamp (releaseUnits.traffic.component)');
        this.stamp = stamp;
    }
    /** The Front Door profile whose metrics count the origins' requests. */
    async profileId(signal) {
        const group = await this.groupId(signal);
        return group?.slice(0, group.toLowerCase().indexOf('/origingroups/'));
    }
    async current(signal) {
        const group = await this.groupId(signal);
        if (!group)
            return { units: [] };
        const origins = await this.listOrigins(group, signal);
        const units = new Map();
        let total = 0;
        for (const o of origins) {
            const parsed = parseOriginName(o.name);
            if (!parsed)
                continue;
            const enabled = o.enabledState !== 'Disabled';
            const weight = enabled ? o.weight : 0;
            total += weight;
            const unit = units.get(parsed.unit) ?? { unit: parsed.unit, weight: 0, raw: 0, origins: [] };
            unit.raw += weight;
            unit.origins.push({ unit: parsed.unit, region: parsed.region, hostName: o.port === 443 ? o.hostName : `${o.hostName}:${o.port}` });
            units.set(parsed.unit, unit);
        }
        return { units: [...units.values()].map(({ raw, ...u }) => ({ ...u, weight: total === 0 ? 0 : Math.round((100 * raw) / total) })) };
    }
    async setWeights(weights, label, signal, options = {}) {
        const { spec, plan } = this.options;
        const parameter = plan.releaseUnits.traffic.parameter;
        const origins = originWeights(weights);
        const group = await this.groupId(signal);
        if (options.immediate && group) {
            // Straight to the origins (a PATCH each, seconds), before the redeploy that records the same shares.
            const { rg, profile, originGroup } = parts(group);
            for (const o of origins) {
                await this.options.clock
                    .track(this.cdn().afdOrigins.beginUpdateAndWait(rg, profile, originGroup, o.name, { weight: o.weight, enabledState: o.enabledState }, { abortSignal: signal, updateIntervalInMs: ORIGIN_POLL_MS }))
                    .catch((error) => {
                    throw (0,arm_errors/* fromSdkError */.Rf)(error, `updating origin ${o.name}`);
                });
            }
        }
        const withOrigins = {
            ...spec,
            stamps: spec.stamps.map((s) => (s.id === this.stamp.id ? { ...s, parameters: { ...s.parameters, [parameter]: { value: origins, secure: false, source: 'traffic step' } } } : s)),
        };
        const deploymentName = `${this.stamp.deploymentName}-${label}`.slice(0, 64);
        const deployer = new azure_deployer/* ArmDeployer */.p6({ credential: this.options.credential, endpoint: this.options.endpoint, clock: this.options.clock, spec: withOrigins });
        const stage = { name: 'traffic', index: plan.stages.length, regions: [], bakeMs: 0, maxParallel: 1, stamps: [] };
        const tags = {
            [types/* DEPLOYMENT_TAGS */.S.rolloutId]: plan.rollout.id,
            [types/* DEPLOYMENT_TAGS */.S.version]: plan.rollout.version,
            [types/* DEPLOYMENT_TAGS */.S.stage]: `traffic-${label}`,
            [types/* DEPLOYMENT_TAGS */.S.stamp]: this.stamp.id,
            [types/* DEPLOYMENT_TAGS */.S.contentHash]: this.stamp.contentHash,
            [types/* DEPLOYMENT_TAGS */.S.specHash]: plan.rollout.specHash,
        };
        const done = await deployer.deploy({ stamp: { ...this.stamp, deploymentName }, stage, rollout: plan.rollout, tags }, signal);
        const deployedGroup = done.outputs[release_units/* ORIGIN_GROUP_OUTPUT */.T]?.value;
        if (typeof deployedGroup !== 'string')
            throw new Error(`the traffic component's template must output ${release_units/* ORIGIN_GROUP_OUTPUT */.T} (the origin group holding the units' origins); ${deploymentName} did not`);
        this.originGroupId = deployedGroup;
        // Incremental deployments keep resources they no longer declare: a unit that left must lose its origins here.
        const keep = new Set(origins.map((o) => o.name.toLowerCase()));
        for (const o of await this.listOrigins(deployedGroup, signal)) {
            if (keep.has(o.name.toLowerCase()))
                continue;
            const { rg, profile, originGroup } = parts(deployedGroup);
            await this.options.clock.track(this.cdn().afdOrigins.beginDeleteAndWait(rg, profile, originGroup, o.name, { abortSignal: signal, updateIntervalInMs: ORIGIN_POLL_MS })).catch((error) => {
                throw (0,arm_errors/* fromSdkError */.Rf)(error, `deleting origin ${o.name}`);
            });
        }
        return { deploymentName };
    }
    async groupId(signal) {
        if (this.originGroupId)
            return this.originGroupId;
        const deployer = new azure_deployer/* ArmDeployer */.p6({ credential: this.options.credential, endpoint: this.options.endpoint, clock: this.options.clock, spec: this.options.spec });
        const last = await deployer.lastSuccessful(this.stamp, {}, signal);
        const group = last?.outputs?.[release_units/* ORIGIN_GROUP_OUTPUT */.T]?.value;
        if (typeof group === 'string')
            this.originGroupId = group;
        return this.originGroupId;
    }
    async listOrigins(group, signal) {
        const { rg, profile, originGroup } = parts(group);
        const out = [];
        const list = async () => {
            for await (const o of this.cdn().afdOrigins.listByOriginGroup(rg, profile, originGroup, { abortSignal: signal })) {
                out.push({ name: o.name, hostName: o.hostName ?? '', port: o.httpsPort ?? 443, weight: o.weight ?? 50, enabledState: o.enabledState });
            }
        };
        await this.options.clock.track(list()).catch((error) => {
            throw (0,arm_errors/* fromSdkError */.Rf)(error, `listing the origins of ${originGroup}`);
        });
        return out;
    }
    /** One client, with the rollout's correlation id and ARM connections on every request, as the deployer's. */
    cdn() {
        const { credential, endpoint, spec } = this.options;
        return (this.client ??= (0,pipeline/* withArmPolicies */.T6)(new arm_cdn_dist/* CdnManagementClient */.gp(credential, this.stamp.subscription, { endpoint }), credential, (0,pipeline/* specCorrelationId */.xV)(spec)));
    }
}
function parts(groupId) {
    const s = groupId.split('/');
    const at = (name) => s[s.findIndex((x) => x.toLowerCase() === name) + 1];
    return { rg: at('resourcegroups'), profile: at('profiles'), originGroup: at('origingroups') };
}

// EXTERNAL MODULE: ./node_modules/@azure/arm-resources/dist/esm/index.js + 24 modules
var esm = __webpack_require__(56033);
// EXTERNAL MODULE: ./src/engine/retry.ts
var retry = __webpack_require__(73344);
;// CONCATENATED MODULE: ./src/azure/unit-groups.ts




class ArmUnitResources {
    options;
    constructor(options) {
        this.options = options;
    }
    groups(unit) {
        return [...new Set(this.options.groupsOf(unit).map((g) => g.resourceGroup))];
    }
    async remove(unit, signal) {
        const removed = [];
        const seen = new Set();
        for (const { subscription, resourceGroup } of this.options.groupsOf(unit)) {
            const key = `${subscription}/${resourceGroup}`.toLowerCase();
            if (seen.has(key))
                continue;
            seen.add(key);
            // The SDK's retries off: they would sleep in real time under ours (six attempts became 24 DELETEs).
            const { credential, endpoint, correlationId } = this.options;
            const client = (0,pipeline/* withArmPolicies */.T6)(new esm/* ResourceManagementClient */.h0(credential, subscription, { endpoint, retryOptions: { maxRetries: 0 } }), credential, correlationId);
            const { clock } = this.options;
            // Our own retries and polling on the engine's clock: the SDK's poller would sleep in real time and spend reads.
            const arm = (what, call) => (0,retry/* withRetry */.bD)(() => clock.track(call()).catch((error) => {
                throw (0,arm_errors/* fromSdkError */.Rf)(error, what);
            }), { clock, policy: { ...retry/* DEFAULT_RETRY */.vI, attempts: 6, baseMs: 1_000 }, signal });
            const exists = async () => (await arm(`reading resource group ${resourceGroup}`, () => client.resourceGroups.checkExistence(resourceGroup, { abortSignal: signal }))).body;
            if (await exists()) {
                await arm(`deleting resource group ${resourceGroup}`, () => client.resourceGroups.beginDelete(resourceGroup, { abortSignal: signal }));
                let polls = 0;
                while (await exists()) {
                    if (++polls > 720)
                        throw new Error(`resource group ${resourceGroup} is still there an hour after its deletion was accepted`);
                    await clock.sleep(5_000, signal);
                }
            }
            removed.push(resourceGroup);
        }
        return removed;
    }
}

;// CONCATENATED MODULE: ./src/azure/release-unit-adapters.ts




/** The release-unit adapters on Azure: Front Door for traffic, Azure Monitor for metrics, ARM for the unit's groups. */
function azureReleaseUnitAdapters(options) {
    return (spec, plan, unitSpec) => {
        const traffic = new FrontDoorTraffic({ ...options, spec, plan });
        const correlationId = (0,pipeline/* specCorrelationId */.xV)(spec);
        const components = new Set(plan.releaseUnits.components);
        return {
            traffic,
            metrics: new AzureMonitorMetrics({ ...options, correlationId, subscription: plan.releaseUnits.traffic.stamp.subscription, profileId: (signal) => traffic.profileId(signal) }),
            units: new ArmUnitResources({
                ...options,
                correlationId,
                groupsOf: (unit) => unitSpec(unit)
                    .stamps.filter((s) => components.has(s.component) && s.resourceGroup !== undefined)
                    .map((s) => ({ subscription: s.subscription, resourceGroup: s.resourceGroup })),
            }),
        };
    };
}

// EXTERNAL MODULE: ./src/probes/index.ts + 7 modules
var probes = __webpack_require__(49048);
// EXTERNAL MODULE: ./src/time/clock.ts
var time_clock = __webpack_require__(33355);
// EXTERNAL MODULE: ./src/commands/deploy.ts + 7 modules
var deploy = __webpack_require__(16714);
;// CONCATENATED MODULE: ./src/commands/rehearse.ts









/**
 * A rollout against the local ARM endpoint on a virtual clock: the real deploy path (spec, planner, engine, the Azure
 * SDK over HTTPS, HTTP probes) with only Azure and the passing of time simulated. A 3-day rollout takes seconds.
 */
async function rehearse(request) {
    const own = request.sim === undefined;
    const clock = request.sim?.clock ?? new time_clock/* VirtualClock */.k_(Date.UTC(2026, 0, 1)).start();
    const sim = request.sim?.sim ?? (await (0,sim_0/* startArmSim */.Od)({ clock, deploymentLatencyMs: 60_000 }));
    (0,sim_0/* trustSimCa */.ei)(sim.ca);
    const added = (request.faults ?? []).map((f) => sim.faults.add(f));
    try {
        const outcome = await (0,deploy/* deployCommand */.J)({
            specFile: request.specFile,
            mode: request.mode,
            version: request.version,
            env: request.env,
            repoRoot: request.repoRoot,
            onSecrets: request.onSecrets,
            bicepPath: request.bicepPath,
            only: request.only,
            stage: request.stage ?? 'all',
            dryRun: false,
            clock,
            journal: request.journal,
            reporter: request.reporter,
            signal: request.signal ?? new AbortController().signal,
            deployer: (spec) => new azure_deployer/* ArmDeployer */.p6({ credential: new credentials.LocalEndpointCredential(), endpoint: sim.endpoint, clock, spec, log: request.log }),
            prober: (0,probes/* createProber */.X7)({ clock, env: request.env, cwd: request.repoRoot }),
            releaseUnits: azureReleaseUnitAdapters({ credential: new credentials.LocalEndpointCredential(), endpoint: sim.endpoint, clock }),
            abort: request.abort,
            resourceMetrics: (spec) => new AzureMonitorMetrics({ credential: new credentials.LocalEndpointCredential(), endpoint: sim.endpoint, clock, correlationId: (0,pipeline/* specCorrelationId */.xV)(spec) }),
        });
        return { ...outcome, sim, clock };
    }
    finally {
        for (const id of added)
            sim.faults.remove(id);
        if (own) {
            await sim.stop();
            clock.stop();
        }
    }
}


/***/ }),

/***/ 82164:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ FileJournal)
/* harmony export */ });
/* unused harmony export JournalError */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/**
 * The journal as a local file. It lives in the engine, not at the edge, because it needs nothing but node:fs and its
 * format is the engine's own; the faces only pick the path (RUNNER_TEMP in the action, `.staged-rollout/` locally).
 */


const HEADER = JSON.stringify({ formatVersion: 1, kind: 'staged-rollout journal' });
/**
 * JSON Lines, append only: a header line, then one event per line. Appending costs what the new events weigh, where
 * rewriting the whole file on every record grew with the square of a rollout's size. A kill mid-append can leave a
 * torn last line: loading drops it (that event had not been acknowledged), and refuses any other damage. Records that
 * arrive while an append is in flight go out together in the next one.
 */
class FileJournal {
    events;
    pending = [];
    writing;
    waiters = [];
    started = false;
    path;
    redact;
    /** `redact`: the run's redactor; every line passes through it on its way to disk. */
    constructor(path, options = {}) {
        this.path = path;
        this.redact = options.redact ?? ((line) => line);
    }
    async load() {
        if (!this.events)
            this.events = await this.read();
        return [...this.events];
    }
    async record(event) {
        if (!this.events)
            await this.load();
        this.events.push(structuredClone(event));
        this.pending.push(this.redact(JSON.stringify(event)));
        const done = new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
        this.writing ??= this.drain();
        return done;
    }
    async read() {
        let text;
        try {
            text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(this.path, 'utf8');
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return [];
            throw new JournalError(`cannot read the journal ${this.path}: ${reason(error)}; make it readable, or pass --journal with another file`, error);
        }
        // An empty file (created by hand, or by a run killed before its first write) is an empty journal.
        if (text.trim() === '') {
            if (text !== '')
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.truncate)(this.path, 0);
            return [];
        }
        this.started = true;
        const lines = text.split('\n');
        if (lines[0] !== HEADER)
            throw new JournalError(`${this.path}: not a staged-rollout journal (its first line is not ${HEADER}); move it away or pass --journal with another file`);
        const events = [];
        const last = lines.length - 1;
        for (let i = 1; i <= last; i++) {
            if (lines[i] === '')
                continue;
            try {
                events.push(JSON.parse(lines[i]));
            }
            catch {
                if (i !== last)
                    throw new JournalError(`${this.path}:${i + 1}: a damaged journal line; move the file away to start the rollout afresh`);
                // Torn by a kill mid-append: never acknowledged, so never relied on. Cut it off, so the next append starts clean.
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.truncate)(this.path, Buffer.byteLength(text) - Buffer.byteLength(lines[i]));
            }
        }
        return events;
    }
    async drain() {
        while (this.pending.length > 0) {
            const lines = this.pending.splice(0);
            const waiters = this.waiters.splice(0);
            try {
                await this.append(lines);
                for (const w of waiters)
                    w.resolve();
            }
            catch (error) {
                for (const w of waiters)
                    w.reject(error);
            }
        }
        this.writing = undefined;
    }
    async append(lines) {
        try {
            await this.appendLines(lines);
        }
        catch (error) {
            throw new JournalError(`cannot write the journal ${this.path}: ${reason(error)}; make its folder writable, or pass --journal with another file`, error);
        }
    }
    async appendLines(lines) {
        if (!this.started) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(this.path), { recursive: true });
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.appendFile)(this.path, `${HEADER}\n`, 'utf8');
            this.started = true;
        }
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.appendFile)(this.path, `${lines.join('\n')}\n`, 'utf8');
    }
}
/** The journal cannot be read or written: an operational error, said in one line with what to do. */
class JournalError extends Error {
    constructor(message, cause) {
        super(message, cause === undefined ? undefined : { cause });
        this.name = 'JournalError';
    }
}
function reason(error) {
    const e = error;
    return e?.code ? `${e.code} (${e.message.replace(/^\w+: /, '')})` : String(e?.message ?? error);
}


/***/ }),

/***/ 18991:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ progressLine)
/* harmony export */ });
/* harmony import */ var _time_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12061);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12011);
/* harmony import */ var _release_unit_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(75546);



/**
 * One log line per engine event, for a person watching a rollout: what happens to which stamp, and when (time since
 * the rollout started, on the engine's clock, so a rehearsal shows the hours it would take). `undefined` = no line.
 */
function progressLine(event, elapsedMs) {
    const at = `[+${(0,_time_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)((0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .wholeSeconds */ .$P)(elapsedMs))}]`;
    const line = (text) => `${at} ${text}`;
    switch (event.type) {
        case 'rollout-started':
            return line(`${event.resumed ? 'resuming' : 'starting'} rollout ${event.rolloutId} (${event.mode}): stages ${event.stages.join(' -> ')}`);
        case 'stage-started':
            return line(`stage ${event.stage}: ${event.stamps} stamp${event.stamps === 1 ? '' : 's'}`);
        case 'stamp-deploying':
            return line(`${event.stamp}: deploying${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`);
        case 'stamp-deployed':
            return line(`${event.stamp}: deployed in ${(0,_time_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)((0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .wholeSeconds */ .$P)(event.durationMs))}${event.correlationId ? ` (correlation id ${event.correlationId})` : ''}`);
        case 'stamp-skipped':
            return line(`${event.stamp}: skipped, ${event.detail}`);
        case 'stamp-retrying':
            return line(`${event.stamp}: ${event.error.code}: ${event.error.message}; retrying in ${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .readableDuration */ .P1)(event.delayMs)}`);
        case 'stamp-failed':
            return line(`${event.stamp}: FAILED ${event.error.code}: ${event.error.message}${event.error.correlationId ? ` (correlation id ${event.error.correlationId})` : ''}`);
        case 'probe-phase':
            return line(`${event.stamp}: health ${event.check === 'recheck' ? 're-check' : 'check'}, phase ${event.phase} (${(0,_time_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)((0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .wholeSeconds */ .$P)(event.untilMs))})`);
        case 'probe-answer':
            return event.answer.healthy ? undefined : line(`${event.stamp}: unhealthy answer in phase ${event.phase}: ${event.answer.detail}`);
        case 'probe-verdict':
            return line(`${event.stamp}: ${event.healthy ? 'healthy' : 'UNHEALTHY'} (${event.check === 'recheck' ? 're-check' : 'health check'}, phase ${event.phase}): ${event.detail}`);
        case 'bake-started':
            return line(`stage ${event.stage}: baking ${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .readableDuration */ .P1)(event.remainingMs)}${event.remainingMs < event.bakeMs ? ` (of ${(0,_time_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(event.bakeMs)})` : ''}`);
        case 'bake-ended':
            return line(`stage ${event.stage}: bake done`);
        case 'rollback-started':
            return line(`ROLLBACK (scope ${event.scope}) of ${event.stamps.join(', ') || 'nothing'}: ${event.reason}`);
        case 'stamp-rolled-back':
            return line(`${event.stamp}: rollback ${event.outcome}${event.to ? ` to ${event.to}` : ''}: ${event.detail}`);
        case 'rollback-finished':
            return line(`rollback ${event.ok ? 'finished' : 'did not fully succeed'}`);
        case 'stage-finished':
            return line(`stage ${event.stage}: ${event.status} after ${(0,_time_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)((0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .wholeSeconds */ .$P)(event.durationMs))}`);
        case 'rollout-finished':
            return line(`rollout ${event.status} after ${(0,_time_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)((0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .wholeSeconds */ .$P)(event.durationMs))}: ${event.message}`);
        default:
            return (0,_release_unit_js__WEBPACK_IMPORTED_MODULE_2__/* .releaseUnitProgress */ .J1)(event, line);
    }
}


/***/ }),

/***/ 75546:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $K: () => (/* binding */ releaseUnitText),
/* harmony export */   J1: () => (/* binding */ releaseUnitProgress)
/* harmony export */ });
/* unused harmony export releaseUnitMarkdown */
/* harmony import */ var _time_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12061);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12011);


const verdicts = (list) => (list.length === 0 ? '-' : list.map((v) => `${v.metric} ${v.outcome}: ${v.detail}`).join('; '));
function stepRows(unit) {
    return unit.steps.map((s) => {
        const observed = s.observed ? Object.entries(s.observed).map(([u, c]) => `${u} ${c.requests} req / ${c.errors} 5xx`).join(', ') : '-';
        return [
            `${s.weight}%`,
            unit.previousUnit ? `${unit.previousUnit} ${100 - s.weight} / ${unit.unit} ${s.weight}` : `${unit.unit} ${s.weight}`,
            s.status,
            (0,_time_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(s.bakeMs),
            observed,
            s.observedShare === undefined ? '-' : `${s.observedShare}%`,
            verdicts(s.verdicts),
        ];
    });
}
const HEADER = ['step', 'weights', 'status', 'bake', 'observed traffic', 'new unit share', 'metric verdicts'];
function releaseUnitText(result) {
    const unit = result.releaseUnit;
    if (!unit)
        return [];
    if (unit.strategy === 'inPlace')
        return [`Release unit ${unit.unit}: in place (hotfix into the live unit, no traffic step)`, ''];
    const lines = [`Release unit ${unit.unit}${unit.previousUnit ? ` replacing ${unit.previousUnit}` : ''}`];
    lines.push(...(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(HEADER, stepRows(unit)).map((l) => `  ${l}`));
    if (unit.reverted)
        lines.push(`  REVERTED: ${unit.reverted.reason}`);
    if (unit.teardown) {
        lines.push(`Teardown of ${unit.previousUnit}: ${unit.teardown.status}; checks: ${verdicts(unit.teardown.checks)}; removed: ${unit.teardown.removedGroups.join(', ') || 'nothing'}`);
    }
    return [...lines, ''];
}
function releaseUnitMarkdown(result) {
    const unit = result.releaseUnit;
    if (!unit)
        return [];
    if (unit.strategy === 'inPlace')
        return [`### Release unit ${markdownCell(unit.unit)}: in place`, '', 'A hotfix into the live unit: no new unit, no traffic step.', ''];
    const out = [`### Release unit ${markdownCell(unit.unit)}${unit.previousUnit ? ` replacing ${markdownCell(unit.previousUnit)}` : ''}`, ''];
    out.push(`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => '---').join('|')}|`, ...stepRows(unit).map((r) => `| ${r.map(markdownCell).join(' | ')} |`), '');
    if (unit.reverted)
        out.push(`**Reverted**: ${markdownCell(unit.reverted.reason)}`, '');
    if (unit.teardown) {
        out.push(`**Teardown** of ${markdownCell(unit.previousUnit ?? '')}: ${unit.teardown.status}`, '', `- checks: ${markdownCell(verdicts(unit.teardown.checks))}`, `- removed: ${markdownCell(unit.teardown.removedGroups.join(', ') || 'nothing')}`, '');
    }
    return out;
}
function releaseUnitProgress(event, line) {
    switch (event.type) {
        case 'traffic-step-started':
            return line(`traffic ${event.weight}% to ${event.unit} (${100 - event.weight}% stays on ${event.previousUnit})${event.resumed ? ', resumed' : ''}; judged for ${(0,_time_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(event.bakeMs)}`);
        case 'traffic-verdicts':
            return event.verdicts.some((v) => v.outcome === 'unhealthy') ? line(`${event.unit} at ${event.weight}%: ${verdicts(event.verdicts)}`) : undefined;
        case 'traffic-step-finished':
            return line(`traffic step ${event.weight}% ${event.ok ? 'passed' : 'FAILED'}: ${Object.entries(event.observed).map(([u, c]) => `${u} ${c.requests} req / ${c.errors} 5xx`).join(', ')}`);
        case 'traffic-reverted':
            return line(`all traffic back on ${event.previousUnit}: ${event.reason}`);
        case 'teardown-check':
            return line(`teardown of ${event.unit}: ${verdicts(event.verdicts)}`);
        case 'teardown-finished':
            return line(`unit ${event.unit} torn down: ${event.groups.join(', ')}`);
        default:
            return undefined;
    }
}


/***/ }),

/***/ 75773:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ resultText)
/* harmony export */ });
/* unused harmony export correlationLines */
/* harmony import */ var _time_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12061);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12011);
/* harmony import */ var _release_unit_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(75546);



/** A rollout's outcome as terminal tables (cut to `columns` when given), one per stage, then every failure with ARM's code and correlation id. */
function resultText(result, columns) {
    const lines = [`Rollout ${result.rolloutId} (${result.mode}): ${result.status.toUpperCase()} after ${(0,_time_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)((0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .wholeSeconds */ .$P)(result.durationMs))}`, `  ${result.message}`, ''];
    for (const stage of result.stages) {
        lines.push(`Stage ${stage.index + 1} ${stage.name}: ${stage.status}${stage.bake ? `, baked ${(0,_time_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(stage.bake.ms)}` : ''}`);
        const rows = stage.stamps.map((s) => [
            s.id,
            s.status === 'skipped' ? `skipped (${s.decision.reason})` : s.status,
            s.durationMs === undefined ? '-' : (0,_time_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)((0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .wholeSeconds */ .$P)(s.durationMs)),
            verdict(s.probe),
            verdict(s.recheck),
            s.rollback ? `${s.rollback.outcome}${s.rollback.to ? ` to ${s.rollback.to}` : ''}` : '-',
        ]);
        lines.push(...(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .fitTable */ .SM)(['stamp', 'status', 'deploy', 'health', 're-check', 'rollback'], rows, columns && columns - 2).map((l) => `  ${l}`), '');
    }
    lines.push(...(0,_release_unit_js__WEBPACK_IMPORTED_MODULE_2__/* .releaseUnitText */ .$K)(result));
    lines.push(...correlationLines(result));
    const failures = result.stages.flatMap((s) => s.stamps.filter((x) => x.error));
    for (const f of failures)
        lines.push(`FAILED ${f.id}: ${f.error.code}: ${f.error.message}${f.error.correlationId ? ` (correlation id ${f.error.correlationId})` : ''}`);
    return lines.join('\n');
}
function verdict(v) {
    if (!v)
        return '-';
    return v.healthy ? `healthy (${v.probes})` : `UNHEALTHY in ${v.phase}`;
}
/** ARM correlation ids of the deployments, on success too: one line when the rollout sent one id for all. */
function correlationLines(result) {
    const stamps = result.stages.flatMap((s) => s.stamps).filter((s) => s.correlationId);
    const ids = new Set(stamps.map((s) => s.correlationId));
    if (ids.size === 0)
        return [];
    if (ids.size === 1)
        return [`ARM correlation id of every deployment: ${[...ids][0]}`];
    return stamps.map((s) => `${s.id}: ${s.deploymentName ?? 'deployment'} correlation id ${s.correlationId}`);
}


/***/ })

};
