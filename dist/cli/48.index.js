export const id = 48;
export const ids = [48];
export const modules = {

/***/ 49048:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  X7: () => (/* binding */ createProber)
});

// UNUSED EXPORTS: MAX_PROBES_IN_FLIGHT, commandProbe, envName, httpProbe, stampEnv

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:perf_hooks"
var external_node_perf_hooks_ = __webpack_require__(643);
// EXTERNAL MODULE: ./src/plan/secure-type.ts
var secure_type = __webpack_require__(61087);
;// CONCATENATED MODULE: ./src/probes/template.ts
/** `{outputs.NAME}` and `{env.NAME}` in probe settings, resolved at probe time from the stamp's outputs and the env. */

const OUTPUT = /\{outputs\.([A-Za-z0-9_.-]+)\}/g;
const ENV = /\{env\.([A-Za-z_][A-Za-z0-9_]*)\}/g;
function lookup(outputs, name) {
    if (Object.hasOwn(outputs, name))
        return outputs[name];
    // ARM output names are case-insensitive; templates and their readers do not always agree on case.
    const key = Object.keys(outputs).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : outputs[key];
}
function template_text(value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
}
/**
 * `shown` is the same text with secure outputs as `***`: what a probe's detail may print. A missing output names the
 * outputs that do exist, since the usual cause is a typo or a template that does not declare it.
 */
function resolveOutputs(template, outputs) {
    let missing;
    let secure = false;
    const render = (mask) => template.replace(OUTPUT, (_, name) => {
        const output = lookup(outputs, name);
        if (!output) {
            missing ??= name;
            return '';
        }
        if ((0,secure_type/* isSecureType */.Y)(output.type)) {
            secure = true;
            if (mask)
                return '***';
        }
        return template_text(output.value);
    });
    const value = render(false);
    if (missing !== undefined) {
        const names = Object.keys(outputs);
        return { ok: false, detail: `output '${missing}' not found in the deployment's outputs (${names.length ? names.join(', ') : 'it has none'})` };
    }
    return { ok: true, value, shown: render(true), secure };
}
function resolveEnv(template, env) {
    let missing;
    const value = template.replace(ENV, (_, name) => {
        const found = env[name];
        if (found === undefined)
            missing ??= name;
        return found ?? '';
    });
    return missing === undefined ? { ok: true, value } : { ok: false, missing };
}

;// CONCATENATED MODULE: ./src/probes/timeout.ts
class ProbeTimeout extends Error {
    constructor(ms) {
        super(`timed out after ${ms}ms`);
        this.name = 'ProbeTimeout';
    }
}
/**
 * Runs real I/O with a deadline. The I/O is tracked on the clock; the deadline is the first of a clock timer and a real
 * timer. On the SystemClock the two are the same; on a VirtualClock time cannot move while tracked I/O is pending, so
 * only the real timer can cut a request to a server that never answers.
 */
async function withTimeout(clock, ms, outer, work) {
    const inner = new AbortController();
    const onAbort = () => inner.abort(outer.reason);
    if (outer.aborted)
        throw outer.reason;
    outer.addEventListener('abort', onAbort, { once: true });
    let realTimer;
    const deadline = new Promise((_, reject) => {
        const expire = () => {
            const error = new ProbeTimeout(ms);
            inner.abort(error);
            reject(error);
        };
        realTimer = setTimeout(expire, ms);
        clock.sleep(ms, inner.signal).then(expire, () => undefined);
    });
    deadline.catch(() => undefined);
    try {
        return await Promise.race([clock.track(work(inner.signal)), deadline]);
    }
    finally {
        clearTimeout(realTimer);
        outer.removeEventListener('abort', onAbort);
        // Cancels the clock timer too, so a virtual clock is not left with a stale wake-up.
        if (!inner.signal.aborted)
            inner.abort(new Error('probe finished'));
    }
}

;// CONCATENATED MODULE: ./src/probes/types.ts
function unhealthy(detail, latencyMs = 0) {
    return { healthy: false, latencyMs, detail };
}

;// CONCATENATED MODULE: ./src/probes/command.ts
/**
 * The command probe: a program run with an argv (never through a shell, so no spec value is ever parsed as shell
 * syntax), told about the stamp through environment variables; exit 0 is healthy.
 */






const MAX_OUTPUT = 64 * 1024;
const TAIL = 240;
/** `STAMP_OUTPUT_<NAME>`: upper case, anything but letters and digits as `_`. */
function envName(output) {
    return `STAMP_OUTPUT_${output.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}`;
}
/** The facts a probe script needs about its stamp. Secure outputs are left out: a child's env is readable by others. */
function stampEnv(target) {
    const { stamp, rollout } = target;
    const env = {
        STAMP_ID: stamp.id,
        STAMP_COMPONENT: stamp.component,
        STAMP_REGION: stamp.region,
        STAMP_LOCATION: stamp.location,
        STAMP_SUBSCRIPTION: stamp.subscription,
        STAMP_DEPLOYMENT_NAME: stamp.deploymentName,
        ROLLOUT_ID: rollout.id,
        ROLLOUT_VERSION: rollout.version,
        ROLLOUT_MODE: rollout.mode,
    };
    if (stamp.resourceGroup)
        env.STAMP_RESOURCE_GROUP = stamp.resourceGroup;
    for (const [name, output] of Object.entries(target.outputs)) {
        if ((0,secure_type/* isSecureType */.Y)(output.type))
            continue;
        env[envName(name)] = typeof output.value === 'string' ? output.value : JSON.stringify(output.value);
    }
    return env;
}
function commandProbe(options) {
    return async (check, target, signal) => {
        const argv = [];
        for (const arg of check.command ?? []) {
            const resolved = resolveOutputs(arg, target.outputs);
            if (!resolved.ok)
                return unhealthy(`${target.stamp.id}: ${resolved.detail}`);
            // Another user on the machine can read a process's arguments.
            if (resolved.secure)
                return unhealthy(`${target.stamp.id}: a secure output cannot be passed as a command argument`);
            argv.push(resolved.value);
        }
        if (argv.length === 0)
            return unhealthy('no command to run');
        const shown = argv.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ');
        const env = { ...(options.env ?? process.env), ...stampEnv(target) };
        const started = external_node_perf_hooks_.performance.now();
        const latency = () => Math.round(external_node_perf_hooks_.performance.now() - started);
        let exit;
        try {
            exit = await withTimeout(options.clock, check.timeoutMs, signal, (inner) => run(argv, env, options.cwd, inner));
        }
        catch (error) {
            if (signal.aborted)
                throw signal.reason;
            if (error instanceof ProbeTimeout)
                return unhealthy(`${shown}: ${error.message}; killed`, latency());
            return unhealthy(`${shown}: could not start: ${error instanceof Error ? error.message : String(error)}`, latency());
        }
        const latencyMs = latency();
        const tail = exit.output.replace(/\s+/g, ' ').trim().slice(-TAIL);
        const said = tail ? `: ${tail}` : '';
        if (exit.code === 0)
            return { healthy: true, status: 0, latencyMs, detail: `${shown} exited 0 in ${latencyMs}ms` };
        if (exit.code === null)
            return { healthy: false, latencyMs, detail: `${shown} was killed by ${exit.signal}${said}` };
        return { healthy: false, status: exit.code, latencyMs, detail: `${shown} exited ${exit.code} in ${latencyMs}ms${said}` };
    };
}
function run(argv, env, cwd, signal) {
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(argv[0], argv.slice(1), { env, cwd, shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
        let output = '';
        const collect = (chunk) => {
            output = (output + chunk.toString('utf8')).slice(-MAX_OUTPUT);
        };
        child.stdout.on('data', collect);
        child.stderr.on('data', collect);
        // SIGKILL: a probe past its timeout gets no chance to hang on in a trap handler.
        const kill = () => void child.kill('SIGKILL');
        signal.addEventListener('abort', kill, { once: true });
        child.on('error', (error) => {
            signal.removeEventListener('abort', kill);
            reject(error);
        });
        child.on('close', (code, exitSignal) => {
            signal.removeEventListener('abort', kill);
            resolve({ code, signal: exitSignal, output });
        });
    });
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(41692);
var external_node_tls_default = /*#__PURE__*/__webpack_require__.n(external_node_tls_);
;// CONCATENATED MODULE: ./src/probes/connections.ts
/**
 * The probe's kept-alive connections: one agent per target host and probe cadence, so a stamp probed every few seconds
 * reuses its connection instead of a TCP and TLS handshake each time, with a bound on what the idle ones cost.
 */


/**
 * Idle connections kept at once, all targets together. An open TLS client connection costs the process about 90 KB
 * (OpenSSL's buffers, mostly outside the JS heap), so a stage of thousands of stamps would otherwise hold hundreds of
 * megabytes only to save handshakes. Past the bound a connection is closed after its probe rather than closing one
 * kept for another target: stamps are probed round after round, and evicting would make every probe pay a handshake.
 */
const MAX_IDLE_CONNECTIONS = 512;
/** How much later than its cadence the next probe of a connection may come and still find it open. */
const IDLE_SLACK_MS = 1_000;
class ProbeConnections {
    agents = new Map();
    idle = new Set();
    watched = new WeakSet();
    maxIdle;
    idleSlackMs;
    constructor(options = {}) {
        this.maxIdle = options.maxIdle ?? MAX_IDLE_CONNECTIONS;
        this.idleSlackMs = options.idleSlackMs ?? IDLE_SLACK_MS;
    }
    /** Idle connections held now. */
    get idleCount() {
        return this.idle.size;
    }
    /**
     * The agent for probes of `check` against `url`. A connection stays idle for one gap between this check's probes and
     * a little slack, no longer: a stamp whose probing has ended soon holds no connection, and none keeps the process
     * alive.
     */
    agentFor(url, check) {
        const idleMs = Math.max(check.intervalMs, check.watchMs ?? 0) + this.idleSlackMs;
        const key = `${url.protocol}//${url.host} ${idleMs}`;
        let agent = this.agents.get(key);
        if (!agent) {
            // One probe of a check is in flight per stamp, so one idle connection per host is all a cadence reuses.
            const settings = { keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 4, maxFreeSockets: 1, timeout: idleMs };
            agent = url.protocol === 'https:' ? new (external_node_https_default()).Agent(settings) : new (external_node_http_default()).Agent(settings);
            this.limitIdle(agent);
            this.agents.set(key, agent);
        }
        return agent;
    }
    limitIdle(agent) {
        // Node reads keepSocketAlive's answer (falsy: destroy the socket instead of keeping it); @types/node says void.
        const keep = agent.keepSocketAlive.bind(agent);
        const reuse = agent.reuseSocket.bind(agent);
        const keepWithinBound = (socket) => {
            if (this.idle.size >= this.maxIdle || !keep(socket))
                return false;
            this.idle.add(socket);
            if (!this.watched.has(socket)) {
                this.watched.add(socket);
                socket.once('close', () => this.idle.delete(socket));
            }
            return true;
        };
        Object.assign(agent, { keepSocketAlive: keepWithinBound });
        agent.reuseSocket = (socket, request) => {
            this.idle.delete(socket);
            reuse(socket, request);
        };
    }
}

;// CONCATENATED MODULE: ./src/probes/http.ts
/**
 * The HTTP(S) probe: one GET against the stamp's URL, judged by status, body patterns and latency, as Azure Deployment
 * Manager's REST health check judged it.
 */








/** Enough of any health page; a probe must not buffer a runaway response. */
const MAX_BODY = 1024 * 1024;
const EXCERPT = 160;
function httpProbe(options) {
    // One TLS context for every probe of this prober: building one per connection loads the whole CA store each time,
    // which for hundreds of stamps probed at once is most of the process's memory. Made at the first probe, so a CA
    // trusted after the prober was created still counts.
    let tlsContext;
    const context = () => (tlsContext ??= external_node_tls_default().createSecureContext({ ca: options.ca ?? external_node_tls_default().getCACertificates('default') }));
    const connections = new ProbeConnections(options.connections);
    return async (check, target, signal) => {
        const url = resolveOutputs(check.url ?? '', target.outputs);
        if (!url.ok)
            return unhealthy(`${target.stamp.id}: ${url.detail}`);
        let parsed;
        try {
            parsed = new URL(url.value);
        }
        catch {
            return unhealthy(`not a valid URL: ${url.shown}`);
        }
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
            return unhealthy(`not an http(s) URL: ${url.shown}`);
        const headers = {};
        const secrets = [];
        for (const [name, template] of Object.entries(check.headers)) {
            const value = resolveEnv(template, options.env ?? process.env);
            // The variable's name helps; its value never appears in a detail.
            if (!value.ok)
                return unhealthy(`header ${name}: environment variable ${value.missing} is not set`);
            headers[name] = value.value;
            if (value.value.length >= 4)
                secrets.push(value.value);
        }
        if (url.secure)
            secrets.push(url.value);
        const redact = (text) => secrets.reduce((acc, s) => acc.split(s).join('***'), text);
        const started = external_node_perf_hooks_.performance.now();
        const latency = () => Math.round(external_node_perf_hooks_.performance.now() - started);
        let response;
        try {
            response = await withTimeout(options.clock, check.timeoutMs, signal, (inner) => get(parsed, headers, parsed.protocol === 'https:' ? context() : undefined, connections.agentFor(parsed, check), inner));
        }
        catch (error) {
            if (signal.aborted)
                throw signal.reason;
            const reason = error instanceof ProbeTimeout ? error.message : describe(error);
            return unhealthy(`GET ${url.shown}: ${redact(reason)}`, latency());
        }
        const latencyMs = latency();
        const problems = judge(check, response, latencyMs);
        const head = `GET ${url.shown} -> ${response.status} in ${latencyMs}ms`;
        if (problems.length === 0)
            return { healthy: true, status: response.status, latencyMs, detail: head };
        const excerpt = response.body.replace(/\s+/g, ' ').trim().slice(0, EXCERPT);
        const body = excerpt ? `; body: ${JSON.stringify(excerpt)}` : '';
        return { healthy: false, status: response.status, latencyMs, detail: redact(`${head}: ${problems.join('; ')}${body}`) };
    };
}
function judge(check, response, latencyMs) {
    const problems = [];
    const { expect } = check;
    if (expect.status.length > 0 && !expect.status.includes(response.status)) {
        problems.push(`status ${response.status} is not ${expect.status.join(' or ')}`);
    }
    if (expect.body.length > 0) {
        const results = expect.body.map((pattern) => {
            try {
                return { pattern, matched: new RegExp(pattern).test(response.body) };
            }
            catch {
                return { pattern, matched: false, invalid: true };
            }
        });
        const invalid = results.find((r) => 'invalid' in r);
        if (invalid)
            problems.push(`body pattern /${invalid.pattern}/ is not a valid regular expression`);
        else if (expect.bodyMatch === 'any' && !results.some((r) => r.matched)) {
            problems.push(`body matches none of ${results.map((r) => `/${r.pattern}/`).join(', ')}`);
        }
        else if (expect.bodyMatch !== 'any') {
            const failed = results.filter((r) => !r.matched);
            if (failed.length > 0)
                problems.push(`body does not match ${failed.map((r) => `/${r.pattern}/`).join(', ')}`);
        }
    }
    if (expect.maxLatencyMs !== undefined && latencyMs > expect.maxLatencyMs) {
        problems.push(`latency ${latencyMs}ms is over ${expect.maxLatencyMs}ms`);
    }
    return problems;
}
function describe(error) {
    if (error instanceof Error) {
        const code = error.code;
        return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
    }
    return String(error);
}
function get(url, headers, secureContext, agent, signal) {
    return new Promise((resolve, reject) => {
        const transport = url.protocol === 'https:' ? (external_node_https_default()) : (external_node_http_default());
        const request = transport.request(url, { method: 'GET', headers: { 'user-agent': 'staged-rollout-probe', ...headers }, agent, signal, ...(secureContext ? { secureContext } : {}) }, (res) => {
            const chunks = [];
            let size = 0;
            res.on('data', (chunk) => {
                if (size < MAX_BODY)
                    chunks.push(chunk.subarray(0, MAX_BODY - size));
                size += chunk.length;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
        });
        request.on('error', reject);
        request.end();
    });
}

;// CONCATENATED MODULE: ./src/probes/in-flight.ts
/**
 * A bound on probes in flight at once. Without it, a stage of a thousand stamps sends a thousand probes in the same
 * instant, and the prober's own work (a TLS handshake per new connection, a process per command probe) runs up their
 * timeouts: stamps fail for the prober's queue, not for their health. A probe waits its turn here, first come first
 * served, and its timeout starts only when it is sent.
 */
class InFlightLimit {
    active = 0;
    waiting = [];
    max;
    constructor(max) {
        this.max = max;
        if (!Number.isInteger(max) || max < 1)
            throw new Error(`in-flight limit must be a positive integer, not ${max}`);
    }
    /** Resolves with a release function once a slot is free; rejects with the signal's reason if aborted first. */
    acquire(signal) {
        if (signal.aborted)
            return Promise.reject(signal.reason);
        if (this.active < this.max) {
            this.active++;
            return Promise.resolve(this.releaser());
        }
        return new Promise((resolve, reject) => {
            const entry = {
                grant: () => {
                    signal.removeEventListener('abort', onAbort);
                    this.active++;
                    resolve(this.releaser());
                },
            };
            const onAbort = () => {
                const at = this.waiting.indexOf(entry);
                if (at >= 0)
                    this.waiting.splice(at, 1);
                reject(signal.reason);
            };
            signal.addEventListener('abort', onAbort, { once: true });
            this.waiting.push(entry);
        });
    }
    get inFlight() {
        return this.active;
    }
    get queued() {
        return this.waiting.length;
    }
    releaser() {
        let released = false;
        return () => {
            if (released)
                return;
            released = true;
            this.active--;
            this.waiting.shift()?.grant();
        };
    }
}

;// CONCATENATED MODULE: ./src/probes/index.ts




/** Probes in flight at once, all stamps together (see InFlightLimit): enough for a stage of thousands of stamps to be
 * probed within a second or two, few enough that the prober's own CPU never decides a probe's timeout. */
const MAX_PROBES_IN_FLIGHT = 64;
function createProber(options) {
    const http = httpProbe(options);
    const command = commandProbe(options);
    const limit = new InFlightLimit(options.maxInFlight ?? MAX_PROBES_IN_FLIGHT);
    const dispatch = (check, target, signal) => {
        if (check.command && check.command.length > 0)
            return command(check, target, signal);
        if (check.url)
            return http(check, target, signal);
        return Promise.resolve(unhealthy(`${target.stamp.id}: the health check has neither url nor command`));
    };
    return {
        async probe(check, target, signal) {
            // The wait for a slot is not tracked on the clock: the probes holding the slots are, and a simulated slow answer
            // hands its time back to the clock, which a count for every probe queued behind it would block.
            const release = await limit.acquire(signal);
            try {
                return await dispatch(check, target, signal);
            }
            finally {
                release();
            }
        },
    };
}




/***/ })

};
