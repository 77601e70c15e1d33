export const id = 415;
export const ids = [415];
export const modules = {

/***/ 19415:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   demoCli: () => (/* binding */ demoCli),
/* harmony export */   rehearseCli: () => (/* binding */ rehearseCli)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _sim_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(99285);
/* harmony import */ var _sim_faults_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(31889);
/* harmony import */ var _cli_deploy_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(61210);
/* harmony import */ var _cli_options_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(60776);
/* harmony import */ var _commands_plan_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(21522);
/* harmony import */ var _commands_rehearse_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(56195);
/* harmony import */ var _engine_file_journal_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(82164);
/* harmony import */ var _engine_journal_lease_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(83066);
/* harmony import */ var _report_redact_stdio_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(47313);
/* harmony import */ var _report_ticker_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(29738);
/* harmony import */ var _report_result_text_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(75773);
/* harmony import */ var _spec_load_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(28060);
/* harmony import */ var _time_clock_js__WEBPACK_IMPORTED_MODULE_15__ = __webpack_require__(33355);
















async function rehearseCli(values) {
    const version = (0,_cli_options_js__WEBPACK_IMPORTED_MODULE_6__/* .versionOf */ .E4)(values);
    const faults = [
        ...(values.faults ? (0,_sim_faults_js__WEBPACK_IMPORTED_MODULE_4__/* .parseFaultRules */ .nO)(JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(values.faults, 'utf8'))) : []),
        ...(values.failHealth ?? []).map((f) => ({ kind: 'healthFails', ...regionAt(f, '--fail-health'), afterMs: 180_000 })),
        ...(values.failDeploy ?? []).map((f) => ({ kind: 'deploymentFails', ...regionAt(f, '--fail-deploy'), code: 'DeploymentFailed', message: 'Injected by staged-rollout rehearse --fail-deploy.' })),
    ];
    const journalFile = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(values.journal), 'rehearsal-journal.jsonl');
    // Two rehearsals beside one deploy journal would clear and append to one rehearsal journal: the second refuses.
    const lease = await _engine_journal_lease_js__WEBPACK_IMPORTED_MODULE_10__/* .JournalLease */ .M.acquire(journalFile, { run: `rehearse --spec ${values.spec} --version ${version}`, breakable: false });
    try {
        return await rehearseHoldingLease(values, version, faults, journalFile);
    }
    finally {
        await lease.release();
    }
}
async function rehearseHoldingLease(values, version, faults, journalFile) {
    const clock = new _time_clock_js__WEBPACK_IMPORTED_MODULE_15__/* .VirtualClock */ .k_(Date.UTC(2026, 0, 1)).start();
    const sim = await (0,_sim_index_js__WEBPACK_IMPORTED_MODULE_3__/* .startArmSim */ .Od)({ clock, deploymentLatencyMs: 60_000 });
    try {
        const started = Date.now();
        process.stdout.write(`Rehearsal on the local simulated ARM endpoint, virtual clock${faults.length ? `, faults: ${faults.map(describeFault).join('; ')}` : ''}\n`);
        const journal = rehearsalJournal(journalFile, values.resume === true);
        const rollOut = (v, options = {}) => (0,_commands_rehearse_js__WEBPACK_IMPORTED_MODULE_8__/* .rehearse */ .K)({
            specFile: values.spec,
            mode: options.quiet ? _spec_load_js__WEBPACK_IMPORTED_MODULE_14__/* .STANDARD_MODE */ .K : values.mode,
            version: v,
            repoRoot: process.cwd(),
            env: process.env,
            stage: options.quiet ? 'all' : values.stage,
            faults: options.faults ?? [],
            journal: options.journal ?? journal,
            bicepPath: values.bicepPath,
            only: options.quiet ? undefined : values.only,
            onSecrets: (secrets) => secrets.forEach((secret) => _report_redact_stdio_js__WEBPACK_IMPORTED_MODULE_11__/* .redactor */ .$.add(secret)),
            reporter: options.quiet ? { event() { } } : (0,_cli_deploy_js__WEBPACK_IMPORTED_MODULE_5__.printer)(clock, _report_ticker_js__WEBPACK_IMPORTED_MODULE_12__/* .LOG_CADENCE_MS */ ._f),
            sim: { sim, clock },
            signal,
        });
        const signal = (0,_cli_deploy_js__WEBPACK_IMPORTED_MODULE_5__.cancelOnSignals)();
        for (const baseline of values.baseline ?? []) {
            // Each baseline is a rollout of its own, with a journal of its own that nothing resumes from.
            const scratch = new _engine_file_journal_js__WEBPACK_IMPORTED_MODULE_9__/* .FileJournal */ .G(node_path__WEBPACK_IMPORTED_MODULE_2___default().join((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'staged-rollout-baseline-')), 'journal.jsonl'));
            const { result: base } = await rollOut(baseline, { quiet: true, journal: scratch });
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(scratch.path), { recursive: true, force: true });
            process.stdout.write(`Baseline ${baseline}: ${base.status} (rolled out first, without its log)\n`);
            if (base.status !== 'succeeded')
                throw new _commands_plan_js__WEBPACK_IMPORTED_MODULE_7__/* .InputError */ .dz(`the baseline ${baseline} did not roll out (${base.status}): ${base.message}; rehearse it on its own to see why`);
        }
        const { result } = await rollOut(version, { faults });
        process.stdout.write(`(rehearsed ${formatHours(result.durationMs)} of rollout in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
        return (0,_cli_deploy_js__WEBPACK_IMPORTED_MODULE_5__.finish)(result);
    }
    finally {
        await sim.stop();
        clock.stop();
    }
}
/** `npm run demo`: examples/basic at 1.0.0, then 2.0.0 with a pilot region turning unhealthy in its healthy window. */
async function demoCli() {
    const clock = new _time_clock_js__WEBPACK_IMPORTED_MODULE_15__/* .VirtualClock */ .k_(Date.UTC(2026, 0, 1)).start();
    const sim = await (0,_sim_index_js__WEBPACK_IMPORTED_MODULE_3__/* .startArmSim */ .Od)({ clock, deploymentLatencyMs: 60_000 });
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'staged-rollout-demo-'));
    const journal = new _engine_file_journal_js__WEBPACK_IMPORTED_MODULE_9__/* .FileJournal */ .G(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, 'journal.jsonl'));
    const run = (version, faults) => (0,_commands_rehearse_js__WEBPACK_IMPORTED_MODULE_8__/* .rehearse */ .K)({ specFile: 'examples/basic/rollout.yaml', mode: _spec_load_js__WEBPACK_IMPORTED_MODULE_14__/* .STANDARD_MODE */ .K, version, repoRoot: process.cwd(), env: process.env, faults, journal, reporter: (0,_cli_deploy_js__WEBPACK_IMPORTED_MODULE_5__.printer)(clock), sim: { sim, clock } });
    try {
        const started = Date.now();
        process.stdout.write('staged-rollout demo: examples/basic (5 regions, 3 stages) on the local simulated ARM endpoint, on a virtual clock.\n\n== Rollout 1.0.0\n');
        const first = await run('1.0.0', []);
        process.stdout.write(`\n${(0,_report_result_text_js__WEBPACK_IMPORTED_MODULE_13__/* .resultText */ .D)(first.result)}\n\n== Rollout 2.0.0: westus (pilot) will turn unhealthy 3 minutes after 2.0.0 reaches it\n`);
        const second = await run('2.0.0', [{ kind: 'healthFails', region: 'westus', version: '2.0.0', afterMs: 180_000 }]);
        process.stdout.write(`\n${(0,_report_result_text_js__WEBPACK_IMPORTED_MODULE_13__/* .resultText */ .D)(second.result)}\n\n`);
        const versions = sim.apps().map((a) => `${a.region} ${a.version}`).sort().join(', ');
        process.stdout.write(`Versions now running: ${versions}.\nThe pilot stage rolled back to 1.0.0 and the broad stage was never touched.\n`);
        process.stdout.write(`(${formatHours(first.result.durationMs + second.result.durationMs)} of rollouts in ${((Date.now() - started) / 1000).toFixed(1)} s of real time)\n`);
        return first.result.status === 'succeeded' && second.result.status === 'rolled-back' ? 0 : 1;
    }
    finally {
        await sim.stop();
        clock.stop();
    }
}
/**
 * The rehearsal's journal, beside the deploy journal but never the same file. Each rehearsal runs on a fresh local
 * endpoint, so it starts clean; --resume keeps the journal (a rehearsal stopped mid-way picks up its bakes).
 */
function rehearsalJournal(file, resume) {
    if (!resume)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(file, { force: true });
    return new _engine_file_journal_js__WEBPACK_IMPORTED_MODULE_9__/* .FileJournal */ .G(file, { redact: (line) => _report_redact_stdio_js__WEBPACK_IMPORTED_MODULE_11__/* .redactor */ .$.redact(line) });
}
function regionAt(text, flag) {
    const [region, version] = text.split('@');
    if (!region)
        throw new _commands_plan_js__WEBPACK_IMPORTED_MODULE_7__/* .InputError */ .dz(`${flag} takes REGION or REGION@VERSION, e.g. ${flag} westus@2.0.0`);
    return version ? { region, version } : { region };
}
function describeFault(f) {
    const where = [f.region, f.version && `@${f.version}`].filter(Boolean).join('');
    return `${f.kind}${where ? ` ${where}` : ''}`;
}
function formatHours(ms) {
    return `${(ms / 3_600_000).toFixed(1)} h`;
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


/***/ })

};
