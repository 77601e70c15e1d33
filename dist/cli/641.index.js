export const id = 641;
export const ids = [641];
export const modules = {

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

/***/ 30610:
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

// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(41692);
var external_node_tls_default = /*#__PURE__*/__webpack_require__.n(external_node_tls_);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
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
    // One keep-alive agent per target host: a stamp probed every few seconds reuses its connection instead of a TCP and
    // TLS handshake each time (ARM-scale rollouts probe thousands of stamps). Idle sockets close after a while and never
    // keep the process alive.
    const agents = new Map();
    const agentFor = (url) => {
        const key = `${url.protocol}//${url.host}`;
        let agent = agents.get(key);
        if (!agent) {
            const settings = { keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 4, maxFreeSockets: 2, timeout: 60_000 };
            agent = url.protocol === 'https:' ? new (external_node_https_default()).Agent(settings) : new (external_node_http_default()).Agent(settings);
            agents.set(key, agent);
        }
        return agent;
    };
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
            response = await withTimeout(options.clock, check.timeoutMs, signal, (inner) => get(parsed, headers, parsed.protocol === 'https:' ? context() : undefined, agentFor(parsed), inner));
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
