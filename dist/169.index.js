export const id = 169;
export const ids = [169];
export const modules = {

/***/ 169:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  startArmSim: () => (/* binding */ startArmSim)
});

// UNUSED EXPORTS: FaultStore, simTlsOptions, trustSimCa

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/time/clock.ts
var time_clock = __webpack_require__(33355);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
var external_node_net_default = /*#__PURE__*/__webpack_require__.n(external_node_net_);
;// CONCATENATED MODULE: ./sim/frontdoor/user-errors.ts
function userErrorStatus(rules, app, ageMs, served) {
    const rule = rules.find((r) => r.version === app.version && ageMs >= (r.afterMs ?? 0));
    if (!rule || rule.ratio <= 0)
        return undefined;
    return Math.floor(served * rule.ratio) > Math.floor((served - 1) * rule.ratio) ? rule.status ?? 500 : undefined;
}

;// CONCATENATED MODULE: ./sim/apps.ts



/**
 * How long an idle keep-alive connection to an app stays open, in real time: Azure's load balancers drop idle flows
 * after 4 minutes. Node's default (5 s) made every probe round of a large rehearsal a fresh TLS handshake.
 */
const IDLE_CONNECTION_MS = 4 * 60_000;
/**
 * The stamps' apps: one small HTTPS app per site / container app, on a port of its own, alive from its first deployment until its
 * resource (group) is deleted. A redeploy swaps the version in place, so the host name stays stable as in Azure.
 */
class StampApps {
    apps = new Map();
    cert;
    clock;
    faults;
    stopping = new AbortController();
    /** Requests and 5xx per app, as Azure Monitor counts them for a site. */
    metrics;
    /** Errors injected into user requests (not health probes): a unit that serves users badly. */
    userErrors = [];
    served = new Map();
    /**
     * One TLS server for every app, each app on a port of its own: one certificate context instead of one per app
     * (thousands of stamps in a rehearsal), and the app is known by the port a request came in on.
     */
    tls;
    byPort = new Map();
    constructor(cert, clock, faults) {
        this.cert = cert;
        this.clock = clock;
        this.faults = faults;
    }
    tlsServer() {
        if (this.tls)
            return this.tls;
        const server = external_node_https_default().createServer({ key: this.cert.key, cert: this.cert.cert });
        server.keepAliveTimeout = IDLE_CONNECTION_MS;
        server.on('request', (req, res) => {
            const app = this.byPort.get(req.socket.localPort ?? 0);
            if (!app)
                return void res.destroy();
            this.answer(app, req.method ?? 'GET', req.url ?? '/', res).catch(() => res.destroy());
        });
        this.tls = server;
        return server;
    }
    /** Starts (or re-versions) the app of a resource; returns its `host:port`. */
    async deploy(info, port = 0) {
        const key = info.resourceId.toLowerCase();
        const existing = this.apps.get(key);
        if (existing) {
            existing.info = { ...info, url: existing.info.url };
            existing.startedAt = this.clock.now();
            return existing.info.url.slice('https://'.length);
        }
        const tlsServer = this.tlsServer();
        const listener = external_node_net_default().createServer();
        const app = { info: { ...info, url: '' }, listener, sockets: new Set(), startedAt: this.clock.now() };
        listener.on('connection', (socket) => {
            app.sockets.add(socket);
            socket.once('close', () => app.sockets.delete(socket));
            tlsServer.emit('connection', socket);
        });
        await new Promise((resolve, reject) => {
            listener.once('error', reject);
            listener.listen(port, '127.0.0.1', () => resolve());
        });
        const bound = listener.address().port;
        app.info.url = `https://127.0.0.1:${bound}`;
        // The sim stopped, or another deploy of this resource started its app, while this one was listening: close it, or it
        // would listen on unseen (and keep the process alive after the sim stopped).
        const raced = this.apps.get(key);
        if (this.stopping.signal.aborted || raced) {
            await apps_close(app);
            if (!raced)
                return `127.0.0.1:${bound}`;
            raced.info = { ...info, url: raced.info.url };
            raced.startedAt = this.clock.now();
            return raced.info.url.slice('https://'.length);
        }
        this.apps.set(key, app);
        this.byPort.set(bound, app);
        return `127.0.0.1:${bound}`;
    }
    async remove(resourceId) {
        const app = this.apps.get(resourceId.toLowerCase());
        if (!app)
            return;
        this.apps.delete(resourceId.toLowerCase());
        this.byPort.delete(Number(new URL(app.info.url).port));
        await apps_close(app);
    }
    list() {
        return [...this.apps.values()].map((a) => ({ ...a.info }));
    }
    async stopAll() {
        this.stopping.abort(new Error('sim stopped'));
        const all = [...this.apps.values()];
        this.apps.clear();
        this.byPort.clear();
        await Promise.all(all.map((a) => apps_close(a)));
        this.tls?.closeAllConnections();
    }
    async answer(app, method, url, res) {
        const { info } = app;
        const subject = {
            region: [info.region],
            resourceGroup: info.resourceGroup,
            subscription: info.subscription,
            version: info.version,
            deploymentName: info.deploymentName,
        };
        const age = () => this.clock.now() - app.startedAt;
        const slow = this.faults.take(['healthSlow'], subject, (r) => age() >= (r.afterMs ?? 0));
        // The client holds the clock while it waits for this answer; let time run while the answer is held back.
        if (slow)
            await this.clock.release(this.clock.sleep(slow.delayMs, this.stopping.signal));
        const failing = this.faults.take(['healthFails', 'healthFlaps'], subject, (r) => {
            const since = age() - (r.afterMs ?? 0);
            if (since < 0)
                return false;
            // Flapping starts with a failing period, then alternates.
            return r.kind === 'healthFails' || Math.floor(since / (r.periodMs ?? 30_000)) % 2 === 0;
        });
        const path = url.split('?')[0];
        const send = (status, body) => {
            this.metrics?.add(info.resourceId, 'Requests', {}, this.clock.now());
            if (status >= 500)
                this.metrics?.add(info.resourceId, 'Http5xx', {}, this.clock.now());
            const text = typeof body === 'string' ? body : JSON.stringify(body);
            res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8' });
            res.end(method === 'HEAD' ? undefined : text);
        };
        if (method !== 'GET' && method !== 'HEAD')
            return send(405, { error: 'method not allowed' });
        if (path !== '/healthz' && path !== '/')
            return send(404, { error: 'not found' });
        if (failing) {
            const body = failing.kind === 'healthFails' && failing.body !== undefined ? failing.body : { status: 'unhealthy', version: info.version };
            return send(failing.status ?? 500, body);
        }
        if (path === '/healthz')
            return send(200, { status: 'ok', version: info.version });
        const n = (this.served.get(info.resourceId) ?? 0) + 1;
        this.served.set(info.resourceId, n);
        const injected = userErrorStatus(this.userErrors, info, age(), n);
        if (injected !== undefined)
            return send(injected, { error: 'injected user error', version: info.version });
        return send(200, { name: info.resourceId.split('/').pop(), version: info.version, region: info.region, type: info.type });
    }
}
/** Stops the app's port and drops its connections: a deleted site answers nothing, not even on a kept-alive socket. */
function apps_close(app) {
    return new Promise((resolve) => {
        app.listener.close(() => resolve());
        for (const socket of app.sockets)
            socket.destroy();
    });
}

;// CONCATENATED MODULE: ./sim/frontdoor/routing.ts
class WeightedPicker {
    current = new Map();
    pick(origins) {
        const enabled = origins.filter((o) => o.enabled);
        if (enabled.length === 0)
            return undefined;
        const best = Math.min(...enabled.map((o) => o.priority));
        const pool = enabled.filter((o) => o.priority === best);
        const total = pool.reduce((sum, o) => sum + o.weight, 0);
        let chosen;
        for (const o of pool) {
            const value = (this.current.get(o.id) ?? 0) + o.weight;
            this.current.set(o.id, value);
            if (!chosen || value > this.current.get(chosen.id))
                chosen = o;
        }
        this.current.set(chosen.id, this.current.get(chosen.id) - total);
        return chosen;
    }
}

;// CONCATENATED MODULE: ./sim/frontdoor/edge.ts


const lower = (s) => s.toLowerCase();
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
class FrontDoorEdge {
    servers = new Map();
    pickers = new Map();
    cert;
    clock;
    state;
    metrics;
    constructor(cert, clock, state, metrics) {
        this.cert = cert;
        this.clock = clock;
        this.state = state;
        this.metrics = metrics;
    }
    /** Starts the endpoint's server (once); returns its host as Azure returns `hostName` (here `127.0.0.1:PORT`). */
    async provisionEndpoint(endpointId) {
        const existing = this.servers.get(lower(endpointId));
        if (existing)
            return existing.host;
        const server = external_node_https_default().createServer({ key: this.cert.key, cert: this.cert.cert });
        server.on('request', (req, res) => {
            this.serve(endpointId, req, res).catch(() => res.destroy());
        });
        await new Promise((resolve, reject) => {
            server.once('error', reject);
            server.listen(0, '127.0.0.1', () => resolve());
        });
        const host = `127.0.0.1:${server.address().port}`;
        this.servers.set(lower(endpointId), { server, host });
        return host;
    }
    async removeUnder(idPrefix) {
        const p = lower(idPrefix);
        for (const [id, s] of [...this.servers]) {
            if (!id.startsWith(p))
                continue;
            this.servers.delete(id);
            await edge_close(s.server);
        }
    }
    async stopAll() {
        const all = [...this.servers.values()];
        this.servers.clear();
        await Promise.all(all.map((s) => edge_close(s.server)));
    }
    /** Which origin the endpoint's route for `path` would send a request to next (exposed for the tests' reasoning). */
    origins(endpointId, path) {
        const profileId = endpointId.slice(0, lower(endpointId).lastIndexOf('/afdendpoints/'));
        const routes = [...this.state.resources.values()].filter((r) => lower(r.type) === 'microsoft.cdn/profiles/afdendpoints/routes' && lower(r.id).startsWith(`${lower(endpointId)}/routes/`));
        const matching = routes
            .filter((r) => r.properties.enabledState !== 'Disabled')
            .map((r) => ({ r, pattern: longestMatch(Array.isArray(r.properties.patternsToMatch) ? r.properties.patternsToMatch : ['/*'], path) }))
            .filter((m) => m.pattern !== undefined)
            .sort((a, b) => b.pattern.length - a.pattern.length);
        const route = matching[0]?.r;
        const groupId = isObject(route?.properties.originGroup) ? String(route.properties.originGroup.id ?? '') : undefined;
        if (!groupId)
            return { profileId, origins: [] };
        const origins = [...this.state.resources.values()]
            .filter((r) => lower(r.type) === 'microsoft.cdn/profiles/origingroups/origins' && lower(r.id).startsWith(`${lower(groupId)}/origins/`))
            .map((r) => ({
            id: r.id,
            hostName: String(r.properties.hostName ?? ''),
            httpsPort: Number(r.properties.httpsPort ?? 443),
            priority: Number(r.properties.priority ?? 1),
            weight: Number(r.properties.weight ?? 50),
            enabled: r.properties.enabledState !== 'Disabled',
        }));
        return { groupId, profileId, origins };
    }
    async serve(endpointId, req, res) {
        const path = (req.url ?? '/').split('?')[0];
        const { groupId, profileId, origins } = this.origins(endpointId, path);
        const picker = this.pickers.get(groupId ?? '') ?? new WeightedPicker();
        this.pickers.set(groupId ?? '', picker);
        const origin = picker.pick(origins);
        const at = this.clock.now();
        if (!origin) {
            this.metrics.add(profileId, 'RequestCount', { HttpStatusGroup: '5xx' }, at);
            res.writeHead(503, { 'content-type': 'text/plain' });
            res.end('No healthy origin in the origin group of this route (local Front Door).');
            return;
        }
        const answer = await forward(origin, req.method ?? 'GET', req.url ?? '/', this.cert.cert);
        const group = `${Math.floor(answer.status / 100)}xx`;
        this.metrics.add(profileId, 'RequestCount', { HttpStatusGroup: group }, at);
        this.metrics.add(profileId, 'OriginRequestCount', { Origin: `${origin.hostName}:${origin.httpsPort}`, HttpStatusGroup: group }, at);
        res.writeHead(answer.status, { 'content-type': answer.contentType, 'x-sim-origin': origin.id.split('/').pop() });
        res.end(answer.body);
    }
}
function longestMatch(patterns, path) {
    const hits = patterns.filter((p) => (p.endsWith('/*') ? path.startsWith(p.slice(0, -1)) || path === p.slice(0, -2) : path === p));
    return hits.sort((a, b) => b.length - a.length)[0];
}
function forward(origin, method, url, ca) {
    return new Promise((resolve) => {
        const req = external_node_https_default().request({ host: origin.hostName, port: origin.httpsPort, method, path: url, ca, timeout: 30_000 }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 502, body: Buffer.concat(chunks), contentType: String(res.headers['content-type'] ?? 'text/plain') }));
            res.on('error', () => resolve({ status: 502, body: Buffer.from('origin answer broke off'), contentType: 'text/plain' }));
        });
        req.on('timeout', () => req.destroy(new Error('origin timeout')));
        // An origin that is gone or refuses is a 502 at the edge, as Front Door answers.
        req.on('error', () => resolve({ status: 502, body: Buffer.from('origin unreachable (local Front Door)'), contentType: 'text/plain' }));
        req.end();
    });
}
function edge_close(server) {
    return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
    });
}

;// CONCATENATED MODULE: ./sim/frontdoor/load.ts

class UserLoad {
    stopping = new AbortController();
    inFlight = new Set();
    loop;
    counts = { requests: 0, byOrigin: {} };
    clock;
    ca;
    options;
    constructor(clock, ca, options) {
        this.clock = clock;
        this.ca = ca;
        this.options = options;
        if (!(options.ratePerMinute > 0) || options.ratePerMinute > 6000)
            throw new Error('user load: ratePerMinute must be between 0 and 6000');
        this.loop = this.run();
    }
    /** Stops sending and waits for the requests on their way. */
    async stop() {
        this.stopping.abort(new Error('user load stopped'));
        await this.loop;
        await Promise.allSettled([...this.inFlight]);
    }
    /** Counts since the last reset; the caller compares splits per step. */
    take() {
        const copy = JSON.parse(JSON.stringify(this.counts));
        this.counts.requests = 0;
        this.counts.byOrigin = {};
        return copy;
    }
    async run() {
        const gapMs = 60_000 / this.options.ratePerMinute;
        for (;;) {
            try {
                await this.clock.sleep(gapMs, this.stopping.signal);
            }
            catch {
                return;
            }
            const work = this.clock.track(this.send()).finally(() => this.inFlight.delete(work));
            this.inFlight.add(work);
        }
    }
    send() {
        const target = new URL(this.options.path ?? '/', this.options.url);
        return new Promise((resolve) => {
            const req = external_node_https_default().request(target, { method: 'GET', ca: this.ca, timeout: 30_000 }, (res) => {
                res.resume();
                res.on('end', () => {
                    const origin = String(res.headers['x-sim-origin'] ?? '(none)');
                    const at = this.clock.now();
                    const slot = (this.counts.byOrigin[origin] ??= { requests: 0, errors: 0, firstAt: at, lastAt: at });
                    slot.requests++;
                    slot.lastAt = at;
                    if ((res.statusCode ?? 500) >= 500) {
                        slot.errors++;
                        slot.firstErrorAt ??= at;
                    }
                    this.counts.requests++;
                    resolve();
                });
            });
            req.on('timeout', () => req.destroy(new Error('timeout')));
            req.on('error', () => {
                this.counts.requests++;
                resolve();
            });
            req.end();
        });
    }
}

;// CONCATENATED MODULE: ./sim/metrics/store.ts
/**
 * Azure Monitor's counters as the local endpoint keeps them: per resource, per metric, per minute, per set of
 * dimension values. Front Door and the stamp apps add to them as they serve requests; the metrics API reads them.
 */
const MINUTE = 60_000;
class MetricStore {
    series = new Map();
    add(resourceId, metric, dims, at, count = 1) {
        const key = `${resourceId.toLowerCase()}|${metric.toLowerCase()}`;
        let byDims = this.series.get(key);
        if (!byDims)
            this.series.set(key, (byDims = new Map()));
        const dimsKey = JSON.stringify(Object.entries(dims).sort(([a], [b]) => a.localeCompare(b)));
        let s = byDims.get(dimsKey);
        if (!s)
            byDims.set(dimsKey, (s = { dims, counts: new Map() }));
        const minute = Math.floor(at / MINUTE) * MINUTE;
        s.counts.set(minute, (s.counts.get(minute) ?? 0) + count);
    }
    /** Totals per interval in [from, to), split by `splitBy` dimensions, filtered by `equals` (dimension -> value). */
    query(resourceId, metric, q) {
        const byDims = this.series.get(`${resourceId.toLowerCase()}|${metric.toLowerCase()}`) ?? new Map();
        const groups = new Map();
        const dimOf = (dims, name) => Object.entries(dims).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
        for (const s of byDims.values()) {
            if (Object.entries(q.equals).some(([k, v]) => (dimOf(s.dims, k) ?? '').toLowerCase() !== v.toLowerCase()))
                continue;
            const dims = Object.fromEntries(q.splitBy.map((d) => [d, dimOf(s.dims, d) ?? '']));
            const key = JSON.stringify(dims);
            let g = groups.get(key);
            if (!g)
                groups.set(key, (g = { dims, totals: new Map() }));
            for (const [minute, count] of s.counts) {
                if (minute < q.from || minute >= q.to)
                    continue;
                const slot = q.from + Math.floor((minute - q.from) / q.intervalMs) * q.intervalMs;
                g.totals.set(slot, (g.totals.get(slot) ?? 0) + count);
            }
        }
        const slots = [];
        for (let t = q.from; t < q.to; t += q.intervalMs)
            slots.push(t);
        if (groups.size === 0 && q.splitBy.length === 0)
            groups.set('{}', { dims: {}, totals: new Map() });
        return [...groups.values()].map((g) => ({ dims: g.dims, totals: slots.map((at) => ({ at, total: g.totals.get(at) ?? 0 })) }));
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/selfsigned/index.js
var selfsigned = __webpack_require__(7686);
;// CONCATENATED MODULE: ./sim/certs.ts


/**
 * One self-signed certificate per sim, made at start: it is both the server certificate (ARM endpoint and stamp apps)
 * and the CA a client trusts. EC keys keep generation and the TLS handshakes of 500 concurrent clients cheap.
 */
async function makeCert() {
    const now = Date.now();
    // A unique subject per sim: OpenSSL looks trust anchors up by subject, so two sims' certificates trusted in one
    // process must not share one, or the second would be checked against the first.
    const pems = await (0,selfsigned/* generate */.c)([{ name: 'commonName', value: `staged-rollout local ARM ${(0,external_node_crypto_.randomUUID)()}` }], {
        keyType: 'ec',
        curve: 'P-256',
        algorithm: 'sha256',
        // Real time, not the sim's clock: TLS checks validity against the wall clock.
        notBeforeDate: new Date(now - 3_600_000),
        notAfterDate: new Date(now + 30 * 86_400_000),
        extensions: [
            { name: 'basicConstraints', cA: true, critical: true },
            { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
            { name: 'extKeyUsage', serverAuth: true },
            { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
        ],
    });
    // PEM files end with a line break: tools that concatenate CA bundles (cat a.pem b.pem) rely on it.
    const pem = (s) => (s.endsWith('\n') ? s : `${s}\n`);
    return { key: pem(pems.private), cert: pem(pems.cert) };
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(38816);
;// CONCATENATED MODULE: ./sim/faults.ts


/**
 * Faults are rules: a match (which stamps) plus a kind (what goes wrong). Every field of the match that is set must
 * equal (case-insensitively) the subject's; `times` (alias `count`) makes a rule apply to only that many events.
 */
const match = {
    region: schemas/* string */.YjP().optional(),
    resourceGroup: schemas/* string */.YjP().optional(),
    subscription: schemas/* string */.YjP().optional(),
    version: schemas/* string */.YjP().optional(),
    deploymentName: schemas/* string */.YjP().optional(),
    /** ARM request faults only: substring of the URL path, and the HTTP method. */
    path: schemas/* string */.YjP().optional(),
    method: schemas/* string */.YjP().optional(),
    times: schemas/* number */.aig().int().positive().optional(),
    count: schemas/* number */.aig().int().positive().optional(),
    id: schemas/* string */.YjP().optional(),
    note: schemas/* string */.YjP().optional(),
};
const detail = schemas/* object */.Ikc({ code: schemas/* string */.YjP(), message: schemas/* string */.YjP(), target: schemas/* string */.YjP().optional() });
const ms = schemas/* number */.aig().nonnegative();
const faultRuleSchema = schemas/* discriminatedUnion */.gMt('kind', [
    /** The deployment ends Failed with this code and message (as a resource operation's error, wrapped in DeploymentFailed unless `wrap: false`). */
    schemas/* object */.Ikc({ ...match, kind: schemas/* literal */.euz('deploymentFails'), code: schemas/* string */.YjP().min(1), message: schemas/* string */.YjP().min(1), details: schemas/* array */.YOg(detail).optional(), statusCode: schemas/* string */.YjP().optional(), wrap: schemas/* boolean */.zMY().optional() }),
    /** The deployment takes this long (virtual time when the sim runs on a VirtualClock). */
    schemas/* object */.Ikc({ ...match, kind: schemas/* literal */.euz('deploymentTakes'), durationMs: ms }),
    /** The deployment stays Running until it is canceled (or its resource group deleted). */
    schemas/* object */.Ikc({ ...match, kind: schemas/* literal */.euz('deploymentHangs') }),
    /** validate and PUT answer 400 InvalidTemplateDeployment with this preflight error. */
    schemas/* object */.Ikc({ ...match, kind: schemas/* literal */.euz('validationFails'), code: schemas/* string */.YjP().min(1), message: schemas/* string */.YjP().min(1), target: schemas/* string */.YjP().optional() }),
    /** The stamp app answers `status` (default 500), from `afterMs` after it started (a stamp that turns unhealthy). */
    schemas/* object */.Ikc({ ...match, kind: schemas/* literal */.euz('healthFails'), status: schemas/* number */.aig().int().min(100).max(599).optional(), afterMs: ms.optional(), body: schemas/* string */.YjP().optional() }),
    /** The stamp app answers after `delayMs` (on the sim's clock). */
    schemas/* object */.Ikc({ ...match, kind: schemas/* literal */.euz('healthSlow'), delayMs: ms, afterMs: ms.optional() }),
    /** The stamp app alternates healthy / failing every `periodMs` (default 30 s), from `afterMs` after it started. */
    schemas/* object */.Ikc({ ...match, kind: schemas/* literal */.euz('healthFlaps'), periodMs: schemas/* number */.aig().positive().optional(), afterMs: ms.optional(), status: schemas/* number */.aig().int().min(100).max(599).optional() }),
    /** ARM requests get their connection destroyed without an answer. */
    schemas/* object */.Ikc({ ...match, kind: schemas/* literal */.euz('requestRefused') }),
    /** ARM requests get a TCP reset. */
    schemas/* object */.Ikc({ ...match, kind: schemas/* literal */.euz('requestReset') }),
    /** ARM requests answer this 5xx (default 500 InternalServerError) without acting; with `path: '/cancel'`, a cancel that fails. */
    schemas/* object */.Ikc({ ...match, kind: schemas/* literal */.euz('serverError'), status: schemas/* number */.aig().int().min(500).max(599).optional(), code: schemas/* string */.YjP().optional(), message: schemas/* string */.YjP().optional() }),
    /** ARM requests answer 404 without acting: an operation status ARM no longer keeps, a resource gone meanwhile. */
    schemas/* object */.Ikc({ ...match, kind: schemas/* literal */.euz('notFound'), code: schemas/* string */.YjP().optional(), message: schemas/* string */.YjP().optional() }),
    /** ARM requests are read and never answered (the connection stays open until the client gives up); `afterAct`: ARM acts on it first. */
    schemas/* object */.Ikc({ ...match, kind: schemas/* literal */.euz('requestHangs'), afterAct: schemas/* boolean */.zMY().optional() }),
    /** ARM acts on the request (a PUT takes effect), then the connection is reset instead of the answer. */
    schemas/* object */.Ikc({ ...match, kind: schemas/* literal */.euz('answerLost') }),
    /** ARM requests answer 401 ExpiredAuthenticationToken (with `times: 1`, once: a refreshed token then passes). */
    schemas/* object */.Ikc({ ...match, kind: schemas/* literal */.euz('authExpired') }),
    /** ARM requests answer 429 SubscriptionRequestsThrottled (on top of the real token bucket), or a provider's own code. */
    schemas/* object */.Ikc({ ...match, kind: schemas/* literal */.euz('throttle'), retryAfterSeconds: schemas/* number */.aig().int().nonnegative().optional(), operation: schemas/* enum */.k5n(['read', 'write', 'delete']).optional(), code: schemas/* string */.YjP().min(1).optional() }),
]);
function parseFaultRules(input) {
    const list = Array.isArray(input) ? input : [input];
    return list.map((r, i) => {
        const parsed = faultRuleSchema.safeParse(r);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            throw new Error(`fault rule ${i}: ${issue.path.join('.') || '(rule)'}: ${issue.message}`);
        }
        return parsed.data;
    });
}
const eq = (a, b) => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
function matches(rule, s) {
    if (rule.region !== undefined && !(s.region ?? []).some((r) => eq(r.replace(/\s+/g, ''), rule.region.replace(/\s+/g, ''))))
        return false;
    if (rule.resourceGroup !== undefined && !eq(rule.resourceGroup, s.resourceGroup))
        return false;
    if (rule.subscription !== undefined && !eq(rule.subscription, s.subscription))
        return false;
    if (rule.version !== undefined && !eq(rule.version, s.version))
        return false;
    if (rule.deploymentName !== undefined && !eq(rule.deploymentName, s.deploymentName))
        return false;
    if (rule.method !== undefined && !eq(rule.method, s.method))
        return false;
    if (rule.path !== undefined && !(s.path ?? '').toLowerCase().includes(rule.path.toLowerCase()))
        return false;
    if (rule.kind === 'throttle' && rule.operation !== undefined && rule.operation !== s.operation)
        return false;
    return true;
}
/** Rules added in code or over the control API, plus those of an optional JSON file (re-read when it changes). */
class FaultStore {
    entries = [];
    fileEntries = [];
    seq = 0;
    file;
    fileStamp = '';
    warn;
    constructor(initial = [], file, warn = (m) => process.stderr.write(`${m}\n`)) {
        this.file = file;
        this.warn = warn;
        for (const r of parseFaultRules(initial))
            this.add(r);
    }
    add(rule) {
        const [parsed] = parseFaultRules(rule);
        const id = parsed.id ?? `fault-${++this.seq}`;
        if (this.entries.some((e) => e.rule.id === id))
            throw new Error(`fault id '${id}' is already in use`);
        this.entries.push({ rule: { ...parsed, id }, remaining: parsed.times ?? parsed.count ?? Number.POSITIVE_INFINITY });
        return id;
    }
    remove(id) {
        const before = this.entries.length;
        this.entries = this.entries.filter((e) => e.rule.id !== id);
        return this.entries.length !== before;
    }
    clear() {
        this.entries = [];
    }
    list() {
        this.reloadFile();
        return [...this.fileEntries, ...this.entries].map((e) => (Number.isFinite(e.remaining) ? { ...e.rule, remaining: e.remaining } : { ...e.rule }));
    }
    /** The first live rule of one of `kinds` that matches; using it counts against its `times`. */
    take(kinds, subject, when) {
        this.reloadFile();
        for (const e of [...this.fileEntries, ...this.entries]) {
            if (e.remaining <= 0 || !kinds.includes(e.rule.kind) || !matches(e.rule, subject))
                continue;
            if (when && !when(e.rule))
                continue;
            e.remaining--;
            return e.rule;
        }
        return undefined;
    }
    reloadFile() {
        if (!this.file)
            return;
        let stamp;
        try {
            const st = (0,external_node_fs_.statSync)(this.file);
            stamp = `${st.mtimeMs}:${st.size}`;
        }
        catch {
            stamp = 'missing';
        }
        if (stamp === this.fileStamp)
            return;
        this.fileStamp = stamp;
        if (stamp === 'missing') {
            this.fileEntries = [];
            return;
        }
        try {
            const rules = parseFaultRules(JSON.parse((0,external_node_fs_.readFileSync)(this.file, 'utf8')));
            this.fileEntries = rules.map((r, i) => ({ rule: { ...r, id: r.id ?? `file-${i + 1}` }, remaining: r.times ?? r.count ?? Number.POSITIVE_INFINITY }));
        }
        catch (err) {
            // A half-written file must not wipe the faults in force; keep the last good set and say why.
            this.warn(`staged-rollout sim: ignoring faults file ${this.file}: ${err.message}`);
        }
    }
}

;// CONCATENATED MODULE: ./sim/lro.ts

class LocationOperations {
    ops = new Map();
    create(op) {
        const id = (0,external_node_crypto_.randomUUID)().replace(/-/g, '').toUpperCase();
        this.ops.set(id, op);
        return id;
    }
    get(id) {
        return this.ops.get(id.toUpperCase());
    }
}
/** `Location` of an operation result, absolute on the sim's endpoint (the SDK polls it as given). */
function operationResultUrl(endpoint, subscription, id, apiVersion) {
    const base = subscription ? `/subscriptions/${subscription}` : '/providers/Microsoft.Resources';
    return `${endpoint}${base}/operationresults/${id}?api-version=${encodeURIComponent(apiVersion)}`;
}

;// CONCATENATED MODULE: ./sim/armJson.ts
/**
 * Request bodies as ARM reads them. ARM's JSON reader is lenient where strict JSON is not, and clients rely on it:
 * azure-cli splices the template file's text verbatim into the deployment body behind an unquoted `template` key,
 * comments included. Accepted beyond RFC 8259: `//` and `/* *\/` comments, unquoted property names, single-quoted
 * strings, raw line breaks inside strings (multi-line strings), a trailing comma before `}` or `]`, a leading BOM.
 * Anything else is garbage and fails with the path, line and position of the first bad character.
 */
class ArmJsonError extends Error {
    line;
    position;
    path;
    constructor(what, path, line, position) {
        super(`${what} Path '${path}', line ${line}, position ${position}.`);
        this.name = 'ArmJsonError';
        this.line = line;
        this.position = position;
        this.path = path;
    }
}
const IDENT = /[\p{L}\p{N}_$]/u;
function parseArmJson(text) {
    // Strict JSON is the common case: the built-in parser is faster and gives the same value.
    try {
        return JSON.parse(text);
    }
    catch {
        return parseLenient(text);
    }
}
function parseLenient(text) {
    let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const path = [];
    const where = (at) => {
        let line = 1;
        let lineStart = 0;
        for (let k = 0; k < at && k < text.length; k++) {
            if (text[k] === '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return { line, position: at - lineStart + 1 };
    };
    const pathText = () => path.map((p, n) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? (n === 0 ? p : `.${p}`) : `['${p}']`)).join('');
    const fail = (what, at = i) => {
        const { line, position } = where(at);
        throw new ArmJsonError(what, pathText(), line, position);
    };
    const shown = (at) => (at >= text.length ? 'end of input' : JSON.stringify(text[at]).slice(1, -1));
    const skip = () => {
        for (;;) {
            const c = text[i];
            if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff' || c === '\u00a0')
                i++;
            else if (c === '/' && text[i + 1] === '/') {
                while (i < text.length && text[i] !== '\n')
                    i++;
            }
            else if (c === '/' && text[i + 1] === '*') {
                const end = text.indexOf('*/', i + 2);
                if (end < 0)
                    fail('Unexpected end while parsing comment.', text.length);
                i = end + 2;
            }
            else if (c === '/')
                fail(`Error parsing comment. Expected: *, got ${shown(i + 1)}.`, i + 1);
            else
                return;
        }
    };
    const string = () => {
        const quote = text[i++];
        let out = '';
        for (;;) {
            if (i >= text.length)
                fail('Unterminated string. Expected delimiter: ' + quote + '.', text.length);
            const c = text[i++];
            if (c === quote)
                return out;
            if (c !== '\\') {
                out += c;
                continue;
            }
            const e = text[i++];
            const simple = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
            if (e !== undefined && e in simple)
                out += simple[e];
            else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i, i + 4))) {
                out += String.fromCharCode(Number.parseInt(text.slice(i, i + 4), 16));
                i += 4;
            }
            else
                fail(`Bad JSON escape sequence: \\${e ?? ''}.`, i - 2);
        }
    };
    const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    const number = () => {
        // Sticky: matches at i without copying the rest of a (up to 4 MiB) body.
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (!m || IDENT.test(text[i + m[0].length] ?? ''))
            fail(`Unexpected character encountered while parsing number: ${shown(i + (m?.[0].length ?? 0))}.`, i + (m?.[0].length ?? 0));
        i += m[0].length;
        return Number(m[0]);
    };
    const value = () => {
        skip();
        const c = text[i];
        if (c === '{')
            return object();
        if (c === '[')
            return array();
        if (c === '"' || c === "'")
            return string();
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9'))
            return number();
        for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
            if (text.startsWith(word, i) && !IDENT.test(text[i + word.length] ?? '')) {
                i += word.length;
                return v;
            }
        }
        return fail(i >= text.length ? 'Unexpected end when reading JSON.' : `Unexpected character encountered while parsing value: ${shown(i)}.`);
    };
    const key = () => {
        const c = text[i];
        if (c === '"' || c === "'")
            return string();
        const start = i;
        while (i < text.length && IDENT.test(text[i]))
            i++;
        if (i === start)
            fail(`Invalid property identifier character: ${shown(i)}.`);
        return text.slice(start, i);
    };
    const object = () => {
        i++;
        const out = {};
        skip();
        if (text[i] === '}') {
            i++;
            return out;
        }
        for (;;) {
            skip();
            const name = key();
            skip();
            if (text[i] !== ':')
                fail(`Invalid character after parsing property name. Expected ':' but got: ${shown(i)}.`);
            i++;
            path.push(name);
            // defineProperty: a `__proto__` key is data, as in JSON.parse, not a prototype switch.
            Object.defineProperty(out, name, { value: value(), enumerable: true, writable: true, configurable: true });
            path.pop();
            skip();
            if (text[i] === ',') {
                i++;
                skip();
                if (text[i] === '}') {
                    i++;
                    return out;
                }
                continue;
            }
            if (text[i] === '}') {
                i++;
                return out;
            }
            path.push(name);
            fail(i >= text.length ? 'Unexpected end when reading JSON.' : `After parsing a value an unexpected character was encountered: ${shown(i)}.`);
        }
    };
    const array = () => {
        i++;
        const out = [];
        skip();
        if (text[i] === ']') {
            i++;
            return out;
        }
        for (;;) {
            path.push(out.length);
            out.push(value());
            skip();
            path.pop();
            if (text[i] === ',') {
                i++;
                skip();
                if (text[i] === ']') {
                    i++;
                    return out;
                }
                continue;
            }
            if (text[i] === ']') {
                i++;
                return out;
            }
            path.push(out.length - 1);
            fail(i >= text.length ? 'Unexpected end when reading JSON.' : `After parsing a value an unexpected character was encountered: ${shown(i)}.`);
        }
    };
    const root = value();
    skip();
    if (i < text.length)
        fail(`Additional text encountered after finished reading JSON content: ${shown(i)}.`);
    return root;
}

;// CONCATENATED MODULE: ./sim/errors.ts
class ArmError extends Error {
    status;
    code;
    target;
    details;
    /** Extra headers (e.g. Retry-After on 429). */
    headers;
    constructor(status, code, message, extra = {}) {
        super(message);
        this.name = 'ArmError';
        this.status = status;
        this.code = code;
        this.target = extra.target;
        this.details = extra.details;
        this.headers = extra.headers ?? {};
    }
    detail() {
        return compactDetail({ code: this.code, message: this.message, target: this.target, details: this.details });
    }
    body() {
        return { error: this.detail() };
    }
}
function compactDetail(d) {
    const out = { code: d.code, message: d.message };
    if (d.target !== undefined)
        out.target = d.target;
    if (d.details && d.details.length > 0)
        out.details = d.details.map(compactDetail);
    return out;
}
/** Template-language problems: ARM reports them as 400 InvalidTemplate, at validate and at PUT. */
class TemplateError extends ArmError {
    constructor(message) {
        super(400, 'InvalidTemplate', `Deployment template validation failed: '${message}'.`);
    }
}
const notFound = (code, message) => new ArmError(404, code, message);
const badRequest = (code, message, target) => new ArmError(400, code, message, { target });
const conflict = (code, message) => new ArmError(409, code, message);
function invalidContent(reason) {
    return badRequest('InvalidRequestContent', `The request content was invalid and could not be deserialized: '${reason}'.`);
}

;// CONCATENATED MODULE: ./sim/ids.ts

function scopeId(scope) {
    switch (scope.kind) {
        case 'tenant':
            return '';
        case 'managementGroup':
            return `/providers/Microsoft.Management/managementGroups/${scope.groupId}`;
        case 'subscription':
            return `/subscriptions/${scope.subscription}`;
        case 'resourceGroup':
            return `/subscriptions/${scope.subscription}/resourceGroups/${scope.resourceGroup}`;
    }
}
/** Map key: ARM names are case-insensitive. */
const scopeKey = (scope) => scopeId(scope).toLowerCase();
const rgKey = (subscription, rg) => `${subscription}/${rg}`.toLowerCase();
function subscriptionOf(scope) {
    return scope.kind === 'subscription' || scope.kind === 'resourceGroup' ? scope.subscription : undefined;
}
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function checkSubscription(id) {
    if (!GUID.test(id)) {
        throw badRequest('InvalidSubscriptionId', `The provided subscription identifier '${id}' is malformed or invalid.`);
    }
}
// ARM: 1-90 chars, letters/digits/underscore/parentheses/hyphen/period, not ending in a period.
const RG_NAME = /^[-\w._()\p{L}]{1,90}$/u;
function checkResourceGroupName(name) {
    if (!RG_NAME.test(name) || name.endsWith('.')) {
        throw badRequest('InvalidResourceGroupName', `Resource group name '${name}' is invalid. It can include alphanumeric, underscore, parentheses, hyphen, period (except at end), and Unicode characters that match the allowed characters.`);
    }
}
const DEPLOYMENT_NAME = /^[-\w._()]+$/;
function checkDeploymentName(name) {
    if (name.length > 64) {
        throw badRequest('DeploymentNameLengthLimitExceeded', `The provided deployment name '${name}' has a length of '${name.length}' which exceeds the maximum length of '64'. Please see https://aka.ms/arm-deploy for usage details.`);
    }
    if (!DEPLOYMENT_NAME.test(name)) {
        throw badRequest('DeploymentNameInvalidCharacters', `The provided deployment name '${name}' has these invalid characters: '${[...new Set(name.replace(/[-\w._()]/g, ''))].join('')}'. The name can only be a letter, digit, '-', '.', '_', '(' or ')'. Please see https://aka.ms/arm-deploy for usage details.`);
    }
}
/** ARM accepts display names ("East US") and stores the normalized short name ("eastus"). */
function normalizeLocation(location) {
    if (typeof location !== 'string' || location.trim() === '') {
        throw badRequest('LocationRequired', 'The location property is required for this definition.');
    }
    return location.replace(/\s+/g, '').toLowerCase();
}
/** `Microsoft.Web/sites/config` + `site/web` -> one id; the counts of type and name segments must agree. */
function resourceIdFor(scopePrefix, type, name) {
    const [ns, ...types] = type.split('/');
    const names = name.split('/');
    if (!ns || types.length === 0 || types.length !== names.length || names.some((n) => n === '')) {
        throw new ArmError(400, 'InvalidTemplate', `Deployment template validation failed: 'The template resource '${name}' for type '${type}' has incorrect segment lengths. A nested resource type must have identical number of segments as its resource name.'.`);
    }
    if (type.toLowerCase() === 'microsoft.resources/resourcegroups')
        return `${scopePrefix}/resourceGroups/${name}`;
    return `${scopePrefix}/providers/${ns}/${types.map((t, i) => `${t}/${names[i]}`).join('/')}`;
}
function parseResourceId(id) {
    const m = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?\/providers\/([^/]+)\/(.+)$/i.exec(id);
    if (!m)
        return undefined;
    const rest = m[4].split('/');
    if (rest.length % 2 !== 0)
        return undefined;
    const types = [];
    const names = [];
    for (let i = 0; i < rest.length; i += 2) {
        types.push(rest[i]);
        names.push(rest[i + 1]);
    }
    return { subscription: m[1], resourceGroup: m[2], namespace: m[3], types, names };
}

;// CONCATENATED MODULE: ./sim/traffic-manager.ts

/**
 * Traffic Manager profiles (Microsoft.Network/trafficManagerProfiles) as a loopback router: each profile gets an
 * HTTPS port that forwards every request to the endpoint its routing method picks, so a test can see where users'
 * requests land after a failover redeployed the profile with new priorities. Azure's Traffic Manager answers DNS, not
 * HTTP, and probes its endpoints itself; here it proxies and never probes (see sim/README.md).
 */
const TRAFFIC_MANAGER = 'microsoft.network/trafficmanagerprofiles';
const traffic_manager_isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
class TrafficRouters {
    routers = new Map();
    cert;
    constructor(cert) {
        this.cert = cert;
    }
    /** Starts (or re-routes) the router of a profile; returns the properties ARM reports, `dnsConfig.fqdn` its address. */
    async deploy(resourceId, properties) {
        const key = resourceId.toLowerCase();
        const endpoints = endpointsOf(properties.endpoints);
        const method = typeof properties.trafficRoutingMethod === 'string' ? properties.trafficRoutingMethod : 'Priority';
        let router = this.routers.get(key);
        if (router) {
            router.endpoints = endpoints;
            router.method = method;
        }
        else {
            const server = external_node_https_default().createServer({ key: this.cert.key, cert: this.cert.cert });
            router = { server, host: '', method, endpoints };
            const current = router;
            server.on('request', (req, res) => this.forward(current, req, res));
            await new Promise((resolve, reject) => {
                server.once('error', reject);
                server.listen(0, '127.0.0.1', () => resolve());
            });
            router.host = `127.0.0.1:${server.address().port}`;
            this.routers.set(key, router);
        }
        const dnsConfig = traffic_manager_isObject(properties.dnsConfig) ? properties.dnsConfig : {};
        return { ...properties, dnsConfig: { ...dnsConfig, fqdn: router.host }, profileStatus: 'Enabled', provisioningState: 'Succeeded' };
    }
    async remove(resourceId) {
        const router = this.routers.get(resourceId.toLowerCase());
        if (!router)
            return;
        this.routers.delete(resourceId.toLowerCase());
        await traffic_manager_close(router.server);
    }
    async stopAll() {
        const all = [...this.routers.values()];
        this.routers.clear();
        await Promise.all(all.map((r) => traffic_manager_close(r.server)));
    }
    forward(router, req, res) {
        const endpoint = pick(router);
        if (!endpoint) {
            res.writeHead(502, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: 'no enabled endpoint in the Traffic Manager profile' }));
            return;
        }
        const [hostname, port] = endpoint.target.replace(/^https?:\/\//, '').split('/')[0].split(':');
        const upstream = external_node_https_default().request({ hostname, port: port ? Number(port) : 443, path: req.url, method: req.method, headers: { ...req.headers, host: endpoint.target }, ca: this.cert.cert, agent: false }, (answer) => {
            res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-sim-traffic-endpoint': endpoint.name });
            answer.pipe(res);
        });
        upstream.on('error', (error) => {
            if (res.headersSent)
                return void res.destroy();
            res.writeHead(502, { 'content-type': 'application/json', 'x-sim-traffic-endpoint': endpoint.name });
            res.end(JSON.stringify({ error: `endpoint ${endpoint.name} (${endpoint.target}) did not answer: ${error.message}` }));
        });
        req.pipe(upstream);
    }
}
/** Priority: the enabled endpoint with the lowest priority number. Weighted: at random in proportion to weight. */
function pick(router) {
    const enabled = router.endpoints;
    if (enabled.length === 0)
        return undefined;
    if (router.method.toLowerCase() === 'weighted') {
        const total = enabled.reduce((sum, e) => sum + e.weight, 0);
        let roll = Math.random() * total;
        for (const e of enabled)
            if ((roll -= e.weight) < 0)
                return e;
        return enabled[enabled.length - 1];
    }
    return [...enabled].sort((a, b) => a.priority - b.priority)[0];
}
function endpointsOf(value) {
    if (!Array.isArray(value))
        return [];
    return value.flatMap((e, i) => {
        if (!traffic_manager_isObject(e))
            return [];
        const p = traffic_manager_isObject(e.properties) ? e.properties : {};
        if (typeof p.endpointStatus === 'string' && p.endpointStatus.toLowerCase() === 'disabled')
            return [];
        const target = typeof p.target === 'string' ? p.target : undefined;
        if (!target)
            return [];
        return [{ name: typeof e.name === 'string' ? e.name : `endpoint${i}`, target, priority: Number(p.priority ?? i + 1), weight: Number(p.weight ?? 1) }];
    });
}
function traffic_manager_close(server) {
    return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
    });
}

;// CONCATENATED MODULE: ./sim/resources.ts



/**
 * Resource providers as far as the simulator needs them: App Service sites and Container Apps run a stamp app and
 * report its address where Azure reports the host name; every other type is stored as given.
 */
const resources_isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const SITE = 'microsoft.web/sites';
const CONTAINER_APP = 'microsoft.app/containerapps';
const runsApp = (type) => [SITE, CONTAINER_APP].includes(type.toLowerCase());
const tagOf = (image) => {
    const last = image.split('/').pop() ?? '';
    const i = last.lastIndexOf(':');
    return i >= 0 ? last.slice(i + 1) : undefined;
};
/** The version a stamp app reports: APP_VERSION app setting, else the image tag (linuxFxVersion / container image). */
function appVersion(type, properties) {
    const t = type.toLowerCase();
    if (t === SITE) {
        const cfg = resources_isObject(properties.siteConfig) ? properties.siteConfig : {};
        const settings = Array.isArray(cfg.appSettings) ? cfg.appSettings : [];
        const setting = settings.find((s) => resources_isObject(s) && typeof s.name === 'string' && s.name.toUpperCase() === 'APP_VERSION');
        if (resources_isObject(setting) && setting.value !== undefined)
            return String(setting.value);
        for (const fx of [cfg.linuxFxVersion, cfg.windowsFxVersion]) {
            if (typeof fx === 'string' && fx.includes('|')) {
                const tag = tagOf(fx.split('|')[1]);
                if (tag)
                    return tag;
            }
        }
        return undefined;
    }
    if (t === CONTAINER_APP) {
        const template = resources_isObject(properties.template) ? properties.template : {};
        const containers = Array.isArray(template.containers) ? template.containers : [];
        const first = containers[0];
        return resources_isObject(first) && typeof first.image === 'string' ? tagOf(first.image) : undefined;
    }
    return undefined;
}
const NEEDS_LOCATION = ['microsoft.web/sites', 'microsoft.web/serverfarms', 'microsoft.app/containerapps', 'microsoft.app/managedenvironments', 'microsoft.storage/storageaccounts'];
/** What a resource provider's preflight would reject; ARM wraps these in InvalidTemplateDeployment. */
function preflightErrors(r) {
    const out = [];
    const t = r.type.toLowerCase();
    if (t === 'microsoft.storage/storageaccounts' && !/^[a-z0-9]{3,24}$/.test(r.name)) {
        out.push({
            code: 'AccountNameInvalid',
            target: r.name,
            message: `${r.name} is not a valid storage account name. Storage account name must be between 3 and 24 characters in length and use numbers and lower-case letters only.`,
        });
    }
    if (NEEDS_LOCATION.includes(t) && !r.location) {
        out.push({ code: 'LocationRequired', target: r.name, message: 'The location property is required for this definition.' });
    }
    return out;
}
/** Applies one resource; returns the properties ARM would return for it afterwards (including read-only ones). */
async function provision(r, ctx) {
    const t = r.type.toLowerCase();
    if (t === TRAFFIC_MANAGER && ctx.routers)
        return ctx.routers.deploy(r.id, r.properties);
    if (t === 'microsoft.cdn/profiles/afdendpoints' && ctx.provisionEndpoint) {
        // Azure: NAME-HASH.z01.azurefd.net; here the loopback edge that routes by the origins' weights.
        return { ...r.properties, hostName: await ctx.provisionEndpoint(r.id), deploymentStatus: 'NotStarted', provisioningState: 'Succeeded' };
    }
    if (!runsApp(t))
        return { ...r.properties, provisioningState: 'Succeeded' };
    const version = appVersion(t, r.properties) ?? 'unknown';
    const host = await ctx.apps.deploy({
        resourceId: r.id,
        version,
        region: ctx.region,
        resourceGroup: ctx.resourceGroup,
        subscription: ctx.subscription,
        type: r.type,
        deploymentName: ctx.deploymentName,
    });
    if (t === SITE) {
        // Azure: NAME.azurewebsites.net; here the loopback address of the stamp app, so outputs built from it work.
        return { ...r.properties, defaultHostName: host, hostNames: [host], enabledHostNames: [host], state: 'Running', provisioningState: 'Succeeded' };
    }
    const configuration = resources_isObject(r.properties.configuration) ? { ...r.properties.configuration } : {};
    if (resources_isObject(configuration.ingress))
        configuration.ingress = { ...configuration.ingress, fqdn: host };
    return { ...r.properties, configuration, latestRevisionFqdn: host, runningStatus: 'Running', provisioningState: 'Succeeded' };
}
/** Secrets the sim hands out are derived from the resource id: stable across calls, different per resource. */
const derived = (id, label, bytes) => (0,external_node_crypto_.createHash)('sha512').update(`${id.toLowerCase()}|${label}`).digest().subarray(0, bytes).toString('base64');
/** What the resource provider adds to the top-level properties: a system-assigned identity gets its principal. */
function completeTopLevel(id, topLevel, tenantId) {
    const identity = topLevel.identity;
    if (!resources_isObject(identity) || typeof identity.type !== 'string' || !/systemassigned/i.test(identity.type))
        return topLevel;
    const h = (0,external_node_crypto_.createHash)('sha1').update(`${id.toLowerCase()}|principal`).digest('hex');
    const principalId = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
    return { ...topLevel, identity: { ...identity, principalId, tenantId } };
}
/**
 * `list*()` as the simulated resource providers answer it: storage account keys and SAS tokens, App Service app
 * settings, Container App secrets. Anything else is refused by name, since ARM would forward it to a provider.
 */
function listResult(id, lookup, fn, apiVersion, body) {
    const settings = /^(.*\/providers\/Microsoft\.Web\/sites\/[^/]+)\/config\/appsettings$/i.exec(id);
    const target = lookup(settings ? settings[1] : id);
    if (!target) {
        throw new ArmError(404, 'ResourceNotFound', `The Resource '${id.split('/providers/')[1] ?? id}' was not found, so '${fn}' cannot be called on it. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
    }
    const t = target.type.toLowerCase();
    const f = fn.toLowerCase();
    if (t === 'microsoft.storage/storageaccounts' && f === 'listkeys') {
        return {
            keys: ['key1', 'key2'].map((keyName) => ({ creationTime: '2020-01-01T00:00:00.0000000Z', keyName, value: derived(id, keyName, 64), permissions: 'FULL' })),
        };
    }
    if (t === 'microsoft.storage/storageaccounts' && (f === 'listaccountsas' || f === 'listservicesas')) {
        const p = resources_isObject(body) ? body : {};
        const q = Object.entries({ sv: '2022-11-02', ss: p.signedServices, srt: p.signedResourceTypes, sp: p.signedPermission, st: p.signedStart, se: p.signedExpiry, spr: p.signedProtocol })
            .filter(([, v]) => typeof v === 'string')
            .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
        q.push(`sig=${encodeURIComponent(derived(id, JSON.stringify(p), 32))}`);
        return f === 'listaccountsas' ? { accountSasToken: q.join('&') } : { serviceSasToken: q.join('&') };
    }
    if (settings && t === SITE && f === 'list') {
        const cfg = resources_isObject(target.properties.siteConfig) ? target.properties.siteConfig : {};
        const list = Array.isArray(cfg.appSettings) ? cfg.appSettings.filter(resources_isObject) : [];
        return { id, name: 'appsettings', type: 'Microsoft.Web/sites/config', properties: Object.fromEntries(list.map((s) => [String(s.name), s.value])) };
    }
    if (t === CONTAINER_APP && f === 'listsecrets') {
        const cfg = resources_isObject(target.properties.configuration) ? target.properties.configuration : {};
        const secrets = Array.isArray(cfg.secrets) ? cfg.secrets.filter(resources_isObject) : [];
        return { value: secrets.map((s) => ({ name: s.name, value: s.value })) };
    }
    throw new ArmError(400, 'UnsupportedListOperation', `The local ARM simulator does not implement '${fn}' (api-version ${apiVersion}) on '${target.type}'. It answers listKeys, listAccountSas and listServiceSas on Microsoft.Storage/storageAccounts, list on Microsoft.Web/sites/config 'appsettings', and listSecrets on Microsoft.App/containerApps.`);
}

;// CONCATENATED MODULE: ./sim/format.ts

/** ARM's durations are .NET TimeSpans rendered as ISO 8601 (`PT22.8356799S`, `P3DT0H0M0S`). */
function isoDuration(ms) {
    const total = Math.max(0, ms);
    const days = Math.floor(total / 86_400_000);
    let rest = total - days * 86_400_000;
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = (rest / 1000).toFixed(3).replace(/\.?0+$/, '');
    let out = 'P';
    if (days)
        out += `${days}D`;
    out += 'T';
    if (h)
        out += `${h}H`;
    if (m)
        out += `${m}M`;
    out += `${s}S`;
    return out;
}
const isoTime = (ms) => new Date(ms).toISOString();
/** ARM shows a decimal number as templateHash; ours is a stable hash of the template, not ARM's algorithm. */
function templateHash(template) {
    const digest = (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(template ?? null)).digest();
    return digest.readBigUInt64BE(0).toString();
}
/** ARM's public type names of parameters and outputs: `String`, `SecureString`, `Int`, ... */
function armTypeName(type) {
    const t = type.toLowerCase();
    const names = {
        string: 'String',
        securestring: 'SecureString',
        int: 'Int',
        bool: 'Bool',
        object: 'Object',
        secureobject: 'SecureObject',
        array: 'Array',
    };
    return names[t] ?? type;
}
const isSecureType = (type) => /^secure(string|object)$/i.test(type);

;// CONCATENATED MODULE: ./sim/template/values.ts

/**
 * A value that cannot be known before resources exist (a `reference()` during validation or what-if). Anything
 * computed from it is deferred too; ARM shows such properties unevaluated in what-if, and so do we.
 */
const DEFERRED = Symbol('deferred');
const INF = Number.POSITIVE_INFINITY;
function fail(name, why) {
    throw new TemplateError(`Unable to evaluate template language function '${name}': ${why}. Please see https://aka.ms/arm-functions for usage details`);
}
const str = (name, v) => {
    if (typeof v !== 'string')
        fail(name, `the argument must be a string, but it is of type '${typeName(v)}'`);
    return v;
};
const values_int = (name, v) => {
    if (typeof v !== 'number' || !Number.isInteger(v))
        fail(name, `the argument must be an integer, but it is of type '${typeName(v)}'`);
    return v;
};
const arr = (name, v) => {
    if (!Array.isArray(v))
        fail(name, `the argument must be an array, but it is of type '${typeName(v)}'`);
    return v;
};
const obj = (name, v) => {
    if (!values_isObject(v))
        fail(name, `the argument must be an object, but it is of type '${typeName(v)}'`);
    return v;
};
function typeName(v) {
    if (v === null || v === undefined)
        return 'Null';
    if (Array.isArray(v))
        return 'Array';
    if (typeof v === 'string')
        return 'String';
    if (typeof v === 'boolean')
        return 'Boolean';
    if (typeof v === 'number')
        return Number.isInteger(v) ? 'Integer' : 'Float';
    return 'Object';
}
const toText = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
const values_isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** ARM's equality: strings case-insensitively, everything else by value. */
function equals(a, b) {
    if (typeof a === 'string' && typeof b === 'string')
        return a.toLowerCase() === b.toLowerCase();
    return JSON.stringify(a) === JSON.stringify(b);
}

;// CONCATENATED MODULE: ./sim/template/parameterChecks.ts



/** A parameter value against its declaration: type, allowedValues, length and value bounds, with ARM's messages. */
function checkParameter(name, type, decl, value) {
    const ok = type === 'string' || type === 'securestring'
        ? typeof value === 'string'
        : type === 'int'
            ? Number.isInteger(value)
            : type === 'bool'
                ? typeof value === 'boolean'
                : type === 'array'
                    ? Array.isArray(value)
                    : values_isObject(value);
    if (!ok) {
        const expected = { string: 'String, Uri', securestring: 'String, Uri', int: 'Integer', bool: 'Boolean', array: 'Array', object: 'Object', secureobject: 'Object' };
        throw new TemplateError(`Template parameter JToken type is not valid. Expected '${expected[type]}'. Actual '${typeName(value)}'. Please see https://aka.ms/resource-manager-parameter-files for usage details`);
    }
    if (Array.isArray(decl.allowedValues)) {
        const allowed = decl.allowedValues;
        const inList = (v) => allowed.some((a) => JSON.stringify(a) === JSON.stringify(v));
        const good = Array.isArray(value) && !Array.isArray(allowed[0]) ? value.every(inList) : inList(value);
        if (!good) {
            const shown = isSecureType(type) ? '' : ` The value '${typeof value === 'string' ? value : JSON.stringify(value)}' is not part of the allowed value(s): '${allowed.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(',')}'.`;
            throw new TemplateError(`The provided value for the template parameter '${name}' is not valid.${shown}`);
        }
    }
    const len = typeof value === 'string' || Array.isArray(value) ? value.length : undefined;
    if (len !== undefined && typeof decl.minLength === 'number' && len < decl.minLength) {
        throw new TemplateError(`The provided value for the template parameter '${name}' is not valid. Length of the value should be greater than or equal to '${decl.minLength}'`);
    }
    if (len !== undefined && typeof decl.maxLength === 'number' && len > decl.maxLength) {
        throw new TemplateError(`The provided value for the template parameter '${name}' is not valid. Length of the value should be less than or equal to '${decl.maxLength}'`);
    }
    if (typeof value === 'number' && typeof decl.minValue === 'number' && value < decl.minValue) {
        throw new TemplateError(`The provided value for the template parameter '${name}' is not valid. The value should be greater than or equal to '${decl.minValue}'`);
    }
    if (typeof value === 'number' && typeof decl.maxValue === 'number' && value > decl.maxValue) {
        throw new TemplateError(`The provided value for the template parameter '${name}' is not valid. The value should be less than or equal to '${decl.maxValue}'`);
    }
}

;// CONCATENATED MODULE: ./sim/template/scopeValues.ts



/** What resourceGroup(), subscription(), deployment(), tenant() and managementGroup() return, as ARM documents it. */
function resourceGroupValue(ctx) {
    const rg = ctx.resourceGroup;
    if (ctx.scope.kind !== 'resourceGroup' || !rg) {
        throw new TemplateError(`The template function 'RESOURCEGROUP' is not expected at this location. Please see https://aka.ms/arm-functions for usage details`);
    }
    return {
        id: scopeId(ctx.scope),
        name: rg.name,
        type: 'Microsoft.Resources/resourceGroups',
        location: rg.location,
        tags: rg.tags ?? {},
        properties: { provisioningState: 'Succeeded' },
    };
}
function subscriptionValue(ctx) {
    const s = ctx.scope;
    if (s.kind !== 'subscription' && s.kind !== 'resourceGroup') {
        throw new TemplateError(`The template function 'SUBSCRIPTION' is not expected at this location. Please see https://aka.ms/arm-functions for usage details`);
    }
    return { id: `/subscriptions/${s.subscription}`, subscriptionId: s.subscription, tenantId: ctx.tenantId, displayName: 'Simulated subscription' };
}
function deploymentValue(ctx, template) {
    const properties = {};
    if (ctx.templateLink)
        properties.templateLink = ctx.templateLink;
    properties.template = template;
    properties.templateHash = templateHash(template);
    properties.parameters = ctx.suppliedParameters ?? {};
    properties.mode = ctx.mode;
    properties.provisioningState = 'Accepted';
    // ARM: the location property only for deployments above resource-group scope.
    return ctx.scope.kind === 'resourceGroup' ? { name: ctx.deploymentName, properties } : { name: ctx.deploymentName, location: ctx.deploymentLocation, properties };
}
function tenantValue(ctx) {
    return { countryCode: 'US', displayName: 'Simulated tenant', id: `/tenants/${ctx.tenantId}`, tenantId: ctx.tenantId };
}
function managementGroupValue(ctx) {
    const s = ctx.scope;
    if (s.kind !== 'managementGroup') {
        throw new TemplateError(`The template function 'MANAGEMENTGROUP' is not expected at this location. It can only be used in a deployment to a management group. Please see https://aka.ms/arm-functions for usage details`);
    }
    return {
        id: `/providers/Microsoft.Management/managementGroups/${s.groupId}`,
        name: s.groupId,
        type: '/providers/Microsoft.Management/managementGroups',
        properties: { tenantId: ctx.tenantId, displayName: s.groupId },
    };
}
/** `resourceId()` with the deployment's subscription and resource group as defaults. */
function resourceIdIn(s, subscription, resourceGroup, type, names) {
    const sub = subscription ?? (s.kind === 'subscription' || s.kind === 'resourceGroup' ? s.subscription : undefined);
    const rg = resourceGroup ?? (s.kind === 'resourceGroup' && subscription === undefined ? s.resourceGroup : undefined);
    let prefix;
    if (sub && rg)
        prefix = `/subscriptions/${sub}/resourceGroups/${rg}`;
    else if (sub)
        prefix = `/subscriptions/${sub}`;
    else
        prefix = '';
    return resourceIdFor(prefix, type, names.join('/'));
}

;// CONCATENATED MODULE: ./sim/template/expressions.ts

/** A template string is an expression when it is `[...]`; `[[` escapes a literal leading bracket. */
function classify(s) {
    if (s.startsWith('[['))
        return { literal: s.slice(1) };
    if (s.startsWith('[') && s.endsWith(']'))
        return { expression: s.slice(1, -1) };
    return { literal: s };
}
function tokenize(src) {
    const out = [];
    let i = 0;
    while (i < src.length) {
        const c = src[i];
        if (/\s/.test(c)) {
            i++;
        }
        else if (c === "'") {
            let v = '';
            i++;
            for (;;) {
                if (i >= src.length)
                    throw bad(src, 'the string literal is not terminated');
                if (src[i] === "'") {
                    if (src[i + 1] === "'") {
                        v += "'";
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                v += src[i++];
            }
            out.push({ t: 'str', v });
        }
        else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src[i + 1] ?? ''))) {
            const m = /^-?[0-9]+/.exec(src.slice(i));
            out.push({ t: 'num', v: m[0] });
            i += m[0].length;
        }
        else if (/[A-Za-z_]/.test(c)) {
            const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
            out.push({ t: 'id', v: m[0] });
            i += m[0].length;
        }
        else if ('(),.[]'.includes(c)) {
            out.push({ t: 'punct', v: c });
            i++;
        }
        else {
            throw bad(src, `the character '${c}' at position ${i} is not expected`);
        }
    }
    return out;
}
function bad(src, why) {
    return new TemplateError(`The template language expression '${src}' is not valid: ${why}. Please see https://aka.ms/arm-functions for usage details`);
}
function parseExpression(src) {
    const tokens = tokenize(src);
    let pos = 0;
    const peek = () => tokens[pos];
    const expect = (v) => {
        const t = tokens[pos++];
        if (!t || t.t !== 'punct' || t.v !== v)
            throw bad(src, `expected '${v}'`);
    };
    const primary = () => {
        const t = tokens[pos++];
        if (!t)
            throw bad(src, 'the expression ended unexpectedly');
        let e;
        if (t.t === 'str')
            e = { k: 'str', v: t.v };
        else if (t.t === 'num')
            e = { k: 'num', v: Number(t.v) };
        else if (t.t === 'id') {
            // ARM has no bare identifiers: every name is a function call.
            expect('(');
            const args = [];
            if (!(peek()?.t === 'punct' && peek()?.v === ')')) {
                for (;;) {
                    args.push(primary());
                    const n = tokens[pos];
                    if (n?.t === 'punct' && n.v === ',') {
                        pos++;
                        continue;
                    }
                    break;
                }
            }
            expect(')');
            e = { k: 'call', name: t.v, args };
        }
        else
            throw bad(src, `the token '${t.v}' is not expected`);
        for (;;) {
            const n = peek();
            if (n?.t === 'punct' && n.v === '.') {
                pos++;
                const id = tokens[pos++];
                if (!id || id.t !== 'id')
                    throw bad(src, 'a property name must follow a dot');
                e = { k: 'prop', obj: e, name: id.v };
            }
            else if (n?.t === 'punct' && n.v === '[') {
                pos++;
                const index = primary();
                expect(']');
                e = { k: 'index', obj: e, index };
            }
            else
                break;
        }
        return e;
    };
    if (tokens.length === 0)
        throw bad(src, 'the expression is empty');
    const e = primary();
    if (pos !== tokens.length)
        throw bad(src, `unexpected '${tokens[pos].v}' after the end of the expression`);
    return e;
}
/** Every function name the expression calls, for implicit dependencies and up-front checks. */
function callsIn(e, out = []) {
    if (e.k === 'call') {
        out.push(e);
        e.args.forEach((a) => callsIn(a, out));
    }
    else if (e.k === 'prop')
        callsIn(e.obj, out);
    else if (e.k === 'index') {
        callsIn(e.obj, out);
        callsIn(e.index, out);
    }
    return out;
}

;// CONCATENATED MODULE: ./sim/template/cidr.ts

const dotted = (n) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
const mask = (bits) => (bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);
function parse(fn, v) {
    const text = str(fn, v);
    if (text.includes(':'))
        fail(fn, `IPv6 ranges like '${text}' are not supported by the local ARM simulator`);
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
    const parts = m ? m.slice(1, 5).map(Number) : [];
    const bits = m ? Number(m[5]) : -1;
    if (!m || parts.some((p) => p > 255) || bits > 32)
        fail(fn, `'${text}' is not an IPv4 range in CIDR notation`);
    const address = parts.reduce((acc, p) => acc * 256 + p, 0);
    return { base: (address & mask(bits)) >>> 0, bits };
}
const size = (r) => 2 ** (32 - r.bits);
const CIDR_FUNCTIONS = {
    parsecidr: {
        min: 1,
        max: 1,
        fn: (a) => {
            const r = parse('parseCidr', a[0]);
            const broadcast = r.base + size(r) - 1;
            // /31 and /32 have no network and broadcast addresses to set aside.
            const reserved = r.bits >= 31 ? 0 : 1;
            return { network: dotted(r.base), netmask: dotted(mask(r.bits)), broadcast: dotted(broadcast), firstUsable: dotted(r.base + reserved), lastUsable: dotted(broadcast - reserved), cidr: r.bits };
        },
    },
    cidrsubnet: {
        min: 3,
        max: 3,
        fn: (a) => {
            const r = parse('cidrSubnet', a[0]);
            const bits = values_int('cidrSubnet', a[1]);
            const index = values_int('cidrSubnet', a[2]);
            if (bits < r.bits || bits > 32)
                fail('cidrSubnet', `the new CIDR ${bits} must be between ${r.bits} and 32`);
            const step = 2 ** (32 - bits);
            if (index < 0 || index >= size(r) / step)
                fail('cidrSubnet', `the subnet index ${index} is out of range for /${bits} subnets of /${r.bits}`);
            return `${dotted(r.base + index * step)}/${bits}`;
        },
    },
    cidrhost: {
        min: 2,
        max: 2,
        fn: (a) => {
            const r = parse('cidrHost', a[0]);
            const index = values_int('cidrHost', a[1]);
            const reserved = r.bits >= 31 ? 0 : 1;
            const usable = size(r) - 2 * reserved;
            if (index < 0 || index >= usable)
                fail('cidrHost', `the host index ${index} is out of range: the range has ${usable} usable addresses`);
            return dotted(r.base + reserved + index);
        },
    },
};

;// CONCATENATED MODULE: ./sim/template/dotnetTime.ts
/**
 * .NET date and time format strings, the ones utcNow() takes: the standard one-letter formats templates use and
 * the custom specifiers (yyyy, MM, dd, HH, mm, ss, f..., tt, quoted literals). Always UTC.
 */
const STANDARD = {
    d: 'M/d/yyyy',
    D: 'dddd, MMMM d, yyyy',
    g: 'M/d/yyyy h:mm tt',
    G: 'M/d/yyyy h:mm:ss tt',
    o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'",
    O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'",
    s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
    t: 'h:mm tt',
    T: 'h:mm:ss tt',
    u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
};
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function formatUtc(ms, format) {
    const pattern = format.length === 1 ? STANDARD[format] : format;
    if (pattern === undefined)
        throw new Error(`'${format}' is not a standard date and time format`);
    const d = new Date(ms);
    const pad = (n, w) => String(n).padStart(w, '0');
    const fraction = pad(d.getUTCMilliseconds(), 3) + '0000';
    const h12 = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
    let out = '';
    for (let i = 0; i < pattern.length;) {
        const c = pattern[i];
        if (c === "'" || c === '"') {
            const end = pattern.indexOf(c, i + 1);
            out += pattern.slice(i + 1, end < 0 ? undefined : end);
            i = end < 0 ? pattern.length : end + 1;
            continue;
        }
        if (c === '\\') {
            out += pattern[i + 1] ?? '';
            i += 2;
            continue;
        }
        let n = 1;
        while (pattern[i + n] === c)
            n++;
        i += n;
        switch (c) {
            case 'y':
                out += n <= 2 ? pad(d.getUTCFullYear() % 100, n) : pad(d.getUTCFullYear(), n);
                break;
            case 'M':
                out += n >= 4 ? MONTHS[d.getUTCMonth()] : n === 3 ? MONTHS[d.getUTCMonth()].slice(0, 3) : pad(d.getUTCMonth() + 1, n);
                break;
            case 'd':
                out += n >= 4 ? DAYS[d.getUTCDay()] : n === 3 ? DAYS[d.getUTCDay()].slice(0, 3) : pad(d.getUTCDate(), n);
                break;
            case 'H':
                out += pad(d.getUTCHours(), Math.min(n, 2));
                break;
            case 'h':
                out += pad(h12, Math.min(n, 2));
                break;
            case 'm':
                out += pad(d.getUTCMinutes(), Math.min(n, 2));
                break;
            case 's':
                out += pad(d.getUTCSeconds(), Math.min(n, 2));
                break;
            case 'f':
                out += fraction.slice(0, Math.min(n, 7));
                break;
            case 't':
                out += (d.getUTCHours() < 12 ? 'AM' : 'PM').slice(0, n === 1 ? 1 : 2);
                break;
            case 'K':
                out += 'Z';
                break;
            case 'z':
                out += n === 1 ? '+0' : n === 2 ? '+00' : '+00:00';
                break;
            default:
                out += c.repeat(n);
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./sim/template/functionsData.ts



/** Array, object, string, numeric, comparison, date and copy functions: pure computations on values. */
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
function compare(name, a, b) {
    if (typeof a === 'number' && typeof b === 'number')
        return a - b;
    if (typeof a === 'string' && typeof b === 'string')
        return a < b ? -1 : a > b ? 1 : 0;
    return fail(name, `the arguments must both be integers or both strings, they are '${typeName(a)}' and '${typeName(b)}'`);
}
const numbers = (name, a) => (a.length === 1 && Array.isArray(a[0]) ? a[0] : a).map((v) => values_int(name, v));
function sliceOf(name, v, from, to) {
    if (typeof v === 'string')
        return v.slice(from, to);
    return arr(name, v).slice(from, to);
}
function indexIn(name, container, item, last) {
    if (typeof container === 'string') {
        // ARM: indexOf/lastIndexOf on strings ignore case.
        const c = container.toLowerCase();
        const s = str(name, item).toLowerCase();
        return last ? c.lastIndexOf(s) : c.indexOf(s);
    }
    const list = arr(name, container);
    const found = last ? list.map((v, i) => [v, i]).reverse().find(([v]) => same(v, item)) : list.map((v, i) => [v, i]).find(([v]) => same(v, item));
    return found ? found[1] : -1;
}
const base64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const fromBase64 = (s) => Buffer.from(s, 'base64').toString('utf8');
function epochSeconds(name, v) {
    const ms = Date.parse(str(name, v));
    if (Number.isNaN(ms))
        fail(name, `'${String(v)}' is not a valid date and time`);
    return Math.floor(ms / 1000);
}
/** An ISO 8601 duration (P1Y2M3W4DT5H6M7S, optionally negative) added in UTC calendar arithmetic. */
function addDuration(name, ms, duration) {
    const m = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(duration);
    if (!m || duration === 'P' || duration.endsWith('T'))
        fail(name, `'${duration}' is not an ISO 8601 duration`);
    const sign = m[1] ? -1 : 1;
    const n = (i) => sign * Number(m[i] ?? 0);
    const d = new Date(ms);
    d.setUTCFullYear(d.getUTCFullYear() + n(2), d.getUTCMonth() + n(3), d.getUTCDate() + 7 * n(4) + n(5));
    return d.getTime() + ((n(6) * 60 + n(7)) * 60 + n(8)) * 1000;
}
const DATA_FUNCTIONS = {
    array: { min: 1, max: 1, fn: (a) => (Array.isArray(a[0]) ? a[0] : [a[0]]) },
    indexof: { min: 2, max: 2, fn: (a) => indexIn('indexOf', a[0], a[1], false) },
    lastindexof: { min: 2, max: 2, fn: (a) => indexIn('lastIndexOf', a[0], a[1], true) },
    intersection: {
        min: 2,
        max: INF,
        fn: (a) => {
            if (a.every(Array.isArray)) {
                const [head, ...rest] = a;
                return head.filter((v, i) => head.findIndex((x) => same(x, v)) === i && rest.every((r) => r.some((x) => same(x, v))));
            }
            const [head, ...rest] = a.map((v) => obj('intersection', v));
            return Object.fromEntries(Object.entries(head).filter(([k, v]) => rest.every((r) => k in r && same(r[k], v))));
        },
    },
    min: { min: 1, max: INF, fn: (a) => Math.min(...numbers('min', a)) },
    max: { min: 1, max: INF, fn: (a) => Math.max(...numbers('max', a)) },
    range: {
        min: 2,
        max: 2,
        fn: (a) => {
            const start = values_int('range', a[0]);
            const count = values_int('range', a[1]);
            if (count < 0 || count > 10_000)
                fail('range', 'the count must be between 0 and 10000');
            return Array.from({ length: count }, (_, i) => start + i);
        },
    },
    skip: { min: 2, max: 2, fn: (a) => sliceOf('skip', a[0], Math.max(0, values_int('skip', a[1])), undefined) },
    take: { min: 2, max: 2, fn: (a) => sliceOf('take', a[0], 0, Math.max(0, values_int('take', a[1]))) },
    indexfromend: {
        min: 2,
        max: 2,
        fn: (a) => {
            const list = arr('indexFromEnd', a[0]);
            const n = values_int('indexFromEnd', a[1]);
            if (n < 1 || n > list.length)
                fail('indexFromEnd', `the reverse index '${n}' is out of bounds`);
            return list[list.length - n];
        },
    },
    tryindexfromend: {
        min: 2,
        max: 2,
        fn: (a) => {
            const list = arr('tryIndexFromEnd', a[0]);
            const n = values_int('tryIndexFromEnd', a[1]);
            return n >= 1 && n <= list.length ? list[list.length - n] : null;
        },
    },
    items: {
        min: 1,
        max: 1,
        // ARM returns the entries sorted by key.
        fn: (a) => Object.entries(obj('items', a[0]))
            .sort(([x], [y]) => (x.toLowerCase() < y.toLowerCase() ? -1 : x.toLowerCase() > y.toLowerCase() ? 1 : 0))
            .map(([key, value]) => ({ key, value })),
    },
    objectkeys: { min: 1, max: 1, fn: (a) => Object.keys(obj('objectKeys', a[0])) },
    shallowmerge: { min: 1, max: 1, fn: (a) => Object.assign({}, ...arr('shallowMerge', a[0]).map((v) => obj('shallowMerge', v))) },
    tryget: {
        min: 2,
        max: INF,
        fn: (a) => {
            let cur = a[0];
            for (const k of a.slice(1)) {
                if (Array.isArray(cur) && typeof k === 'number')
                    cur = k >= 0 && k < cur.length ? cur[k] : null;
                else if (values_isObject(cur) && typeof k === 'string') {
                    const key = Object.keys(cur).find((x) => x.toLowerCase() === k.toLowerCase());
                    cur = key === undefined ? null : cur[key];
                }
                else
                    return null;
                if (cur === null)
                    return null;
            }
            return cur;
        },
    },
    greater: { min: 2, max: 2, fn: (a) => compare('greater', a[0], a[1]) > 0 },
    greaterorequals: { min: 2, max: 2, fn: (a) => compare('greaterOrEquals', a[0], a[1]) >= 0 },
    less: { min: 2, max: 2, fn: (a) => compare('less', a[0], a[1]) < 0 },
    lessorequals: { min: 2, max: 2, fn: (a) => compare('lessOrEquals', a[0], a[1]) <= 0 },
    add: { min: 2, max: 2, fn: (a) => values_int('add', a[0]) + values_int('add', a[1]) },
    sub: { min: 2, max: 2, fn: (a) => values_int('sub', a[0]) - values_int('sub', a[1]) },
    mul: { min: 2, max: 2, fn: (a) => values_int('mul', a[0]) * values_int('mul', a[1]) },
    div: {
        min: 2,
        max: 2,
        fn: (a) => {
            if (values_int('div', a[1]) === 0)
                fail('div', 'the divisor must not be zero');
            return Math.trunc(values_int('div', a[0]) / a[1]);
        },
    },
    mod: {
        min: 2,
        max: 2,
        fn: (a) => {
            if (values_int('mod', a[1]) === 0)
                fail('mod', 'the divisor must not be zero');
            return values_int('mod', a[0]) % a[1];
        },
    },
    float: {
        min: 1,
        max: 1,
        fn: (a) => {
            const n = typeof a[0] === 'number' ? a[0] : Number(str('float', a[0]));
            if (!Number.isFinite(n))
                fail('float', `the value '${toText(a[0])}' cannot be converted to a number`);
            return n;
        },
    },
    base64: { min: 1, max: 1, fn: (a) => base64(str('base64', a[0])) },
    base64tostring: { min: 1, max: 1, fn: (a) => fromBase64(str('base64ToString', a[0])) },
    base64tojson: {
        min: 1,
        max: 1,
        fn: (a) => {
            try {
                return JSON.parse(fromBase64(str('base64ToJson', a[0])));
            }
            catch {
                return fail('base64ToJson', 'the decoded text is not valid JSON');
            }
        },
    },
    datauri: { min: 1, max: 1, fn: (a) => `data:text/plain;charset=utf8;base64,${base64(toText(a[0]))}` },
    datauritostring: {
        min: 1,
        max: 1,
        fn: (a) => {
            const m = /^data:[^,]*?(;base64)?,(.*)$/s.exec(str('dataUriToString', a[0]));
            if (!m)
                fail('dataUriToString', 'the argument is not a data URI');
            return m[1] ? fromBase64(m[2]) : decodeURIComponent(m[2]);
        },
    },
    uri: {
        min: 2,
        max: 2,
        fn: (a) => {
            try {
                return new URL(str('uri', a[1]), str('uri', a[0])).href;
            }
            catch {
                return fail('uri', `'${String(a[0])}' is not an absolute URI`);
            }
        },
    },
    uricomponent: { min: 1, max: 1, fn: (a) => encodeURIComponent(str('uriComponent', a[0])) },
    uricomponenttostring: { min: 1, max: 1, fn: (a) => decodeURIComponent(str('uriComponentToString', a[0])) },
    padleft: {
        min: 2,
        max: 3,
        fn: (a) => {
            const pad = a.length > 2 ? str('padLeft', a[2]) : ' ';
            if (pad.length !== 1)
                fail('padLeft', 'the padding must be a single character');
            const v = typeof a[0] === 'number' ? String(a[0]) : str('padLeft', a[0]);
            return v.padStart(values_int('padLeft', a[1]), pad);
        },
    },
    join: { min: 2, max: 2, fn: (a) => arr('join', a[0]).map((v) => (typeof v === 'string' ? v : toText(v))).join(str('join', a[1])) },
    datetimeadd: {
        min: 2,
        max: 3,
        fn: (a) => {
            const base = Date.parse(str('dateTimeAdd', a[0]).replace(' ', 'T'));
            if (Number.isNaN(base))
                fail('dateTimeAdd', `'${String(a[0])}' is not a valid date and time`);
            try {
                // Without a format, .NET's general date/time pattern, as in ARM's examples (4/7/2023 2:53:14 PM).
                return formatUtc(addDuration('dateTimeAdd', base, str('dateTimeAdd', a[1])), a.length > 2 ? str('dateTimeAdd', a[2]) : 'G');
            }
            catch (e) {
                return fail('dateTimeAdd', e.message);
            }
        },
    },
    datetimefromepoch: { min: 1, max: 1, fn: (a) => new Date(values_int('dateTimeFromEpoch', a[0]) * 1000).toISOString().replace('.000Z', 'Z') },
    datetimetoepoch: { min: 1, max: 1, fn: (a) => epochSeconds('dateTimeToEpoch', a[0]) },
    utcnow: {
        min: 0,
        max: 1,
        fn: (a, env) => {
            env.requireParameterDefault('utcNow');
            try {
                return formatUtc(env.now(), a.length > 0 ? str('utcNow', a[0]) : 'yyyyMMddTHHmmssZ');
            }
            catch (e) {
                return fail('utcNow', e.message);
            }
        },
    },
    newguid: {
        min: 0,
        max: 0,
        fn: (_a, env) => {
            env.requireParameterDefault('newGuid');
            return (0,external_node_crypto_.randomUUID)();
        },
    },
    copyindex: {
        min: 0,
        max: 2,
        fn: (a, env) => {
            const name = typeof a[0] === 'string' ? a[0] : undefined;
            const offset = a.length === 2 ? values_int('copyIndex', a[1]) : typeof a[0] === 'number' ? values_int('copyIndex', a[0]) : 0;
            return env.copyIndex(name) + offset;
        },
    },
};

;// CONCATENATED MODULE: ./sim/template/functionsScope.ts


/** Resource ids at every scope, the cloud and tenant the deployment runs in, and list*() on deployed resources. */
/** Splits `[leading..., type, name...]`: the type is the first argument with a slash (ARM's own rule). */
function typeAndNames(fn, args, maxLeading) {
    const all = args.map((a) => str(fn, a));
    const typeAt = all.findIndex((a) => a.includes('/'));
    if (typeAt < 0 || typeAt > maxLeading)
        fail(fn, 'the resource type argument (like Microsoft.Web/sites) was not found');
    const names = all.slice(typeAt + 1);
    if (names.length === 0)
        fail(fn, 'at least one resource name must follow the resource type');
    return { leading: all.slice(0, typeAt), type: all[typeAt], names };
}
function subscriptionResourceId(args, env) {
    const { leading, type, names } = typeAndNames('subscriptionResourceId', args, 1);
    const s = env.context().scope;
    const sub = leading[0] ?? (s.kind === 'subscription' || s.kind === 'resourceGroup' ? s.subscription : undefined);
    if (!sub)
        fail('subscriptionResourceId', 'a subscription id is needed outside a subscription or resource group deployment');
    return resourceIdFor(`/subscriptions/${sub}`, type, names.join('/'));
}
function managementGroupResourceId(args, env) {
    const { leading, type, names } = typeAndNames('managementGroupResourceId', args, 1);
    const s = env.context().scope;
    const group = leading[0] ?? (s.kind === 'managementGroup' ? s.groupId : undefined);
    if (!group)
        fail('managementGroupResourceId', 'a management group id is needed outside a management group deployment');
    return resourceIdFor(`/providers/Microsoft.Management/managementGroups/${group}`, type, names.join('/'));
}
function extensionResourceId(args) {
    const base = str('extensionResourceId', args[0]);
    if (!base.startsWith('/'))
        fail('extensionResourceId', `the base resource id '${base}' must be a fully qualified id starting with '/'`);
    const { type, names } = typeAndNames('extensionResourceId', args.slice(1), 0);
    return resourceIdFor(base.replace(/\/$/, ''), type, names.join('/'));
}
/** environment() in Azure's public cloud, as ARM documents it: templates build storage and vault host names from it. */
const AZURE_CLOUD = {
    name: 'AzureCloud',
    gallery: 'https://gallery.azure.com/',
    graph: 'https://graph.windows.net/',
    portal: 'https://portal.azure.com',
    graphAudience: 'https://graph.windows.net/',
    activeDirectoryDataLake: 'https://datalake.azure.net/',
    batch: 'https://batch.core.windows.net/',
    media: 'https://rest.media.azure.net',
    sqlManagement: 'https://management.core.windows.net:8443/',
    vmImageAliasDoc: 'https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json',
    resourceManager: 'https://management.azure.com/',
    authentication: {
        loginEndpoint: 'https://login.microsoftonline.com/',
        audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'],
        tenant: 'common',
        identityProvider: 'AAD',
    },
    suffixes: {
        acrLoginServer: '.azurecr.io',
        azureDatalakeAnalyticsCatalogAndJob: 'azuredatalakeanalytics.net',
        azureDatalakeStoreFileSystem: 'azuredatalakestore.net',
        azureFrontDoorEndpointSuffix: 'azurefd.net',
        keyvaultDns: '.vault.azure.net',
        sqlServerHostname: '.database.windows.net',
        storage: 'core.windows.net',
    },
};
const listCall = (name) => ({
    min: 2,
    max: 3,
    fn: (a, env) => env.list(str(name, a[0]), str(name, a[1]), name, a[2]),
});
const SCOPE_FUNCTIONS = {
    subscriptionresourceid: { min: 2, max: INF, fn: subscriptionResourceId },
    tenantresourceid: {
        min: 2,
        max: INF,
        fn: (a) => {
            const { type, names } = typeAndNames('tenantResourceId', a, 0);
            return resourceIdFor('', type, names.join('/'));
        },
    },
    extensionresourceid: { min: 3, max: INF, fn: (a) => extensionResourceId(a) },
    managementgroupresourceid: { min: 2, max: INF, fn: managementGroupResourceId },
    environment: { min: 0, max: 0, fn: () => structuredClone(AZURE_CLOUD) },
    tenant: { min: 0, max: 0, fn: (_a, env) => env.tenant() },
    managementgroup: { min: 0, max: 0, fn: (_a, env) => env.managementGroup() },
    deployer: {
        min: 0,
        max: 0,
        // The sim does not read tokens: one fixed principal in the sim's tenant.
        fn: (_a, env) => ({ objectId: '00000000-0000-0000-0000-00000000d091', tenantId: env.context().tenantId, userPrincipalName: 'deployer@sim.local' }),
    },
    list: listCall('list'),
    listkeys: listCall('listKeys'),
    listsecrets: listCall('listSecrets'),
    listaccountsas: listCall('listAccountSas'),
};
/** Any other `list*` name (listConnectionStrings, listCredentials...) goes to the same resolver. */
const functionsScope_listFunctionFor = (name) => (/^list[a-z]*$/i.test(name) ? listCall(name) : undefined);

;// CONCATENATED MODULE: ./sim/template/lambdas.ts

function makeLambda(params, body) {
    if (!body)
        fail('lambda', 'a lambda needs a body expression');
    const names = params.map((p) => str('lambda', p));
    return { kind: 'lambda', params: names, body };
}
const isLambda = (v) => typeof v === 'object' && v !== null && v.kind === 'lambda';
function lambdaArg(fn, v, maxParams) {
    if (!isLambda(v))
        fail(fn, `the argument must be a lambda expression, like lambda('x', ...)`);
    if (v.params.length === 0 || v.params.length > maxParams)
        fail(fn, `the lambda must take 1 to ${maxParams} variable(s), it takes ${v.params.length}`);
    return v;
}
/** Thrown when a lambda's result is not known yet (a reference() in preflight): the whole call is deferred then. */
class Deferral extends Error {
}
function call(env, l, args) {
    const v = env.callLambda(l, args);
    if (v === DEFERRED)
        throw new Deferral();
    return v;
}
const deferring = (fn) => (a, env) => {
    try {
        return fn(a, env);
    }
    catch (e) {
        if (e instanceof Deferral)
            return DEFERRED;
        throw e;
    }
};
/** The lambda says whether `a` comes before `b`; items it ranks equal keep their order (a stable sort). */
function sortBy(env, items, l) {
    return [...items].sort((a, b) => (call(env, l, [a, b]) === true ? -1 : call(env, l, [b, a]) === true ? 1 : 0));
}
const LAMBDA_FUNCTIONS = {
    lambdavariables: { min: 1, max: 1, fn: (a, env) => env.lambdaVariable(str('lambdaVariables', a[0])) },
    filter: {
        min: 2,
        max: 2,
        fn: deferring((a, env) => {
            const l = lambdaArg('filter', a[1], 2);
            return arr('filter', a[0]).filter((item, i) => {
                const keep = call(env, l, [item, i]);
                if (typeof keep !== 'boolean')
                    fail('filter', `the lambda must return a boolean, it returned '${toText(keep)}'`);
                return keep;
            });
        }),
    },
    map: {
        min: 2,
        max: 2,
        fn: deferring((a, env) => {
            const l = lambdaArg('map', a[1], 2);
            return arr('map', a[0]).map((item, i) => call(env, l, [item, i]));
        }),
    },
    reduce: {
        min: 3,
        max: 3,
        fn: deferring((a, env) => {
            const l = lambdaArg('reduce', a[2], 3);
            if (l.params.length < 2)
                fail('reduce', 'the lambda must take the accumulated value and the next item');
            return arr('reduce', a[0]).reduce((acc, item, i) => call(env, l, [acc, item, i]), a[1]);
        }),
    },
    sort: {
        min: 2,
        max: 2,
        fn: deferring((a, env) => {
            const l = lambdaArg('sort', a[1], 2);
            if (l.params.length !== 2)
                fail('sort', 'the lambda must take two items to compare');
            return sortBy(env, arr('sort', a[0]), l);
        }),
    },
    toobject: {
        min: 2,
        max: 3,
        fn: deferring((a, env) => {
            const keyOf = lambdaArg('toObject', a[1], 1);
            const valueOf = a.length > 2 ? lambdaArg('toObject', a[2], 1) : undefined;
            const out = {};
            for (const item of arr('toObject', a[0])) {
                const k = call(env, keyOf, [item]);
                if (typeof k !== 'string')
                    fail('toObject', `the key lambda must return a string, it returned '${toText(k)}'`);
                out[k] = valueOf ? call(env, valueOf, [item]) : item;
            }
            return out;
        }),
    },
    groupby: {
        min: 2,
        max: 2,
        fn: deferring((a, env) => {
            const keyOf = lambdaArg('groupBy', a[1], 1);
            const out = {};
            for (const item of arr('groupBy', a[0])) {
                const k = call(env, keyOf, [item]);
                if (typeof k !== 'string')
                    fail('groupBy', `the key lambda must return a string, it returned '${toText(k)}'`);
                (out[k] ??= []).push(item);
            }
            return out;
        }),
    },
    mapvalues: {
        min: 2,
        max: 2,
        fn: deferring((a, env) => {
            const l = lambdaArg('mapValues', a[1], 1);
            return Object.fromEntries(Object.entries(obj('mapValues', a[0])).map(([k, v]) => [k, call(env, l, [v])]));
        }),
    },
};

;// CONCATENATED MODULE: ./sim/template/functions.ts








/** Not ARM's MurmurHash64: same contract (13 lowercase base32 chars, deterministic per input), different digits. */
function uniqueString(parts) {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
    const digest = (0,external_node_crypto_.createHash)('sha256').update(parts.join('-')).digest();
    let bits = digest.readBigUInt64BE(0);
    let out = '';
    for (let i = 0; i < 13; i++) {
        out += alphabet[Number(bits & 31n)];
        bits >>= 5n;
    }
    return out;
}
/** Deterministic name-based UUID (v5-style) like ARM's guid(); the digits differ from ARM's. */
function guid(parts) {
    const h = (0,external_node_crypto_.createHash)('sha1').update(parts.join('-')).digest();
    h[6] = (h[6] & 0x0f) | 0x50;
    h[8] = (h[8] & 0x3f) | 0x80;
    const hex = h.subarray(0, 16).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
function format(name, args) {
    const fmt = str(name, args[0]);
    return fmt.replace(/\{\{|\}\}|\{(\d+)(?::([^}]*))?\}/g, (m, idx, spec) => {
        if (m === '{{')
            return '{';
        if (m === '}}')
            return '}';
        const i = Number(idx);
        if (i + 1 >= args.length)
            fail(name, `the format item index '${i}' is out of range`);
        const v = args[i + 1];
        if (spec && typeof v === 'number') {
            const d = /^[Dd](\d+)$/.exec(spec);
            if (d)
                return String(v).padStart(Number(d[1]), '0');
            const n = /^[Nn](\d+)$/.exec(spec);
            if (n)
                return v.toLocaleString('en-US', { minimumFractionDigits: Number(n[1]), maximumFractionDigits: Number(n[1]) });
        }
        return toText(v);
    });
}
function resourceIdFn(args, env) {
    const all = args.map((a) => str('resourceId', a));
    // ARM: the resource type is the first argument with a slash; one or two arguments may precede it.
    const typeAt = all.findIndex((a) => a.includes('/'));
    if (typeAt < 0 || typeAt > 2)
        fail('resourceId', 'the resource type argument (like Microsoft.Web/sites) was not found');
    const names = all.slice(typeAt + 1);
    if (names.length === 0)
        fail('resourceId', 'at least one resource name must follow the resource type');
    const sub = typeAt === 2 ? all[0] : undefined;
    const rg = typeAt === 2 ? all[1] : typeAt === 1 ? all[0] : undefined;
    return env.resourceId(sub, rg, all[typeAt], names);
}
/** union() of arrays keeps each value once, by value (nested arrays too), at its first place. */
const uniqueByValue = (items) => {
    const seen = new Set();
    return items.filter((v) => {
        const k = JSON.stringify(v);
        if (seen.has(k))
            return false;
        seen.add(k);
        return true;
    });
};
/** union() of objects: nested objects merge, any other value (arrays too) is replaced by the later argument's. */
function mergeDeep(into, next) {
    const out = { ...into };
    for (const [k, v] of Object.entries(next))
        out[k] = values_isObject(out[k]) && values_isObject(v) ? mergeDeep(out[k], v) : v;
    return out;
}
const CORE_FUNCTIONS = {
    parameters: { min: 1, max: 1, fn: (a, env) => env.parameter(str('parameters', a[0])) },
    variables: { min: 1, max: 1, fn: (a, env) => env.variable(str('variables', a[0])) },
    concat: {
        min: 1,
        max: INF,
        fn: (a) => (a.every(Array.isArray) ? a.flat() : a.map((v) => (v === null ? '' : toText(v))).join('')),
    },
    format: { min: 1, max: INF, fn: (a) => format('format', a) },
    resourcegroup: { min: 0, max: 0, fn: (_a, env) => env.resourceGroup() },
    subscription: { min: 0, max: 0, fn: (_a, env) => env.subscription() },
    deployment: { min: 0, max: 0, fn: (_a, env) => env.deployment() },
    uniquestring: { min: 1, max: INF, fn: (a) => uniqueString(a.map((v) => str('uniqueString', v))) },
    guid: { min: 1, max: INF, fn: (a) => guid(a.map((v) => str('guid', v))) },
    tolower: { min: 1, max: 1, fn: (a) => str('toLower', a[0]).toLowerCase() },
    toupper: { min: 1, max: 1, fn: (a) => str('toUpper', a[0]).toUpperCase() },
    resourceid: { min: 2, max: INF, fn: resourceIdFn },
    reference: {
        min: 1,
        max: 3,
        fn: (a, env) => env.reference(str('reference', a[0]), typeof a[2] === 'string' && a[2].toLowerCase() === 'full'),
    },
    string: { min: 1, max: 1, fn: (a) => toText(a[0]) },
    int: {
        min: 1,
        max: 1,
        fn: (a) => {
            const n = typeof a[0] === 'number' ? a[0] : Number.parseInt(String(a[0]), 10);
            if (!Number.isFinite(n))
                fail('int', `the value '${toText(a[0])}' cannot be converted to an integer`);
            return Math.trunc(n);
        },
    },
    bool: { min: 1, max: 1, fn: (a) => (typeof a[0] === 'string' ? a[0].toLowerCase() === 'true' : Boolean(a[0])) },
    true: { min: 0, max: 0, fn: () => true },
    false: { min: 0, max: 0, fn: () => false },
    null: { min: 0, max: 0, fn: () => null },
    if: { min: 3, max: 3, fn: (a) => (a[0] === true ? a[1] : a[2]) },
    equals: { min: 2, max: 2, fn: (a) => equals(a[0], a[1]) },
    not: { min: 1, max: 1, fn: (a) => !a[0] },
    and: { min: 2, max: INF, fn: (a) => a.every((v) => v === true) },
    or: { min: 2, max: INF, fn: (a) => a.some((v) => v === true) },
    empty: {
        min: 1,
        max: 1,
        fn: (a) => a[0] === null || a[0] === '' || (Array.isArray(a[0]) && a[0].length === 0) || (values_isObject(a[0]) && Object.keys(a[0]).length === 0),
    },
    length: {
        min: 1,
        max: 1,
        fn: (a) => (typeof a[0] === 'string' || Array.isArray(a[0]) ? a[0].length : values_isObject(a[0]) ? Object.keys(a[0]).length : fail('length', 'the argument must be a string, array or object')),
    },
    replace: { min: 3, max: 3, fn: (a) => str('replace', a[0]).split(str('replace', a[1])).join(str('replace', a[2])) },
    split: { min: 2, max: 2, fn: (a) => str('split', a[0]).split(str('split', a[1])) },
    substring: {
        min: 2,
        max: 3,
        fn: (a) => {
            const s = str('substring', a[0]);
            const start = Number(a[1]);
            const len = a.length > 2 ? Number(a[2]) : s.length - start;
            if (start < 0 || len < 0 || start + len > s.length)
                fail('substring', 'the index and length must refer to a location within the string');
            return s.substring(start, start + len);
        },
    },
    coalesce: { min: 1, max: INF, fn: (a) => a.find((v) => v !== null && v !== undefined) ?? null },
    createarray: { min: 0, max: INF, fn: (a) => [...a] },
    createobject: {
        min: 0,
        max: INF,
        fn: (a) => {
            if (a.length % 2 !== 0)
                fail('createObject', 'the function requires an even number of arguments');
            const o = {};
            for (let i = 0; i < a.length; i += 2)
                o[str('createObject', a[i])] = a[i + 1];
            return o;
        },
    },
    json: {
        min: 1,
        max: 1,
        fn: (a) => {
            try {
                return JSON.parse(str('json', a[0]));
            }
            catch {
                return fail('json', 'the argument is not valid JSON');
            }
        },
    },
    union: {
        min: 1,
        max: INF,
        fn: (a) => (a.every(Array.isArray) ? uniqueByValue(a.flat()) : a.map((v) => (values_isObject(v) ? v : fail('union', 'arguments must all be objects or all arrays'))).reduce(mergeDeep, {})),
    },
    contains: {
        min: 2,
        max: 2,
        fn: (a) => typeof a[0] === 'string'
            ? // ARM: case-sensitive for strings, case-insensitive for object keys.
                a[0].includes(toText(a[1]))
            : Array.isArray(a[0])
                ? a[0].some((v) => equals(v, a[1]))
                : values_isObject(a[0])
                    ? Object.keys(a[0]).some((k) => k.toLowerCase() === String(a[1]).toLowerCase())
                    : fail('contains', 'the first argument must be a string, array or object'),
    },
    startswith: { min: 2, max: 2, fn: (a) => str('startsWith', a[0]).toLowerCase().startsWith(str('startsWith', a[1]).toLowerCase()) },
    endswith: { min: 2, max: 2, fn: (a) => str('endsWith', a[0]).toLowerCase().endsWith(str('endsWith', a[1]).toLowerCase()) },
    trim: { min: 1, max: 1, fn: (a) => str('trim', a[0]).trim() },
    first: { min: 1, max: 1, fn: (a) => (typeof a[0] === 'string' ? a[0].slice(0, 1) : Array.isArray(a[0]) ? a[0][0] : fail('first', 'the argument must be a string or array')) },
    last: { min: 1, max: 1, fn: (a) => (typeof a[0] === 'string' ? a[0].slice(-1) : Array.isArray(a[0]) ? a[0][a[0].length - 1] : fail('last', 'the argument must be a string or array')) },
};
const FUNCTIONS = { ...CORE_FUNCTIONS, ...DATA_FUNCTIONS, ...CIDR_FUNCTIONS, ...SCOPE_FUNCTIONS, ...LAMBDA_FUNCTIONS };
const supportedFunctions = () => Object.keys(FUNCTIONS);
/** Whether a template may call `name` here: the table, any list*, and `lambda` (which the evaluator handles). */
const isSupportedFunction = (name) => name.toLowerCase() in FUNCTIONS || listFunctionFor(name) !== undefined || name.toLowerCase() === 'lambda';
function callFunction(name, args, env) {
    const spec = FUNCTIONS[name.toLowerCase()] ?? functionsScope_listFunctionFor(name);
    if (!spec) {
        throw new TemplateError(`The template function '${name}' is not valid. Please see https://aka.ms/arm-functions for usage details. (The local ARM simulator does not implement '${name}'.)`);
    }
    if (args.length < spec.min || args.length > spec.max) {
        const want = spec.min === spec.max ? `${spec.min}` : spec.max === INF ? `at least ${spec.min}` : `${spec.min} to ${spec.max}`;
        fail(name, `the function requires ${want} argument(s) while ${args.length} were provided`);
    }
    // `if` is the one function whose untaken branch may be deferred without deferring the result.
    if (name.toLowerCase() === 'if' && args[0] !== DEFERRED)
        return spec.fn(args, env);
    if (args.some((a) => a === DEFERRED))
        return DEFERRED;
    return spec.fn(args, env);
}

;// CONCATENATED MODULE: ./sim/template/outputs.ts



/** Outputs as ARM returns them: `{name: {type, value}}`; secure outputs keep their type and lose their value. */
function evaluateOutputs(template, ev, reveal) {
    const outs = (template.outputs ?? {});
    const result = {};
    for (const [name, decl] of Object.entries(outs)) {
        if (!values_isObject(decl) || typeof decl.type !== 'string')
            throw new TemplateError(`The template output '${name}' has no valid 'type'`);
        if ('condition' in decl && ev.value(decl.condition) === false)
            continue;
        const type = armOutputType(decl.type);
        let value;
        if (decl.copy !== undefined) {
            // Output copy: `{count, input}`, an array of the input evaluated per copyIndex().
            const c = decl.copy;
            if (!values_isObject(c) || !('count' in c) || !('input' in c))
                throw new TemplateError(`The template output '${name}' has a 'copy' without 'count' and 'input'`);
            value = ev.loop(name, 'output', c.count, () => ev.value(c.input));
        }
        else
            value = ev.value(decl.value);
        result[name] = isSecureType(decl.type) && !reveal ? { type } : { type, value };
    }
    return result;
}
function armOutputType(t) {
    const m = { string: 'String', securestring: 'SecureString', int: 'Int', bool: 'Bool', object: 'Object', secureobject: 'SecureObject', array: 'Array' };
    return m[t.toLowerCase()] ?? t;
}

;// CONCATENATED MODULE: ./sim/template/evaluate.ts







/** The resource properties ARM keeps outside `properties`, in the order a GET returns them. */
const TOP_LEVEL_KEYS = ['sku', 'kind', 'identity', 'plan', 'zones', 'managedBy'];
/** `"copy": [{name, count, input}]` inside properties or variables: a property (variable) per entry, an array each. */
function isPropertyCopy(v) {
    return Array.isArray(v) && v.length > 0 && v.every((c) => evaluate_isObject(c) && typeof c.name === 'string' && 'count' in c && 'input' in c);
}
const evaluate_isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const TYPES = ['string', 'securestring', 'int', 'bool', 'object', 'secureobject', 'array'];
class Evaluator {
    template;
    supplied;
    ctx;
    params = new Map();
    vars = new Map();
    resolving = new Set();
    cache = new Map();
    /** Copy loops being evaluated, innermost last: copyIndex() reads them. */
    loops = [];
    /** Lambda variables in scope, innermost last. */
    lambdaScopes = [];
    /** True while a parameter's defaultValue is evaluated: the one place utcNow() and newGuid() may appear. */
    inParameterDefault = false;
    referenceFn = () => DEFERRED;
    /** `list*()` resolver: real values at deployment, DEFERRED in preflight. */
    listFn = () => DEFERRED;
    constructor(template, supplied, ctx) {
        this.template = template;
        this.supplied = supplied;
        this.ctx = ctx;
    }
    /** Evaluates every template string inside `raw`. A deferred string stays as its expression text (what-if shows that). */
    value(raw) {
        if (typeof raw === 'string') {
            const c = classify(raw);
            if ('literal' in c)
                return c.literal;
            const v = this.expr(c.expression);
            return v === DEFERRED ? raw : v;
        }
        if (Array.isArray(raw))
            return raw.map((v) => this.value(v));
        if (evaluate_isObject(raw)) {
            const out = {};
            for (const [k, v] of Object.entries(raw)) {
                if (k.toLowerCase() === 'copy' && isPropertyCopy(v)) {
                    for (const loop of v)
                        out[loop.name] = this.loop(loop.name, 'property', loop.count, () => this.value(loop.input));
                }
                else
                    out[k] = this.value(v);
            }
            return out;
        }
        return raw;
    }
    /** Runs `each` once per copy index of a loop; ARM allows 0 to 800 iterations. */
    loop(name, kind, rawCount, each) {
        const count = this.value(rawCount);
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 800) {
            throw new TemplateError(`The copy count of the loop '${name}' must be a non-negative integer not greater than 800, known before deployment; it is '${typeof count === 'symbol' ? String(rawCount) : JSON.stringify(count)}'`);
        }
        const out = [];
        for (let i = 0; i < count; i++)
            out.push(this.withLoop({ name, kind, index: i }, () => each(i)));
        return out;
    }
    withLoop(frame, fn) {
        if (!frame)
            return fn();
        this.loops.push(frame);
        try {
            return fn();
        }
        finally {
            this.loops.pop();
        }
    }
    copyIndex(name) {
        const frame = name === undefined
            ? [...this.loops].reverse().find((f) => f.kind === 'resource' || f.kind === 'output')
            : [...this.loops].reverse().find((f) => f.name.toLowerCase() === name.toLowerCase());
        if (!frame) {
            throw new TemplateError(name === undefined
                ? `The template function 'copyIndex' is not expected at this location. It can only be used in a resource or output with a copy loop, or with the loop name in a property or variable copy`
                : `The template function 'copyIndex' has an invalid copy loop name '${name}': no enclosing copy loop has that name`);
        }
        return frame.index;
    }
    lambdaVariable(name) {
        for (let i = this.lambdaScopes.length - 1; i >= 0; i--) {
            const hit = [...this.lambdaScopes[i]].find(([k]) => k.toLowerCase() === name.toLowerCase());
            if (hit)
                return hit[1];
        }
        throw new TemplateError(`The lambda variable '${name}' is not defined: lambdaVariables() can only name a variable of an enclosing lambda`);
    }
    /** Calls a lambda made by `lambda('x', ..., body)` with its variables bound. */
    callLambda(l, args) {
        const scope = new Map();
        l.params.forEach((p, i) => scope.set(p, args[i]));
        this.lambdaScopes.push(scope);
        try {
            return this.evalExpr(l.body);
        }
        finally {
            this.lambdaScopes.pop();
        }
    }
    now() {
        return this.ctx.now ?? Date.now();
    }
    /** utcNow() and newGuid() are only valid in a parameter's defaultValue; ARM rejects them elsewhere. */
    requireParameterDefault(fn) {
        if (!this.inParameterDefault) {
            throw new TemplateError(`The template function '${fn}' is not expected at this location. It can only be used within the default value of a parameter. Please see https://aka.ms/arm-functions for usage details`);
        }
    }
    context() {
        return this.ctx;
    }
    list(target, apiVersion, fn, body) {
        return this.listFn(target, apiVersion, fn, body);
    }
    expr(src) {
        let e = this.cache.get(src);
        if (!e) {
            e = parseExpression(src);
            this.cache.set(src, e);
        }
        return this.evalExpr(e);
    }
    evalExpr(e) {
        switch (e.k) {
            case 'str':
                return e.v;
            case 'num':
                return e.v;
            case 'call': {
                // lambda() keeps its body unevaluated: the function it is passed to calls it per item.
                if (e.name.toLowerCase() === 'lambda')
                    return makeLambda(e.args.slice(0, -1).map((a) => this.evalExpr(a)), e.args[e.args.length - 1]);
                return callFunction(e.name, e.args.map((a) => this.evalExpr(a)), this);
            }
            case 'prop':
            case 'index': {
                const obj = this.evalExpr(e.obj);
                const key = e.k === 'prop' ? e.name : this.evalExpr(e.index);
                if (obj === DEFERRED || key === DEFERRED)
                    return DEFERRED;
                return member(obj, key);
            }
        }
    }
    parameter(name) {
        return this.resolveParameter(name).value;
    }
    resolveParameter(name) {
        const decls = (this.template.parameters ?? {});
        const key = Object.keys(decls).find((k) => k.toLowerCase() === name.toLowerCase());
        if (key === undefined)
            throw new TemplateError(`The template parameter '${name}' is not found. Please see https://aka.ms/arm-syntax-parameters for usage details`);
        const done = this.params.get(key);
        if (done)
            return done;
        if (this.resolving.has(`p:${key}`))
            throw new TemplateError(`The template parameter '${key}' refers to itself through its default value`);
        this.resolving.add(`p:${key}`);
        try {
            const decl = decls[key];
            if (!evaluate_isObject(decl) || typeof decl.type !== 'string' || !TYPES.includes(decl.type.toLowerCase())) {
                throw new TemplateError(`The template parameter '${key}' has no valid 'type'. Allowed types are: ${TYPES.join(', ')}`);
            }
            const type = decl.type.toLowerCase();
            const suppliedKey = Object.keys(this.supplied).find((k) => k.toLowerCase() === key.toLowerCase());
            let value;
            if (suppliedKey !== undefined) {
                const s = this.supplied[suppliedKey];
                if (evaluate_isObject(s) && 'reference' in s) {
                    throw new ArmError(400, 'InvalidTemplate', `Deployment template validation failed: 'The parameter '${key}' uses a Key Vault reference, which the local ARM simulator does not support; pass the value instead.'.`);
                }
                if (!evaluate_isObject(s) || !('value' in s)) {
                    throw new ArmError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: 'The deployment parameter '${key}' must be an object with a 'value' property.'.`);
                }
                value = s.value;
            }
            else if ('defaultValue' in decl) {
                const was = this.inParameterDefault;
                this.inParameterDefault = true;
                try {
                    value = this.value(decl.defaultValue);
                }
                finally {
                    this.inParameterDefault = was;
                }
            }
            else {
                throw new TemplateError(`The value for the template parameter '${key}' is not provided. Please see https://aka.ms/resource-manager-parameter-files for usage details`);
            }
            checkParameter(key, type, decl, value);
            const resolved = { type: decl.type, value, secure: isSecureType(type) };
            this.params.set(key, resolved);
            return resolved;
        }
        finally {
            this.resolving.delete(`p:${key}`);
        }
    }
    variable(name) {
        const decls = (this.template.variables ?? {});
        const key = Object.keys(decls).find((k) => k.toLowerCase() === name.toLowerCase() && k.toLowerCase() !== 'copy');
        const copyKey = Object.keys(decls).find((k) => k.toLowerCase() === 'copy');
        const copied = copyKey !== undefined && isPropertyCopy(decls[copyKey]) ? decls[copyKey].find((c) => c.name.toLowerCase() === name.toLowerCase()) : undefined;
        if (key === undefined && copied)
            return this.copiedVariable(copied);
        if (key === undefined)
            throw new TemplateError(`The template variable '${name}' is not found. Please see https://aka.ms/arm-functions for usage details`);
        if (this.vars.has(key))
            return this.vars.get(key);
        if (this.resolving.has(`v:${key}`))
            throw new TemplateError(`The template variable '${key}' refers to itself`);
        this.resolving.add(`v:${key}`);
        const saved = this.referenceFn;
        // ARM forbids reference() in variables: its value must be known before any resource exists.
        this.referenceFn = () => {
            throw new TemplateError(`The template variable '${key}' is not valid: the template function 'reference' is not expected at this location`);
        };
        try {
            const v = this.value(decls[key]);
            this.vars.set(key, v);
            return v;
        }
        finally {
            this.referenceFn = saved;
            this.resolving.delete(`v:${key}`);
        }
    }
    /** A variable made by the variables section's `copy` array: an array of `count` evaluated inputs. */
    copiedVariable(c) {
        const key = `copy:${c.name}`;
        if (this.vars.has(key))
            return this.vars.get(key);
        if (this.resolving.has(`v:${key}`))
            throw new TemplateError(`The template variable '${c.name}' refers to itself`);
        this.resolving.add(`v:${key}`);
        try {
            const v = this.loop(c.name, 'variable', c.count, () => this.value(c.input));
            this.vars.set(key, v);
            return v;
        }
        finally {
            this.resolving.delete(`v:${key}`);
        }
    }
    resourceGroup() {
        return resourceGroupValue(this.ctx);
    }
    subscription() {
        return subscriptionValue(this.ctx);
    }
    deployment() {
        return deploymentValue(this.ctx, this.template);
    }
    tenant() {
        return tenantValue(this.ctx);
    }
    managementGroup() {
        return managementGroupValue(this.ctx);
    }
    resourceId(subscription, resourceGroup, type, names) {
        return resourceIdIn(this.ctx.scope, subscription, resourceGroup, type, names);
    }
    reference(target, full) {
        return this.referenceFn(target, full);
    }
}
function member(obj, key) {
    if (Array.isArray(obj)) {
        if (typeof key !== 'number' || key < 0 || key >= obj.length) {
            throw new TemplateError(`The language expression property array index '${String(key)}' is out of bounds`);
        }
        return obj[key];
    }
    if (evaluate_isObject(obj)) {
        const k = Object.keys(obj).find((x) => x.toLowerCase() === String(key).toLowerCase());
        if (k === undefined) {
            throw new TemplateError(`The language expression property '${String(key)}' doesn't exist, available properties are '${Object.keys(obj).join(', ')}'`);
        }
        return obj[k];
    }
    throw new TemplateError(`The language expression property '${String(key)}' can't be evaluated, property name must be a string`);
}


;// CONCATENATED MODULE: ./sim/template/plan.ts
/** A template laid out for deployment: ARM's preflight checks and the resources in dependency order. */




function resourceScopePrefix(scope) {
    return scopeId(scope);
}
/**
 * Validates a template the way ARM's preflight does and lays out its resources in deployment order. Throws a 400
 * `InvalidTemplate` for anything ARM would reject before deploying, including functions the simulator lacks.
 */
function planTemplate(template, supplied, ctx) {
    if (!evaluate_isObject(template))
        throw new TemplateError('The template must be a JSON object');
    for (const unsupported of ['functions', 'languageVersion']) {
        const v = template[unsupported];
        if (v !== undefined && !(Array.isArray(v) && v.length === 0)) {
            throw new TemplateError(`The template property '${unsupported}' is not supported by the local ARM simulator`);
        }
    }
    if (!Array.isArray(template.resources)) {
        throw new TemplateError(`Required property 'resources' not found in JSON, or it is not an array`);
    }
    if (template.parameters !== undefined && !evaluate_isObject(template.parameters))
        throw new TemplateError(`The template property 'parameters' must be an object`);
    if (template.variables !== undefined && !evaluate_isObject(template.variables))
        throw new TemplateError(`The template property 'variables' must be an object`);
    if (template.outputs !== undefined && !evaluate_isObject(template.outputs))
        throw new TemplateError(`The template property 'outputs' must be an object`);
    const declared = Object.keys((template.parameters ?? {}));
    const extra = Object.keys(supplied).filter((k) => !declared.some((d) => d.toLowerCase() === k.toLowerCase()));
    if (extra.length > 0) {
        throw new TemplateError(`The template parameters '${extra.join(', ')}' in the parameters file are not valid; they are not present in the original template and can therefore not be provided at deployment time. The only supported parameters for this template are '${declared.join(', ')}'. Please see https://aka.ms/arm-pass-parameter-values for usage details`);
    }
    const ev = new Evaluator(template, supplied, ctx);
    const parameters = {};
    for (const name of declared)
        parameters[name] = ev.resolveParameter(name);
    for (const name of Object.keys((template.variables ?? {}))) {
        if (name.toLowerCase() === 'copy') {
            const loops = template.variables[name];
            if (!Array.isArray(loops))
                throw new TemplateError(`The template variable 'copy' must be an array of {name, count, input} loops`);
            for (const l of loops)
                ev.variable(evaluate_isObject(l) && typeof l.name === 'string' ? l.name : '');
        }
        else
            ev.variable(name);
    }
    const prefix = resourceScopePrefix(ctx.scope);
    const planned = [];
    for (const [i, r] of template.resources.entries()) {
        if (!evaluate_isObject(r))
            throw new TemplateError(`The template resource at index '${i}' must be an object`);
        for (const unsupported of ['resources', 'scope']) {
            if (r[unsupported] !== undefined) {
                throw new TemplateError(`The template resource at index '${i}' uses '${unsupported}', which the local ARM simulator does not support`);
            }
        }
        for (const copy of copiesOf(r, i, ev)) {
            const p = ev.withLoop(copy, () => planResource(r, i, ev, ctx, prefix));
            if (p)
                planned.push({ ...p, copy });
        }
    }
    const seen = new Set();
    for (const p of planned) {
        if (seen.has(p.id.toLowerCase()))
            throw new TemplateError(`The resource '${p.id}' is defined multiple times in a template. Please see https://aka.ms/arm-syntax-resources for usage details`);
        seen.add(p.id.toLowerCase());
    }
    const find = (target) => findResource(planned, target);
    for (const p of planned) {
        const deps = new Set();
        for (const d of p.rawDeps) {
            // dependsOn may name a copy loop: every instance of it.
            const loop = typeof d === 'string' ? planned.filter((x) => x.copy?.name.toLowerCase() === d.toLowerCase()) : [];
            if (loop.length > 0) {
                for (const x of loop)
                    if (x !== p)
                        deps.add(x.id);
                continue;
            }
            const hit = typeof d === 'string' ? find(d) : undefined;
            if (!hit)
                throw new TemplateError(`The resource '${String(d)}' is not defined in the template. Please see https://aka.ms/arm-syntax for usage details`);
            deps.add(hit.id);
        }
        for (const ref of p.refs) {
            const hit = find(ref);
            if (hit && hit !== p)
                deps.add(hit.id);
        }
        p.dependsOn = [...deps];
    }
    const ordered = topoSort(planned);
    // Outputs too are checked before deploying (unknown variables, unsupported functions); reference() stays deferred.
    evaluateOutputs(template, ev, false);
    return {
        parameters,
        resources: ordered.map(({ refs: _r, rawDeps: _d, ...rest }) => rest),
        evaluator: ev,
    };
}
/** The copy-loop instances of a template resource: one without a loop when it has no `copy`. */
function copiesOf(r, i, ev) {
    if (r.copy === undefined)
        return [undefined];
    const c = r.copy;
    if (!evaluate_isObject(c) || typeof c.name !== 'string' || !('count' in c)) {
        throw new TemplateError(`The template resource at index '${i}' has a 'copy' without a string 'name' and a 'count'`);
    }
    const name = c.name;
    return ev.loop(name, 'resource', c.count, (index) => ({ name, kind: 'resource', index }));
}
/** One resource (or one copy instance) with its identity evaluated; undefined when its condition is false. */
function planResource(r, i, ev, ctx, prefix) {
    // A resource's identity must be known before anything is deployed: no reference() or list*() in it.
    const tooEarly = (target) => {
        throw new TemplateError(`The template resource at index '${i}' uses reference() or a list*() function on '${target}' in its condition, type, name or apiVersion; those must be known before deployment. Please see https://aka.ms/arm-functions for usage details`);
    };
    ev.referenceFn = tooEarly;
    ev.listFn = tooEarly;
    if ('condition' in r && ev.value(r.condition) === false)
        return undefined;
    const type = ev.value(r.type);
    const name = ev.value(r.name);
    const apiVersion = ev.value(r.apiVersion);
    if (typeof type !== 'string' || typeof name !== 'string' || !type.includes('/')) {
        throw new TemplateError(`The template resource at index '${i}' must have a string 'name' and a 'type' like 'Microsoft.Web/sites'`);
    }
    if (typeof apiVersion !== 'string')
        throw new TemplateError(`The template resource '${name}' of type '${type}' at line '1' has no 'apiVersion'`);
    if (type.toLowerCase() === 'microsoft.resources/deployments') {
        throw new TemplateError(`The template resource '${name}' is a nested deployment (Microsoft.Resources/deployments), which the local ARM simulator does not support`);
    }
    const refs = [];
    ev.referenceFn = (target) => {
        refs.push(target);
        return DEFERRED;
    };
    ev.listFn = (target) => {
        refs.push(target);
        return DEFERRED;
    };
    const location = r.location === undefined ? undefined : ev.value(r.location);
    const tags = r.tags === undefined ? undefined : ev.value(r.tags);
    const properties = r.properties === undefined ? {} : ev.value(r.properties);
    const topLevel = evaluateTopLevel(r, ev);
    ev.referenceFn = () => DEFERRED;
    ev.listFn = () => DEFERRED;
    const rawDeps = Array.isArray(r.dependsOn) ? r.dependsOn.map((d) => ev.value(d)) : [];
    const rgScoped = type.toLowerCase() === 'microsoft.resources/resourcegroups';
    return {
        type,
        name,
        id: resourceIdFor(rgScoped && ctx.scope.kind === 'subscription' ? `/subscriptions/${ctx.scope.subscription}` : prefix, type, name),
        apiVersion,
        location: typeof location === 'string' ? location : undefined,
        tags: evaluate_isObject(tags) ? tags : undefined,
        properties: evaluate_isObject(properties) ? properties : {},
        topLevel,
        raw: r,
        dependsOn: [],
        refs,
        rawDeps,
    };
}
/** The resource's sku, kind, identity, plan, zones and managedBy, evaluated; absent keys stay absent. */
function evaluateTopLevel(r, ev) {
    const out = {};
    for (const k of TOP_LEVEL_KEYS)
        if (r[k] !== undefined)
            out[k] = ev.value(r[k]);
    return out;
}
/** Finds a template resource by resource id or by name, the two ways `reference()` and `dependsOn` name one. */
function findResource(list, target) {
    const t = target.toLowerCase();
    if (t.startsWith('/'))
        return list.find((r) => r.id.toLowerCase() === t);
    // `Microsoft.Web/sites/name` is also accepted by dependsOn.
    return list.find((r) => r.name.toLowerCase() === t || `${r.type}/${r.name}`.toLowerCase() === t);
}
function topoSort(list) {
    const byId = new Map(list.map((r) => [r.id, r]));
    const out = [];
    const state = new Map();
    const visit = (r, path) => {
        const s = state.get(r.id);
        if (s === 'done')
            return;
        if (s === 'visiting') {
            throw new TemplateError(`Circular dependency detected on resource: '${[...path, r.id].join("' -> '")}'. Please see https://aka.ms/arm-template/#resources for usage details`);
        }
        state.set(r.id, 'visiting');
        for (const d of r.dependsOn)
            visit(byId.get(d), [...path, r.id]);
        state.set(r.id, 'done');
        out.push(r);
    };
    for (const r of list)
        visit(r, []);
    return out;
}

;// CONCATENATED MODULE: ./sim/deploymentRequest.ts






const deploymentRequest_isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
function requireResourceGroup(core, subscription, name) {
    const rg = core.state.resourceGroups.get(rgKey(subscription, name));
    if (!rg)
        throw notFound('ResourceGroupNotFound', `Resource group '${name}' could not be found.`);
    if (rg.provisioningState === 'Deleting') {
        throw new ArmError(409, 'ResourceGroupBeingDeleted', `The resource group '${rg.name}' is in deprovisioning state and cannot perform this operation.`);
    }
    return rg;
}
function resolveTemplate(core, props) {
    const hasTemplate = props.template !== undefined && props.template !== null;
    const hasLink = props.templateLink !== undefined && props.templateLink !== null;
    if (hasTemplate && hasLink)
        throw invalidContent("The 'template' and 'templateLink' properties cannot both be set");
    if (!hasTemplate && !hasLink) {
        throw badRequest('InvalidDeployment', "The 'template' or 'templateLink' property must be specified. Please see https://aka.ms/arm-deploy for usage details.");
    }
    if (hasTemplate) {
        let t = props.template;
        if (typeof t === 'string') {
            try {
                t = parseArmJson(t);
            }
            catch (err) {
                throw invalidContent(`The 'template' property is a string that is not well-formed JSON: ${err.message}`);
            }
        }
        if (!deploymentRequest_isObject(t))
            throw invalidContent("The 'template' property must be a JSON object");
        return { template: t };
    }
    const link = props.templateLink;
    if (!deploymentRequest_isObject(link))
        throw invalidContent("The 'templateLink' property must be an object");
    const key = typeof link.uri === 'string' ? link.uri : typeof link.id === 'string' ? link.id : undefined;
    if (!key)
        throw invalidContent("The 'templateLink' property needs 'uri' or 'id'");
    const found = core.options.linkedTemplates.get(key) ?? core.options.linkedTemplates.get(key.toLowerCase());
    if (!deploymentRequest_isObject(found)) {
        throw badRequest('InvalidContentLink', `Unable to download deployment content from '${key}'. The tracking Id is '${(0,external_node_crypto_.randomUUID)()}'. The local ARM simulator has no network; register linked templates with the 'linkedTemplates' option or POST /_sim/linkedTemplates. Please see https://aka.ms/arm-deploy for usage details.`);
    }
    const echoed = { contentVersion: typeof found.contentVersion === 'string' ? found.contentVersion : '1.0.0.0' };
    if (typeof link.uri === 'string')
        echoed.uri = link.uri;
    if (typeof link.id === 'string')
        echoed.id = link.id;
    return { template: found, templateLink: echoed };
}
/** Body checks, template resolution and preflight: everything ARM answers synchronously with a 4xx. */
function prepareDeployment(core, scope, name, body) {
    if (!deploymentRequest_isObject(body))
        throw invalidContent('The request body must be a JSON object');
    const props = body.properties;
    if (!deploymentRequest_isObject(props))
        throw invalidContent("Required property 'properties' not found in JSON. Path '', line 1, position 1");
    if (props.mode === undefined)
        throw invalidContent("Required property 'mode' not found in JSON. Path 'properties', line 1, position 1");
    const mode = typeof props.mode === 'string' ? ['Incremental', 'Complete'].find((m) => m.toLowerCase() === props.mode.toLowerCase()) : undefined;
    if (!mode)
        throw invalidContent(`Error converting value ${JSON.stringify(props.mode)} to type 'DeploymentMode'. Path 'properties.mode'`);
    if (props.parameters !== undefined && props.parameters !== null && !deploymentRequest_isObject(props.parameters)) {
        throw invalidContent("The 'parameters' property must be an object of {name: {value}}");
    }
    if (props.parametersLink !== undefined) {
        throw badRequest('InvalidContentLink', "Unable to download deployment content from 'parametersLink': the local ARM simulator has no network; pass 'parameters' inline.");
    }
    if (body.tags !== undefined && (!deploymentRequest_isObject(body.tags) || Object.values(body.tags).some((v) => typeof v !== 'string'))) {
        throw invalidContent("The 'tags' property must be an object of string values");
    }
    if (mode === 'Complete' && scope.kind !== 'resourceGroup') {
        throw badRequest('InvalidDeploymentMode', `The deployment mode 'Complete' is not supported for deployments at this scope. Please see https://aka.ms/arm-deploy for usage details.`);
    }
    let location;
    if (scope.kind !== 'resourceGroup') {
        if (body.location === undefined) {
            throw badRequest('LocationRequired', `The location property is required for this definition. A deployment at scope '${scope.kind}' must specify 'location'.`);
        }
        location = normalizeLocation(body.location);
    }
    else if (body.location !== undefined) {
        location = normalizeLocation(body.location);
    }
    const resourceGroup = scope.kind === 'resourceGroup' ? requireResourceGroup(core, scope.subscription, scope.resourceGroup) : undefined;
    const { template, templateLink } = resolveTemplate(core, props);
    const ctx = {
        scope,
        deploymentName: name,
        deploymentLocation: location,
        resourceGroup: resourceGroup && { name: resourceGroup.name, location: resourceGroup.location, tags: resourceGroup.tags },
        tenantId: core.options.tenantId,
        mode,
        now: core.clock.now(),
        templateLink,
        suppliedParameters: (props.parameters ?? {}),
    };
    const plan = planTemplate(template, (props.parameters ?? {}), ctx);
    const tags = body.tags;
    const tagVersion = tags && Object.entries(tags).find(([k]) => k.toLowerCase() === 'rollout-version')?.[1];
    const version = tagVersion ?? plan.resources.map((r) => appVersion(r.type, r.properties)).find((v) => v !== undefined);
    const regions = new Set();
    if (location)
        regions.add(location);
    if (resourceGroup)
        regions.add(resourceGroup.location);
    for (const r of plan.resources)
        if (r.location)
            regions.add(normalizeLocation(r.location));
    return {
        mode: mode,
        location,
        tags,
        template,
        templateLink,
        onErrorDeployment: deploymentRequest_isObject(props.onErrorDeployment) ? props.onErrorDeployment : undefined,
        debugSetting: deploymentRequest_isObject(props.debugSetting) ? props.debugSetting : undefined,
        plan,
        resourceGroup,
        version,
        regions: [...regions],
    };
}
/** Resource-provider preflight plus `validationFails` faults, as a 400 InvalidTemplateDeployment. */
function preflight(core, scope, name, p) {
    const errors = p.plan.resources.flatMap((r) => preflightErrors(r));
    const fault = core.faults.take(['validationFails'], {
        region: p.regions,
        resourceGroup: scope.kind === 'resourceGroup' ? scope.resourceGroup : undefined,
        subscription: scope.kind === 'resourceGroup' || scope.kind === 'subscription' ? scope.subscription : undefined,
        version: p.version,
        deploymentName: name,
    });
    if (fault)
        errors.push({ code: fault.code, message: fault.message, target: fault.target });
    if (errors.length === 0)
        return;
    const tracking = (0,external_node_crypto_.randomUUID)();
    throw new ArmError(400, 'InvalidTemplateDeployment', `The template deployment '${name}' is not valid according to the validation procedure. The tracking id is '${tracking}'. See inner errors for details.`, {
        details: [
            { code: 'PreflightValidationCheckFailed', message: 'Preflight validation failed. Please refer to the details for the specific errors.', details: errors },
        ],
    });
}

;// CONCATENATED MODULE: ./sim/state.ts
const isActive = (d) => d.state === 'Accepted' || d.state === 'Running';
/** Everything the simulated ARM knows. Keys are lower-cased: ARM names are case-insensitive. */
class SimState {
    resourceGroups = new Map();
    resources = new Map();
    /** scope key -> lower-cased name -> deployment, in creation order (Map keeps insertion order). */
    deployments = new Map();
    deploymentsIn(scopeKey) {
        let m = this.deployments.get(scopeKey);
        if (!m) {
            m = new Map();
            this.deployments.set(scopeKey, m);
        }
        return m;
    }
    resourcesIn(scopePrefix) {
        const p = `${scopePrefix.toLowerCase()}/providers/`;
        return [...this.resources.values()].filter((r) => r.id.toLowerCase().startsWith(p));
    }
}

;// CONCATENATED MODULE: ./sim/runner.ts







const FAILED_MESSAGE = 'At least one resource deployment operation failed. Please list deployment operations for details. Please see https://aka.ms/arm-deployment-operations for usage details.';
const runner_isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/**
 * One deployment from Accepted to a terminal state. All waiting is on the sim's clock, so a VirtualClock makes a
 * three-day deployment instant. Resources change only when the deployment succeeds (see the report for why).
 */
async function runDeployment(core, d, faults) {
    const signal = d.abort.signal;
    const clock = core.clock;
    try {
        // Let the 201 (Accepted) go out before the state moves on.
        await Promise.resolve();
        if (!isActive(d))
            return;
        d.state = 'Running';
        d.timestamp = clock.now();
        if (faults.hangs) {
            await new Promise((_, reject) => {
                if (signal.aborted)
                    reject(signal.reason);
                signal.addEventListener('abort', () => reject(signal.reason), { once: true });
            });
        }
        await clock.sleep(faults.takes?.durationMs ?? core.options.deploymentLatencyMs, signal);
        if (!isActive(d))
            return;
        if (faults.fails) {
            const f = faults.fails;
            const inner = { code: f.code, message: f.message, details: f.details };
            const first = d.plan.resources[0];
            if (first) {
                d.operations.push({
                    operationId: opId(),
                    provisioningOperation: 'Create',
                    provisioningState: 'Failed',
                    timestamp: clock.now(),
                    durationMs: clock.now() - d.startedAt,
                    statusCode: f.statusCode ?? 'BadRequest',
                    statusMessage: { status: 'Failed', error: inner },
                    targetResource: { id: first.id, resourceType: first.type, resourceName: first.name, apiVersion: first.apiVersion },
                });
            }
            finish(core, d, 'Failed', f.wrap === false ? inner : { code: 'DeploymentFailed', target: d.id, message: FAILED_MESSAGE, details: [inner] });
            return;
        }
        await apply(core, d);
        if (!isActive(d))
            return;
        finish(core, d, 'Succeeded');
    }
    catch (err) {
        if (signal.aborted) {
            if (isActive(d))
                finish(core, d, 'Canceled');
            return;
        }
        const detail = err instanceof ArmError ? err.detail() : { code: 'InternalServerError', message: String(err?.message ?? err) };
        if (isActive(d))
            finish(core, d, 'Failed', { code: 'DeploymentFailed', target: d.id, message: FAILED_MESSAGE, details: [detail] });
    }
}
function finish(core, d, state, error) {
    d.state = state;
    d.endedAt = core.clock.now();
    d.timestamp = d.endedAt;
    if (error)
        d.error = error;
}
const opId = () => (0,external_node_crypto_.randomUUID)().replace(/-/g, '').slice(0, 16).toUpperCase();
async function apply(core, d) {
    const { state, clock } = core;
    const { plan } = d;
    const ev = plan.evaluator;
    const applied = new Map();
    const rg = d.scope.kind === 'resourceGroup' ? state.resourceGroups.get(`${d.scope.subscription}/${d.scope.resourceGroup}`.toLowerCase()) : undefined;
    ev.referenceFn = (target, full) => {
        const planned = findResource(plan.resources, target);
        const id = (planned?.id ?? target).toLowerCase();
        const view = applied.get(id) ?? state.resources.get(id);
        if (!view) {
            throw new ArmError(404, 'ResourceNotFound', `The Resource '${planned ? `${planned.type}/${planned.name}` : target}' under resource group '${rg?.name ?? '(none)'}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
        }
        return full
            ? { apiVersion: view.apiVersion, location: view.location, tags: view.tags ?? {}, ...view.topLevel, properties: view.properties, id: view.id, name: view.name, type: view.type }
            : view.properties;
    };
    ev.listFn = (target, apiVersion, fn, body) => {
        const id = findResource(plan.resources, target)?.id ?? target;
        return listResult(id, (x) => applied.get(x.toLowerCase()) ?? state.resources.get(x.toLowerCase()), fn, apiVersion, body);
    };
    const subscription = d.scope.kind === 'subscription' || d.scope.kind === 'resourceGroup' ? d.scope.subscription : '';
    for (const r of plan.resources) {
        const started = clock.now();
        const raw = r.raw;
        // A copy instance is evaluated again inside its own loop, so copyIndex() gives the same answer as in preflight.
        const { properties, location, tags, topLevel } = ev.withLoop(r.copy, () => ({
            properties: raw.properties === undefined ? {} : ev.value(raw.properties),
            location: raw.location === undefined ? undefined : ev.value(raw.location),
            tags: raw.tags === undefined ? undefined : ev.value(raw.tags),
            topLevel: evaluateTopLevel(raw, ev),
        }));
        const view = {
            id: r.id,
            type: r.type,
            name: r.name,
            apiVersion: r.apiVersion,
            location: typeof location === 'string' ? location : undefined,
            tags: runner_isObject(tags) ? tags : undefined,
            properties: runner_isObject(properties) ? properties : {},
            topLevel: completeTopLevel(r.id, topLevel, core.options.tenantId),
        };
        const existed = state.resources.has(r.id.toLowerCase());
        if (r.type.toLowerCase() === 'microsoft.resources/resourcegroups') {
            const key = `${subscription}/${r.name}`.toLowerCase();
            const prior = state.resourceGroups.get(key);
            state.resourceGroups.set(key, {
                subscription,
                name: prior?.name ?? r.name,
                location: prior?.location ?? normalizeLocation(view.location),
                tags: view.tags ?? prior?.tags,
                provisioningState: 'Succeeded',
            });
            view.properties = { provisioningState: 'Succeeded' };
        }
        else {
            view.properties = await provision(view, {
                apps: core.apps,
                routers: core.routers,
                provisionEndpoint: (id) => core.frontDoor.provisionEndpoint(id),
                subscription,
                resourceGroup: rg?.name ?? '',
                region: view.location ? normalizeLocation(view.location) : (rg?.location ?? d.location ?? ''),
                deploymentName: d.name,
            });
            const rec = {
                ...view,
                subscription: subscription || undefined,
                resourceGroup: rg?.name,
                scopeKey: scopeId(d.scope).toLowerCase(),
                deploymentName: d.name,
            };
            state.resources.set(r.id.toLowerCase(), rec);
        }
        applied.set(r.id.toLowerCase(), view);
        d.outputResources.push(r.id);
        d.operations.push({
            operationId: opId(),
            provisioningOperation: 'Create',
            provisioningState: 'Succeeded',
            timestamp: clock.now(),
            durationMs: clock.now() - started,
            statusCode: existed ? 'OK' : 'Created',
            targetResource: { id: r.id, resourceType: r.type, resourceName: r.name, apiVersion: r.apiVersion },
        });
    }
    if (d.mode === 'Complete' && d.scope.kind === 'resourceGroup') {
        const keep = new Set(plan.resources.map((r) => r.id.toLowerCase()));
        for (const res of state.resourcesIn(scopeId(d.scope))) {
            if (keep.has(res.id.toLowerCase()))
                continue;
            state.resources.delete(res.id.toLowerCase());
            await core.apps.remove(res.id);
            await core.routers?.remove(res.id);
        }
    }
    d.outputs = evaluateOutputs(d.template, ev, false);
}

;// CONCATENATED MODULE: ./sim/persist.ts






function openStateDir(dir) {
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
    const certFile = external_node_path_default().join(dir, 'cert.json');
    const stateFile = external_node_path_default().join(dir, 'state.json');
    const cert = (0,external_node_fs_.existsSync)(certFile) ? JSON.parse((0,external_node_fs_.readFileSync)(certFile, 'utf8')) : undefined;
    const snapshot = (0,external_node_fs_.existsSync)(stateFile) ? JSON.parse((0,external_node_fs_.readFileSync)(stateFile, 'utf8')) : undefined;
    return {
        cert,
        port: snapshot?.port,
        caFile: external_node_path_default().join(dir, 'ca.pem'),
        restore: (core) => (snapshot ? restore(core, snapshot) : Promise.resolve()),
        save(core, port, c) {
            if (!(0,external_node_fs_.existsSync)(certFile))
                writeAtomic(certFile, JSON.stringify(c));
            writeAtomic(stateFile, JSON.stringify(take(core, port)));
        },
    };
}
function writeAtomic(file, text) {
    const tmp = `${file}.${process.pid}.tmp`;
    (0,external_node_fs_.writeFileSync)(tmp, text);
    (0,external_node_fs_.renameSync)(tmp, file);
}
function take(core, port) {
    const deployments = [];
    for (const history of core.state.deployments.values()) {
        for (const d of history.values()) {
            const { abort: _abort, plan, ...rest } = d;
            deployments.push({ ...rest, plan: { parameters: plan.parameters, resources: plan.resources } });
        }
    }
    return {
        formatVersion: 1,
        port,
        resourceGroups: [...core.state.resourceGroups.values()],
        resources: [...core.state.resources.values()],
        deployments,
        apps: core.apps.list(),
    };
}
async function restore(core, snapshot) {
    const { state } = core;
    for (const rg of snapshot.resourceGroups)
        state.resourceGroups.set(rgKey(rg.subscription, rg.name), rg);
    for (const r of snapshot.resources)
        state.resources.set(r.id.toLowerCase(), r);
    for (const app of snapshot.apps)
        await core.apps.deploy(app, Number(new URL(app.url).port));
    for (const saved of snapshot.deployments) {
        const d = { ...saved, abort: new AbortController(), plan: saved.plan };
        const key = scopeKey(d.scope);
        state.deploymentsIn(key).set(d.name.toLowerCase(), d);
        core.deploymentRuns.set(d.asyncOperationId, d);
        if (!isActive(d) || d.requestBody === undefined)
            continue;
        // A running deployment goes on for what was left of its time, with a plan evaluated again from its request.
        try {
            d.plan = prepareDeployment(core, d.scope, d.name, d.requestBody).plan;
        }
        catch (err) {
            d.state = 'Failed';
            d.error = { code: 'DeploymentFailed', message: `The local ARM simulator could not resume this deployment after a restart: ${err.message}` };
            continue;
        }
        const left = Math.max(0, d.startedAt + core.options.deploymentLatencyMs - core.clock.now());
        const run = runDeployment(core, d, { takes: { kind: 'deploymentTakes', durationMs: left } }).finally(() => core.running.delete(run));
        core.running.add(run);
    }
}

;// CONCATENATED MODULE: ./sim/body.ts
/**
 * A request body, kept up to `max` bytes. The rest is drained but not held, so that an over-size request still gets
 * its 413 answer instead of a reset, and `size` says how large it really was.
 */
async function readCappedBody(req, max) {
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
        size += chunk.length;
        if (size <= max)
            chunks.push(chunk);
    }
    return { body: Buffer.concat(chunks), size };
}

;// CONCATENATED MODULE: ./sim/control.ts

/**
 * `/_sim/...`: steering a standalone sim from another process (a rehearsal, a demo, a shell). No auth: the server
 * listens on loopback only.
 */
function control(deps, method, path, body) {
    const { core, log } = deps;
    const parts = path.split('/').filter(Boolean).slice(1);
    const [what, id] = parts;
    const bad = (message) => ({ status: 400, body: { error: { code: 'InvalidSimControlRequest', message } } });
    switch (`${method} ${what ?? ''}${id !== undefined ? '/:id' : ''}`) {
        case 'GET info':
            return { status: 200, body: { endpoint: core.endpoint, caFile: deps.caFile } };
        case 'GET faults':
            return { status: 200, body: core.faults.list() };
        case 'POST faults': {
            try {
                const rules = parseFaultRules(body);
                return { status: 201, body: { ids: rules.map((r) => core.faults.add(r)) } };
            }
            catch (err) {
                return bad(err.message);
            }
        }
        case 'DELETE faults':
            core.faults.clear();
            return { status: 204 };
        case 'DELETE faults/:id':
            return core.faults.remove(decodeURIComponent(id)) ? { status: 204 } : { status: 404, body: { error: { code: 'FaultNotFound', message: `No fault '${id}'.` } } };
        case 'GET requests':
            return { status: 200, body: log };
        case 'DELETE requests':
            log.length = 0;
            return { status: 204 };
        case 'GET apps':
            return { status: 200, body: core.apps.list() };
        case 'POST linkedTemplates': {
            const b = body;
            if (typeof b?.uri !== 'string' || typeof b.template !== 'object' || b.template === null)
                return bad('expected {"uri": "...", "template": {...}}');
            core.options.linkedTemplates.set(b.uri, b.template);
            return { status: 204 };
        }
        default:
            return { status: 404, body: { error: { code: 'NotFound', message: `Unknown control request ${method} ${path}. Try GET /_sim/info, /_sim/faults, /_sim/requests, /_sim/apps.` } } };
    }
}

;// CONCATENATED MODULE: ./sim/core.ts
const json = (status, body, headers) => ({ status, body, headers });

;// CONCATENATED MODULE: ./sim/deploymentView.ts


/** Parameters as ARM returns them: `{type, value}`, secure ones without their value. */
function renderParameters(params) {
    const out = {};
    for (const [k, p] of Object.entries(params))
        out[k] = p.secure ? { type: armTypeName(p.type) } : { type: armTypeName(p.type), value: p.value };
    return out;
}
function providersOf(resources) {
    const byNs = new Map();
    for (const r of resources) {
        const [ns, ...rest] = r.type.split('/');
        const types = byNs.get(ns) ?? new Map();
        byNs.set(ns, types);
        const locs = types.get(rest.join('/')) ?? new Set();
        if (r.location)
            locs.add(r.location);
        types.set(rest.join('/'), locs);
    }
    return [...byNs].map(([namespace, types]) => ({
        namespace,
        resourceTypes: [...types].map(([resourceType, locs]) => ({ resourceType, locations: [...locs] })),
    }));
}
function dependenciesOf(resources) {
    const byId = new Map(resources.map((r) => [r.id, r]));
    return resources
        .filter((r) => r.dependsOn.length > 0)
        .map((r) => ({
        dependsOn: r.dependsOn.map((d) => ({ id: d, resourceType: byId.get(d).type, resourceName: byId.get(d).name })),
        id: r.id,
        resourceType: r.type,
        resourceName: r.name,
    }));
}
function renderDeployment(d, now) {
    const props = {
        templateHash: templateHash(d.template),
        parameters: renderParameters(d.parameters),
        mode: d.mode,
        provisioningState: d.state,
        timestamp: isoTime(d.timestamp),
        duration: isoDuration((d.endedAt ?? now) - d.startedAt),
        correlationId: d.correlationId,
        providers: providersOf(d.plan.resources),
        dependencies: dependenciesOf(d.plan.resources),
    };
    if (d.templateLink)
        props.templateLink = d.templateLink;
    if (d.outputs)
        props.outputs = d.outputs;
    if (d.state === 'Succeeded')
        props.outputResources = d.outputResources.map((id) => ({ id }));
    if (d.error)
        props.error = compactDetail(d.error);
    if (d.onErrorDeployment)
        props.onErrorDeployment = d.onErrorDeployment;
    if (d.debugSetting)
        props.debugSetting = d.debugSetting;
    const out = { id: d.id, name: d.name, type: 'Microsoft.Resources/deployments' };
    if (d.location)
        out.location = d.location;
    out.properties = props;
    if (d.tags)
        out.tags = d.tags;
    return out;
}
function renderOperation(d, op) {
    const properties = {
        provisioningOperation: op.provisioningOperation,
        provisioningState: op.provisioningState,
        timestamp: isoTime(op.timestamp),
        duration: isoDuration(op.durationMs),
        trackingId: d.correlationId,
        serviceRequestId: d.correlationId,
        statusCode: op.statusCode,
    };
    if (op.statusMessage)
        properties.statusMessage = op.statusMessage;
    if (op.targetResource)
        properties.targetResource = op.targetResource;
    const base = d.id.replace(/\/providers\/Microsoft\.Resources\/deployments\//, (m) => (d.scope.kind === 'resourceGroup' ? '/deployments/' : m));
    return { id: `${base}/operations/${op.operationId}`, operationId: op.operationId, properties };
}
/** The body of `.../operationStatuses/{id}`: what the SDK's Azure-AsyncOperation poller reads. */
function renderStatus(d) {
    const status = d.state === 'Accepted' ? 'Running' : d.state;
    const out = { status };
    if (d.state === 'Failed' && d.error)
        out.error = compactDetail(d.error);
    return out;
}

;// CONCATENATED MODULE: ./sim/whatif.ts

const whatif_isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const whatif_same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
/** Differences on the paths the template sets: properties Azure adds itself (host names, states) are not changes. */
function diff(before, after, path, out) {
    if (whatif_isObject(after) && whatif_isObject(before)) {
        for (const [k, v] of Object.entries(after)) {
            const p = path ? `${path}.${k}` : k;
            if (k in before)
                diff(before[k], v, p, out);
            // ARM reports new leaves one by one (`tags.myNewTag`), not the object that holds them.
            else if (whatif_isObject(v) && Object.keys(v).length > 0)
                diff({}, v, p, out);
            else
                out.push({ path: p, propertyChangeType: 'Create', after: v });
        }
        return;
    }
    if (Array.isArray(before) && Array.isArray(after)) {
        if (!whatif_same(before, after))
            out.push({ path, propertyChangeType: 'Array', children: arrayChanges(before, after) });
        return;
    }
    if (!whatif_same(before, after))
        out.push({ path, propertyChangeType: 'Modify', before, after });
}
/**
 * ARM reports a changed array as one `Array` change whose children are its elements by index (path "0", "1", ...):
 * an element changed inside is a `Modify` whose own children have paths relative to it. Elements are compared by
 * position (ARM also matches moved elements; no template here reorders an array).
 */
function arrayChanges(before, after) {
    const children = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
        const path = String(i);
        if (i >= after.length)
            children.push({ path, propertyChangeType: 'Delete', before: before[i] });
        else if (i >= before.length)
            children.push({ path, propertyChangeType: 'Create', after: after[i] });
        else if (!whatif_same(before[i], after[i])) {
            const nested = (whatif_isObject(before[i]) && whatif_isObject(after[i])) || (Array.isArray(before[i]) && Array.isArray(after[i]));
            if (!nested)
                children.push({ path, propertyChangeType: 'Modify', before: before[i], after: after[i] });
            else {
                const inner = [];
                diff(before[i], after[i], '', inner);
                children.push(Array.isArray(after[i]) ? { ...inner[0], path } : { path, propertyChangeType: 'Modify', children: inner });
            }
        }
    }
    return children;
}
/**
 * What-if against what earlier deployments left in the scope: Create for new resources, Modify / NoChange for
 * existing ones, and for resources the template does not mention Ignore (Incremental) or Delete (Complete).
 */
function whatIf(core, scope, resources, mode, resultFormat) {
    const idOnly = resultFormat.toLowerCase() === 'resourceidonly';
    const changes = [];
    const stateOf = (id) => {
        const r = core.state.resources.get(id.toLowerCase());
        if (r)
            return { id: r.id, name: r.name, type: r.type, apiVersion: r.apiVersion, location: r.location, tags: r.tags, ...r.topLevel, properties: r.properties };
        const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)$/i.exec(id);
        const rg = m && core.state.resourceGroups.get(`${m[1]}/${m[2]}`.toLowerCase());
        if (rg)
            return { id, name: rg.name, type: 'Microsoft.Resources/resourceGroups', apiVersion: '2025-04-01', location: rg.location, tags: rg.tags };
        return undefined;
    };
    const strip = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    for (const r of resources) {
        // sku, kind, identity, plan, zones, managedBy sit beside properties, and a change to them is a Modify like any other.
        const after = strip({ id: r.id, name: r.name, type: r.type, apiVersion: r.apiVersion, location: r.location, tags: r.tags, ...r.topLevel, properties: r.properties });
        const before = stateOf(r.id);
        if (!before) {
            changes.push(idOnly ? { resourceId: r.id, changeType: 'Create' } : { resourceId: r.id, changeType: 'Create', after });
            continue;
        }
        const delta = [];
        const { id: _i, name: _n, type: _t, apiVersion: _a, ...desired } = after;
        diff(strip(before), desired, '', delta);
        const changeType = delta.length > 0 ? 'Modify' : 'NoChange';
        if (idOnly)
            changes.push({ resourceId: r.id, changeType });
        else
            changes.push({ resourceId: r.id, changeType, before: strip(before), after: { ...strip(before), ...after }, ...(delta.length > 0 ? { delta } : {}) });
    }
    if (scope.kind === 'resourceGroup') {
        const planned = new Set(resources.map((r) => r.id.toLowerCase()));
        for (const existing of core.state.resourcesIn(scopeId(scope))) {
            if (planned.has(existing.id.toLowerCase()))
                continue;
            const changeType = mode === 'Complete' ? 'Delete' : 'Ignore';
            const before = stateOf(existing.id);
            changes.push(idOnly ? { resourceId: existing.id, changeType } : { resourceId: existing.id, changeType, before: strip(before) });
        }
    }
    return { status: 'Succeeded', properties: { changes } };
}

;// CONCATENATED MODULE: ./sim/deployments.ts











/** Checks the scope exists and returns it with ARM's spelling of the resource group name. */
function resolveScope(core, scope) {
    if (scope.kind === 'subscription' || scope.kind === 'resourceGroup')
        checkSubscription(scope.subscription);
    if (scope.kind !== 'resourceGroup')
        return scope;
    const rg = core.state.resourceGroups.get(`${scope.subscription}/${scope.resourceGroup}`.toLowerCase());
    if (!rg)
        throw notFound('ResourceGroupNotFound', `Resource group '${scope.resourceGroup}' could not be found.`);
    return { ...scope, resourceGroup: rg.name };
}
const deploymentId = (scope, name) => `${scopeId(scope)}/providers/Microsoft.Resources/deployments/${name}`;
function find(core, scope, name) {
    const d = core.state.deploymentsIn(scopeKey(scope)).get(name.toLowerCase());
    if (!d)
        throw notFound('DeploymentNotFound', `Deployment '${name}' could not be found.`);
    return d;
}
const subjectBase = (scope) => ({
    resourceGroup: scope.kind === 'resourceGroup' ? scope.resourceGroup : undefined,
    subscription: scope.kind === 'resourceGroup' || scope.kind === 'subscription' ? scope.subscription : undefined,
});
function putDeployment(core, req, rawScope, name) {
    checkDeploymentName(name);
    const scope = resolveScope(core, rawScope);
    const history = core.state.deploymentsIn(scopeKey(scope));
    const previous = history.get(name.toLowerCase());
    if (previous && isActive(previous)) {
        throw conflict('DeploymentActive', `Unable to edit or replace deployment '${previous.name}': previous deployment from '${isoTime(previous.startedAt)}' is still active (expiration time is '${isoTime(previous.startedAt + 14 * 86_400_000)}'). Please see https://aka.ms/arm-deploy for usage details.`);
    }
    // ARM runs deployments of other names into one resource group side by side (nested deployments do it all the
    // time); only the same name is refused while it is active (checked above).
    const p = prepareDeployment(core, scope, name, req.body);
    if (previous && previous.location && p.location && previous.location !== p.location) {
        throw badRequest('InvalidDeploymentLocation', `Invalid deployment location '${p.location}'. The deployment '${name}' already exists in location '${previous.location}'.`);
    }
    preflight(core, scope, name, p);
    if (!previous)
        makeRoomInHistory(core, scope, name);
    const now = core.clock.now();
    const d = {
        scope,
        name,
        id: deploymentId(scope, name),
        location: p.location,
        tags: p.tags,
        mode: p.mode,
        template: p.template,
        templateLink: p.templateLink,
        onErrorDeployment: p.onErrorDeployment && resolveOnError(history, p.onErrorDeployment),
        debugSetting: p.debugSetting,
        parameters: p.plan.parameters,
        plan: p.plan,
        state: 'Accepted',
        correlationId: req.correlationId,
        startedAt: now,
        timestamp: now,
        outputResources: [],
        operations: [],
        asyncOperationId: (0,external_node_crypto_.randomUUID)().replace(/-/g, '').toUpperCase(),
        abort: new AbortController(),
        version: p.version,
        regions: p.regions,
        requestBody: req.body,
    };
    if (previous)
        history.delete(name.toLowerCase());
    history.set(name.toLowerCase(), d);
    core.deploymentRuns.set(d.asyncOperationId, d);
    const subject = { ...subjectBase(scope), region: p.regions, version: p.version, deploymentName: name };
    const faults = {
        hangs: core.faults.take(['deploymentHangs'], subject),
        takes: core.faults.take(['deploymentTakes'], subject),
        fails: core.faults.take(['deploymentFails'], subject),
    };
    const run = runDeployment(core, d, faults).finally(() => core.running.delete(run));
    core.running.add(run);
    const statusUrl = `${core.endpoint}${d.id}/operationStatuses/${d.asyncOperationId}?api-version=${encodeURIComponent(req.apiVersion)}`;
    return json(previous ? 200 : 201, renderDeployment(d, now), { 'Azure-AsyncOperation': statusUrl, ...deploymentRetryAfter(core) });
}
function resolveOnError(history, spec) {
    if (spec.type === 'LastSuccessful') {
        const last = [...history.values()].reverse().find((x) => x.state === 'Succeeded');
        return last ? { type: 'LastSuccessful', deploymentName: last.name } : { type: 'LastSuccessful' };
    }
    return { ...spec };
}
/** ARM keeps 800 deployments per scope; with auto-deletion on it trims the oldest finished ones above 700. */
function makeRoomInHistory(core, scope, name) {
    const history = core.state.deploymentsIn(scopeKey(scope));
    const { historyLimit, autoDeleteHistory } = core.options;
    if (autoDeleteHistory) {
        const threshold = Math.floor(historyLimit * 0.875);
        for (const [k, d] of history) {
            if (history.size < threshold)
                break;
            if (!isActive(d))
                history.delete(k);
        }
    }
    if (history.size >= historyLimit) {
        throw conflict('DeploymentQuotaExceeded', `Creating the deployment '${name}' would exceed the quota of '${historyLimit}'. The current deployment count is '${history.size}'. Please delete some deployments before creating a new one, or see https://aka.ms/800LimitFix for information on managing deployment limits.`);
    }
}
function getDeployment(core, scope, name, head) {
    const s = resolveScope(core, scope);
    if (head) {
        const d = core.state.deploymentsIn(scopeKey(s)).get(name.toLowerCase());
        return json(d ? 204 : 404);
    }
    return json(200, renderDeployment(find(core, s, name), core.clock.now()));
}
function deleteDeployment(core, req, scope, name) {
    const s = resolveScope(core, scope);
    const history = core.state.deploymentsIn(scopeKey(s));
    const d = history.get(name.toLowerCase());
    if (!d)
        return json(204);
    if (isActive(d)) {
        throw conflict('DeploymentActive', `The deployment '${d.name}' is still active and cannot be deleted. Cancel it first. Please see https://aka.ms/arm-deploy for usage details.`);
    }
    history.delete(name.toLowerCase());
    const id = core.locationOps.create({ final: () => ({ status: 204 }) });
    return json(202, undefined, locationHeaders(core, s, id, req.apiVersion));
}
function locationHeaders(core, scope, id, apiVersion) {
    const sub = scope.kind === 'subscription' || scope.kind === 'resourceGroup' ? scope.subscription : undefined;
    const h = { Location: operationResultUrl(core.endpoint, sub, id, apiVersion) };
    if (core.options.lroRetryAfterSeconds > 0)
        h['Retry-After'] = String(core.options.lroRetryAfterSeconds);
    return h;
}
const FILTER = /^\s*provisioningState\s+eq\s+'([A-Za-z]+)'\s*$/i;
function listDeployments(core, req, scope) {
    const s = resolveScope(core, scope);
    let all = [...core.state.deploymentsIn(scopeKey(s)).values()];
    const filter = req.query.get('$filter');
    if (filter !== null) {
        const m = FILTER.exec(filter);
        if (!m)
            throw badRequest('InvalidFilterInQueryString', `The filter '${filter}' is not supported. Use $filter=provisioningState eq '{state}'.`);
        all = all.filter((d) => d.state.toLowerCase() === m[1].toLowerCase());
    }
    return page(core, req, all.map((d) => renderDeployment(d, core.clock.now())));
}
/** `{value, nextLink}` paging; `$top` caps the total, `$skiptoken` is the offset of the next page. */
function page(core, req, items) {
    const topRaw = req.query.get('$top');
    let top = items.length;
    if (topRaw !== null) {
        const n = Number(topRaw);
        if (!Number.isInteger(n) || n < 1)
            throw badRequest('InvalidTopInQueryString', `The value '${topRaw}' of the query parameter '$top' is not a positive integer.`);
        top = Math.min(n, items.length);
    }
    const skipRaw = req.query.get('$skiptoken') ?? '0';
    const skip = Number(skipRaw);
    if (!Number.isInteger(skip) || skip < 0)
        throw badRequest('InvalidSkipToken', `The skip token '${skipRaw}' is not valid.`);
    const end = Math.min(top, skip + core.options.pageSize);
    const body = { value: items.slice(skip, end) };
    if (end < top) {
        // Keys stay unencoded (`$skiptoken`, `$filter`) as in ARM's own nextLinks.
        const q = [...req.query].filter(([k]) => k !== '$skiptoken').map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
        q.push(`$skiptoken=${end}`);
        body.nextLink = `${core.endpoint}${req.path}?${q.join('&')}`;
    }
    return json(200, body);
}
function cancelDeployment(core, scope, name) {
    const d = find(core, resolveScope(core, scope), name);
    if (!isActive(d)) {
        throw conflict('DeploymentCannotBeCancelled', `The deployment '${d.name}' cannot be cancelled because it is in '${d.state}' state. Only deployments in 'Accepted' or 'Running' state can be cancelled.`);
    }
    finish(core, d, 'Canceled');
    d.abort.abort(new Error('deployment canceled'));
    return json(204);
}
function exportTemplate(core, scope, name) {
    const d = find(core, resolveScope(core, scope), name);
    return json(200, { template: d.template });
}
function validateDeployment(core, req, scope, name) {
    checkDeploymentName(name);
    const s = resolveScope(core, scope);
    try {
        const p = prepareDeployment(core, s, name, req.body);
        preflight(core, s, name, p);
        const now = core.clock.now();
        const properties = {
            templateHash: templateHash(p.template),
            parameters: renderParameters(p.plan.parameters),
            mode: p.mode,
            provisioningState: 'Succeeded',
            timestamp: isoTime(now),
            duration: isoDuration(0),
            correlationId: req.correlationId,
            providers: providersOf(p.plan.resources),
            dependencies: dependenciesOf(p.plan.resources),
            validatedResources: p.plan.resources.map((r) => ({ id: r.id })),
        };
        if (p.templateLink)
            properties.templateLink = p.templateLink;
        if (p.onErrorDeployment)
            properties.onErrorDeployment = p.onErrorDeployment;
        return json(200, { id: deploymentId(s, name), name, type: 'Microsoft.Resources/deployments', ...(p.location ? { location: p.location } : {}), properties });
    }
    catch (err) {
        // 400s are validate's documented answer (the SDK returns them as a result with `error`); other codes stay errors.
        if (err instanceof ArmError && err.status === 400)
            return json(400, err.body());
        throw err;
    }
}
function whatIfDeployment(core, req, scope, name) {
    checkDeploymentName(name);
    const s = resolveScope(core, scope);
    if (s.kind === 'resourceGroup')
        requireResourceGroup(core, s.subscription, s.resourceGroup);
    const p = prepareDeployment(core, s, name, req.body);
    preflight(core, s, name, p);
    const body = req.body;
    const result = whatIf(core, s, p.plan.resources, p.mode, body.properties?.whatIfSettings?.resultFormat ?? 'FullResourcePayloads');
    const id = core.locationOps.create({ final: () => ({ status: 200, body: result }) });
    return json(202, undefined, locationHeaders(core, s, id, req.apiVersion));
}
function listOperations(core, req, scope, name, operationId) {
    const d = find(core, resolveScope(core, scope), name);
    if (operationId === undefined)
        return page(core, req, d.operations.map((op) => renderOperation(d, op)));
    const op = d.operations.find((o) => o.operationId.toLowerCase() === operationId.toLowerCase());
    if (!op)
        throw notFound('DeploymentOperationNotFound', `Deployment operation '${operationId}' of deployment '${name}' could not be found.`);
    return json(200, renderOperation(d, op));
}
function operationStatus(core, scope, name, opId) {
    // Not resolveScope: a poller must still learn "Canceled" after the resource group it deployed to is gone.
    if (scope.kind === 'subscription' || scope.kind === 'resourceGroup')
        checkSubscription(scope.subscription);
    const d = core.deploymentRuns.get(opId.toUpperCase());
    if (!d || d.name.toLowerCase() !== name.toLowerCase()) {
        throw notFound('OperationNotFound', `The operation '${opId}' of deployment '${name}' could not be found.`);
    }
    return json(200, renderStatus(d), isActive(d) ? deploymentRetryAfter(core) : undefined);
}
/** ARM asks deployment pollers to come back after some seconds; 0 leaves the header out. */
function deploymentRetryAfter(core) {
    const s = core.options.deploymentRetryAfterSeconds;
    return s > 0 ? { 'Retry-After': String(s) } : {};
}

;// CONCATENATED MODULE: ./sim/resourceGroups.ts






const resourceGroups_isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
function renderResourceGroup(rg) {
    const out = {
        id: `/subscriptions/${rg.subscription}/resourceGroups/${rg.name}`,
        name: rg.name,
        type: 'Microsoft.Resources/resourceGroups',
        location: rg.location,
    };
    if (rg.managedBy)
        out.managedBy = rg.managedBy;
    if (rg.tags)
        out.tags = rg.tags;
    out.properties = { provisioningState: rg.provisioningState };
    return out;
}
function checkTags(tags) {
    if (tags === undefined || tags === null)
        return undefined;
    if (!resourceGroups_isObject(tags) || Object.values(tags).some((v) => typeof v !== 'string'))
        throw invalidContent("The 'tags' property must be an object of string values");
    return tags;
}
function putResourceGroup(core, req, sub, name) {
    checkSubscription(sub);
    checkResourceGroupName(name);
    const body = req.body;
    if (!resourceGroups_isObject(body))
        throw invalidContent('The request body must be a JSON object');
    const location = normalizeLocation(body.location);
    const tags = checkTags(body.tags);
    const key = rgKey(sub, name);
    const existing = core.state.resourceGroups.get(key);
    if (existing) {
        if (existing.provisioningState === 'Deleting') {
            throw conflict('ResourceGroupBeingDeleted', `The resource group '${existing.name}' is in deprovisioning state and cannot perform this operation.`);
        }
        if (existing.location !== location) {
            throw conflict('InvalidResourceGroupLocation', `Invalid resource group location '${location}'. The Resource group already exists in location '${existing.location}'.`);
        }
        existing.tags = tags;
        if (typeof body.managedBy === 'string')
            existing.managedBy = body.managedBy;
        return json(200, renderResourceGroup(existing));
    }
    const rg = { subscription: sub, name, location, tags, provisioningState: 'Succeeded' };
    if (typeof body.managedBy === 'string')
        rg.managedBy = body.managedBy;
    core.state.resourceGroups.set(key, rg);
    return json(201, renderResourceGroup(rg));
}
function resourceGroups_find(core, sub, name) {
    checkSubscription(sub);
    const rg = core.state.resourceGroups.get(rgKey(sub, name));
    if (!rg)
        throw notFound('ResourceGroupNotFound', `Resource group '${name}' could not be found.`);
    return rg;
}
function getResourceGroup(core, sub, name, head) {
    if (head) {
        checkSubscription(sub);
        return json(core.state.resourceGroups.has(rgKey(sub, name)) ? 204 : 404);
    }
    return json(200, renderResourceGroup(resourceGroups_find(core, sub, name)));
}
function patchResourceGroup(core, req, sub, name) {
    const rg = resourceGroups_find(core, sub, name);
    const body = req.body;
    if (!resourceGroups_isObject(body))
        throw invalidContent('The request body must be a JSON object');
    if (body.location !== undefined && normalizeLocation(body.location) !== rg.location) {
        throw conflict('InvalidResourceGroupLocation', `Invalid resource group location '${String(body.location)}'. The Resource group already exists in location '${rg.location}'.`);
    }
    if (body.tags !== undefined)
        rg.tags = checkTags(body.tags);
    if (typeof body.managedBy === 'string')
        rg.managedBy = body.managedBy;
    return json(200, renderResourceGroup(rg));
}
/**
 * 202 + Location, then 200 when gone. Running deployments are canceled, stamp apps stopped, and the group's
 * resources and deployment history disappear with it.
 */
function deleteResourceGroup(core, req, sub, name) {
    const rg = resourceGroups_find(core, sub, name);
    const scope = { kind: 'resourceGroup', subscription: sub, resourceGroup: rg.name };
    if (rg.provisioningState !== 'Deleting') {
        rg.provisioningState = 'Deleting';
        for (const d of core.state.deploymentsIn(scopeKey(scope)).values()) {
            if (!isActive(d))
                continue;
            finish(core, d, 'Canceled');
            d.abort.abort(new Error('resource group deleted'));
        }
        let done = false;
        const removal = (async () => {
            await core.clock.sleep(core.options.resourceGroupDeleteLatencyMs);
            for (const r of core.state.resourcesIn(scopeId(scope))) {
                core.state.resources.delete(r.id.toLowerCase());
                await core.apps.remove(r.id);
                await core.routers?.remove(r.id);
            }
            core.state.deployments.delete(scopeKey(scope));
            core.state.resourceGroups.delete(rgKey(sub, name));
            done = true;
        })().finally(() => core.running.delete(removal));
        core.running.add(removal);
        rgDeletions.set(rg, () => done);
    }
    const isDone = rgDeletions.get(rg);
    const id = core.locationOps.create({ final: () => (isDone() ? { status: 200 } : undefined) });
    return json(202, undefined, locationHeaders(core, scope, id, req.apiVersion));
}
const rgDeletions = new WeakMap();
const TAG_FILTER = /^\s*tagName\s+eq\s+'([^']*)'(?:\s+and\s+tagValue\s+eq\s+'([^']*)')?\s*$/i;
function listResourceGroups(core, req, sub) {
    checkSubscription(sub);
    let all = [...core.state.resourceGroups.values()].filter((rg) => rg.subscription.toLowerCase() === sub.toLowerCase());
    const filter = req.query.get('$filter');
    if (filter !== null) {
        const m = TAG_FILTER.exec(filter);
        if (!m)
            throw badRequest('InvalidFilterInQueryString', `The filter '${filter}' is not supported. Use tagName eq '{name}' [and tagValue eq '{value}'].`);
        all = all.filter((rg) => {
            const entry = Object.entries(rg.tags ?? {}).find(([k]) => k.toLowerCase() === m[1].toLowerCase());
            return entry !== undefined && (m[2] === undefined || entry[1] === m[2]);
        });
    }
    return page(core, req, all.map(renderResourceGroup));
}
/** GET on a Location header: 202 (same Location) while running, then the operation's final answer. */
function operationResult(core, req, id) {
    const op = core.locationOps.get(id);
    if (!op)
        throw notFound('OperationNotFound', `The operation result '${id}' could not be found.`);
    const final = op.final();
    if (!final) {
        const h = { Location: `${core.endpoint}${req.path}?${req.query.toString()}` };
        if (core.options.lroRetryAfterSeconds > 0)
            h['Retry-After'] = String(core.options.lroRetryAfterSeconds);
        return json(202, undefined, h);
    }
    if (op.error)
        throw new ArmError(400, op.error.code, op.error.message);
    return json(final.status, final.body);
}

// EXTERNAL MODULE: ./src/time/duration.ts
var duration = __webpack_require__(12061);
;// CONCATENATED MODULE: ./sim/metrics/api.ts



/**
 * `GET {resourceUri}/providers/Microsoft.Insights/metrics` (Azure Monitor metrics, api-version 2023-10-01 shape):
 * `metricnames`, `timespan` (start/end), `interval` (ISO 8601, default PT1M), `aggregation` (Total or Count), and
 * `$filter` with `DIM eq 'value'` or `DIM eq '*'` (split by that dimension) joined by `and`.
 */
/** The metrics each resource type emits here (Front Door: per origin; App Service: per site). */
const KNOWN_METRICS = {
    'microsoft.cdn/profiles': ['RequestCount', 'OriginRequestCount'],
    'microsoft.web/sites': ['Requests', 'Http5xx'],
    'microsoft.app/containerapps': ['Requests'],
};
function metricsReply(core, req, resourceUri) {
    const resource = core.state.resources.get(resourceUri.toLowerCase());
    if (!resource)
        throw new ArmError(404, 'ResourceNotFound', `The Resource '${resourceUri}' was not found.`);
    const known = KNOWN_METRICS[resource.type.toLowerCase()] ?? [];
    const names = (req.query.get('metricnames') ?? known[0] ?? '').split(',').map((n) => n.trim()).filter(Boolean);
    for (const name of names) {
        if (!known.some((k) => k.toLowerCase() === name.toLowerCase())) {
            throw new ArmError(400, 'BadRequest', `Failed to find metric configuration for provider: ${resource.type.split('/')[0]}, resource Type: ${resource.type}, metric: ${name}, Valid metrics: ${known.join(',')}`);
        }
    }
    const now = core.clock.now();
    const [fromText, toText] = (req.query.get('timespan') ?? '').split('/');
    const from = fromText ? Date.parse(fromText) : now - 3_600_000;
    const to = toText ? Date.parse(toText) : now;
    if (Number.isNaN(from) || Number.isNaN(to) || from >= to)
        throw new ArmError(400, 'BadRequest', `The timespan '${req.query.get('timespan')}' is not valid: give START/END in ISO 8601 with START before END.`);
    const intervalText = req.query.get('interval') ?? 'PT1M';
    const intervalMs = (0,duration/* parseDuration */.E9)(intervalText);
    if (!intervalMs || intervalMs % 60_000 !== 0)
        throw new ArmError(400, 'BadRequest', `Invalid interval '${intervalText}': use a whole number of minutes such as PT1M or PT5M.`);
    const aggregation = (req.query.get('aggregation') ?? 'Total').split(',')[0].trim().toLowerCase() === 'count' ? 'count' : 'total';
    const { splitBy, equals } = parseFilter(req.query.get('$filter'));
    const value = names.map((raw) => {
        const name = known.find((k) => k.toLowerCase() === raw.toLowerCase());
        const series = core.metrics.query(resourceUri, name, { from, to, intervalMs, splitBy, equals });
        return {
            id: `${resource.id}/providers/Microsoft.Insights/metrics/${name}`,
            type: 'Microsoft.Insights/metrics',
            name: { value: name, localizedValue: name },
            displayDescription: `${name} (local endpoint)`,
            unit: 'Count',
            timeseries: series.map((s) => ({
                metadatavalues: Object.entries(s.dims).map(([k, v]) => ({ name: { value: k.toLowerCase(), localizedValue: k }, value: v })),
                data: s.totals.map((t) => ({ timeStamp: new Date(t.at).toISOString().replace('.000Z', 'Z'), [aggregation]: t.total })),
            })),
            errorCode: 'Success',
        };
    });
    return json(200, {
        cost: 0,
        timespan: `${new Date(from).toISOString()}/${new Date(to).toISOString()}`,
        interval: intervalText,
        value,
        namespace: resource.type.toLowerCase(),
        resourceregion: resource.location ?? 'global',
    });
}
function parseFilter(filter) {
    const splitBy = [];
    const equals = {};
    if (!filter)
        return { splitBy, equals };
    for (const clause of filter.split(/\s+and\s+/i)) {
        const m = /^\s*([A-Za-z0-9_]+)\s+eq\s+'([^']*)'\s*$/i.exec(clause);
        if (!m)
            throw new ArmError(400, 'BadRequest', `The $filter clause '${clause}' is not supported: write DIMENSION eq 'value' or DIMENSION eq '*', joined by and.`);
        if (m[2] === '*')
            splitBy.push(m[1]);
        else
            equals[m[1]] = m[2];
    }
    return { splitBy, equals };
}

;// CONCATENATED MODULE: ./sim/frontdoor/arm.ts



/**
 * The Microsoft.Cdn operations the generic resource handler does not cover: listing the origins of an origin group
 * (what `afdOrigins.listByOriginGroup` reads) and deleting an origin (a unit's entries leaving Front Door). Both
 * answer in ARM's shapes of api-version 2024-02-01.
 */
const arm_lower = (s) => s.toLowerCase();
function listOrigins(core, _req, sub, rg, groupId) {
    checkSubscription(sub);
    if (!core.state.resourceGroups.has(rgKey(sub, rg)))
        throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`);
    if (!core.state.resources.has(arm_lower(groupId)))
        throw new ArmError(404, 'NotFound', `The origin group '${groupId.split('/').pop()}' was not found.`);
    const value = [...core.state.resources.values()]
        .filter((r) => arm_lower(r.type) === 'microsoft.cdn/profiles/origingroups/origins' && arm_lower(r.id).startsWith(`${arm_lower(groupId)}/origins/`))
        .map((r) => ({
        id: r.id,
        type: 'Microsoft.Cdn/profiles/origingroups/origins',
        name: r.name.split('/').pop(),
        properties: {
            httpPort: 80,
            httpsPort: 443,
            priority: 1,
            weight: 50,
            enabledState: 'Enabled',
            enforceCertificateNameCheck: true,
            ...r.properties,
            originGroupName: groupId.split('/').pop(),
            deploymentStatus: 'NotStarted',
            provisioningState: 'Succeeded',
        },
    }));
    return json(200, { value });
}
function deleteResource(core, sub, rg, id) {
    checkSubscription(sub);
    if (!core.state.resourceGroups.has(rgKey(sub, rg)))
        throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`);
    const prefix = arm_lower(id);
    let found = false;
    for (const key of [...core.state.resources.keys()]) {
        if (key === prefix || key.startsWith(`${prefix}/`)) {
            core.state.resources.delete(key);
            found = true;
        }
    }
    void core.frontDoor.removeUnder(id);
    return json(found ? 200 : 204);
}
/** PATCH of an origin (AFDOriginUpdateParameters): the given properties change, the rest stays; 200 with the origin. */
function patchOrigin(core, req, sub, rg, id) {
    checkSubscription(sub);
    if (!core.state.resourceGroups.has(rgKey(sub, rg)))
        throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`);
    const origin = core.state.resources.get(arm_lower(id));
    if (!origin)
        throw new ArmError(404, 'NotFound', `The origin '${id.split('/').pop()}' was not found.`);
    const body = req.body;
    const changes = body?.properties ?? {};
    if (changes.weight !== undefined && (!Number.isInteger(changes.weight) || changes.weight < 1 || changes.weight > 1000)) {
        throw new ArmError(400, 'BadRequest', 'The weight of an origin must be an integer between 1 and 1000.');
    }
    if (changes.enabledState !== undefined && changes.enabledState !== 'Enabled' && changes.enabledState !== 'Disabled') {
        throw new ArmError(400, 'BadRequest', "The enabledState of an origin must be 'Enabled' or 'Disabled'.");
    }
    origin.properties = { ...origin.properties, ...changes, provisioningState: 'Succeeded' };
    return json(200, { id: origin.id, type: 'Microsoft.Cdn/profiles/origingroups/origins', name: origin.name.split('/').pop(), properties: { ...origin.properties, deploymentStatus: 'NotStarted' } });
}

;// CONCATENATED MODULE: ./sim/frontdoor/routes.ts


/**
 * Paths served for release units, ahead of the generic resource handler: Azure Monitor metrics of any resource,
 * the origins of a Front Door origin group, and DELETE of Front Door child resources.
 */
function releaseUnitRoutes(s) {
    const l = s.map((x) => x.toLowerCase());
    const n = l.length;
    if (n >= 5 && l[n - 3] === 'providers' && l[n - 2] === 'microsoft.insights' && l[n - 1] === 'metrics') {
        const resourceUri = `/${s.slice(0, n - 3).join('/')}`;
        return { GET: (c, r) => metricsReply(c, r, resourceUri) };
    }
    if (l[0] !== 'subscriptions' || l[2] !== 'resourcegroups' || l[4] !== 'providers' || l[5] !== 'microsoft.cdn' || l[6] !== 'profiles')
        return undefined;
    const [sub, rg] = [s[1], s[3]];
    // .../profiles/P/originGroups/G/origins: the list; .../origins/O or any deeper child: also DELETE.
    if (n === 11 && l[8] === 'origingroups' && l[10] === 'origins') {
        return { GET: (c, r) => listOrigins(c, r, sub, rg, `/${s.slice(0, 10).join('/')}`) };
    }
    const id = `/${s.join('/')}`;
    if (n === 12 && l[8] === 'origingroups' && l[10] === 'origins')
        return { DELETE: (c) => deleteResource(c, sub, rg, id), PATCH: (c, r) => patchOrigin(c, r, sub, rg, id) };
    if (n >= 10 && n % 2 === 0)
        return { DELETE: (c) => deleteResource(c, sub, rg, id) };
    return undefined;
}

;// CONCATENATED MODULE: ./sim/resourceOps.ts



/**
 * DELETE of one resource by id, as ARM's generic resource API: 200 when it was there (its stamp app stops), 204 when
 * it was not. Child resources (ids under it) go with it, as ARM deletes a parent's children. Synchronous here; ARM
 * may answer 202 for some types.
 */
function resourceOps_deleteResource(core, sub, rg, id) {
    // Undefined for a management-group or tenant resource: its id names no subscription.
    if (sub !== undefined)
        checkSubscription(sub);
    if (rg !== undefined && sub !== undefined && !core.state.resourceGroups.has(rgKey(sub, rg)))
        throw notFound('ResourceGroupNotFound', `Resource group '${rg}' could not be found.`);
    const key = id.toLowerCase();
    const doomed = [...core.state.resources.values()].filter((r) => r.id.toLowerCase() === key || r.id.toLowerCase().startsWith(`${key}/`));
    if (doomed.length === 0)
        return json(204);
    for (const r of doomed) {
        core.state.resources.delete(r.id.toLowerCase());
        void core.apps.remove(r.id);
    }
    return json(200);
}
/** GET .../resourceGroups/{rg}/resources: every resource in the group (one page; enough for the tests' groups). */
function listResources(core, sub, rg) {
    checkSubscription(sub);
    if (!core.state.resourceGroups.has(rgKey(sub, rg)))
        throw notFound('ResourceGroupNotFound', `Resource group '${rg}' could not be found.`);
    const prefix = `/subscriptions/${sub}/resourceGroups/${rg}/`.toLowerCase();
    const value = [...core.state.resources.values()]
        .filter((r) => r.id.toLowerCase().startsWith(prefix))
        .map((r) => ({ id: r.id, name: r.name, type: r.type, ...(r.location ? { location: r.location } : {}), ...(r.tags ? { tags: r.tags } : {}) }));
    return json(200, { value });
}

;// CONCATENATED MODULE: ./sim/stacks/principal.ts
/**
 * The caller's object id, as ARM reads it: the `oid` claim of the bearer token. The sim checks no signature (any
 * token is accepted); a token that is not a JWT has no principal, so no excludedPrincipals entry can match it.
 */
function callerPrincipal(headers) {
    const auth = String(headers.authorization ?? '');
    const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
    const payload = token?.split('.')[1];
    if (!payload)
        return undefined;
    try {
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        return typeof claims.oid === 'string' ? claims.oid : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./sim/stacks/store.ts
// Kept beside the state rather than in it: stacks are an addition the rest of the sim does not need to know about.
// Not saved by `sim --state` (see sim/README.md).
const stores = new WeakMap();
function stackStore(state) {
    let store = stores.get(state);
    if (!store)
        stores.set(state, (store = { stacks: new Map(), operations: new Map(), counter: 0 }));
    return store;
}
const isRunning = (s) => s.state === 'deploying';

;// CONCATENATED MODULE: ./sim/stacks/deny.ts




/**
 * Deny settings of the stacks, enforced on the simulated resources as ARM's deny assignments are: a DELETE of a
 * managed resource (or of a resource group holding one) under denyDelete or denyWriteAndDelete, and a write to one
 * (PUT/PATCH of it, or a deployment that writes it) under denyWriteAndDelete, answer 403
 * DenyAssignmentAuthorizationFailed, unless the caller's principal (the token's oid) is in excludedPrincipals.
 * The stack's own updates are not refused (they never come through here). excludedActions are not evaluated.
 */
function denyAssignmentCheck(core, req, segments) {
    const stacks = [...stackStore(core.state).stacks.values()].filter((s) => s.denySettings.mode !== 'none' && s.resources.length > 0);
    if (stacks.length === 0)
        return;
    const l = segments.map((x) => x.toLowerCase());
    if (l.includes('deploymentstacks'))
        return;
    const path = `/${segments.join('/')}`.toLowerCase();
    const method = req.method;
    if (method === 'DELETE') {
        // The resource itself, what goes with it (children, or everything in a resource group).
        const hit = deny_find(stacks, (id) => id === path || id.startsWith(`${path}/`), false);
        const denied = hit && refusal(req, hit, 'delete');
        if (denied)
            throw denied;
        return;
    }
    if (method !== 'PUT' && method !== 'PATCH')
        return;
    const dep = l.lastIndexOf('deployments');
    if (method === 'PUT' && dep >= 2 && l[dep - 1] === 'microsoft.resources' && dep === segments.length - 2) {
        const scope = scopeOf(segments.slice(0, dep - 2));
        if (!scope)
            return;
        let ids;
        try {
            ids = prepareDeployment(core, scope, segments[dep + 1], req.body).plan.resources.map((r) => r.id.toLowerCase());
        }
        catch {
            return; // the deployment handler reports what is wrong with it
        }
        const hit = deny_find(stacks, (id) => ids.includes(id), true);
        const denied = hit && refusal(req, hit, 'write');
        if (denied)
            throw denied;
        return;
    }
    if (!l.includes('providers'))
        return;
    const hit = deny_find(stacks, (id) => id === path, true);
    const denied = hit && refusal(req, hit, 'write');
    if (denied)
        throw denied;
}
function deny_find(stacks, matches, write) {
    for (const stack of stacks) {
        if (write && stack.denySettings.mode !== 'denyWriteAndDelete')
            continue;
        const resource = stack.resources.find((r) => matches(r.toLowerCase()));
        if (resource)
            return { stack, resource };
    }
    return undefined;
}
function refusal(req, hit, kind) {
    const who = callerPrincipal(req.headers);
    if (who && hit.stack.denySettings.excludedPrincipals.some((p) => p.toLowerCase() === who.toLowerCase()))
        return undefined;
    const type = resourceType(hit.resource);
    const action = `${type}/${kind}`;
    const assignment = `Deny assignment of deployment stack '${hit.stack.name}'`;
    return new ArmError(403, 'DenyAssignmentAuthorizationFailed', `The client '${who ?? 'unknown'}' with object id '${who ?? 'unknown'}' has permission to perform action '${action}' on scope '${hit.resource}'; however, the access is denied because of the deny assignment with name '${assignment}' and Id '${denyAssignmentId(hit.stack)}' at scope '${hit.stack.id}'.`);
}
function resourceType(id) {
    const p = id.split('/providers/').at(-1).split('/');
    return [p[0], ...p.slice(1).filter((_, i) => i % 2 === 0)].join('/');
}
/** Stable per stack: ARM names one deny assignment per stack and managed resource. */
function denyAssignmentId(stack) {
    const hex = Buffer.from(stack.id.toLowerCase()).toString('hex').padEnd(32, '0').slice(-32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
function scopeOf(seg) {
    const l = seg.map((x) => x.toLowerCase());
    if (l[0] !== 'subscriptions')
        return undefined;
    if (seg.length === 2)
        return { kind: 'subscription', subscription: seg[1] };
    if (seg.length === 4 && l[2] === 'resourcegroups')
        return { kind: 'resourceGroup', subscription: seg[1], resourceGroup: seg[3] };
    return undefined;
}

;// CONCATENATED MODULE: ./sim/stacks/view.ts

const view_secure = (type) => typeof type === 'string' && /^secure(string|object)$/i.test(type);
/** A stack as ARM answers it (DeploymentStack of the REST reference); secure parameter values never come back. */
function renderStack(s, now) {
    const declared = (s.template.parameters ?? {});
    const parameters = {};
    for (const [k, v] of Object.entries(s.parameters)) {
        const p = v;
        parameters[k] = view_secure(declared[k]?.type) ? {} : p;
    }
    const denyStatus = s.denySettings.mode;
    const properties = {
        actionOnUnmanage: s.actionOnUnmanage,
        denySettings: s.denySettings,
        ...(s.description !== undefined ? { description: s.description } : {}),
        parameters,
        provisioningState: s.state,
        correlationId: s.correlationId,
        deploymentId: s.deploymentId,
        resources: s.resources.map((id) => ({ id, status: 'managed', denyStatus })),
        deletedResources: s.deletedResources.map((id) => ({ id })),
        detachedResources: s.detachedResources.map((id) => ({ id })),
        failedResources: [],
    };
    if (s.outputs)
        properties.outputs = s.outputs;
    if (s.durationMs !== undefined)
        properties.duration = isoDuration(s.durationMs);
    if (s.error)
        properties.error = s.error;
    const by = s.modifiedBy ?? 'unknown';
    return {
        id: s.id,
        type: 'Microsoft.Resources/deploymentStacks',
        name: s.name,
        ...(s.location ? { location: s.location } : {}),
        ...(s.tags ? { tags: s.tags } : {}),
        systemData: { createdBy: by, createdByType: 'Application', createdAt: isoTime(s.createdAt), lastModifiedBy: by, lastModifiedByType: 'Application', lastModifiedAt: isoTime(Math.min(now, s.modifiedAt)) },
        properties,
    };
}
/** The Azure-AsyncOperation status resource of a create/update. */
function stackStatus(s, operationId, _now) {
    const status = s.state === 'deploying' ? 'Running' : s.state === 'succeeded' ? 'Succeeded' : s.state === 'failed' ? 'Failed' : 'Canceled';
    return { id: `${s.id}/operationStatuses/${operationId}`, name: operationId, status, ...(s.error && status === 'Failed' ? { error: s.error } : {}) };
}

;// CONCATENATED MODULE: ./sim/stacks/handlers.ts








/**
 * Microsoft.Resources/deploymentStacks (api-version 2024-03-01) at resource-group and subscription scope: a PUT
 * makes one deployment in the stack's scope and follows it; when it ends, resources the previous version managed
 * and the new one no longer does are deleted or detached per `actionOnUnmanage.resources`.
 */
const NAME = /^[-\w._()]{1,90}$/;
const UNMANAGE = new Set(['delete', 'detach']);
const DENY = new Set(['none', 'denyDelete', 'denyWriteAndDelete']);
const stackId = (scope, name) => `${scopeId(scope)}/providers/Microsoft.Resources/deploymentStacks/${name}`;
function handlers_find(core, scope, name) {
    const s = stackStore(core.state).stacks.get(stackId(scope, name).toLowerCase());
    if (!s)
        throw notFound('DeploymentStackNotFound', `The deployment stack '${name}' could not be found.`);
    return s;
}
/** The body's stack settings, checked as the REST reference requires (actionOnUnmanage.resources, denySettings.mode). */
function settings(body) {
    const p = body.properties;
    if (!p || typeof p !== 'object')
        throw badRequest('InvalidRequestContent', "The request content was invalid and could not be deserialized: 'Required property 'properties' not found in JSON.'.");
    const aou = p.actionOnUnmanage;
    if (!aou || !UNMANAGE.has(String(aou.resources))) {
        throw badRequest('InvalidRequestContent', `The request content was invalid: 'properties.actionOnUnmanage.resources' must be 'delete' or 'detach', not '${String(aou?.resources)}'.`, 'properties.actionOnUnmanage');
    }
    for (const k of ['resourceGroups', 'managementGroups']) {
        if (aou[k] !== undefined && !UNMANAGE.has(String(aou[k])))
            throw badRequest('InvalidRequestContent', `The request content was invalid: 'properties.actionOnUnmanage.${k}' must be 'delete' or 'detach'.`, 'properties.actionOnUnmanage');
    }
    const deny = p.denySettings;
    if (!deny || !DENY.has(String(deny.mode))) {
        throw badRequest('InvalidRequestContent', `The request content was invalid: 'properties.denySettings.mode' must be 'none', 'denyDelete' or 'denyWriteAndDelete', not '${String(deny?.mode)}'.`, 'properties.denySettings');
    }
    const strings = (v, what, max) => {
        if (v === undefined)
            return [];
        if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
            throw badRequest('InvalidRequestContent', `The request content was invalid: 'properties.denySettings.${what}' must be an array of strings.`, 'properties.denySettings');
        if (v.length > max)
            throw badRequest('DeploymentStackInvalidDenySettings', `Up to ${max} ${what} are permitted in denySettings; ${v.length} were given.`, 'properties.denySettings');
        return v;
    };
    return {
        actionOnUnmanage: { resources: aou.resources, ...(aou.resourceGroups ? { resourceGroups: aou.resourceGroups } : {}), ...(aou.managementGroups ? { managementGroups: aou.managementGroups } : {}) },
        denySettings: { mode: deny.mode, excludedPrincipals: strings(deny.excludedPrincipals, 'excludedPrincipals', 5), excludedActions: strings(deny.excludedActions, 'excludedActions', 200), applyToChildScopes: deny.applyToChildScopes === true },
        ...(typeof p.description === 'string' ? { description: p.description } : {}),
    };
}
function putStack(core, req, rawScope, name) {
    if (!NAME.test(name))
        throw badRequest('InvalidDeploymentStackName', `The deployment stack name '${name}' is invalid: it must be 1 to 90 characters of letters, digits, '-', '.', '_', '(' and ')'.`);
    const scope = resolveScope(core, rawScope);
    const body = (req.body ?? {});
    const s = settings(body);
    if (body.properties?.templateLink !== undefined || body.properties?.parametersLink !== undefined) {
        throw badRequest('InvalidRequestContent', 'The local endpoint takes the template and parameters inline only (templateLink and parametersLink are not supported).');
    }
    if (!body.properties?.template || typeof body.properties.template !== 'object')
        throw badRequest('InvalidRequestContent', "The request content was invalid: 'properties.template' is required.");
    const store = stackStore(core.state);
    const id = stackId(scope, name);
    const previous = store.stacks.get(id.toLowerCase());
    if (previous && isRunning(previous)) {
        throw conflict('DeploymentStackInProgress', `The deployment stack '${previous.name}' is still being updated (correlation id '${previous.correlationId}'); wait for it to finish before updating it again.`);
    }
    const rg = scope.kind === 'resourceGroup' ? core.state.resourceGroups.get(`${scope.subscription}/${scope.resourceGroup}`.toLowerCase()) : undefined;
    const location = rg?.location ?? body.location;
    if (scope.kind !== 'resourceGroup' && !location)
        throw badRequest('LocationRequired', 'The location property is required for a deployment stack at subscription scope.');
    if (previous?.location && body.location && previous.location.toLowerCase() !== body.location.toLowerCase() && scope.kind !== 'resourceGroup') {
        throw badRequest('InvalidDeploymentStackLocation', `The deployment stack '${name}' already exists in location '${previous.location}'; its location cannot change to '${body.location}'.`);
    }
    const now = core.clock.now();
    const deploymentName = `${name.slice(0, 44)}-${new Date(now).toISOString().replace(/\D/g, '').slice(0, 14)}-${(store.counter++ % 1000).toString().padStart(3, '0')}`;
    const template = body.properties.template;
    const parameters = body.properties.parameters ?? {};
    // The stack's deployment carries the stack's tags (ARM does not document what it tags it with; see sim/README.md).
    const deploymentBody = { ...(scope.kind === 'resourceGroup' ? {} : { location }), ...(body.tags ? { tags: body.tags } : {}), properties: { mode: 'Incremental', template, parameters } };
    // Preflight errors (template, parameters) answer this PUT, as they answer a deployment's.
    putDeployment(core, { ...req, body: deploymentBody }, scope, deploymentName);
    const d = core.state.deploymentsIn(scopeKey(scope)).get(deploymentName.toLowerCase());
    const run = [...core.running].at(-1);
    const stack = {
        scope,
        name,
        id,
        location,
        tags: body.tags,
        ...s,
        template,
        parameters,
        state: 'deploying',
        correlationId: req.correlationId,
        deploymentName,
        deploymentId: d.id,
        resources: previous?.resources ?? [],
        deletedResources: [],
        detachedResources: [],
        createdAt: previous?.createdAt ?? now,
        modifiedAt: now,
        modifiedBy: callerPrincipal(req.headers),
    };
    store.stacks.set(id.toLowerCase(), stack);
    const operationId = (0,external_node_crypto_.randomUUID)();
    store.operations.set(operationId, stack);
    // Settled as soon as its deployment ends, whether or not anyone polls: unmanaged resources go at once.
    const settled = (run ?? Promise.resolve()).then(() => settle(core, stack, d));
    core.running.add(settled);
    void settled.finally(() => core.running.delete(settled));
    const statusUrl = `${core.endpoint}${id}/operationStatuses/${operationId}?api-version=${encodeURIComponent(req.apiVersion)}`;
    return json(previous ? 200 : 201, renderStack(stack, now), { 'Azure-AsyncOperation': statusUrl });
}
/** The stack's deployment ended: the stack takes its outcome and applies actionOnUnmanage to what it no longer manages. */
function settle(core, stack, d) {
    if (stack.deploymentName !== d.name)
        return;
    stack.modifiedAt = core.clock.now();
    stack.durationMs = (d.endedAt ?? stack.modifiedAt) - d.startedAt;
    if (d.state === 'Canceled')
        return void (stack.state = 'canceled');
    if (d.state !== 'Succeeded') {
        stack.state = 'failed';
        stack.error = d.error ?? { code: 'DeploymentFailed', message: `The deployment '${d.name}' of the stack failed.` };
        return;
    }
    const now = new Set(d.outputResources.map((r) => r.toLowerCase()));
    const dropped = stack.resources.filter((r) => !now.has(r.toLowerCase()));
    stack.deletedResources = [];
    stack.detachedResources = [];
    for (const r of [...dropped].reverse()) {
        if (stack.actionOnUnmanage.resources === 'delete') {
            removeResource(core, r);
            stack.deletedResources.push(r);
        }
        else
            stack.detachedResources.push(r);
    }
    stack.resources = [...d.outputResources];
    stack.outputs = d.outputs;
    stack.error = undefined;
    stack.state = 'succeeded';
}
/** Deletes a resource and its children, as the generic DELETE does (its stamp app stops). */
function removeResource(core, id) {
    const key = id.toLowerCase();
    for (const r of [...core.state.resources.values()]) {
        const k = r.id.toLowerCase();
        if (k === key || k.startsWith(`${key}/`)) {
            core.state.resources.delete(k);
            void core.apps.remove(r.id);
        }
    }
}
function getStack(core, scope, name) {
    return json(200, renderStack(handlers_find(core, resolveScope(core, scope), name), core.clock.now()));
}
function listStacks(core, req, scope) {
    const s = resolveScope(core, scope);
    const key = scopeKey(s);
    const all = [...stackStore(core.state).stacks.values()].filter((x) => scopeKey(x.scope) === key);
    return page(core, req, all.map((x) => renderStack(x, core.clock.now())));
}
/** DELETE with `unmanageAction.Resources` (default detach): managed resources are deleted (in reverse order) or left. */
function deleteStack(core, req, scope, name) {
    const s = resolveScope(core, scope);
    const store = stackStore(core.state);
    const stack = store.stacks.get(stackId(s, name).toLowerCase());
    if (!stack)
        return json(204);
    const action = queryAction(req, 'unmanageAction.Resources');
    for (const k of ['unmanageAction.ResourceGroups', 'unmanageAction.ManagementGroups'])
        queryAction(req, k);
    if (isRunning(stack))
        throw conflict('DeploymentStackInProgress', `The deployment stack '${stack.name}' is still being updated (correlation id '${stack.correlationId}'); it cannot be deleted now.`);
    if (action === 'delete')
        for (const r of [...stack.resources].reverse())
            removeResource(core, r);
    store.stacks.delete(stack.id.toLowerCase());
    const op = core.locationOps.create({ final: () => ({ status: 200 }) });
    return json(202, undefined, locationHeaders(core, s, op, req.apiVersion));
}
function queryAction(req, key) {
    // Query keys are matched case-insensitively, as ARM does.
    const entry = [...req.query].find(([k]) => k.toLowerCase() === key.toLowerCase());
    if (!entry)
        return 'detach';
    if (!UNMANAGE.has(entry[1]))
        throw badRequest('InvalidQueryParameterValue', `The value '${entry[1]}' of query parameter '${key}' is invalid: use 'delete' or 'detach'.`);
    return entry[1];
}
function exportStackTemplate(core, scope, name) {
    return json(200, { template: handlers_find(core, resolveScope(core, scope), name).template });
}
function stackOperationStatus(core, scope, name, operationId) {
    const stack = stackStore(core.state).operations.get(operationId);
    if (!stack || stack.name.toLowerCase() !== name.toLowerCase() || scopeKey(stack.scope) !== scopeKey(scope)) {
        throw notFound('OperationNotFound', `The operation '${operationId}' of deployment stack '${name}' could not be found.`);
    }
    return json(200, stackStatus(stack, operationId, core.clock.now()));
}

;// CONCATENATED MODULE: ./sim/stacks/routes.ts

/**
 * Paths of Microsoft.Resources/deploymentStacks at resource-group and subscription scope, ahead of the generic
 * resource handler (which would take a stack for a plain resource).
 */
function stackRoutes(s) {
    const l = s.map((x) => x.toLowerCase());
    const at = l.findIndex((x, i) => x === 'providers' && l[i + 1] === 'microsoft.resources' && l[i + 2] === 'deploymentstacks');
    if (at < 0 || l[0] !== 'subscriptions')
        return undefined;
    let scope;
    if (at === 2)
        scope = { kind: 'subscription', subscription: s[1] };
    else if (at === 4 && l[2] === 'resourcegroups')
        scope = { kind: 'resourceGroup', subscription: s[1], resourceGroup: s[3] };
    else
        return undefined;
    const [name, action, id] = s.slice(at + 3);
    const rest = s.length - (at + 3);
    if (rest === 0)
        return { GET: (c, r) => listStacks(c, r, scope) };
    if (rest === 1) {
        return { PUT: (c, r) => putStack(c, r, scope, name), GET: (c) => getStack(c, scope, name), DELETE: (c, r) => deleteStack(c, r, scope, name) };
    }
    if (rest === 2 && action.toLowerCase() === 'exporttemplate')
        return { POST: (c) => exportStackTemplate(c, scope, name) };
    if (rest === 3 && action.toLowerCase() === 'operationstatuses')
        return { GET: (c) => stackOperationStatus(c, scope, name, id) };
    return undefined;
}

;// CONCATENATED MODULE: ./sim/router.ts










const router_lower = (s) => (s ?? '').toLowerCase();
/** The scope in front of `/providers/Microsoft.Resources/deployments`; undefined if it is not one ARM deploys to. */
function parseScope(seg) {
    if (seg.length === 0)
        return { kind: 'tenant' };
    if (seg.length === 4 && router_lower(seg[0]) === 'providers' && router_lower(seg[1]) === 'microsoft.management' && router_lower(seg[2]) === 'managementgroups') {
        return { kind: 'managementGroup', groupId: seg[3] };
    }
    if (router_lower(seg[0]) !== 'subscriptions')
        return undefined;
    if (seg.length === 2)
        return { kind: 'subscription', subscription: seg[1] };
    if (seg.length === 4 && router_lower(seg[2]) === 'resourcegroups')
        return { kind: 'resourceGroup', subscription: seg[1], resourceGroup: seg[3] };
    return undefined;
}
function deploymentRoutes(scope, rest) {
    const [name, action, id] = rest;
    if (rest.length === 0)
        return { GET: (c, r) => listDeployments(c, r, scope) };
    if (rest.length === 1) {
        return {
            PUT: (c, r) => putDeployment(c, r, scope, name),
            GET: (c) => getDeployment(c, scope, name, false),
            HEAD: (c) => getDeployment(c, scope, name, true),
            DELETE: (c, r) => deleteDeployment(c, r, scope, name),
        };
    }
    const a = router_lower(action);
    if (rest.length === 2) {
        if (a === 'validate')
            return { POST: (c, r) => validateDeployment(c, r, scope, name) };
        if (a === 'whatif')
            return { POST: (c, r) => whatIfDeployment(c, r, scope, name) };
        if (a === 'cancel')
            return { POST: (c) => cancelDeployment(c, scope, name) };
        if (a === 'exporttemplate')
            return { POST: (c) => exportTemplate(c, scope, name) };
        if (a === 'operations')
            return { GET: (c, r) => listOperations(c, r, scope, name) };
    }
    if (rest.length === 3 && a === 'operations')
        return { GET: (c, r) => listOperations(c, r, scope, name, id) };
    if (rest.length === 3 && a === 'operationstatuses')
        return { GET: (c) => operationStatus(c, scope, name, id) };
    return undefined;
}
function genericResource(sub, rg, id) {
    const get = (c, head) => {
        if (sub !== undefined)
            checkSubscription(sub);
        if (rg !== undefined && sub !== undefined && !c.state.resourceGroups.has(rgKey(sub, rg)))
            throw notFound('ResourceGroupNotFound', `Resource group '${rg}' could not be found.`);
        const r = c.state.resources.get(id.toLowerCase());
        if (!r) {
            if (head)
                return json(404);
            throw notFound('ResourceNotFound', `The Resource '${id.split('/providers/')[1]}' under resource group '${rg ?? ''}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
        }
        if (head)
            return json(204);
        const out = { id: r.id, name: r.name, type: r.type };
        if (r.location)
            out.location = r.location;
        if (r.tags)
            out.tags = r.tags;
        Object.assign(out, r.topLevel);
        out.properties = r.properties;
        return json(200, out);
    };
    return { GET: (c) => get(c, false), HEAD: (c) => get(c, true), DELETE: (c) => resourceOps_deleteResource(c, sub, rg, id) };
}
/** Maps a path to the handlers of its methods; undefined for paths ARM would not know. */
function route(segments) {
    const s = segments;
    const l = s.map(router_lower);
    for (let i = l.length - 3; i >= 0; i--) {
        if (l[i] === 'providers' && l[i + 1] === 'microsoft.resources' && l[i + 2] === 'deployments') {
            const scope = parseScope(s.slice(0, i));
            return scope && deploymentRoutes(scope, s.slice(i + 3));
        }
    }
    if (l.length === 3 && l[0] === 'providers' && l[1] === 'microsoft.resources' && l[2] === 'calculatetemplatehash') {
        return {
            POST: (_c, r) => {
                if (r.body === undefined)
                    throw invalidContent('The template is missing');
                return json(200, { minifiedTemplate: JSON.stringify(r.body), templateHash: templateHash(r.body) });
            },
        };
    }
    if (l.length === 4 && l[0] === 'providers' && l[1] === 'microsoft.resources' && l[2] === 'operationresults') {
        return { GET: (c, r) => operationResult(c, r, s[3]) };
    }
    // Resources of management-group and tenant deployments (management groups, policy definitions...), read and deleted by id.
    if (l[0] === 'providers' && l.length >= 4 && l.length % 2 === 0)
        return genericResource(undefined, undefined, `/${s.join('/')}`);
    if (l[0] !== 'subscriptions' || l.length < 2)
        return undefined;
    const sub = s[1];
    if (l.length === 2) {
        return {
            GET: (c) => {
                checkSubscription(sub);
                return json(200, { id: `/subscriptions/${sub}`, subscriptionId: sub, tenantId: c.options.tenantId, displayName: 'Simulated subscription', state: 'Enabled' });
            },
        };
    }
    if (l.length === 4 && l[2] === 'operationresults')
        return { GET: (c, r) => operationResult(c, r, s[3]) };
    if (l[2] === 'resourcegroups') {
        if (l.length === 3)
            return { GET: (c, r) => listResourceGroups(c, r, sub) };
        const rg = s[3];
        if (l.length === 4) {
            return {
                PUT: (c, r) => putResourceGroup(c, r, sub, rg),
                GET: (c) => getResourceGroup(c, sub, rg, false),
                HEAD: (c) => getResourceGroup(c, sub, rg, true),
                PATCH: (c, r) => patchResourceGroup(c, r, sub, rg),
                DELETE: (c, r) => deleteResourceGroup(c, r, sub, rg),
            };
        }
        if (l.length === 5 && l[4] === 'resources')
            return { GET: (c) => listResources(c, sub, rg) };
        // Resource-group deployment operations have no provider segment.
        if (l[4] === 'deployments' && l.length >= 7 && l[6] === 'operations' && l.length <= 8) {
            return deploymentRoutes({ kind: 'resourceGroup', subscription: sub, resourceGroup: rg }, s.slice(5));
        }
        if (l[4] === 'providers' && l.length >= 8 && l.length % 2 === 0) {
            return genericResource(sub, rg, `/${s.join('/')}`);
        }
        return undefined;
    }
    if (l[2] === 'providers' && l.length >= 6 && l.length % 2 === 0)
        return genericResource(sub, undefined, `/${s.join('/')}`);
    return undefined;
}
function dispatch(core, req, segments) {
    denyAssignmentCheck(core, req, segments);
    const special = stackRoutes(segments) ?? releaseUnitRoutes(segments);
    const methods = special && special[req.method] ? special : route(segments);
    if (!methods) {
        throw new ArmError(404, 'InvalidResourceType', `The resource type could not be found for the path '${req.path}' (not served by the local ARM simulator).`);
    }
    const handler = methods[req.method];
    if (!handler) {
        throw new ArmError(405, 'MethodNotAllowed', `The requested resource does not support http method '${req.method}'. Allowed: ${Object.keys(methods).join(', ')}.`);
    }
    return handler(core, req);
}

;// CONCATENATED MODULE: ./sim/throttle.ts
/** ARM public-cloud numbers (2025): per subscription, per kind. */
const LIMITS = {
    read: { burst: 250, perSecond: 25 },
    write: { burst: 200, perSecond: 10 },
    delete: { burst: 200, perSecond: 10 },
};
function operationKind(method) {
    const m = method.toUpperCase();
    if (m === 'GET' || m === 'HEAD')
        return 'read';
    if (m === 'DELETE')
        return 'delete';
    return 'write';
}
/** Token buckets refilled lazily from the clock, so virtual time refills them exactly like real time would. */
class Throttle {
    buckets = new Map();
    clock;
    scale;
    constructor(clock, scale = 1) {
        this.clock = clock;
        this.scale = scale;
    }
    get enabled() {
        return Number.isFinite(this.scale);
    }
    /** Takes one token; `ok: false` carries the whole seconds until one is back (ARM's Retry-After). */
    take(subscription, kind) {
        const { burst, perSecond } = LIMITS[kind];
        if (!this.enabled)
            return { ok: true, remaining: burst, retryAfterSeconds: 0 };
        const cap = Math.max(1, burst * this.scale);
        const rate = perSecond * this.scale;
        const key = `${subscription.toLowerCase()}|${kind}`;
        const now = this.clock.now();
        const b = this.buckets.get(key) ?? { tokens: cap, at: now };
        b.tokens = Math.min(cap, b.tokens + ((now - b.at) / 1000) * rate);
        b.at = now;
        this.buckets.set(key, b);
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return { ok: true, remaining: Math.floor(b.tokens), retryAfterSeconds: 0 };
        }
        const wait = rate > 0 ? Math.ceil((1 - b.tokens) / rate) : 3600;
        return { ok: false, remaining: 0, retryAfterSeconds: Math.max(1, wait) };
    }
    /** Remaining tokens without taking one (for the headers of kinds not used by this request). */
    remaining(subscription, kind) {
        const { burst, perSecond } = LIMITS[kind];
        if (!this.enabled)
            return burst;
        const b = this.buckets.get(`${subscription.toLowerCase()}|${kind}`);
        if (!b)
            return Math.floor(Math.max(1, burst * this.scale));
        const tokens = Math.min(burst * this.scale, b.tokens + ((this.clock.now() - b.at) / 1000) * perSecond * this.scale);
        return Math.floor(tokens);
    }
}

;// CONCATENATED MODULE: ./sim/server.ts









/** ARM's request size limit. */
const MAX_BODY = 4 * 1024 * 1024;
function segmentsOf(path) {
    try {
        return path.split('/').filter(Boolean).map(decodeURIComponent);
    }
    catch {
        throw new ArmError(400, 'InvalidRequestUri', `The request URI '${path}' is not valid: it has a malformed percent-encoding.`);
    }
}
async function handle(deps, req, res) {
    const { core, throttle, log } = deps;
    // Concatenate, not resolve: ARM tolerates `//subscriptions/...` (the SDK's getById sends it), a base URL would not.
    const url = new URL(`https://127.0.0.1${(req.url ?? '/').startsWith('/') ? '' : '/'}${req.url ?? '/'}`);
    const method = (req.method ?? 'GET').toUpperCase();
    const { body: raw, size } = await readCappedBody(req, MAX_BODY);
    if (url.pathname === '/_sim' || url.pathname.startsWith('/_sim/')) {
        let parsed;
        try {
            parsed = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
        }
        catch {
            return send(res, method, { status: 400, body: { error: { code: 'InvalidSimControlRequest', message: 'The body is not valid JSON.' } } }, {});
        }
        return send(res, method, control(deps, method, url.pathname, parsed), {});
    }
    const kind = operationKind(method);
    const correlationId = String(req.headers['x-ms-correlation-request-id'] ?? (0,external_node_crypto_.randomUUID)());
    const headers = { 'x-ms-request-id': (0,external_node_crypto_.randomUUID)(), 'x-ms-correlation-request-id': correlationId };
    const sentCorrelation = req.headers['x-ms-correlation-request-id'];
    const entry = { method, path: url.pathname, url: `${url.pathname}${url.search}`, status: 0, time: core.clock.now(), operation: kind, ...(sentCorrelation ? { correlationId: String(sentCorrelation) } : {}) };
    log.push(entry);
    let reply;
    let lost = false;
    let hang = false;
    let segments = [];
    let subscription;
    try {
        segments = segmentsOf(url.pathname);
        const l = segments.map((s) => s.toLowerCase());
        subscription = l[0] === 'subscriptions' ? segments[1] : undefined;
        const rgAt = l.indexOf('resourcegroups');
        const resourceGroup = rgAt >= 0 ? segments[rgAt + 1] : undefined;
        const depAt = l.lastIndexOf('deployments');
        const rg = subscription && resourceGroup ? core.state.resourceGroups.get(rgKey(subscription, resourceGroup)) : undefined;
        const subject = {
            subscription,
            resourceGroup,
            deploymentName: depAt >= 0 ? segments[depAt + 1] : undefined,
            region: rg ? [rg.location] : [],
            method,
            path: url.pathname,
            operation: kind,
        };
        const cut = core.faults.take(['requestRefused', 'requestReset'], subject);
        if (cut) {
            if (cut.kind === 'requestReset') {
                // A TLS socket cannot send an RST itself; the TCP socket under it can.
                const tcp = req.socket._parent;
                if (tcp)
                    tcp.resetAndDestroy();
                else
                    req.socket.destroy();
            }
            else
                req.socket.destroy();
            return;
        }
        const auth = req.headers.authorization;
        if (!auth)
            throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
        if (!/^Bearer\s+\S+/i.test(auth))
            throw new ArmError(401, 'InvalidAuthenticationToken', 'The access token is invalid: the Authorization header must be a Bearer token.');
        const apiVersion = url.searchParams.get('api-version');
        if (!apiVersion) {
            throw new ArmError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
        }
        const broken = core.faults.take(['requestHangs', 'serverError', 'notFound', 'authExpired'], subject);
        if (broken?.kind === 'requestHangs' && !broken.afterAct) {
            entry.status = -1;
            return; // never answered; the socket is closed when the client gives up or the sim stops
        }
        if (broken?.kind === 'authExpired') {
            throw new ArmError(401, 'ExpiredAuthenticationToken', `The access token expiry UTC time '${new Date(core.clock.now() - 60_000).toUTCString()}' is earlier than current UTC time '${new Date(core.clock.now()).toUTCString()}'.`, {
                headers: { 'WWW-Authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The access token has expired."' },
            });
        }
        if (broken?.kind === 'notFound') {
            throw new ArmError(404, broken.code ?? 'NotFound', broken.message ?? 'The requested resource was not found. Diagnostic information: injected by the local ARM simulator.');
        }
        if (broken?.kind === 'serverError') {
            throw new ArmError(broken.status ?? 500, broken.code ?? 'InternalServerError', broken.message ?? 'Encountered internal server error. Diagnostic information: injected by the local ARM simulator.');
        }
        lost = core.faults.take(['answerLost'], subject) !== undefined;
        hang = broken?.kind === 'requestHangs';
        const injected = core.faults.take(['throttle'], subject);
        const bucket = throttle.take(subscription ?? 'tenant', kind);
        headers[`x-ms-ratelimit-remaining-${subscription ? 'subscription' : 'tenant'}-${kind}s`] = String(injected ? 0 : bucket.remaining);
        if (injected || !bucket.ok) {
            const retryAfter = injected ? (injected.retryAfterSeconds ?? 1) : bucket.retryAfterSeconds;
            throw new ArmError(429, injected?.code ?? 'SubscriptionRequestsThrottled', injected?.code
                ? `The request is being throttled by the resource provider. Please try again after '${retryAfter}' seconds.`
                : `Number of '${kind}' requests for subscription '${subscription ?? 'tenant'}' actor '${correlationId}' exceeded. Please try again after '${retryAfter}' seconds after the last request.`, { headers: { 'Retry-After': String(retryAfter) } });
        }
        if (size > MAX_BODY) {
            throw new ArmError(413, 'RequestContentTooLarge', `The request content size '${size}' exceeds the maximum size of '${MAX_BODY}' bytes (4 MiB).`);
        }
        let body;
        if (raw.length > 0) {
            const type = String(req.headers['content-type'] ?? '');
            if (!/^application\/(.+\+)?json/i.test(type)) {
                throw new ArmError(415, 'UnsupportedMediaType', `The content media type '${type || '(none)'}' is not supported. Only 'application/json' is supported.`);
            }
            try {
                body = parseArmJson(raw.toString('utf8'));
            }
            catch (err) {
                throw invalidContent(err.message);
            }
        }
        const armReq = { method, path: url.pathname, query: url.searchParams, body, headers: req.headers, apiVersion, correlationId };
        reply = dispatch(core, armReq, segments);
    }
    catch (err) {
        if (err instanceof ArmError) {
            reply = { status: err.status, body: err.body(), headers: err.headers };
        }
        else {
            process.stderr.write(`staged-rollout sim: internal error on ${method} ${url.pathname}: ${err?.stack ?? err}\n`);
            reply = { status: 500, body: { error: { code: 'InternalServerError', message: 'The local ARM simulator hit an internal error; see its stderr.' } } };
        }
    }
    if (!headers[`x-ms-ratelimit-remaining-subscription-${kind}s`] && !headers[`x-ms-ratelimit-remaining-tenant-${kind}s`]) {
        headers[`x-ms-ratelimit-remaining-${subscription ? 'subscription' : 'tenant'}-${kind}s`] = String(throttle.remaining(subscription ?? 'tenant', kind));
    }
    entry.status = reply.status;
    if (hang) {
        entry.lost = true;
        return; // ARM acted; the answer never comes
    }
    if (lost) {
        // ARM acted; the client never learns it.
        entry.lost = true;
        const tcp = req.socket._parent;
        if (tcp)
            tcp.resetAndDestroy();
        else
            req.socket.destroy();
        return;
    }
    send(res, method, reply, headers);
}
function send(res, method, reply, base) {
    const headers = { ...base, ...(reply.headers ?? {}) };
    const text = reply.body === undefined || method === 'HEAD' ? undefined : JSON.stringify(reply.body);
    if (text !== undefined)
        headers['content-type'] = 'application/json; charset=utf-8';
    headers['content-length'] = String(text === undefined ? 0 : Buffer.byteLength(text));
    res.writeHead(reply.status, headers);
    res.end(text);
}
async function startServer(cert, port, deps) {
    const server = external_node_https_default().createServer({ key: cert.key, cert: cert.cert });
    server.on('request', (req, res) => {
        handle(deps(), req, res).catch((err) => {
            // The server must keep serving whatever one request did.
            process.stderr.write(`staged-rollout sim: request failed: ${err?.stack ?? err}\n`);
            if (!res.headersSent)
                send(res, 'GET', { status: 500, body: { error: { code: 'InternalServerError', message: 'internal error' } } }, {});
            else
                res.destroy();
        });
    });
    server.on('clientError', (_err, socket) => socket.destroy());
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
    });
    return {
        server,
        port: server.address().port,
        close: () => new Promise((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
        }),
    };
}

// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(41692);
// EXTERNAL MODULE: ./src/azure/tls.ts
var azure_tls = __webpack_require__(97158);
;// CONCATENATED MODULE: ./sim/trust.ts


/**
 * Makes this process trust the sim's certificate, for every TLS client in it: the Azure SDK (which builds its own
 * keep-alive https.Agent, so `https.globalAgent.options.ca` would not reach it), fetch, and our probes.
 *
 * Why `tls.setDefaultCACertificates`: it is the in-process equivalent of NODE_EXTRA_CA_CERTS (which Node reads only at
 * start), it needs no change to how clients are built, and it adds to the default roots instead of replacing them.
 * Node >= 22.15 / 24 has it; the project runs on 24. Certificates are kept, so trusting a second sim adds to the first.
 */
function trustSimCa(ca) {
    trustCertificate(ca);
}
/** For a client that wants the CA scoped to itself: pass as `tlsOptions` of an Azure SDK client. */
function simTlsOptions(ca) {
    return { ca: [...tls.rootCertificates, ca] };
}

;// CONCATENATED MODULE: ./sim/index.ts


















/** Starts the local ARM endpoint (HTTPS on 127.0.0.1) with its own self-signed certificate. */
async function startArmSim(options = {}) {
    const clock = options.clock ?? new time_clock/* SystemClock */.Aw();
    const kept = options.stateDir ? openStateDir(options.stateDir) : undefined;
    const cert = kept?.cert ?? (await makeCert());
    // A kept state has its own directory; a fresh one a temporary directory removed at stop.
    const dir = kept ? undefined : (0,external_node_fs_.mkdtempSync)(external_node_path_default().join((0,external_node_os_.tmpdir)(), 'staged-rollout-sim-'));
    const caFile = kept?.caFile ?? external_node_path_default().join(dir, 'ca.pem');
    (0,external_node_fs_.writeFileSync)(caFile, cert.cert);
    const faults = new FaultStore(options.faults ?? [], options.faultsFile);
    const apps = new StampApps(cert, clock, faults);
    const requests = [];
    const state = new SimState();
    const metrics = new MetricStore();
    apps.metrics = metrics;
    const frontDoor = new FrontDoorEdge(cert, clock, state, metrics);
    const loads = [];
    const core = {
        clock,
        state,
        frontDoor,
        metrics,
        faults,
        apps,
        routers: new TrafficRouters(cert),
        locationOps: new LocationOperations(),
        deploymentRuns: new Map(),
        options: {
            deploymentLatencyMs: options.deploymentLatencyMs ?? 20_000,
            resourceGroupDeleteLatencyMs: options.resourceGroupDeleteLatencyMs ?? 0,
            lroRetryAfterSeconds: options.lroRetryAfterSeconds ?? 0,
            deploymentRetryAfterSeconds: options.deploymentRetryAfterSeconds ?? (clock instanceof time_clock/* SystemClock */.Aw ? defaultRetryAfter(options.deploymentLatencyMs ?? 20_000) : 0),
            pageSize: options.pageSize ?? 100,
            historyLimit: options.historyLimit ?? 800,
            autoDeleteHistory: options.autoDeleteHistory ?? false,
            tenantId: '00000000-0000-0000-0000-00000000a11d',
            linkedTemplates: new Map(Object.entries(options.linkedTemplates ?? {})),
        },
        endpoint: '',
        running: new Set(),
    };
    const throttle = new Throttle(clock, options.throttleScale ?? 1);
    const stopHooks = [];
    let server;
    try {
        server = await startServer(cert, options.port ?? kept?.port ?? 0, () => ({ core, throttle, log: requests, caFile }));
    }
    catch (err) {
        if (dir)
            (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
        throw err;
    }
    core.endpoint = `https://127.0.0.1:${server.port}`;
    let saver;
    if (kept) {
        await kept.restore(core);
        const save = () => kept.save(core, server.port, cert);
        save();
        // Often enough that a kill loses at most a moment of state; the timer never keeps the process alive.
        saver = setInterval(save, 100).unref();
        stopHooks.push(() => {
            clearInterval(saver);
            save();
        });
    }
    let stopping;
    const stop = () => (stopping ??= (async () => {
        await Promise.all(loads.map((l) => l.stop()));
        await server.close();
        for (const hook of stopHooks)
            hook();
        for (const history of core.state.deployments.values()) {
            for (const d of history.values())
                if (isActive(d))
                    d.abort.abort(new Error('sim stopped'));
        }
        await apps.stopAll();
        await core.routers?.stopAll();
        await frontDoor.stopAll();
        // Resource-group deletions may sleep on a clock that no longer moves; they need not finish.
        await Promise.race([Promise.allSettled([...core.running]), new Promise((r) => setImmediate(r))]);
        if (dir)
            (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    })());
    return {
        endpoint: core.endpoint,
        ca: cert.cert,
        caFile,
        faults,
        requests,
        apps: () => apps.list(),
        startLoad: (o) => {
            const load = new UserLoad(clock, cert.cert, o);
            loads.push(load);
            return load;
        },
        setUserErrors: (rules) => {
            apps.userErrors = rules;
        },
        stop,
    };
}
function defaultRetryAfter(latencyMs) {
    return latencyMs >= 10_000 ? 5 : latencyMs >= 1_000 ? 1 : 0;
}


/***/ })

};
