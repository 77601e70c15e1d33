export const id = 996;
export const ids = [996];
export const modules = {

/***/ 21758:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ armCall)
/* harmony export */ });
/* harmony import */ var _engine_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17679);
/* harmony import */ var _arm_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22893);


/**
 * One ARM request, retried while it fails transiently and `retryForMs` has not run out: waits at least ARM's
 * Retry-After (on every kind of call, validate included), otherwise a jittered backoff from 1 s to 30 s.
 */
async function armCall(ctx, call) {
    const started = ctx.clock.now();
    for (let attempt = 1;; attempt++) {
        await call.budget.take(call.signal, call.priority);
        let failure;
        try {
            return await ctx.clock.track(call.send());
        }
        catch (error) {
            if (call.signal.aborted)
                throw call.signal.reason;
            failure = (0,_arm_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .fromSdkError */ .Rf)(error, call.what);
        }
        if (!failure.transient)
            throw failure;
        if (call.recover) {
            const recovered = await call.recover(failure);
            if (recovered !== undefined)
                return recovered;
        }
        const waited = ctx.clock.now() - started;
        const backoff = Math.min(30_000, 1_000 * 2 ** Math.min(attempt - 1, 5)) * (0.5 + Math.random() / 2);
        const delay = Math.round(Math.max(failure.retryAfterMs ?? 0, backoff));
        if (waited + delay > ctx.retryForMs) {
            throw new _engine_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeploymentFailure */ .S({
                code: failure.code,
                message: `${failure.message} (still failing after ${attempt} attempts in ${Math.round(waited / 1000)} s)`,
                target: failure.target,
                correlationId: failure.correlationId,
                details: failure.details,
                transient: true,
                retryAfterMs: failure.retryAfterMs,
                cause: failure,
            });
        }
        ctx.log(`retrying ${call.what} in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1}): ${failure.code}: ${failure.message}${failure.correlationId ? ` (correlation id ${failure.correlationId})` : ''}`);
        await ctx.clock.sleep(delay, call.signal);
    }
}


/***/ }),

/***/ 22893:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B5: () => (/* binding */ isThrottled),
/* harmony export */   Rf: () => (/* binding */ fromSdkError),
/* harmony export */   Vs: () => (/* binding */ retryAfterMs),
/* harmony export */   Xy: () => (/* binding */ fromFailedDeployment)
/* harmony export */ });
/* harmony import */ var _engine_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17679);

const TRANSIENT_CODES = new Set(['DeploymentActive', 'SubscriptionRequestsThrottled', 'TooManyRequests', 'ServiceUnavailable', 'InternalServerError', 'GatewayTimeout', 'Conflict']);
const TRANSIENT_NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'REQUEST_SEND_ERROR']);
/**
 * Any failure of an SDK call as a DeploymentFailure that says what ARM said: its code, message, target and the
 * correlation id a support ticket needs, and whether a retry can help.
 */
function fromSdkError(error, what) {
    if (error instanceof _engine_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeploymentFailure */ .S)
        return error;
    const e = error;
    if (e?.name === 'AbortError')
        throw error;
    const header = (name) => e.response?.headers?.get?.(name) ?? undefined;
    const body = armBody(e.response?.parsedBody) ?? armBody(safeJson(e.response?.bodyAsText)) ?? armBody(e.details);
    const status = e.statusCode;
    const code = body?.code ?? e.code ?? (status ? `HTTP${status}` : 'RequestFailed');
    const transient = status === 429 || (status !== undefined && status >= 500) || TRANSIENT_CODES.has(code) || TRANSIENT_NETWORK.has(e.code ?? '') || (status === undefined && /socket hang up|ECONNRESET|ECONNREFUSED/i.test(e.message ?? ''));
    return new _engine_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeploymentFailure */ .S({
        code,
        message: `${what}: ${describe(body) ?? e.message ?? String(error)}`,
        target: body?.target,
        correlationId: header('x-ms-correlation-request-id'),
        details: body?.details ?? [],
        transient,
        retryAfterMs: retryAfterMs(header('retry-after')),
        cause: error,
    });
}
/**
 * ARM (or a resource provider) refused the request for its rate: nothing was done, so a retry needs no read to learn
 * what happened. By the 429 itself, since providers throttle under codes of their own.
 */
function isThrottled(failure) {
    return failure.cause?.statusCode === 429 || failure.code === 'SubscriptionRequestsThrottled' || failure.code === 'TooManyRequests';
}
/** A deployment that ended Failed. ARM's top-level `DeploymentFailed` only says "see details": lead with the cause. */
function fromFailedDeployment(name, error, correlationId) {
    const cause = (error?.code === 'DeploymentFailed' || error?.code === 'InvalidTemplateDeployment') && error.details?.length ? innermost(error.details[0]) : error;
    return new _engine_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeploymentFailure */ .S({
        code: cause?.code ?? 'DeploymentFailed',
        message: `deployment ${name} failed: ${describe(cause) ?? 'ARM gave no error'}`,
        target: cause?.target,
        correlationId,
        details: error?.details ?? [],
        transient: TRANSIENT_CODES.has(cause?.code ?? ''),
    });
}
function innermost(error) {
    return error.details?.length === 1 && error.details[0].code ? innermost(error.details[0]) : error;
}
function describe(body) {
    if (!body?.message && !body?.code)
        return undefined;
    const details = (body.details ?? []).filter((d) => d.message).map((d) => (d.code ? `${d.code}: ${d.message}` : d.message));
    return `${body.message ?? body.code}${details.length ? ` (${details.join('; ')})` : ''}`;
}
function armBody(value) {
    if (!value || typeof value !== 'object')
        return undefined;
    const record = value;
    if (record.error && typeof record.error === 'object')
        return record.error;
    return typeof record.code === 'string' ? record : undefined;
}
function safeJson(text) {
    if (!text)
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/** Retry-After in seconds or as an HTTP date. */
function retryAfterMs(value, now = Date.now()) {
    if (!value)
        return undefined;
    const seconds = Number(value);
    if (Number.isFinite(seconds))
        return seconds > 0 ? seconds * 1000 : undefined;
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}


/***/ }),

/***/ 84329:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ createCredential),
/* harmony export */   LocalEndpointCredential: () => (/* binding */ LocalEndpointCredential),
/* harmony export */   U: () => (/* binding */ isLoopback)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _azure_identity__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73016);


/**
 * Picks how to sign in. client-id + tenant-id: workload identity federation with a fresh GitHub OIDC assertion per
 * token (no az CLI; tokens never outlive a multi-hour rollout). Otherwise the environment, managed identity, then the az
 * CLI (after azure/login).
 */
function createCredential(options) {
    if (options.endpoint && isLoopback(options.endpoint) && !options.clientId)
        return new LocalEndpointCredential();
    if (options.clientId && options.tenantId) {
        if (!options.federatedToken)
            throw new Error('client-id and tenant-id need a federated token source (permissions: id-token: write)');
        return new _azure_identity__WEBPACK_IMPORTED_MODULE_1__/* .ClientAssertionCredential */ .XI(options.tenantId, options.clientId, options.federatedToken, {
            authorityHost: options.authorityHost,
            // A custom authority (a sovereign cloud's) is used as given, without asking the public cloud about it.
            disableInstanceDiscovery: options.authorityHost !== undefined,
        });
    }
    return new _azure_identity__WEBPACK_IMPORTED_MODULE_1__/* .ChainedTokenCredential */ .Rk(new _azure_identity__WEBPACK_IMPORTED_MODULE_1__/* .EnvironmentCredential */ .lp(), new _azure_identity__WEBPACK_IMPORTED_MODULE_1__/* .ManagedIdentityCredential */ .NC(), new _azure_identity__WEBPACK_IMPORTED_MODULE_1__/* .AzureCliCredential */ .nG());
}
function isLoopback(endpoint) {
    try {
        // URL gives an IPv6 host in brackets: `[::1]`.
        const host = new URL(endpoint).hostname;
        return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
    }
    catch {
        return false;
    }
}
/**
 * The local simulated endpoint takes any bearer token. It is still treated as a secret (masked, never logged), and
 * STAGED_ROLLOUT_LOCAL_TOKEN lets a test choose it and then look for it in every log.
 */
class LocalEndpointCredential {
    token = process.env.STAGED_ROLLOUT_LOCAL_TOKEN || `local-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
    async getToken() {
        return { token: this.token, expiresOnTimestamp: Date.now() + 3_600_000 };
    }
}


/***/ }),

/***/ 4771:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  p6: () => (/* binding */ ArmDeployer),
  hU: () => (/* binding */ armParameters)
});

// UNUSED EXPORTS: DEFAULT_DEPLOYMENT_TIMEOUT_MS

// EXTERNAL MODULE: ./node_modules/@azure/arm-resources/dist/esm/index.js + 24 modules
var esm = __webpack_require__(56033);
// EXTERNAL MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/index.js + 17 modules
var dist_esm = __webpack_require__(57162);
// EXTERNAL MODULE: ./src/engine/errors.ts
var errors = __webpack_require__(17679);
;// CONCATENATED MODULE: ./src/plan/output-values.ts
const REF = /\{outputs\.([A-Za-z][\w-]*)(\[\*\])?\.([A-Za-z_][\w-]*)\}/g;
class MissingOutput extends Error {
    constructor(message) {
        super(message);
        this.name = 'MissingOutput';
    }
}
const componentOf = (id) => id.split('@')[0];
function lookup(from, inputs, component, all, output, placeholder) {
    const ids = from.filter((id) => componentOf(id) === component);
    const values = ids.map((id) => {
        const outputs = inputs[id] ?? {};
        const key = Object.keys(outputs).find((k) => k.toLowerCase() === output.toLowerCase());
        if (key === undefined)
            throw new MissingOutput(`${placeholder}: stamp ${id} has no output "${output}" (its outputs: ${Object.keys(outputs).join(', ') || 'none'}); deploy it first`);
        return outputs[key].value;
    });
    if (ids.length === 0)
        throw new MissingOutput(`${placeholder}: no stamp of ${component} feeds this one`);
    return all ? values : values[0];
}
function fillOutputs(value, from, inputs) {
    if (typeof value === 'string') {
        const whole = /^\{outputs\.([A-Za-z][\w-]*)(\[\*\])?\.([A-Za-z_][\w-]*)\}$/.exec(value);
        if (whole)
            return lookup(from, inputs, whole[1], whole[2] !== undefined, whole[3], value);
        return value.replace(REF, (m, component, all, output) => {
            const v = lookup(from, inputs, component, all !== undefined, output, m);
            return typeof v === 'string' ? v : JSON.stringify(v);
        });
    }
    if (Array.isArray(value))
        return value.map((v) => fillOutputs(v, from, inputs));
    if (value !== null && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillOutputs(v, from, inputs)]));
    return value;
}

// EXTERNAL MODULE: ./src/plan/names.ts
var names = __webpack_require__(42471);
// EXTERNAL MODULE: ./src/plan/types.ts
var types = __webpack_require__(9898);
// EXTERNAL MODULE: ./src/azure/arm-call.ts
var arm_call = __webpack_require__(21758);
// EXTERNAL MODULE: ./node_modules/@azure/core-rest-pipeline/dist/esm/index.js + 37 modules
var core_rest_pipeline_dist_esm = __webpack_require__(1818);
// EXTERNAL MODULE: ./src/azure/arm-errors.ts
var arm_errors = __webpack_require__(22893);
// EXTERNAL MODULE: ./src/azure/deployment-scope.ts
var deployment_scope = __webpack_require__(73949);
;// CONCATENATED MODULE: ./src/azure/arm-deployment.ts






/** A deployment in any of these states is still in flight. */
const ACTIVE_STATES = new Set(['Accepted', 'Running', 'Creating', 'Updating', 'Deploying', 'Validating', 'Waiting']);
const ACTIVE = ACTIVE_STATES;
const TERMINAL = new Set(['Succeeded', 'Failed', 'Canceled']);
let httpClient;
async function runDeployment(deps, target, signal) {
    const { clock } = deps;
    const started = clock.now();
    const key = `${(0,deployment_scope/* scopeKey */.OD)(target.stamp)}/${target.name}`.toLowerCase();
    let status;
    try {
        const existing = target.readFirst ? await read(deps, target, signal) : undefined;
        const adopted = existing ? await adopt(deps, target, existing, signal) : undefined;
        if (adopted?.accept)
            return result(target.name, adopted.accept, clock.now() - started);
        if (!adopted?.follow) {
            deps.inFlight.add(key);
            status = await arm_deployment_submit(deps, target, signal);
        }
        const done = await follow(deps, target, status, started, signal);
        deps.inFlight.delete(key);
        return result(target.name, done, clock.now() - started);
    }
    catch (error) {
        if (!deps.inFlight.has(key))
            throw error;
        if (signal.aborted) {
            // Whatever was in flight (PUT, poll, budget wait): ARM is asked to stop too.
            await cancel(deps, target, `the run was stopped (${String(signal.reason?.message ?? signal.reason)})`);
            deps.inFlight.delete(key);
            throw error;
        }
        if (error instanceof errors/* DeploymentFailure */.S && error.code === 'DeploymentTimedOut')
            deps.inFlight.delete(key);
        throw error;
    }
}
function isOurs(target, d) {
    const want = target.body.tags ?? {};
    const have = d.tags ?? {};
    // Without our tags nothing says whose it is or what it holds: never adopt on missing tags matching missing tags.
    if (!want[types/* DEPLOYMENT_TAGS */.S.rolloutId] || !want[types/* DEPLOYMENT_TAGS */.S.contentHash])
        return false;
    if (d.properties?.provisioningState === 'Succeeded' && target.latestOursAt !== undefined && deploymentTime(d) < target.latestOursAt)
        return false;
    return have[types/* DEPLOYMENT_TAGS */.S.rolloutId] === want[types/* DEPLOYMENT_TAGS */.S.rolloutId] && have[types/* DEPLOYMENT_TAGS */.S.contentHash] === want[types/* DEPLOYMENT_TAGS */.S.contentHash] && (want['rollout-restored-from'] === undefined || have['rollout-restored-from'] === want['rollout-restored-from']);
}
/** What to do with a deployment of the name that already exists: accept it, follow it, or (undefined) PUT. */
async function adopt(deps, target, existing, signal) {
    const state = existing.properties?.provisioningState ?? '';
    const who = existing.tags?.[types/* DEPLOYMENT_TAGS */.S.rolloutId] ?? 'no rollout tag';
    if (isOurs(target, existing)) {
        if (state === 'Succeeded' && (await (target.acceptSucceeded?.(existing) ?? Promise.resolve(true)))) {
            deps.log(`${target.name} already succeeded with this content (${who}); accepting it without a new PUT`);
            return { accept: existing };
        }
        if (ACTIVE.has(state)) {
            deps.log(`${target.name} is already ${state} with this content (${who}); following it instead of a new PUT`);
            deps.inFlight.add(`${(0,deployment_scope/* scopeKey */.OD)(target.stamp)}/${target.name}`.toLowerCase());
            return { follow: true };
        }
        return undefined;
    }
    if (ACTIVE.has(state)) {
        // Someone else's deployment of this very name: PUTting over it would fail with DeploymentActive anyway.
        deps.log(`${target.name} is ${state} for ${who} (correlation id ${existing.properties?.correlationId ?? 'unknown'}); waiting for it to finish before deploying`);
        const waited = await waitForOther(deps, target, signal);
        if (waited)
            throw waited;
    }
    return undefined;
}
async function waitForOther(deps, target, signal) {
    const until = deps.clock.now() + target.timeoutMs;
    for (;;) {
        await deps.clock.sleep(deps.pacing.capMs, signal);
        const now = await read(deps, target, signal);
        if (!now || !ACTIVE.has(now.properties?.provisioningState ?? ''))
            return undefined;
        if (deps.clock.now() >= until) {
            return new errors/* DeploymentFailure */.S({
                code: 'DeploymentActive',
                message: `deployment ${target.name} of ${now.tags?.[types/* DEPLOYMENT_TAGS */.S.rolloutId] ?? 'another client'} is still ${now.properties?.provisioningState} after ${Math.round(target.timeoutMs / 60_000)} min; not deploying over it`,
                correlationId: now.properties?.correlationId,
            });
        }
    }
}
/** The PUT. An answer lost after ARM may have acted on it (timeout, reset, 5xx, DeploymentActive) is settled by a read. */
async function arm_deployment_submit(deps, target, signal) {
    const client = (0,deployment_scope/* scopedDeployments */.NP)(deps.client.deployments, target.stamp);
    let link;
    const onResponse = (raw) => {
        if (raw.status >= 300)
            return;
        link = { url: raw.headers?.get('azure-asyncoperation') ?? undefined, retryAfterMs: (0,arm_errors/* retryAfterMs */.Vs)(raw.headers?.get('retry-after') ?? undefined) };
    };
    let adopted = false;
    await (0,arm_call/* armCall */.J)(deps, {
        what: `starting deployment ${target.name}`,
        budget: deps.writes,
        priority: target.priority,
        signal,
        send: async () => {
            const options = { abortSignal: signal, onResponse };
            const poller = client.createOrUpdate(target.name, target.body, options);
            await poller.submitted();
            return true;
        },
        recover: async (failure) => {
            if ((0,arm_errors/* isThrottled */.B5)(failure))
                return undefined;
            const existing = await read(deps, target, signal);
            if (!existing)
                return undefined;
            const state = existing.properties?.provisioningState ?? '';
            if (isOurs(target, existing) && (ACTIVE.has(state) || state === 'Succeeded')) {
                deps.log(failure.code === 'DeploymentActive' ? `${target.name} is already ${state} in ARM with this content (an earlier run's PUT); following it instead of a second PUT` : `the answer to PUT ${target.name} was lost (${failure.code}), but ARM has it (${state}); following it instead of a second PUT`);
                adopted = true;
                return true;
            }
            if (!isOurs(target, existing) && ACTIVE.has(state)) {
                const waited = await waitForOther(deps, target, signal);
                if (waited)
                    throw waited;
            }
            return undefined;
        },
    });
    return adopted ? undefined : link;
}
/** Polls the operation status resource (or the deployment, without one) until terminal, then reads the deployment once. */
async function follow(deps, target, link, started, signal) {
    const { clock, pacing } = deps;
    const deadline = started + target.timeoutMs;
    const clamp = (ms) => Math.min(pacing.capMs, Math.max(pacing.floorMs, ms));
    let delay = target.expectedMs !== undefined ? Math.max(clamp(link?.retryAfterMs ?? pacing.floorMs), Math.round(target.expectedMs + Math.min(2_000, target.expectedMs * 0.02))) : clamp(link?.retryAfterMs ?? pacing.floorMs);
    let grow = link?.retryAfterMs === undefined;
    for (;;) {
        await clock.sleep(Math.max(0, Math.min(delay, deadline - clock.now())), signal);
        if (clock.now() >= deadline) {
            const canceled = await cancel(deps, target, 'it timed out').catch((error) => error);
            throw new errors/* DeploymentFailure */.S({
                code: 'DeploymentTimedOut',
                message: `deployment ${target.name} did not finish within ${formatMinutes(target.timeoutMs)} (deploymentTimeout); ${canceled === true ? 'it was canceled' : canceled.message}`,
                correlationId: canceled === true ? undefined : canceled.correlationId,
            });
        }
        if (link?.url) {
            const answer = await pollStatus(deps, target, link.url, signal);
            if (answer.status === undefined)
                link = undefined;
            else if (TERMINAL.has(answer.status))
                return readFinal(deps, target, signal);
            else {
                grow = answer.retryAfterMs === undefined;
                delay = answer.retryAfterMs !== undefined ? clamp(answer.retryAfterMs) : clamp(delay * 1.5);
                continue;
            }
        }
        const current = await read(deps, target, signal, 'poll');
        if (current && TERMINAL.has(current.properties?.provisioningState ?? ''))
            return current;
        delay = grow ? clamp(delay * 1.5) : clamp(delay);
    }
}
/** One GET of the operation status resource; `status` undefined when ARM does not know it (then the deployment is read). */
async function pollStatus(deps, target, url, signal) {
    return (0,arm_call/* armCall */.J)(deps, {
        what: `reading the status of deployment ${target.name}`,
        budget: deps.reads,
        priority: target.priority === 'rollback' ? 'rollback' : 'poll',
        signal,
        send: async () => {
            const request = (0,core_rest_pipeline_dist_esm/* createPipelineRequest */.G6)({ url, method: 'GET', abortSignal: signal });
            const response = await deps.client.pipeline.sendRequest((httpClient ??= (0,core_rest_pipeline_dist_esm/* createDefaultHttpClient */.fl)()), request);
            if (response.status === 404)
                return {};
            if (response.status >= 400)
                throw { statusCode: response.status, response: { headers: response.headers, bodyAsText: response.bodyAsText }, message: `HTTP ${response.status}` };
            const body = JSON.parse(response.bodyAsText ?? '{}');
            return { status: body.status ?? 'Running', retryAfterMs: (0,arm_errors/* retryAfterMs */.Vs)(response.headers.get('retry-after') ?? undefined) };
        },
    });
}
async function readFinal(deps, target, signal) {
    const done = await read(deps, target, signal, target.priority === 'rollback' ? 'rollback' : 'normal');
    if (!done)
        throw new errors/* DeploymentFailure */.S({ code: 'DeploymentNotFound', message: `deployment ${target.name} ended but can no longer be read`, transient: true });
    return done;
}
/** GET of the deployment; undefined when there is none of that name. */
async function read(deps, target, signal, priority = target.priority) {
    const client = (0,deployment_scope/* scopedDeployments */.NP)(deps.client.deployments, target.stamp);
    const { name } = target;
    return (0,arm_call/* armCall */.J)(deps, {
        what: `reading deployment ${name}`,
        budget: deps.reads,
        priority,
        signal,
        send: async () => {
            try {
                return await client.get(name, { abortSignal: signal });
            }
            catch (error) {
                const e = error;
                if (e.statusCode === 404 && (e.code === 'DeploymentNotFound' || e.code === undefined || /DeploymentNotFound/.test(String(error.message))))
                    return undefined;
                throw error;
            }
        },
    });
}
/**
 * Asks ARM to cancel, with a signal of its own (the run's is aborted) and a few quick retries. True when ARM says it
 * is canceled or no longer running; a failed cancel is thrown as CancelFailed: "may still be running: NAME".
 */
async function cancel(deps, target, why) {
    const client = (0,deployment_scope/* scopedDeployments */.NP)(deps.client.deployments, target.stamp);
    const { name } = target;
    const own = new AbortController();
    const quick = { ...deps, retryForMs: Math.min(deps.retryForMs, 30_000) };
    try {
        await (0,arm_call/* armCall */.J)(quick, {
            what: `canceling deployment ${name}`,
            budget: deps.writes,
            priority: 'rollback',
            signal: own.signal,
            send: async () => {
                try {
                    await client.cancel(name, { abortSignal: own.signal });
                }
                catch (error) {
                    const code = error.code;
                    // Already terminal, or never created: nothing is running.
                    if (code === 'DeploymentCannotBeCancelled' || code === 'DeploymentNotFound')
                        return;
                    throw error;
                }
            },
        });
        deps.log(`canceled deployment ${name}: ${why}`);
        return true;
    }
    catch (error) {
        const failure = (0,arm_errors/* fromSdkError */.Rf)(error, `canceling deployment ${name}`);
        const correlation = failure.correlationId ? ` (correlation id ${failure.correlationId})` : '';
        deps.log(`may still be running: ${name}: the cancel failed: ${failure.code}: ${failure.message}${correlation}`);
        throw new errors/* DeploymentFailure */.S({
            code: 'CancelFailed',
            message: `may still be running: ${name} (${why}; the cancel failed: ${failure.code}: ${failure.message})`,
            correlationId: failure.correlationId,
            target: name,
            cause: failure,
        });
    }
}
function result(name, done, durationMs) {
    const properties = done.properties ?? {};
    if (properties.provisioningState !== 'Succeeded') {
        if (properties.provisioningState === 'Canceled') {
            throw new errors/* DeploymentFailure */.S({ code: 'DeploymentCanceled', message: `deployment ${name} was canceled`, correlationId: properties.correlationId });
        }
        throw (0,arm_errors/* fromFailedDeployment */.Xy)(name, properties.error, properties.correlationId);
    }
    return {
        deploymentId: done.id,
        deploymentName: name,
        outputs: (properties.outputs ?? {}),
        correlationId: properties.correlationId,
        durationMs,
    };
}
function formatMinutes(ms) {
    return ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : `${Math.round(ms / 60_000)} min`;
}
/** ARM's timestamp of a deployment (its last change: when it finished, once terminal), epoch ms; 0 when absent. */
function deploymentTime(d) {
    const t = d.properties?.timestamp;
    return t instanceof Date ? t.getTime() : t ? Date.parse(String(t)) : 0;
}

// EXTERNAL MODULE: ./src/azure/pipeline.ts
var pipeline = __webpack_require__(89657);
;// CONCATENATED MODULE: ./src/azure/resource-groups.ts


/**
 * The resource groups of resource-group-scope stamps: whether each exists, and creating it before its first
 * deployment. What the deployment listing already said of a group is trusted, so that no HEAD asks it again.
 */
class ResourceGroups {
    deps;
    clients = new Map();
    /** Groups the deployment list showed to exist (true) or to be missing (false). */
    known = new Map();
    /** One creation per group, shared by the stamps deploying into it; forgotten when it fails, so a retry asks again. */
    ensured = new Map();
    constructor(deps) {
        this.deps = deps;
    }
    /** What a listing of the stamp's group found: deployments (it exists) or ResourceGroupNotFound. */
    listed(stamp, exists) {
        this.known.set(groupKey(stamp), exists);
    }
    /** True once this process has made sure of the group (or is doing so): a stamp of it need not wait for it. */
    ensuring(stamp) {
        return this.ensured.has(groupKey(stamp));
    }
    /** Whether the group exists, from the listing when it told, else from ARM. */
    async exists(stamp, signal) {
        const known = this.known.get(groupKey(stamp));
        if (known !== undefined)
            return known;
        const client = this.client(stamp.subscription);
        const answer = await (0,arm_call/* armCall */.J)(this.deps.call, { what: `checking resource group ${stamp.resourceGroup}`, budget: this.deps.budgets(stamp).reads, signal, send: () => client.resourceGroups.checkExistence(stamp.resourceGroup, { abortSignal: signal }) });
        return answer.body;
    }
    /** Creates the stamp's group, tagged as ours, unless it exists. */
    ensure(stamp, signal) {
        const key = groupKey(stamp);
        let ensured = this.ensured.get(key);
        if (!ensured) {
            ensured = (async () => {
                try {
                    if (await this.exists(stamp, signal))
                        return;
                    const client = this.client(stamp.subscription);
                    await (0,arm_call/* armCall */.J)(this.deps.call, {
                        what: `creating resource group ${stamp.resourceGroup}`,
                        budget: this.deps.budgets(stamp).writes,
                        signal,
                        send: () => client.resourceGroups.createOrUpdate(stamp.resourceGroup, { location: stamp.location, tags: { 'managed-by': 'staged-rollout' } }, { abortSignal: signal }),
                    });
                    this.known.set(key, true);
                }
                catch (error) {
                    this.ensured.delete(key);
                    throw (0,arm_errors/* fromSdkError */.Rf)(error, `creating resource group ${stamp.resourceGroup}`);
                }
            })();
            this.ensured.set(key, ensured);
        }
        return ensured;
    }
    client(subscription) {
        let client = this.clients.get(subscription);
        if (!client)
            this.clients.set(subscription, (client = this.deps.newClient(subscription)));
        return client;
    }
}
/** ARM's resource group names are case-insensitive. */
function groupKey(stamp) {
    return `${stamp.subscription}/${stamp.resourceGroup.toLowerCase()}`;
}

// EXTERNAL MODULE: ./src/azure/teardown.ts + 1 modules
var azure_teardown = __webpack_require__(4369);
// EXTERNAL MODULE: ./src/azure/stack-deployment.ts
var stack_deployment = __webpack_require__(28043);
;// CONCATENATED MODULE: ./src/azure/request-budget.ts
const RANK = { rollback: 0, normal: 1, poll: 2 };
/** First in, first out, O(1) at both ends: an array with a moving head, compacted once half of it is spent. */
class Fifo {
    items = [];
    head = 0;
    get size() {
        return this.items.length - this.head;
    }
    push(item) {
        this.items.push(item);
    }
    shift() {
        if (this.head >= this.items.length)
            return undefined;
        const item = this.items[this.head];
        this.items[this.head++] = undefined;
        if (this.head > 1024 && this.head * 2 > this.items.length) {
            this.items = this.items.slice(this.head);
            this.head = 0;
        }
        return item;
    }
}
/**
 * A token bucket shared by every ARM request of one kind this process makes. ARM refills reads at 25 per second per
 * subscription and principal (burst 250), writes at 10 (burst 200); polling 100 stamps every 2 s alone would need 50
 * reads a second. Staying just below ARM's rates keeps any number of parallel stamps out of 429s: more stamps only
 * means each waits its turn, and when they queue a rollback's requests go first, polls last.
 */
class RequestBudget {
    tokens;
    last;
    /** One queue per priority, in RANK order. */
    queues = [new Fifo(), new Fifo(), new Fifo()];
    live = 0;
    pumping = false;
    clock;
    perSecond;
    burst;
    constructor(clock, perSecond, burst) {
        this.clock = clock;
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.last = clock.now();
    }
    /** Requests waiting for a token (not counting aborted ones). */
    get queued() {
        return this.live;
    }
    /** Resolves when a request may be sent. */
    take(signal, priority = 'normal') {
        if (signal?.aborted)
            return Promise.reject(signal.reason);
        this.refill();
        if (this.queued === 0 && this.tokens >= 1) {
            this.tokens -= 1;
            return Promise.resolve();
        }
        return new Promise((resolve, reject) => {
            const waiter = { resolve, reject, signal, gone: false };
            if (signal) {
                waiter.onAbort = () => {
                    waiter.gone = true;
                    this.live--;
                    reject(signal.reason);
                };
                signal.addEventListener('abort', waiter.onAbort, { once: true });
            }
            this.queues[RANK[priority]].push(waiter);
            this.live++;
            void this.pump();
        });
    }
    /** The first waiter still waiting, in priority order; first come first served within a priority. */
    next() {
        for (const queue of this.queues) {
            for (let w = queue.shift(); w !== undefined; w = queue.shift())
                if (!w.gone)
                    return w;
        }
        return undefined;
    }
    refill() {
        const now = this.clock.now();
        this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
        this.last = now;
    }
    /**
     * One loop hands out tokens as they refill, always to the first waiter in priority order. A rollback's request waits
     * behind the rollback requests before it only; polls are served whenever no rollback or deployment request waits.
     */
    async pump() {
        if (this.pumping)
            return;
        this.pumping = true;
        try {
            for (;;) {
                this.refill();
                if (this.tokens >= 1) {
                    const waiter = this.next();
                    if (!waiter)
                        break;
                    this.tokens -= 1;
                    this.live--;
                    if (waiter.onAbort)
                        waiter.signal.removeEventListener('abort', waiter.onAbort);
                    waiter.resolve();
                    continue;
                }
                // Nobody left but aborted waiters: no token is worth waiting for.
                if (this.queued === 0)
                    break;
                await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
            }
        }
        finally {
            this.pumping = false;
        }
    }
}

;// CONCATENATED MODULE: ./src/azure/subscription-budgets.ts

/** About 90 % of ARM's budget: the rest is left for other clients of the subscription. */
const DEFAULT_RATES = { reads: 22.5, writes: 9 };
/**
 * ARM throttles per subscription, plus one bucket for tenant-level requests (tenant and management-group scope, whose
 * URLs name no subscription). A rollout whose regions live in several subscriptions gets each one's budget: one
 * bucket for all would hold a ten-subscription rollout to a tenth of what ARM allows it.
 */
class SubscriptionBudgets {
    clock;
    rates;
    buckets = new Map();
    constructor(clock, rates = DEFAULT_RATES) {
        this.clock = clock;
        this.rates = rates;
    }
    for(stamp) {
        const key = stamp.scope === 'tenant' || stamp.scope === 'managementGroup' ? 'tenant' : stamp.subscription.toLowerCase();
        let budgets = this.buckets.get(key);
        if (!budgets) {
            // ARM's bursts are 10 s of reads and 20 s of writes at its refill rates.
            const { reads, writes } = this.rates;
            budgets = { reads: new RequestBudget(this.clock, reads, Math.max(1, Math.round(reads * 10))), writes: new RequestBudget(this.clock, writes, Math.max(1, Math.round(writes * 20))) };
            this.buckets.set(key, budgets);
        }
        return budgets;
    }
}

;// CONCATENATED MODULE: ./src/azure/validate.ts



/**
 * ARM's validate of a deployment body. A refusal is a DeploymentFailure with ARM's code, message and correlation id,
 * marked `nothingDeployed`; 429, 5xx and 401 are left to armCall's retries.
 */
async function validateDeployment(deps, client, name, body, signal) {
    let raw;
    const options = { abortSignal: signal, updateIntervalInMs: 1_000, onResponse: (r) => (raw = r) };
    await (0,arm_call/* armCall */.J)(deps.call, {
        what: `validating deployment ${name}`,
        budget: deps.writes,
        signal,
        send: async () => {
            raw = undefined;
            try {
                const result = await client.validate(name, body, options);
                const error = result.error;
                if (error)
                    throw validationFailure(name, error, result.properties?.correlationId ?? deps.correlationId);
            }
            catch (error) {
                if (error instanceof errors/* DeploymentFailure */.S)
                    throw error;
                const answer = raw;
                if (answer && answer.status >= 400) {
                    const armError = answer.parsedBody?.error;
                    if (answer.status === 429 || answer.status >= 500 || answer.status === 401)
                        throw error;
                    throw validationFailure(name, armError, answer.headers?.get('x-ms-correlation-request-id') ?? deps.correlationId);
                }
                throw error;
            }
        },
    });
}
/**
 * A preflight failure: ARM's InvalidTemplateDeployment only says "see details", so the innermost cause leads. It
 * carries `nothingDeployed`: the engine must not roll back a stamp that was never touched.
 */
function validationFailure(name, error, correlationId) {
    const failure = (0,arm_errors/* fromFailedDeployment */.Xy)(name, error, correlationId);
    const validation = new errors/* DeploymentFailure */.S({
        code: failure.code,
        message: `validation of ${failure.message.replace(/^deployment /, '')}`,
        target: failure.target,
        correlationId: failure.correlationId,
        details: failure.details,
        transient: false,
    });
    return Object.assign(validation, { nothingDeployed: true });
}

;// CONCATENATED MODULE: ./src/azure/deployer.ts















/** A component's deployment timeout when the spec sets none. */
const DEFAULT_DEPLOYMENT_TIMEOUT_MS = 2 * 3_600_000;
/**
 * The Deployer port on the real Azure SDK. It follows each deployment with its own polling on the engine's clock
 * (not the SDK's poller, which sleeps in real time and per stamp) so that the stamps of a subscription share its read budget.
 */
class ArmDeployer {
    /** Sent on every ARM request of this rollout; ARM stamps it on every deployment as its correlationId. */
    correlationId;
    options;
    stamps;
    clients = new Map();
    groups;
    validation;
    /** Per stamp: how long its last successful deployment took, and whether this process already tried to deploy it. */
    history = new Map();
    /** The latest deployment duration seen per component: the expected duration of its stamps without a history. */
    componentDurations = new Map();
    inFlight = new Set();
    /** The latest listing of each scope (subscription/resource group): what `activeDeployments` reuses. */
    listings = new Map();
    budgets;
    call;
    stackDeps = new Map();
    constructor(options) {
        this.options = options;
        this.stamps = new Map(options.spec.stamps.map((s) => [s.id, s]));
        this.budgets = new SubscriptionBudgets(options.clock, options.budget);
        this.correlationId = options.correlationId ?? (0,pipeline/* specCorrelationId */.xV)(options.spec);
        this.call = { clock: options.clock, log: options.log ?? (() => undefined), retryForMs: options.retryForMs ?? 600_000 };
        this.validation = { call: this.call, correlationId: this.correlationId };
        this.groups = new ResourceGroups({
            call: this.call,
            budgets: (stamp) => this.budgets.for(stamp),
            newClient: (subscription) => {
                const client = new esm/* ResourceManagementClient */.h0(options.credential, subscription, clientOptions(options.endpoint));
                (0,pipeline/* installArmPolicies */.GS)(client.pipeline, this.pipelineOptions());
                return client;
            },
        });
    }
    async deploy(request, signal) {
        const { stamp } = request;
        const seen = this.seen(stamp);
        seen.attempts++;
        if (stamp.scope === 'resourceGroup')
            await this.groups.ensure(stamp, signal);
        if (this.resolved(stamp).stack)
            return this.viaStack(stamp, this.body(request), 'normal', signal);
        // No validate here: the engine's preflight validated it before the rollout's first write, and ARM preflights a PUT.
        const deployment = await runDeployment(this.deps(stamp), this.target(stamp, stamp.deploymentName, this.body(request), 'normal', !seen.listed || seen.attempts > 1 || seen.runningAtListing === true), signal);
        // Only a deployment followed from its PUT tells how long one takes (an adopted one started earlier).
        if (deployment.durationMs > 0)
            this.componentDurations.set(stamp.component, deployment.durationMs);
        return deployment;
    }
    /** ARM's validate of the deployment `deploy` would make; a stamp whose resource group does not exist yet waits. */
    async preflight(request, signal) {
        const { stamp } = request;
        if (stamp.scope === 'resourceGroup' && !this.groups.ensuring(stamp) && !(await this.groups.exists(stamp, signal)))
            return 'prerequisites-missing';
        const client = (0,deployment_scope/* scopedDeployments */.NP)(this.client(stamp.subscription).deployments, stamp);
        await validateDeployment({ ...this.validation, writes: this.budgets.for(stamp).writes }, client, stamp.deploymentName, this.body(request), signal);
        return 'validated';
    }
    body(request) {
        const { stamp } = request;
        const resolved = this.resolved(stamp);
        return {
            location: (0,deployment_scope/* deploymentLocation */.py)(stamp),
            tags: request.tags,
            properties: { mode: 'Incremental', template: resolved.template.content, parameters: armParameters(resolved, request.inputs, stamp.outputsFrom) },
        };
    }
    async lastSuccessful(stamp, options, signal, priority = 'normal') {
        const all = await this.list(stamp, signal, priority);
        const found = all?.filter((d) => d.properties?.provisioningState === 'Succeeded');
        if (all && !options.excludeRolloutId)
            this.seen(stamp).runningAtListing = all.some((d) => d.name?.toLowerCase() === stamp.deploymentName.toLowerCase() && ACTIVE_STATES.has(d.properties?.provisioningState ?? ''));
        if (stamp.scope === 'resourceGroup')
            this.groups.listed(stamp, found !== undefined);
        if (found === undefined) {
            // No resource group, so no deployment of any name in it either: nothing to read before the PUT.
            this.seen(stamp).listed = true;
            return undefined;
        }
        const filtered = found.filter((d) => {
            const tags = d.tags ?? {};
            if (tags[types/* DEPLOYMENT_TAGS */.S.stamp] !== stamp.id || !ownRollout(tags[types/* DEPLOYMENT_TAGS */.S.rolloutId], this.options.spec.name))
                return false;
            return !(options.excludeRolloutId && tags[types/* DEPLOYMENT_TAGS */.S.rolloutId] === options.excludeRolloutId);
        });
        const latest = filtered.sort((a, b) => time(b) - time(a))[0];
        const seen = this.seen(stamp);
        seen.listed = true;
        if (!latest)
            return undefined;
        if (!options.excludeRolloutId && time(latest) > 0)
            seen.latestOursAt = Math.max(seen.latestOursAt ?? 0, time(latest));
        seen.durationMs ??= isoDurationMs(latest.properties?.duration);
        const tags = latest.tags ?? {};
        return {
            deploymentName: latest.name,
            deploymentId: latest.id,
            version: tags[types/* DEPLOYMENT_TAGS */.S.version],
            rolloutId: tags[types/* DEPLOYMENT_TAGS */.S.rolloutId],
            contentHash: tags[types/* DEPLOYMENT_TAGS */.S.contentHash],
            outputs: latest.properties?.outputs,
            ...(time(latest) > 0 ? { finishedAt: time(latest) } : {}),
        };
    }
    /**
     * Running deployments of these stamps, from the listing the plan made of each scope (one list per resource group,
     * not per stamp; a scope not listed yet is listed once): whose they are is the engine's question (other-runs.ts).
     */
    async activeDeployments(stamps, signal) {
        const ids = new Set(stamps.map((s) => s.id));
        const scopes = new Map();
        for (const stamp of stamps)
            if (!scopes.has(listingKey(stamp)))
                scopes.set(listingKey(stamp), stamp);
        const found = [];
        for (const [key, stamp] of scopes) {
            const listed = await (this.listings.get(key) ?? this.list(stamp, signal, 'normal'));
            for (const d of listed ?? []) {
                const tags = d.tags ?? {};
                const state = d.properties?.provisioningState ?? '';
                if (!ACTIVE_STATES.has(state) || !ids.has(tags[types/* DEPLOYMENT_TAGS */.S.stamp] ?? '') || !ownRollout(tags[types/* DEPLOYMENT_TAGS */.S.rolloutId], this.options.spec.name))
                    continue;
                found.push({
                    deploymentName: d.name,
                    where: (0,names/* scopeWhere */.qb)(stamp),
                    state,
                    stamp: tags[types/* DEPLOYMENT_TAGS */.S.stamp],
                    rolloutId: tags[types/* DEPLOYMENT_TAGS */.S.rolloutId],
                    version: tags[types/* DEPLOYMENT_TAGS */.S.version],
                    runId: tags[types/* DEPLOYMENT_TAGS */.S.runId],
                    ...(time(d) > 0 ? { startedAt: time(d) } : {}),
                    ...(tags['rollout-restored-from'] ? { restoredFrom: tags['rollout-restored-from'] } : {}),
                });
            }
        }
        return found;
    }
    /**
     * Every deployment of the stamp's scope, whatever its state (undefined: its resource group does not exist); each
     * page one read. Unfiltered, so the same listing says what last succeeded and what is still running.
     */
    list(stamp, signal, priority) {
        const listing = this.listNow(stamp, signal, priority);
        this.listings.set(listingKey(stamp), listing);
        listing.catch(() => this.listings.delete(listingKey(stamp)));
        return listing;
    }
    async listNow(stamp, signal, priority) {
        const client = (0,deployment_scope/* scopedDeployments */.NP)(this.client(stamp.subscription).deployments, stamp);
        const list = () => client.list({ abortSignal: signal }).byPage();
        try {
            // A failed page restarts the listing: the SDK's page iterator does not survive an error.
            return await (0,arm_call/* armCall */.J)(this.call, {
                what: `listing deployments of ${stamp.id}`,
                budget: this.budgets.for(stamp).reads,
                priority,
                signal,
                send: async () => {
                    const found = [];
                    const pages = list();
                    for (let pageNumber = 0; pageNumber < 100; pageNumber++) {
                        const next = await pages.next();
                        if (next.done)
                            break;
                        found.push(...next.value);
                        if (!next.value.continuationToken)
                            break;
                        // The next page is one more read. Its budget wait is a wait on the clock, not I/O in flight: a virtual
                        // clock does not move while tracked I/O is pending, so a wait for a token inside it would never end.
                        await this.options.clock.release(this.budgets.for(stamp).reads.take(signal, priority));
                    }
                    return found;
                },
            });
        }
        catch (error) {
            if (error.code === 'ResourceGroupNotFound')
                return undefined;
            throw error;
        }
    }
    async rollback(stamp, previous, signal, runTags = {}) {
        const client = (0,deployment_scope/* scopedDeployments */.NP)(this.client(stamp.subscription).deployments, stamp);
        const readOld = (what, send) => (0,arm_call/* armCall */.J)(this.call, { what, budget: this.budgets.for(stamp).reads, priority: 'rollback', signal, send });
        const name = previous.deploymentName;
        const [exported, old] = await Promise.all([
            readOld(`exporting the template of ${name}`, () => client.exportTemplate(name, { abortSignal: signal })),
            readOld(`reading ${name}`, () => client.get(name, { abortSignal: signal })),
        ]);
        // ARM never returns secure parameter values: they are taken again from the spec's sources, never from history.
        const parameters = {};
        for (const [key, p] of Object.entries((old.properties?.parameters ?? {}))) {
            if (p.reference !== undefined)
                parameters[key] = { reference: p.reference };
            else if (p.value !== undefined && !String(p.type ?? '').toLowerCase().startsWith('secure'))
                parameters[key] = { value: p.value };
        }
        for (const [key, p] of Object.entries(this.resolved(stamp).parameters)) {
            if (p.secure && p.value !== undefined)
                parameters[key] = { value: p.value };
        }
        const body = {
            location: (0,deployment_scope/* deploymentLocation */.py)(stamp),
            tags: { ...(old.tags ?? {}), ...runTags, 'rollout-restored-from': name },
            properties: { mode: 'Incremental', template: exported.template, parameters: parameters },
        };
        // A stack is rolled back by updating it with the previous version's template and parameters.
        if (this.resolved(stamp).stack)
            return this.viaStack(stamp, body, 'rollback', signal);
        // A fixed name per restored deployment: a second rollback to the same good state redeploys the same record.
        const target = this.target(stamp, `${name.slice(0, 61)}-rb`, body, 'rollback', true);
        // A restore that already succeeded counts only if it came after the deployment it undoes (else that one is live).
        target.acceptSucceeded = async (existing) => {
            const current = await read(this.deps(stamp), { ...target, name: stamp.deploymentName }, signal, 'rollback');
            return !current || time(existing) >= time(current);
        };
        return runDeployment(this.deps(stamp), target, signal);
    }
    /**
     * `rollback.deleteNew`: a stamp's first deployment failed, so what its tagged deployments created is removed, the
     * same way `teardown` removes it (src/azure/teardown.ts): by our tags only, its resource group only when ours and
     * empty of anything else.
     */
    async remove(stamp, signal) {
        const teardown = new azure_teardown/* ArmTeardown */.z({ credential: this.options.credential, endpoint: this.options.endpoint, clock: this.options.clock, spec: this.options.spec });
        await teardown.remove(await teardown.inventory([stamp], signal), signal);
    }
    /** `stack:` components: the same body, deployed as the stamp's deployment stack (src/azure/stack-deployment.ts). */
    viaStack(stamp, body, priority, signal) {
        const resolved = this.resolved(stamp);
        const { first, max } = this.options.pollMs ?? { first: 2_000, max: 10_000 };
        const budgets = this.budgets.for(stamp);
        // One deps object per budget: the stacks clients are made once per deps object (stacksClient).
        let deps = this.stackDeps.get(budgets);
        if (!deps)
            this.stackDeps.set(budgets, (deps = { ...this.call, credential: this.options.credential, endpoint: this.options.endpoint, ...budgets, pacing: { floorMs: first, capMs: max }, pipeline: this.pipelineOptions() }));
        return (0,stack_deployment/* deployStack */.gE)(deps, this.options.spec.name, { stamp, stack: resolved.stack, body, priority, timeoutMs: resolved.deploymentTimeoutMs ?? DEFAULT_DEPLOYMENT_TIMEOUT_MS }, signal);
    }
    target(stamp, name, body, priority, readFirst) {
        const seen = this.seen(stamp);
        return { stamp, name, body, priority, readFirst, timeoutMs: this.resolved(stamp).deploymentTimeoutMs ?? DEFAULT_DEPLOYMENT_TIMEOUT_MS, expectedMs: seen.durationMs ?? this.componentDurations.get(stamp.component), latestOursAt: seen.latestOursAt };
    }
    deps(stamp) {
        const { first, max } = this.options.pollMs ?? { first: 2_000, max: 10_000 };
        return { ...this.call, client: this.client(stamp.subscription), ...this.budgets.for(stamp), pacing: { floorMs: first, capMs: max }, inFlight: this.inFlight };
    }
    seen(stamp) {
        let seen = this.history.get(stamp.id);
        if (!seen)
            this.history.set(stamp.id, (seen = { listed: false, attempts: 0 }));
        return seen;
    }
    resolved(stamp) {
        const resolved = this.stamps.get(stamp.id);
        if (!resolved)
            throw new Error(`stamp ${stamp.id} is not in the loaded spec: the plan and the spec disagree`);
        return resolved;
    }
    client(subscription) {
        let client = this.clients.get(subscription);
        if (!client) {
            client = new dist_esm.DeploymentsClient(this.options.credential, subscription, clientOptions(this.options.endpoint));
            (0,pipeline/* installArmPolicies */.GS)(client.pipeline, this.pipelineOptions());
            this.clients.set(subscription, client);
        }
        return client;
    }
    pipelineOptions() {
        return { credential: this.options.credential, correlationId: this.correlationId, requestTimeoutMs: this.options.requestTimeoutMs ?? 60_000, onTokenRefresh: this.call.log };
    }
}
/** ISO 8601 duration (PT1M30.5S) in milliseconds. */
function isoDurationMs(value) {
    const m = value ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(value) : null;
    if (!m)
        return undefined;
    return Math.round(((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60_000 + Number(m[4] ?? 0) * 1000);
}
/**
 * The SDK's own retries are off: they sleep in real time inside one call, invisible to the log and to a virtual clock.
 * Every retry is ours instead, on the engine's clock, with ARM's Retry-After as a floor and a line in the log.
 */
function clientOptions(endpoint) {
    return { ...(endpoint ? { endpoint } : {}), retryOptions: { maxRetries: 0 } };
}
/** The ARM `parameters` body: values and Key Vault references as the spec resolved them. */
function armParameters(stamp, inputs, from) {
    const value = (v) => {
        if (!from?.length)
            return v;
        try {
            return fillOutputs(v, from, inputs ?? {});
        }
        catch (error) {
            if (error instanceof MissingOutput)
                throw new errors/* DeploymentFailure */.S({ code: 'OutputMissing', message: error.message });
            throw error;
        }
    };
    return Object.fromEntries(Object.entries(stamp.parameters).map(([k, p]) => [k, p.reference !== undefined ? { reference: p.reference } : { value: value(p.value) }]));
}
/** ARM keeps one deployment list per scope (resource group, subscription, management group, tenant), its ids in any case. */
function listingKey(stamp) {
    return (0,deployment_scope/* scopeKey */.OD)(stamp).toLowerCase();
}
function ownRollout(rolloutId, name) {
    return rolloutId !== undefined && rolloutId.startsWith(`${name}@`);
}
function time(d) {
    const t = d.properties?.timestamp;
    return t instanceof Date ? t.getTime() : t ? Date.parse(String(t)) : 0;
}


/***/ }),

/***/ 73949:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NP: () => (/* binding */ scopedDeployments),
/* harmony export */   OD: () => (/* binding */ scopeKey),
/* harmony export */   py: () => (/* binding */ deploymentLocation)
/* harmony export */ });
function scopedDeployments(ops, stamp) {
    const o = (options) => options;
    const b = (body) => body;
    switch (stamp.scope) {
        case 'resourceGroup': {
            const rg = stamp.resourceGroup;
            return {
                createOrUpdate: (n, body, options) => ops.createOrUpdate(rg, n, b(body), o(options)),
                get: (n, options) => ops.get(rg, n, o(options)),
                list: (options) => ops.listByResourceGroup(rg, o(options)),
                validate: (n, body, options) => ops.validate(rg, n, b(body), o(options)),
                whatIf: (n, body, options) => ops.whatIf(rg, n, b(body), o(options)),
                cancel: (n, options) => ops.cancel(rg, n, o(options)),
                exportTemplate: (n, options) => ops.exportTemplate(rg, n, o(options)),
            };
        }
        case 'subscription':
            return {
                createOrUpdate: (n, body, options) => ops.createOrUpdateAtSubscriptionScope(n, b(body), o(options)),
                get: (n, options) => ops.getAtSubscriptionScope(n, o(options)),
                list: (options) => ops.listAtSubscriptionScope(o(options)),
                validate: (n, body, options) => ops.validateAtSubscriptionScope(n, b(body), o(options)),
                whatIf: (n, body, options) => ops.whatIfAtSubscriptionScope(n, b(body), o(options)),
                cancel: (n, options) => ops.cancelAtSubscriptionScope(n, o(options)),
                exportTemplate: (n, options) => ops.exportTemplateAtSubscriptionScope(n, o(options)),
            };
        case 'managementGroup': {
            const group = stamp.managementGroup;
            return {
                createOrUpdate: (n, body, options) => ops.createOrUpdateAtManagementGroupScope(group, n, b(body), o(options)),
                get: (n, options) => ops.getAtManagementGroupScope(group, n, o(options)),
                list: (options) => ops.listAtManagementGroupScope(group, o(options)),
                validate: (n, body, options) => ops.validateAtManagementGroupScope(group, n, b(body), o(options)),
                whatIf: (n, body, options) => ops.whatIfAtManagementGroupScope(group, n, b(body), o(options)),
                cancel: (n, options) => ops.cancelAtManagementGroupScope(group, n, o(options)),
                exportTemplate: (n, options) => ops.exportTemplateAtManagementGroupScope(group, n, o(options)),
            };
        }
        case 'tenant':
            return {
                createOrUpdate: (n, body, options) => ops.createOrUpdateAtTenantScope(n, b(body), o(options)),
                get: (n, options) => ops.getAtTenantScope(n, o(options)),
                list: (options) => ops.listAtTenantScope(o(options)),
                validate: (n, body, options) => ops.validateAtTenantScope(n, b(body), o(options)),
                whatIf: (n, body, options) => ops.whatIfAtTenantScope(n, b(body), o(options)),
                cancel: (n, options) => ops.cancelAtTenantScope(n, o(options)),
                exportTemplate: (n, options) => ops.exportTemplateAtTenantScope(n, o(options)),
            };
    }
}
/** ARM stores a deployment above resource-group scope in a location, and requires one in the request. */
function deploymentLocation(stamp) {
    return stamp.scope === 'resourceGroup' ? undefined : stamp.location;
}
/** A key naming the stamp's deployment history (ARM keeps one per scope), for in-flight bookkeeping. */
function scopeKey(stamp) {
    switch (stamp.scope) {
        case 'resourceGroup':
            return `${stamp.subscription}/${stamp.resourceGroup}`;
        case 'subscription':
            return `${stamp.subscription}/`;
        case 'managementGroup':
            return `mg:${stamp.managementGroup}`;
        case 'tenant':
            return 'tenant:';
    }
}


/***/ }),

/***/ 89657:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GS: () => (/* binding */ installArmPolicies),
/* harmony export */   T6: () => (/* binding */ withArmPolicies),
/* harmony export */   xV: () => (/* binding */ specCorrelationId)
/* harmony export */ });
/* unused harmony exports MAX_ARM_CONNECTIONS, rolloutCorrelationId, RequestTimeoutError */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1818);



const ARM_SCOPE = 'https://management.azure.com/.default';
const SDK_AUTH_POLICY = 'bearerTokenAuthenticationPolicy';
/**
 * Connections to ARM, for every client of this process: kept alive, and at most this many open at once. The SDK's own
 * agent has no bound, so a burst of polls for a thousand stamps opened hundreds of TLS connections, each with its own
 * buffers; the request budget paces how many requests a second go out, this bounds how many are on the wire.
 */
const MAX_ARM_CONNECTIONS = 32;
const armAgent = new (node_https__WEBPACK_IMPORTED_MODULE_1___default().Agent)({ keepAlive: true, maxSockets: MAX_ARM_CONNECTIONS, maxFreeSockets: MAX_ARM_CONNECTIONS });
function installArmPolicies(pipeline, options) {
    pipeline.removePolicy({ name: SDK_AUTH_POLICY });
    pipeline.addPolicy((0,_azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_2__/* .agentPolicy */ .ew)(armAgent));
    pipeline.addPolicy(correlationPolicy(options.correlationId));
    pipeline.addPolicy(authPolicy(options.credential, options.onTokenRefresh), { phase: 'Sign' });
    // Last, next to the wire: the timeout covers the request alone, not the token fetch in front of it.
    pipeline.addPolicy(timeoutPolicy(options.requestTimeoutMs), { afterPhase: 'Sign' });
}
/**
 * The same policies on a client outside the deployer (Front Door, Azure Monitor, teardown, what-if): the rollout's
 * correlation id, ARM's shared connections, a request timeout and a refreshed token. Their SDK retries stay as set.
 * Without a correlation id (a client made before any rollout is known) the client is left as the SDK made it.
 */
function withArmPolicies(client, credential, correlationId) {
    if (correlationId)
        installArmPolicies(client.pipeline, { credential, correlationId, requestTimeoutMs: 60_000 });
    return client;
}
/** The correlation id of the rollout of this spec and version: what the deployer sends by default. */
function specCorrelationId(spec) {
    return rolloutCorrelationId(`${spec.name}@${spec.version}`);
}
/** A UUID derived from the rollout id, so every run and every job of one rollout carries the same one. */
function rolloutCorrelationId(rolloutId) {
    const h = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(`staged-rollout:${rolloutId}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}
function correlationPolicy(correlationId) {
    return {
        name: 'stagedRolloutCorrelationPolicy',
        sendRequest(request, next) {
            request.headers.set('x-ms-correlation-request-id', correlationId);
            return next(request);
        },
    };
}
/** A request cut by our timeout: transient, so the caller retries it like a reset connection. */
class RequestTimeoutError extends Error {
    code = 'ETIMEDOUT';
    constructor(request, ms) {
        super(`${request.method} ${new URL(request.url).pathname} got no answer within ${ms} ms (request timeout)`);
        this.name = 'RequestTimeoutError';
    }
}
function timeoutPolicy(ms) {
    return {
        name: 'stagedRolloutTimeoutPolicy',
        async sendRequest(request, next) {
            const timer = new AbortController();
            const handle = setTimeout(() => timer.abort(new RequestTimeoutError(request, ms)), ms);
            const outer = request.abortSignal;
            // One plain signal per request, fed by the caller's: not AbortSignal.any, whose signal Node keeps alive for as long
            // as a listener is on it. The SDK's HTTP client takes its listener off whatever request.abortSignal is by the
            // time the body has been read, which is the caller's again: every request of a rollout stayed in memory.
            const onOuterAbort = () => timer.abort(outer.reason);
            if (outer?.aborted)
                onOuterAbort();
            else
                outer?.addEventListener('abort', onOuterAbort, { once: true });
            request.abortSignal = timer.signal;
            try {
                return await next(request);
            }
            catch (error) {
                if (timer.signal.aborted && !outer?.aborted)
                    throw timer.signal.reason;
                throw error;
            }
            finally {
                clearTimeout(handle);
                outer?.removeEventListener('abort', onOuterAbort);
                request.abortSignal = outer;
            }
        },
    };
}
const EXPIRED = /ExpiredAuthenticationToken|InvalidAuthenticationToken/;
/**
 * The bearer token, cached until five minutes before it expires. A 401 that says the token expired or is invalid
 * (ARM's clock, a revoked token) gets one fresh token and one retry; a second 401 is ARM's answer.
 */
function authPolicy(credential, onRefresh) {
    let cached;
    let pending;
    const token = async (fresh, signal) => {
        if (fresh)
            cached = undefined;
        if (cached && cached.expiresOnTimestamp - Date.now() > 5 * 60_000)
            return cached.token;
        pending ??= credential
            .getToken(ARM_SCOPE, { abortSignal: signal })
            .then((t) => {
            if (!t)
                throw new Error('the credential returned no token for Azure Resource Manager');
            cached = t;
            return t;
        })
            .finally(() => (pending = undefined));
        return (await pending).token;
    };
    return {
        name: 'stagedRolloutAuthPolicy',
        async sendRequest(request, next) {
            request.headers.set('authorization', `Bearer ${await token(false, request.abortSignal)}`);
            const response = await next(request);
            if (response.status !== 401)
                return response;
            const code = /ExpiredAuthenticationToken|InvalidAuthenticationToken/.exec(`${response.headers.get('www-authenticate') ?? ''} ${response.bodyAsText ?? ''}`)?.[0];
            if (!code || !EXPIRED.test(code))
                return response;
            onRefresh?.(`ARM answered 401 ${code} on ${request.method} ${new URL(request.url).pathname}: refreshing the token and retrying once`);
            request.headers.set('authorization', `Bearer ${await token(true, request.abortSignal)}`);
            return next(request);
        },
    };
}


/***/ }),

/***/ 28043:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qx: () => (/* binding */ stackName),
/* harmony export */   gE: () => (/* binding */ deployStack),
/* harmony export */   yf: () => (/* binding */ stackWhatIfNote)
/* harmony export */ });
/* unused harmony exports stacksClient, stackBody, readStack */
/* harmony import */ var _azure_arm_resourcesdeploymentstacks__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(59821);
/* harmony import */ var _engine_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17679);
/* harmony import */ var _plan_types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9898);
/* harmony import */ var _arm_call_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(21758);
/* harmony import */ var _arm_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(22893);
/* harmony import */ var _pipeline_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(89657);






const RUNNING = new Set(['creating', 'validating', 'waiting', 'deploying', 'canceling', 'updatingdenyassignments', 'deletingresources', 'deleting']);
const clients = new WeakMap();
/** The stack of a stamp: its rollout, component and region, stable across versions (ARM allows 90 characters). */
function stackName(rolloutName, stamp) {
    const raw = stamp.global ? `${rolloutName}-${stamp.component}` : `${rolloutName}-${stamp.component}-${stamp.region}`;
    return raw.replace(/[^-\w.()]/g, '-').slice(0, 90);
}
function stacksClient(deps, subscription) {
    let byKey = clients.get(deps);
    if (!byKey)
        clients.set(deps, (byKey = new Map()));
    let client = byKey.get(subscription);
    if (!client) {
        // The SDK's retries off: ours run on the engine's clock (see clientOptions in deployer.ts).
        client = new _azure_arm_resourcesdeploymentstacks__WEBPACK_IMPORTED_MODULE_5__/* .DeploymentStacksClient */ .GC(deps.credential, subscription, { ...(deps.endpoint ? { endpoint: deps.endpoint } : {}), retryOptions: { maxRetries: 0 } });
        (0,_pipeline_js__WEBPACK_IMPORTED_MODULE_4__/* .installArmPolicies */ .GS)(client.pipeline, deps.pipeline);
        byKey.set(subscription, client);
    }
    return client;
}
/** The stack request: the stamp's template and parameters, with the spec's actionOnUnmanage and deny settings. */
function stackBody(target) {
    const { stack, body, stamp } = target;
    return {
        ...(stamp.scope === 'subscription' ? { location: stamp.location } : {}),
        tags: body.tags,
        properties: {
            description: `staged-rollout stamp ${stamp.id}`,
            template: body.properties.template,
            parameters: body.properties.parameters,
            actionOnUnmanage: { resources: stack.actionOnUnmanage, resourceGroups: stack.actionOnUnmanage, managementGroups: 'detach' },
            denySettings: { mode: stack.denySettings, excludedPrincipals: stack.excludedPrincipals, applyToChildScopes: false },
        },
    };
}
async function deployStack(deps, rolloutName, target, signal) {
    const started = deps.clock.now();
    const name = stackName(rolloutName, target.stamp);
    const existing = await readStack(deps, target, name, signal);
    const state = lower(existing?.properties?.provisioningState);
    if (existing && isOurs(target, existing)) {
        if (state === 'succeeded') {
            deps.log(`stack ${name} already succeeded with this content (${existing.tags?.[_plan_types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEPLOYMENT_TAGS */ .S.rolloutId]}); accepting it without a new PUT`);
            return result(name, existing, 0);
        }
        if (RUNNING.has(state)) {
            deps.log(`stack ${name} is already ${state} with this content; following it instead of a new PUT`);
            return result(name, await follow(deps, target, name, started, signal), deps.clock.now() - started);
        }
    }
    else if (existing && RUNNING.has(state)) {
        deps.log(`stack ${name} is ${state} for ${existing.tags?.[_plan_types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEPLOYMENT_TAGS */ .S.rolloutId] ?? 'another client'} (correlation id ${existing.properties?.correlationId ?? 'unknown'}); waiting for it to finish before deploying`);
        await follow(deps, target, name, started, signal, true);
    }
    await submit(deps, target, name, signal);
    const done = await follow(deps, target, name, deps.clock.now(), signal);
    return result(name, done, deps.clock.now() - started);
}
async function submit(deps, target, name, signal) {
    const client = stacksClient(deps, target.stamp.subscription).deploymentStacks;
    const body = stackBody(target);
    await (0,_arm_call_js__WEBPACK_IMPORTED_MODULE_2__/* .armCall */ .J)(deps, {
        what: `starting deployment stack ${name}`,
        budget: deps.writes,
        priority: target.priority,
        signal,
        send: async () => {
            // begin* sends the PUT and returns; the update is followed below, on the engine's clock.
            await (target.stamp.scope === 'resourceGroup'
                ? client.beginCreateOrUpdateAtResourceGroup(target.stamp.resourceGroup, name, body, { abortSignal: signal })
                : client.beginCreateOrUpdateAtSubscription(name, body, { abortSignal: signal }));
            return true;
        },
        // An answer lost after ARM took the PUT: a read says whether our update is there.
        recover: async (failure) => {
            if ((0,_arm_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .isThrottled */ .B5)(failure))
                return undefined;
            const now = await readStack(deps, target, name, signal);
            if (now && isOurs(target, now) && (RUNNING.has(lower(now.properties?.provisioningState)) || lower(now.properties?.provisioningState) === 'succeeded')) {
                deps.log(`the answer to PUT stack ${name} was lost (${failure.code}), but ARM has it; following it instead of a second PUT`);
                return true;
            }
            return undefined;
        },
    });
}
/** Reads the stack until it is no longer running; `other`: someone else's update, waited for and not judged. */
async function follow(deps, target, name, started, signal, other = false) {
    const deadline = started + target.timeoutMs;
    let delay = deps.pacing.floorMs;
    for (;;) {
        await deps.clock.sleep(Math.max(0, Math.min(delay, deadline - deps.clock.now())), signal);
        const now = await readStack(deps, target, name, signal, target.priority === 'rollback' ? 'rollback' : 'poll');
        const state = lower(now?.properties?.provisioningState);
        if (!now) {
            if (other)
                return {};
            throw new _engine_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeploymentFailure */ .S({ code: 'DeploymentStackNotFound', message: `deployment stack ${name} ended but can no longer be read`, transient: true });
        }
        if (!RUNNING.has(state))
            return now;
        if (deps.clock.now() >= deadline) {
            // Stacks have no cancel in api-version 2024-03-01: the update is left to finish, and the stamp fails.
            throw new _engine_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeploymentFailure */ .S({
                code: other ? 'DeploymentStackInProgress' : 'DeploymentTimedOut',
                message: other
                    ? `deployment stack ${name} is still ${state} for another client after ${Math.round(target.timeoutMs / 60_000)} min; not deploying over it`
                    : `deployment stack ${name} did not finish within ${Math.round(target.timeoutMs / 60_000)} min (deploymentTimeout); stacks cannot be canceled, so it may still be running`,
                correlationId: now.properties?.correlationId,
            });
        }
        delay = Math.min(deps.pacing.capMs, Math.round(delay * 1.5));
    }
}
async function readStack(deps, target, name, signal, priority = target.priority) {
    const client = stacksClient(deps, target.stamp.subscription).deploymentStacks;
    return (0,_arm_call_js__WEBPACK_IMPORTED_MODULE_2__/* .armCall */ .J)(deps, {
        what: `reading deployment stack ${name}`,
        budget: deps.reads,
        priority,
        signal,
        send: async () => {
            try {
                return await (target.stamp.scope === 'resourceGroup' ? client.getAtResourceGroup(target.stamp.resourceGroup, name, { abortSignal: signal }) : client.getAtSubscription(name, { abortSignal: signal }));
            }
            catch (error) {
                const e = error;
                if (e.statusCode === 404 && (e.code === 'DeploymentStackNotFound' || e.code === 'ResourceGroupNotFound' || e.code === undefined))
                    return undefined;
                throw error;
            }
        },
    });
}
/** Same rollout, same content, same restore: what `isOurs` says of deployments (arm-deployment.ts). */
function isOurs(target, s) {
    const want = target.body.tags ?? {};
    const have = s.tags ?? {};
    if (!want[_plan_types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEPLOYMENT_TAGS */ .S.rolloutId] || !want[_plan_types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEPLOYMENT_TAGS */ .S.contentHash])
        return false;
    return have[_plan_types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEPLOYMENT_TAGS */ .S.rolloutId] === want[_plan_types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEPLOYMENT_TAGS */ .S.rolloutId] && have[_plan_types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEPLOYMENT_TAGS */ .S.contentHash] === want[_plan_types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEPLOYMENT_TAGS */ .S.contentHash] && have['rollout-restored-from'] === want['rollout-restored-from'];
}
function result(name, s, durationMs) {
    const p = s.properties;
    const state = lower(p?.provisioningState);
    if (state !== 'succeeded') {
        if (state === 'canceled')
            throw new _engine_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeploymentFailure */ .S({ code: 'DeploymentCanceled', message: `deployment stack ${name} was canceled`, correlationId: p?.correlationId });
        throw (0,_arm_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .fromFailedDeployment */ .Xy)(`stack ${name}`, p?.error, p?.correlationId);
    }
    const deploymentId = p?.deploymentId ?? s.id;
    return { deploymentId, deploymentName: deploymentId.split('/').at(-1), outputs: (p?.outputs ?? {}), correlationId: p?.correlationId, durationMs };
}
const lower = (v) => String(v ?? '').toLowerCase();
/** For the plan and the job summary: what a what-if of a stack stamp is and is not. */
function stackWhatIfNote(name, stack) {
    return `deploys as deployment stack ${name} (actionOnUnmanage: ${stack.actionOnUnmanage}, denySettings: ${stack.denySettings}); ARM has no what-if for stacks (api-version 2024-03-01), so this is the what-if of its template as a deployment: resources the stack would ${stack.actionOnUnmanage} because the template dropped them are not shown`;
}


/***/ }),

/***/ 4369:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  z: () => (/* binding */ ArmTeardown)
});

// EXTERNAL MODULE: ./node_modules/@azure/arm-resources/dist/esm/index.js + 24 modules
var esm = __webpack_require__(56033);
// EXTERNAL MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/index.js + 17 modules
var dist_esm = __webpack_require__(57162);
// EXTERNAL MODULE: ./src/plan/types.ts
var types = __webpack_require__(9898);
// EXTERNAL MODULE: ./src/azure/arm-errors.ts
var arm_errors = __webpack_require__(22893);
// EXTERNAL MODULE: ./node_modules/@azure/arm-resourcesdeploymentstacks/dist/index.js
var dist = __webpack_require__(59821);
// EXTERNAL MODULE: ./src/azure/pipeline.ts
var pipeline = __webpack_require__(89657);
// EXTERNAL MODULE: ./src/azure/stack-deployment.ts
var stack_deployment = __webpack_require__(28043);
;// CONCATENATED MODULE: ./src/azure/teardown-stacks.ts





function client(deps, subscription) {
    const bare = new dist/* DeploymentStacksClient */.GC(deps.credential, subscription, { ...(deps.endpoint ? { endpoint: deps.endpoint } : {}), retryOptions: { maxRetries: 2 } });
    return (0,pipeline/* withArmPolicies */.T6)(bare, deps.credential, deps.correlationId);
}
/** The stamp's stack and what it manages; undefined when there is no stack of ours (then its deployments decide). */
async function stackItems(deps, rolloutName, stamp, settings, signal) {
    const name = (0,stack_deployment/* stackName */.Qx)(rolloutName, stamp);
    const stacks = client(deps, stamp.subscription).deploymentStacks;
    let found;
    try {
        found = await deps.clock.track(stamp.scope === 'resourceGroup' ? stacks.getAtResourceGroup(stamp.resourceGroup, name, { abortSignal: signal }) : stacks.getAtSubscription(name, { abortSignal: signal }));
    }
    catch (error) {
        const failure = (0,arm_errors/* fromSdkError */.Rf)(error, `reading deployment stack ${name}`);
        if (failure.code === 'DeploymentStackNotFound' || failure.code === 'ResourceGroupNotFound' || error.statusCode === 404)
            return undefined;
        throw failure;
    }
    const id = found.id ?? `/subscriptions/${stamp.subscription}${stamp.scope === 'resourceGroup' ? `/resourceGroups/${stamp.resourceGroup}` : ''}/providers/Microsoft.Resources/deploymentStacks/${name}`;
    // Tags decide, as for deployments: a stack of this name that this spec's rollouts did not make is left alone.
    if (!(found.tags?.[types/* DEPLOYMENT_TAGS */.S.rolloutId] ?? '').startsWith(`${rolloutName}@`)) {
        return { stack: { kind: 'stack', id, stamp: stamp.id, kept: 'not made by this rollout (no rollout-id tag of this spec)' }, resources: [] };
    }
    // What the stack says now, not the spec: a stack changed out of band is torn down as it is.
    const unmanage = (String(found.properties?.actionOnUnmanage?.resources ?? settings.actionOnUnmanage).toLowerCase() === 'delete' ? 'delete' : 'detach');
    const managed = (found.properties?.resources ?? []).map((r) => r.id).filter(Boolean);
    return {
        stack: { kind: 'stack', id, stamp: stamp.id, unmanage },
        // Reverse deployment order: dependents before what they depend on.
        resources: [...managed].reverse().map((r) => ({ kind: 'resource', id: r, stamp: stamp.id, ...(unmanage === 'delete' ? { withStack: name } : {}) })),
    };
}
async function deleteStack(deps, item, signal) {
    const parts = item.id.split('/');
    const subscription = parts[2];
    const name = parts.at(-1);
    const rg = parts[3]?.toLowerCase() === 'resourcegroups' ? parts[4] : undefined;
    const stacks = client(deps, subscription).deploymentStacks;
    const options = { abortSignal: signal, updateIntervalInMs: 1_000, unmanageActionResources: item.unmanage ?? 'detach', unmanageActionResourceGroups: item.unmanage ?? 'detach', unmanageActionManagementGroups: 'detach' };
    try {
        // Not tracked on the clock as a whole: the deletion waits on it (a virtual clock must move meanwhile).
        await (rg ? stacks.beginDeleteAtResourceGroupAndWait(rg, name, options) : stacks.beginDeleteAtSubscriptionAndWait(name, options));
    }
    catch (error) {
        const failure = (0,arm_errors/* fromSdkError */.Rf)(error, `deleting deployment stack ${item.id}`);
        if (failure.code === 'DeploymentStackNotFound' || failure.code === 'ResourceGroupNotFound')
            return;
        throw failure;
    }
}

// EXTERNAL MODULE: ./src/azure/deployment-scope.ts
var deployment_scope = __webpack_require__(73949);
;// CONCATENATED MODULE: ./src/azure/teardown.ts







const MANAGED_BY = 'managed-by';
class ArmTeardown {
    options;
    apiVersions = new Map();
    stamps;
    stackClients;
    constructor(options) {
        this.options = options;
        this.stamps = new Map(options.spec.stamps.map((s) => [s.id, s]));
        for (const stamp of options.spec.stamps) {
            for (const r of (stamp.template.content.resources ?? [])) {
                if (typeof r.type === 'string' && typeof r.apiVersion === 'string')
                    this.apiVersions.set(r.type.toLowerCase(), r.apiVersion);
            }
        }
    }
    /** The stamps given are in deployment order; the plan removes them in reverse. */
    async inventory(stamps, signal) {
        const items = [];
        const owned = new Set();
        const groups = new Map();
        for (const stamp of [...stamps].reverse()) {
            const stack = this.stamps.get(stamp.id)?.stack;
            const found = stack ? await stackItems(this.stackDeps(), this.options.spec.name, stamp, stack, signal) : undefined;
            if (found) {
                items.push(found.stack);
                for (const r of found.resources) {
                    owned.add(r.id.toLowerCase());
                    items.push({ ...r, ...(r.withStack || this.apiVersion(r.id) ? {} : { kept: 'no api-version known for its type in the spec\'s templates' }) });
                }
                if (stamp.scope === 'resourceGroup')
                    groups.set(`/subscriptions/${stamp.subscription}/resourceGroups/${stamp.resourceGroup}`.toLowerCase(), stamp);
                continue;
            }
            const created = await this.createdBy(stamp, signal);
            for (const id of created.reverse()) {
                if (owned.has(id.toLowerCase()))
                    continue;
                owned.add(id.toLowerCase());
                items.push({ kind: 'resource', id, stamp: stamp.id, ...(this.apiVersion(id) ? {} : { kept: 'no api-version known for its type in the spec\'s templates' }) });
            }
            if (stamp.scope === 'resourceGroup')
                groups.set(`/subscriptions/${stamp.subscription}/resourceGroups/${stamp.resourceGroup}`.toLowerCase(), stamp);
        }
        for (const stamp of groups.values()) {
            const rm = this.rm(stamp.subscription);
            const id = `/subscriptions/${stamp.subscription}/resourceGroups/${stamp.resourceGroup}`;
            let group;
            try {
                group = await this.options.clock.track(rm.resourceGroups.get(stamp.resourceGroup, { abortSignal: signal }));
            }
            catch (error) {
                if ((0,arm_errors/* fromSdkError */.Rf)(error, `reading ${id}`).code === 'ResourceGroupNotFound')
                    continue;
                throw (0,arm_errors/* fromSdkError */.Rf)(error, `reading resource group ${stamp.resourceGroup}`);
            }
            if (group.tags?.[MANAGED_BY] !== 'staged-rollout') {
                items.push({ kind: 'resourceGroup', id, stamp: stamp.id, kept: 'not created by staged-rollout (no managed-by: staged-rollout tag)' });
                continue;
            }
            const others = [];
            for await (const r of rm.resources.listByResourceGroup(stamp.resourceGroup, { abortSignal: signal })) {
                if (r.id && !owned.has(r.id.toLowerCase()) && ![...owned].some((o) => r.id.toLowerCase().startsWith(`${o}/`)))
                    others.push(r.id);
            }
            items.push({ kind: 'resourceGroup', id, stamp: stamp.id, ...(others.length > 0 ? { kept: `holds ${others.length} resource(s) this rollout did not create, e.g. ${others[0].split('/providers/')[1]}` } : {}) });
        }
        return { items };
    }
    /** Deletes the plan's items in order; what is kept is left alone. */
    async remove(plan, signal, log = () => undefined) {
        for (const item of plan.items) {
            if (item.kept)
                continue;
            if (item.withStack) {
                log(`deleted resource ${item.id} with stack ${item.withStack}`);
                continue;
            }
            if (item.kind === 'stack') {
                await deleteStack(this.stackDeps(), item, signal);
                log(`deleted deployment stack ${item.id}${item.unmanage === 'delete' ? ' and its resources' : ' (its resources detached, deleted next)'}`);
                continue;
            }
            // Management-group and tenant resources have no subscription in their id; any client reaches them by id.
            const subscription = /^\/subscriptions\//i.test(item.id) ? item.id.split('/')[2] : this.options.spec.stamps[0]?.subscription ?? '00000000-0000-0000-0000-000000000000';
            const rm = this.rm(subscription);
            try {
                // Not tracked on the clock as a whole: the deletion may itself wait on it (a virtual clock must move meanwhile).
                if (item.kind === 'resource') {
                    await rm.resources.beginDeleteByIdAndWait(item.id, this.apiVersion(item.id), { abortSignal: signal, updateIntervalInMs: 1_000 });
                }
                else {
                    await rm.resourceGroups.beginDeleteAndWait(item.id.split('/')[4], { abortSignal: signal, updateIntervalInMs: 1_000 });
                }
                log(`deleted ${item.kind === 'resource' ? 'resource' : 'resource group'} ${item.id}`);
            }
            catch (error) {
                const failure = (0,arm_errors/* fromSdkError */.Rf)(error, `deleting ${item.id}`);
                if (failure.code === 'ResourceNotFound' || failure.code === 'ResourceGroupNotFound')
                    continue;
                throw failure;
            }
        }
    }
    /** Resources the stamp's own tagged deployments created, oldest deployment first, in their deployment order. */
    async createdBy(stamp, signal) {
        const client = this.withPolicies(new dist_esm.DeploymentsClient(this.options.credential, stamp.subscription, this.clientOptions())).deployments;
        const found = [];
        try {
            const list = (0,deployment_scope/* scopedDeployments */.NP)(client, stamp).list({ abortSignal: signal });
            for await (const d of list) {
                const tags = d.tags ?? {};
                if (tags[types/* DEPLOYMENT_TAGS */.S.stamp] === stamp.id && (tags[types/* DEPLOYMENT_TAGS */.S.rolloutId] ?? '').startsWith(`${this.options.spec.name}@`))
                    found.push(d);
            }
        }
        catch (error) {
            const failure = (0,arm_errors/* fromSdkError */.Rf)(error, `listing deployments of ${stamp.id}`);
            if (failure.code === 'ResourceGroupNotFound')
                return [];
            throw failure;
        }
        found.sort((a, b) => time(a) - time(b));
        const ids = [];
        for (const d of found)
            for (const r of d.properties?.outputResources ?? [])
                if (r.id && !ids.some((i) => i.toLowerCase() === r.id.toLowerCase()))
                    ids.push(r.id);
        return ids;
    }
    apiVersion(id) {
        const providers = id.split('/providers/')[1]?.split('/') ?? [];
        const type = [providers[0], ...providers.slice(1).filter((_, i) => i % 2 === 0)].join('/');
        return this.apiVersions.get(type.toLowerCase());
    }
    stackDeps() {
        return (this.stackClients ??= { credential: this.options.credential, endpoint: this.options.endpoint, clock: this.options.clock, correlationId: (0,pipeline/* specCorrelationId */.xV)(this.options.spec) });
    }
    rm(subscription) {
        return this.withPolicies(new esm/* ResourceManagementClient */.h0(this.options.credential, subscription, this.clientOptions()));
    }
    withPolicies(client) {
        return (0,pipeline/* withArmPolicies */.T6)(client, this.options.credential, (0,pipeline/* specCorrelationId */.xV)(this.options.spec));
    }
    clientOptions() {
        return { ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}), retryOptions: { maxRetries: 2 } };
    }
}
function time(d) {
    const t = d.properties?.timestamp;
    return t instanceof Date ? t.getTime() : t ? Date.parse(String(t)) : 0;
}


/***/ }),

/***/ 97158:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ trustCertificate)
/* harmony export */ });
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(41692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_0__);

const trusted = new Set();
/**
 * Trusts one more CA in this process, for the Azure SDK and the probes alike: a private cloud's (Azure Stack) or the
 * local endpoint's self-signed one. Node reads NODE_EXTRA_CA_CERTS only at start; `tls.setDefaultCACertificates`
 * (Node 24) is the in-process way, and it adds to the system roots instead of replacing them.
 */
function trustCertificate(pem) {
    if (trusted.has(pem))
        return;
    trusted.add(pem);
    node_tls__WEBPACK_IMPORTED_MODULE_0___default().setDefaultCACertificates([...node_tls__WEBPACK_IMPORTED_MODULE_0___default().getCACertificates('default'), pem]);
}


/***/ }),

/***/ 9898:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ DEPLOYMENT_TAGS)
/* harmony export */ });
/**
 * The plan: everything the engine needs to run a rollout, decided before anything touches Azure. It is plain data,
 * serialised as JSON between jobs, so every field is JSON and the key order is fixed by construction.
 */
/** Tag names put on every ARM deployment; the planner and the deployer agree on them through this. */
const DEPLOYMENT_TAGS = {
    rolloutId: 'rollout-id',
    version: 'rollout-version',
    stage: 'rollout-stage',
    stamp: 'rollout-stamp',
    contentHash: 'rollout-content-hash',
    specHash: 'rollout-spec-hash',
    /** One process's run (a fresh id each time): what tells two runs of the same rollout apart in ARM. */
    runId: 'rollout-run',
};


/***/ }),

/***/ 33355:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Aw: () => (/* binding */ SystemClock),
/* harmony export */   k_: () => (/* binding */ VirtualClock)
/* harmony export */ });
/* unused harmony export MAX_TIMER_MS */
/** The longest delay setTimeout honours. */
const MAX_TIMER_MS = 2 ** 31 - 1;
class SystemClock {
    now() {
        return Date.now();
    }
    /**
     * Node fires a timer of more than 2^31-1 ms (about 24.8 days) at once, with only a warning: a 30-day bake would
     * end immediately and be reported as baked. Long sleeps are slept in chunks, each re-aimed at the end time.
     */
    sleep(ms, signal) {
        const end = Date.now() + Math.max(0, ms);
        return new Promise((resolve, reject) => {
            if (signal?.aborted)
                return reject(signal.reason);
            let timer;
            const onAbort = () => {
                clearTimeout(timer);
                reject(signal.reason);
            };
            // A Node timer holds at most 2^31-1 ms (24.8 days) and fires at once beyond it: long sleeps go in chunks, each
            // against the wall clock, so a bake of weeks is slept in full.
            const arm = () => {
                const left = end - Date.now();
                if (left <= 0 && timer !== undefined) {
                    signal?.removeEventListener('abort', onAbort);
                    return resolve();
                }
                timer = setTimeout(arm, Math.min(Math.max(0, left), MAX_TIMER_MS));
            };
            signal?.addEventListener('abort', onAbort, { once: true });
            arm();
        });
    }
    track(work) {
        return work;
    }
    release(work) {
        return work;
    }
}
/**
 * A clock that only moves when everything waiting on it is asleep: after a few real event-loop turns with no tracked
 * I/O in flight and no new timer, it jumps to the earliest due timer. Start it with `start()`, stop it with `stop()`.
 */
class VirtualClock {
    current;
    timers = [];
    seq = 0;
    busy = 0;
    running = false;
    quietTurns = 0;
    lastSeq = 0;
    idleTurns;
    /** `idleTurns`: real event-loop turns that must pass quietly before time jumps. */
    constructor(start = Date.UTC(2026, 0, 1), idleTurns = 3) {
        this.current = start;
        this.idleTurns = idleTurns;
    }
    now() {
        return this.current;
    }
    sleep(ms, signal) {
        return new Promise((resolve, reject) => {
            if (signal?.aborted)
                return reject(signal.reason);
            const timer = {
                due: this.current + Math.max(0, ms),
                seq: ++this.seq,
                fire: () => {
                    signal?.removeEventListener('abort', onAbort);
                    resolve();
                },
            };
            const onAbort = () => {
                this.timers = this.timers.filter((t) => t !== timer);
                reject(signal.reason);
            };
            signal?.addEventListener('abort', onAbort, { once: true });
            this.timers.push(timer);
        });
    }
    track(work) {
        this.busy++;
        return work.finally(() => {
            this.busy--;
            this.quietTurns = 0;
        });
    }
    release(work) {
        if (this.busy === 0)
            return work; // the client did not track its request: nothing to hand back
        this.busy--;
        return work.finally(() => {
            this.busy++;
        });
    }
    /** Moves time forward by `ms` at once, firing every timer due on the way, in order. */
    advance(ms) {
        this.advanceTo(this.current + ms);
    }
    /** Number of sleepers waiting; tests use it to see that work is parked on the clock. */
    get pending() {
        return this.timers.length;
    }
    start() {
        if (this.running)
            return this;
        this.running = true;
        const tick = () => {
            if (!this.running)
                return;
            this.step();
            setImmediate(tick);
        };
        setImmediate(tick);
        return this;
    }
    stop() {
        this.running = false;
    }
    step() {
        if (this.busy > 0 || this.timers.length === 0 || this.seq !== this.lastSeq) {
            this.lastSeq = this.seq;
            this.quietTurns = 0;
            return;
        }
        if (++this.quietTurns < this.idleTurns)
            return;
        this.quietTurns = 0;
        const next = Math.min(...this.timers.map((t) => t.due));
        this.advanceTo(Math.max(next, this.current));
    }
    advanceTo(target) {
        for (;;) {
            const due = this.timers.filter((t) => t.due <= target).sort((a, b) => a.due - b.due || a.seq - b.seq);
            if (due.length === 0)
                break;
            const first = due[0];
            this.current = Math.max(this.current, first.due);
            const batch = due.filter((t) => t.due === first.due);
            this.timers = this.timers.filter((t) => !batch.includes(t));
            for (const t of batch)
                t.fire();
        }
        this.current = Math.max(this.current, target);
    }
}


/***/ })

};
