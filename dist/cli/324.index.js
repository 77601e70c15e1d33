export const id = 324;
export const ids = [324];
export const modules = {

/***/ 9715:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runSimCommand: () => (/* binding */ runSimCommand)
/* harmony export */ });
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(99285);


/**
 * `staged-rollout sim`: the local ARM endpoint as a process of its own, steered over `/_sim/...`.
 * Runs on the system clock: a standalone sim serves clients in other processes that cannot share a virtual clock.
 */
async function runSimCommand(argv) {
    const { values } = (0,node_util__WEBPACK_IMPORTED_MODULE_0__.parseArgs)({
        args: argv,
        options: {
            port: { type: 'string' },
            'faults-file': { type: 'string' },
            'deployment-latency': { type: 'string' },
            'throttle-scale': { type: 'string' },
            state: { type: 'string' },
            help: { type: 'boolean', short: 'h' },
        },
        allowPositionals: false,
    });
    if (values.help) {
        process.stdout.write([
            'Usage: staged-rollout sim [--port N] [--faults-file FILE] [--deployment-latency MS] [--throttle-scale X|Infinity] [--state DIR]',
            '',
            'Starts the local ARM endpoint on https://127.0.0.1 with a self-signed certificate and prints where it is.',
            'Point clients at the endpoint and trust the CA file (NODE_EXTRA_CA_CERTS=<file>).',
            '--state DIR keeps state, CA and port in DIR: a restart with the same DIR carries on where the last one stopped.',
            'Control API: GET/POST/DELETE /_sim/faults, GET/DELETE /_sim/requests, GET /_sim/apps, POST /_sim/linkedTemplates.',
            '',
        ].join('\n'));
        return;
    }
    const num = (name, v) => {
        if (v === undefined)
            return undefined;
        const n = v === 'Infinity' ? Number.POSITIVE_INFINITY : Number(v);
        if (Number.isNaN(n) || n < 0)
            throw new Error(`--${name} must be a non-negative number, got '${v}'`);
        return n;
    };
    const options = {
        port: num('port', values.port),
        faultsFile: values['faults-file'],
        deploymentLatencyMs: num('deployment-latency', values['deployment-latency']),
        throttleScale: num('throttle-scale', values['throttle-scale']),
        stateDir: values.state,
    };
    const sim = await (0,_index_js__WEBPACK_IMPORTED_MODULE_1__/* .startArmSim */ .Od)(options);
    process.stdout.write(`ARM endpoint: ${sim.endpoint}\nCA file:      ${sim.caFile}\n(export NODE_EXTRA_CA_CERTS=${sim.caFile})\n`);
    await new Promise((resolve) => {
        const onSignal = () => {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
            resolve();
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
    });
    await sim.stop();
    process.stdout.write('sim stopped\n');
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
