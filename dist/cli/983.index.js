export const id = 983;
export const ids = [983];
export const modules = {

/***/ 36983:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  planWhatIfCli: () => (/* binding */ planWhatIfCli)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
// EXTERNAL MODULE: ./src/azure/credentials.ts
var credentials = __webpack_require__(84329);
// EXTERNAL MODULE: ./src/azure/deployer.ts + 6 modules
var deployer = __webpack_require__(4771);
// EXTERNAL MODULE: ./src/azure/tls.ts
var tls = __webpack_require__(97158);
// EXTERNAL MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/index.js + 17 modules
var esm = __webpack_require__(57162);
// EXTERNAL MODULE: ./src/azure/arm-errors.ts
var arm_errors = __webpack_require__(22893);
// EXTERNAL MODULE: ./src/azure/stack-deployment.ts
var stack_deployment = __webpack_require__(28043);
// EXTERNAL MODULE: ./src/azure/deployment-scope.ts
var deployment_scope = __webpack_require__(73949);
// EXTERNAL MODULE: ./src/azure/pipeline.ts
var pipeline = __webpack_require__(89657);
;// CONCATENATED MODULE: ./src/azure/what-if.ts






const REDACTED = '[redacted]';
/**
 * ARM what-if for one stamp, on the real SDK: what its deployment would create, modify, delete or leave. Parameters
 * from outputs of stamps not deployed yet are shown as a marker (ARM then predicts with that text). Secure values
 * (the spec's secure parameters) are replaced in everything returned.
 */
class ArmWhatIf {
    options;
    resolved;
    clients = new Map();
    constructor(options) {
        this.options = options;
        this.resolved = new Map(options.spec.stamps.map((s) => [s.id, s]));
    }
    async whatIf(stamp, stage, signal) {
        const resolved = this.resolved.get(stamp.id);
        if (!resolved)
            throw new Error(`stamp ${stamp.id} is not in the loaded spec`);
        const base = { stamp: stamp.id, stage, deploymentName: stamp.deploymentName };
        const body = {
            location: (0,deployment_scope/* deploymentLocation */.py)(stamp),
            properties: { mode: 'Incremental', template: resolved.template.content, parameters: (0,deployer/* armParameters */.hU)(resolved, await this.inputs(stamp), stamp.outputsFrom) },
        };
        const client = this.client(stamp.subscription);
        try {
            const poller = (0,deployment_scope/* scopedDeployments */.NP)(client, stamp).whatIf(stamp.deploymentName, body, { abortSignal: signal, updateIntervalInMs: 1_000 });
            const result = await this.options.clock.track(poller.pollUntilDone());
            if (result.error)
                return { ...base, changes: [], error: { code: result.error.code ?? 'WhatIfFailed', message: this.redact(result.error.message ?? 'what-if failed') } };
            return { ...base, changes: (result.changes ?? []).map((c) => this.change(c)), ...(resolved.stack ? { note: (0,stack_deployment/* stackWhatIfNote */.yf)((0,stack_deployment/* stackName */.Qx)(this.options.spec.name, stamp), resolved.stack) } : {}) };
        }
        catch (error) {
            const failure = (0,arm_errors/* fromSdkError */.Rf)(error, `what-if of ${stamp.deploymentName}`);
            // A resource group that does not exist yet: everything in the template would be created.
            if (failure.code === 'ResourceGroupNotFound' && stamp.scope === 'resourceGroup') {
                return { ...base, changes: [{ resourceId: `/subscriptions/${stamp.subscription}/resourceGroups/${stamp.resourceGroup}`, changeType: 'Create' }], note: `resource group ${stamp.resourceGroup} does not exist yet: it is created, and everything in the template with it` };
            }
            return { ...base, changes: [], error: { code: failure.code, message: this.redact(failure.message), correlationId: failure.correlationId } };
        }
    }
    change(c) {
        // A property that holds a secret now held the old secret before (a rotation): its old value is hidden whole.
        const delta = c.delta?.length
            ? flattenDelta(c.delta, '').map((d) => {
                const after = this.redact(d.after);
                const secret = JSON.stringify(after) !== JSON.stringify(d.after);
                return { ...d, ...(d.before !== undefined ? { before: secret ? REDACTED : this.redact(d.before) } : {}), ...(d.after !== undefined ? { after } : {}) };
            })
            : undefined;
        return { resourceId: c.resourceId ?? '', changeType: c.changeType, ...(delta ? { delta } : {}) };
    }
    /** Outputs feeding this stamp; a stamp not deployed yet gives "(known after STAMP deploys)" for each output. */
    async inputs(stamp) {
        if (!stamp.outputsFrom?.length)
            return undefined;
        const inputs = {};
        for (const id of stamp.outputsFrom) {
            const source = this.options.stamps.get(id);
            const known = source ? await this.options.outputsOf(source) : undefined;
            const declared = Object.keys((this.resolved.get(id)?.template.content.outputs ?? {}));
            inputs[id] = known ?? Object.fromEntries(declared.map((name) => [name, { type: 'String', value: `(known after ${id} deploys)` }]));
        }
        return inputs;
    }
    redact(value) {
        const secrets = this.options.spec.secrets;
        if (secrets.length === 0)
            return value;
        const text = (s) => secrets.reduce((acc, secret) => (secret ? acc.split(secret).join(REDACTED) : acc), s);
        const walk = (v) => {
            if (typeof v === 'string')
                return text(v);
            if (Array.isArray(v))
                return v.map(walk);
            if (v !== null && typeof v === 'object')
                return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
            return v;
        };
        return walk(value);
    }
    client(subscription) {
        let client = this.clients.get(subscription);
        if (!client) {
            const bare = new esm.DeploymentsClient(this.options.credential, subscription, { ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}), retryOptions: { maxRetries: 2 } });
            client = (0,pipeline/* withArmPolicies */.T6)(bare, this.options.credential, (0,pipeline/* specCorrelationId */.xV)(this.options.spec)).deployments;
            this.clients.set(subscription, client);
        }
        return client;
    }
}
/**
 * ARM nests property changes (`children`): an object's with paths relative to it, an `Array` change's by element
 * index ("0", "1"). Flattened here to one line per leaf path, indices in brackets: `appSettings[0].value`.
 */
function flattenDelta(changes, prefix, elements = false) {
    const out = [];
    for (const c of changes) {
        const path = elements ? `${prefix}[${c.path}]` : prefix ? `${prefix}.${c.path}` : c.path;
        if (c.children?.length)
            out.push(...flattenDelta(c.children, path, c.propertyChangeType === 'Array'));
        else
            out.push({ path, change: c.propertyChangeType, ...(c.before !== undefined ? { before: c.before } : {}), ...(c.after !== undefined ? { after: c.after } : {}) });
    }
    return out;
}

// EXTERNAL MODULE: ./src/commands/deploy.ts + 7 modules
var deploy = __webpack_require__(16714);
// EXTERNAL MODULE: ./src/commands/plan.ts + 1 modules
var commands_plan = __webpack_require__(21522);
;// CONCATENATED MODULE: ./src/commands/what-if.ts
/**
 * What-if of every stamp that would deploy in the given stages, a few at a time, in plan order. A stamp's what-if
 * failure is kept in its result (ARM's code and message); it never stops the others.
 */
async function whatIfStages(stages, runner, signal) {
    const work = stages.flatMap((stage) => stage.stamps.filter((s) => s.decision.action === 'deploy').map((stamp) => ({ stamp, stage: stage.name })));
    const results = new Array(work.length);
    let next = 0;
    const worker = async () => {
        while (next < work.length) {
            const i = next++;
            const { stamp, stage } = work[i];
            try {
                results[i] = await runner.whatIf(stamp, stage, signal);
            }
            catch (error) {
                results[i] = { stamp: stamp.id, stage, deploymentName: stamp.deploymentName, changes: [], error: { code: error.code ?? 'WhatIfFailed', message: error.message } };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(4, work.length) }, worker));
    return results;
}

// EXTERNAL MODULE: ./src/engine/rollout.ts + 5 modules
var rollout = __webpack_require__(25854);
;// CONCATENATED MODULE: ./src/plan/what-if.ts
const WHAT_IF_TYPES = ['Create', 'Modify', 'Delete', 'Deploy', 'NoChange', 'Ignore', 'Unsupported'];
/** `what-if-exclude: [noChange, ignore]`, as in Azure/bicep-deploy: change types left out of what is shown. */
function parseWhatIfExclude(text) {
    if (!text)
        return [];
    const names = text.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
    return names.map((n) => {
        const found = WHAT_IF_TYPES.find((t) => t.toLowerCase() === n.toLowerCase());
        if (!found)
            throw new Error(`what-if-exclude: "${n}" is not a what-if change type; use ${WHAT_IF_TYPES.map((t) => t[0].toLowerCase() + t.slice(1)).join(', ')}`);
        return found;
    });
}
function excludeChanges(results, exclude) {
    return results.map((r) => ({ ...r, changes: r.changes.filter((c) => !exclude.includes(c.changeType)) }));
}

// EXTERNAL MODULE: ./src/report/plan-text.ts
var plan_text = __webpack_require__(38495);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
;// CONCATENATED MODULE: ./src/report/what-if.ts


/** ARM what-if per stamp, grouped by change type, with Modify's property diffs before -> after: terminal and summary. */
const SYMBOL = { Create: '+', Modify: '~', Delete: '-', Deploy: '!', NoChange: '=', Ignore: '*', Unsupported: 'x' };
const shown = (v) => (v === undefined ? '(none)' : JSON.stringify(v));
const shortId = (id) => id.replace(/^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?\/providers\//i, '');
function groups(r) {
    return WHAT_IF_TYPES.map((t) => [t, r.changes.filter((c) => c.changeType === t)]).filter(([, list]) => list.length > 0);
}
function counts(r) {
    return groups(r).map(([t, list]) => `${list.length} ${t}`).join(', ') || 'no changes shown';
}
function whatIfText(results) {
    if (results.length === 0)
        return 'What-if: no stamp to deploy.';
    const lines = ['What-if (ARM predicts, per stamp that would deploy):'];
    for (const r of results) {
        lines.push(`  ${r.stamp} (stage ${r.stage}, ${r.deploymentName}): ${r.error ? `what-if failed: ${r.error.code}: ${r.error.message}${r.error.correlationId ? ` (correlation id ${r.error.correlationId})` : ''}` : counts(r)}`);
        if (r.note)
            lines.push(`    ${r.note}`);
        for (const [type, list] of groups(r)) {
            lines.push(`    ${type}:`);
            for (const c of list) {
                lines.push(`      ${SYMBOL[type]} ${shortId(c.resourceId)}`);
                for (const d of c.delta ?? [])
                    lines.push(`          ${d.path}: ${shown(d.before)} => ${shown(d.after)}`);
            }
        }
    }
    return lines.join('\n');
}
function whatIfMarkdown(results) {
    const out = ['### What-if', ''];
    if (results.length === 0)
        return [...out, 'No stamp to deploy.', ''].join('\n');
    for (const r of results) {
        out.push(`#### ${(0,format/* markdownCell */.UZ)(r.stamp)} (stage ${(0,format/* markdownCell */.UZ)(r.stage)}): ${r.error ? 'what-if failed' : (0,format/* markdownCell */.UZ)(counts(r))}`, '');
        if (r.error) {
            out.push(`> **${(0,format/* markdownCell */.UZ)(r.error.code)}**: ${(0,format/* markdownCell */.UZ)(r.error.message)}${r.error.correlationId ? ` (correlation id \`${r.error.correlationId}\`)` : ''}`, '');
            continue;
        }
        if (r.note)
            out.push((0,format/* markdownCell */.UZ)(r.note), '');
        for (const [type, list] of groups(r)) {
            out.push(`**${type}** (${list.length})`, '');
            for (const c of list) {
                out.push(`- \`${shortId(c.resourceId)}\``);
                for (const d of c.delta ?? [])
                    out.push(`  - \`${d.path}\`: \`${(0,format/* markdownCell */.UZ)(shown(d.before))}\` → \`${(0,format/* markdownCell */.UZ)(shown(d.after))}\``);
            }
            out.push('');
        }
    }
    return out.join('\n');
}

// EXTERNAL MODULE: ./src/spec/load.ts + 22 modules
var load = __webpack_require__(28060);
// EXTERNAL MODULE: ./src/time/clock.ts
var time_clock = __webpack_require__(33355);
;// CONCATENATED MODULE: ./src/cli-what-if.ts















/**
 * `plan --what-if`: the plan against Azure's current state (or --arm-endpoint's), then ARM what-if of every stamp that
 * would deploy, grouped by change type with property diffs. `--json` prints the plan with its `whatIf`.
 */
async function planWhatIfCli(args, version) {
    const { values } = (0,external_node_util_.parseArgs)({
        args,
        options: {
            spec: { type: 'string', default: 'rollout.yaml' },
            mode: { type: 'string', default: load/* STANDARD_MODE */.K },
            version: { type: 'string' },
            json: { type: 'boolean', default: false },
            'bicep-path': { type: 'string' },
            'what-if': { type: 'boolean', default: true },
            'what-if-exclude': { type: 'string' },
            stage: { type: 'string', default: 'all' },
            'arm-endpoint': { type: 'string' },
            'arm-ca': { type: 'string' },
            markdown: { type: 'boolean', default: false },
        },
        strict: true,
    });
    let exclude;
    try {
        exclude = parseWhatIfExclude(values['what-if-exclude']);
    }
    catch (error) {
        throw new commands_plan/* InputError */.dz(error.message);
    }
    if (values['arm-ca'])
        (0,tls/* trustCertificate */.m)((0,external_node_fs_.readFileSync)(values['arm-ca'], 'utf8'));
    const clock = new time_clock/* SystemClock */.Aw();
    const endpoint = values['arm-endpoint'];
    const credential = (0,credentials/* createCredential */.G)({ endpoint });
    const signal = new AbortController().signal;
    let results = [];
    const { plan } = await (0,deploy/* deployCommand */.J)({
        specFile: values.spec,
        mode: values.mode,
        version: values.version ?? version(),
        env: process.env,
        repoRoot: process.cwd(),
        bicepPath: values['bicep-path'],
        stage: values.stage,
        dryRun: true,
        clock,
        journal: { load: async () => [], record: async () => undefined },
        reporter: { event: () => undefined },
        signal,
        deployer: (spec) => new deployer/* ArmDeployer */.p6({ credential, endpoint, clock, spec, pollMs: endpoint && (0,credentials/* isLoopback */.U)(endpoint) ? { first: 250, max: 1_000 } : undefined }),
        prober: { probe: async () => ({ healthy: false, latencyMs: 0, detail: 'not probed in a plan' }) },
        beforeDeploy: async (p, spec, deployer) => {
            const runner = new ArmWhatIf({
                credential,
                endpoint,
                clock,
                spec,
                stamps: new Map(p.stages.flatMap((s) => s.stamps).map((s) => [s.id, s])),
                outputsOf: async (stamp) => (await deployer.lastSuccessful(stamp, {}, signal))?.outputs,
            });
            results = excludeChanges(await whatIfStages((0,rollout/* selectStages */.u)(p, values.stage), runner, signal), exclude);
        },
    });
    if (values.json)
        process.stdout.write(`${JSON.stringify({ ...plan, whatIf: results }, null, 2)}\n`);
    else
        process.stdout.write(`${(0,plan_text/* planText */.P)(plan)}\n\n${values.markdown ? whatIfMarkdown(results) : whatIfText(results)}\n`);
    return results.some((r) => r.error) ? 1 : 0;
}


/***/ })

};
