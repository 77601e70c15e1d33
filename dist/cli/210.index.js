export const id = 210;
export const ids = [210];
export const modules = {

/***/ 61210:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cancelOnSignals: () => (/* binding */ cancelOnSignals),
  deployCli: () => (/* binding */ deployCli),
  finish: () => (/* binding */ finish),
  printer: () => (/* binding */ printer)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/azure/deployer.ts + 6 modules
var deployer = __webpack_require__(4771);
// EXTERNAL MODULE: ./src/azure/credentials.ts
var credentials = __webpack_require__(84329);
// EXTERNAL MODULE: ./src/azure/tls.ts
var tls = __webpack_require__(97158);
// EXTERNAL MODULE: ./src/commands/deploy.ts + 7 modules
var deploy = __webpack_require__(16714);
// EXTERNAL MODULE: ./src/commands/plan.ts + 1 modules
var commands_plan = __webpack_require__(21522);
// EXTERNAL MODULE: ./src/engine/journal.ts
var journal = __webpack_require__(95545);
// EXTERNAL MODULE: ./src/time/duration.ts
var duration = __webpack_require__(12061);
;// CONCATENATED MODULE: ./src/commands/stage-gate-arm.ts
/**
 * The checks a stage job makes before it deploys, for every face that runs one stage without GitHub's deployment
 * records (the CLI's `deploy --stage NAME`, an action without a token): the previous stage of the same rollout must
 * have succeeded, by ARM's tags (the plan was made from them), and its bake must be over. Its health is re-checked by
 * the engine itself before the stage deploys. `--force` skips these checks, recorded in the journal with who and why.
 */



/** A check between stages that did not pass: said plainly, and nothing is deployed. */
class StageGateRefusal extends commands_plan/* InputError */.dz {
    constructor(message) {
        super(message);
        this.name = 'StageGateRefusal';
    }
}
const DONE = new Set(['already-deployed-by-this-rollout', 'unchanged', 'never']);
async function checkPreviousStageFromArm(gate) {
    const { plan, stage } = gate;
    if (stage.index === 0)
        return;
    const previous = plan.stages[stage.index - 1];
    const { id } = plan.rollout;
    const resume = (0,journal/* foldJournal */.n)(gate.journal, id);
    if (resume.rollback) {
        throw new StageGateRefusal(`a rollback of ${id} (${resume.rollback.reason}) was started and not finished: stage ${stage.name} cannot start. Re-run stage ${resume.rollback.stage ?? previous.name} to finish the rollback.`);
    }
    const missing = previous.stamps.filter((s) => !DONE.has(s.decision.reason));
    if (missing.length > 0) {
        const list = missing.map((s) => `${s.id} (${s.decision.detail})`).join('; ');
        throw new StageGateRefusal(`stage ${previous.name} of ${id} has not succeeded: by ARM, ${list}. Stage ${stage.name} cannot start before it: run stage ${previous.name} first.`);
    }
    const bakeStart = await bakeStartOf(gate, previous);
    if (bakeStart === undefined)
        return;
    const now = gate.clock.now();
    const remaining = Math.min(previous.bakeMs, bakeStart + previous.bakeMs - now);
    if (remaining <= 0)
        return;
    throw new StageGateRefusal(`stage ${previous.name} is still baking: its bake of ${(0,duration/* formatDuration */.a3)(previous.bakeMs)} ends in ${(0,duration/* formatDuration */.a3)(Math.ceil(remaining / 1000) * 1000)}. ` +
        `Run stage ${stage.name} after that (or, in an emergency, skip these checks with --force "REASON", which is recorded).`);
}
/**
 * The bake of a stage runs from when it last completed: the journal says so when this machine ran it; otherwise the
 * latest of its deployments by this rollout, by ARM's timestamps. Undefined: nothing of this rollout there to bake.
 */
async function bakeStartOf(gate, previous) {
    const completed = gate.journal.filter((e) => e.rolloutId === gate.plan.rollout.id && e.type === 'stage-completed' && e.stage === previous.name).at(-1);
    if (completed)
        return completed.at;
    const ours = previous.stamps.filter((s) => s.decision.reason === 'already-deployed-by-this-rollout');
    const finished = await Promise.all(ours.map((s) => gate.deployer.lastSuccessful(s, {}, gate.signal)));
    const times = finished.map((d) => (d?.rolloutId === gate.plan.rollout.id ? d.finishedAt : undefined)).filter((t) => t !== undefined);
    return times.length > 0 ? Math.max(...times) : undefined;
}
/** `--force REASON`: the checks are skipped, and the journal keeps who skipped them and why. */
async function recordForced(journal, plan, stage, by, reason, clock) {
    if (!reason.trim())
        throw new commands_plan/* InputError */.dz('--force needs a reason, e.g. --force "hotfix for incident 4711"; it is recorded with your name');
    await journal.record({ type: 'gate-forced', rolloutId: plan.rollout.id, at: clock.now(), stage: stage.name, by, reason });
}

// EXTERNAL MODULE: ./src/engine/errors.ts
var errors = __webpack_require__(17679);
// EXTERNAL MODULE: ./src/engine/file-journal.ts
var file_journal = __webpack_require__(82164);
// EXTERNAL MODULE: ./src/engine/journal-lease.ts
var journal_lease = __webpack_require__(83066);
// EXTERNAL MODULE: ./src/engine/redactor.ts
var redactor = __webpack_require__(61916);
// EXTERNAL MODULE: ./src/engine/token-redaction.ts
var token_redaction = __webpack_require__(39871);
// EXTERNAL MODULE: ./src/engine/rollout.ts + 5 modules
var rollout = __webpack_require__(25854);
// EXTERNAL MODULE: ./src/report/redact-stdio.ts
var redact_stdio = __webpack_require__(47313);
// EXTERNAL MODULE: ./src/probes/index.ts + 7 modules
var probes = __webpack_require__(49048);
// EXTERNAL MODULE: ./src/plan/only.ts
var only = __webpack_require__(68373);
// EXTERNAL MODULE: ./src/report/plan-text.ts
var plan_text = __webpack_require__(38495);
// EXTERNAL MODULE: ./src/report/progress.ts
var progress = __webpack_require__(18991);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
// EXTERNAL MODULE: ./src/report/ticker.ts
var ticker = __webpack_require__(29738);
// EXTERNAL MODULE: ./src/report/result-text.ts
var result_text = __webpack_require__(75773);
// EXTERNAL MODULE: ./src/cli/options.ts
var options = __webpack_require__(60776);
// EXTERNAL MODULE: ./src/time/clock.ts
var time_clock = __webpack_require__(33355);
;// CONCATENATED MODULE: ./src/cli-deploy.ts

























async function deployCli(values) {
    const budget = requestBudget(values.requestsPerSecond);
    if (values.armCa)
        (0,tls/* trustCertificate */.m)((0,external_node_fs_.readFileSync)(values.armCa, 'utf8'));
    const clock = new time_clock/* SystemClock */.Aw();
    const endpoint = values.armEndpoint;
    const credential = (0,token_redaction/* withTokenRedaction */.F)((0,credentials/* createCredential */.G)({ endpoint }), redact_stdio/* redactor */.$);
    const journal = new file_journal/* FileJournal */.G(values.journal, { redact: (line) => redact_stdio/* redactor */.$.redact(line) });
    const version = (0,options/* versionOf */.E4)(values);
    const dryRun = values.dryRun ?? false;
    // One rollout at a time on one journal: a second run refuses, naming this one.
    const lease = dryRun ? undefined : await journal_lease/* JournalLease */.M.acquire(values.journal, { run: `deploy --spec ${values.spec} --version ${version} --stage ${values.stage}`, breakLease: values.breakLease ?? false });
    const reporter = printer(clock, process.stdout.isTTY ? ticker/* TTY_CADENCE_MS */.Ry : ticker/* LOG_CADENCE_MS */._f, values.watch === true && process.stdout.isTTY === true);
    try {
        const { plan, result } = await (0,deploy/* deployCommand */.J)({
            specFile: values.spec,
            mode: values.mode,
            version,
            env: process.env,
            repoRoot: process.cwd(),
            onSecrets: (secrets) => secrets.forEach((secret) => redact_stdio/* redactor */.$.add(secret)),
            bicepPath: values.bicepPath,
            only: values.only,
            stage: values.stage,
            dryRun,
            clock,
            journal,
            reporter,
            signal: cancelOnSignals(),
            deployer: (spec) => (0,redactor/* watchSecureOutputs */.Hd)(new deployer/* ArmDeployer */.p6({
                credential,
                endpoint,
                clock,
                spec,
                budget,
                pollMs: endpoint && (0,credentials/* isLoopback */.U)(endpoint) ? { first: 250, max: 1_000 } : undefined,
                requestTimeoutMs: durationFlag(values.requestTimeout, '--request-timeout'),
                log: (line) => process.stdout.write(`  ARM: ${line}\n`),
            }), redact_stdio/* redactor */.$),
            prober: (0,probes/* createProber */.X7)({ clock, env: process.env, cwd: process.cwd() }),
            ...(values.breakLease ? { takeOver: { by: process.env.GITHUB_ACTOR ?? (0,external_node_os_.userInfo)().username } } : {}),
            log: (line) => process.stdout.write(`${line}\n`),
            afterPlan: (plan, deployer) => stageGate(plan, deployer, { stage: values.stage, force: values.force, journal, clock }),
        }).finally(() => reporter.stop?.());
        if (!result) {
            process.stdout.write(`${(0,plan_text/* planText */.P)(plan, process.stdout.columns)}\n(dry run: nothing deployed)\n`);
            return 0;
        }
        if (plan.only)
            process.stdout.write(`${(0,only/* onlyText */.Cw)(plan.only)}\n`);
        return finish(result);
    }
    finally {
        await lease?.release();
    }
}
/** `deploy --stage NAME`: the previous stage must have succeeded and baked, by ARM's tags, unless --force says why not. */
async function stageGate(plan, deployer, options) {
    if (options.stage === 'all')
        return;
    const [stage] = (0,rollout/* selectStages */.u)(plan, options.stage);
    if (options.force !== undefined) {
        const by = process.env.GITHUB_ACTOR ?? (0,external_node_os_.userInfo)().username;
        await recordForced(options.journal, plan, stage, by, options.force, options.clock);
        process.stdout.write(`checks before stage ${stage.name} skipped by --force (by ${by}): ${options.force}\n`);
        return;
    }
    await checkPreviousStageFromArm({ plan, stage, deployer, journal: await options.journal.load(), clock: options.clock, signal: new AbortController().signal });
}
/**
 * The log of a rollout: a line per event and, every `cadenceMs` on the rollout's clock, where it stands. With `live`
 * (deploy --watch on a terminal) where it stands is one line redrawn every second below the log.
 */
function printer(clock, cadenceMs, live = false) {
    let started;
    const clear = live ? '\r\x1b[2K' : '';
    const lines = {
        event(event) {
            started ??= clock.now();
            const line = (0,progress/* progressLine */.o)(event, clock.now() - started);
            if (line)
                process.stdout.write(`${clear}${line}\n`);
        },
    };
    if (!cadenceMs)
        return lines;
    return (0,ticker/* withProgress */.E0)(lines, clock, live ? 1_000 : cadenceMs, (line) => {
        const text = `[+${(0,format/* readableDuration */.P1)(clock.now() - (started ?? clock.now()))}] ${line}`;
        process.stdout.write(live ? `${clear}${text.slice(0, (process.stdout.columns ?? 80) - 1)}` : `${text}\n`);
    });
}
function finish(result) {
    process.stdout.write(`\n${(0,result_text/* resultText */.D)(result, process.stdout.columns)}\n`);
    return result.status === 'succeeded' ? 0 : 1;
}
function cancelOnSignals() {
    const controller = new AbortController();
    for (const signal of ['SIGINT', 'SIGTERM'])
        process.once(signal, () => controller.abort(new errors/* RunCanceled */.HF(`canceled by ${signal}`)));
    return controller.signal;
}
/** `READS,WRITES` per second for this process's ARM requests: ARM's public limits are 25 and 10 per subscription. */
function requestBudget(value) {
    if (value === undefined)
        return undefined;
    const [reads, writes] = value.split(',').map(Number);
    if (!(reads > 0) || !(writes > 0))
        throw new commands_plan/* InputError */.dz(`--requests-per-second takes READS,WRITES, e.g. 12,5; got "${value}"`);
    return { reads, writes };
}
/** `--request-timeout 30s`: one ARM request's timeout (default 60 s). */
function durationFlag(value, flag) {
    if (value === undefined)
        return undefined;
    const ms = (0,duration/* parseDuration */.E9)(value);
    if (ms === undefined || ms <= 0)
        throw new commands_plan/* InputError */.dz(`${flag} takes a duration such as 30s or 2m; got "${value}"`);
    return ms;
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

/***/ 83066:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ JournalLease)
/* harmony export */ });
/* unused harmony export LeaseHeld */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/**
 * One rollout at a time per journal: a lease file next to it (`JOURNAL.lease`) names the run that holds it and expires
 * unless renewed. A second run refuses while the lease is live and names the holder; a lease whose process is gone
 * (same host, pid not running) or whose expiry passed is stale and taken over, so a run killed with SIGKILL does not
 * block its re-run. Leases are about processes, so they run on the wall clock, never on a rehearsal's virtual clock.
 */




/** Another run holds the journal: an operational refusal, said in one line. */
class LeaseHeld extends Error {
    holder;
    constructor(path, holder, breakable = true) {
        super(`another run holds the journal ${path.replace(/\.lease$/, '')}: ${holder.run} (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}; its lease expires ${holder.expiresAt} unless renewed). ` +
            `Wait for it to finish. If that run is gone (its machine died), ${breakable ? 'break its lease with --break-lease, or ' : ''}delete ${path}.`);
        this.name = 'LeaseHeld';
        this.holder = holder;
    }
}
/** The lease is taken with a hard link: a file system without them (some network and FUSE mounts) cannot hold one. */
function linkRefused(path, error) {
    const hint = ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(error.code ?? '') ? ' This file system does not allow hard links, which the lease needs: put the journal on a local disk.' : '';
    return Object.assign(new Error(`cannot take the journal's lease ${path}: ${error.message}.${hint}`, { cause: error }), { code: error.code });
}
class JournalLease {
    path;
    holder;
    ttlMs;
    timer;
    released = false;
    constructor(path, holder, ttlMs) {
        this.path = path;
        this.holder = holder;
        this.ttlMs = ttlMs;
    }
    static async acquire(journalPath, options) {
        const path = `${journalPath}.lease`;
        const ttlMs = options.ttlMs ?? 120_000;
        const now = Date.now();
        const holder = {
            run: options.run,
            pid: process.pid,
            host: (0,node_os__WEBPACK_IMPORTED_MODULE_2__.hostname)(),
            startedAt: new Date(now).toISOString(),
            renewedAt: new Date(now).toISOString(),
            expiresAt: new Date(now + ttlMs).toISOString(),
            token: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)(),
        };
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(path), { recursive: true });
        const lease = new JournalLease(path, holder, ttlMs);
        const temp = `${path}.${holder.token}`;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(temp, JSON.stringify(holder), 'utf8');
        try {
            // link() is atomic and fails when the lease exists: exactly one of two racing runs gets it.
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.link)(temp, path).catch(async (error) => {
                if (error.code !== 'EEXIST')
                    throw linkRefused(path, error);
                const current = await readHolder(path);
                if (current && !options.breakLease && !isStale(current))
                    throw new LeaseHeld(path, current, options.breakable);
                // Stale (or broken on purpose): replace it atomically, then make sure no other taker won the same race.
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(temp, path);
                await new Promise((resolve) => setTimeout(resolve, 50));
                const after = await readHolder(path);
                if (after && after.token !== holder.token)
                    throw new LeaseHeld(path, after, options.breakable);
            });
        }
        finally {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(temp).catch(() => undefined);
        }
        lease.timer = setInterval(() => void lease.renew(), Math.max(1_000, Math.floor(ttlMs / 3)));
        lease.timer.unref();
        return lease;
    }
    /** Gives the lease up (only if it is still this run's). */
    async release() {
        if (this.released)
            return;
        this.released = true;
        if (this.timer)
            clearInterval(this.timer);
        const current = await readHolder(this.path);
        if (current?.token === this.holder.token)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(this.path).catch(() => undefined);
    }
    async renew() {
        if (this.released)
            return;
        const current = await readHolder(this.path);
        // Broken by someone with --break-lease: this run no longer holds it and must not write over the new holder.
        if (current && current.token !== this.holder.token)
            return;
        const now = Date.now();
        Object.assign(this.holder, { renewedAt: new Date(now).toISOString(), expiresAt: new Date(now + this.ttlMs).toISOString() });
        const temp = `${this.path}.${this.holder.token}`;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(temp, JSON.stringify(this.holder), 'utf8')
            .then(() => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(temp, this.path))
            .catch(() => undefined);
    }
}
async function readHolder(path) {
    try {
        const parsed = JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(path, 'utf8'));
        return typeof parsed?.pid === 'number' && typeof parsed.expiresAt === 'string' ? parsed : undefined;
    }
    catch {
        return undefined; // gone, or not a lease: nothing holds it
    }
}
function isStale(holder) {
    if (Date.parse(holder.expiresAt) < Date.now())
        return true;
    return holder.host === (0,node_os__WEBPACK_IMPORTED_MODULE_2__.hostname)() && !alive(holder.pid);
}
function alive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
    }
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


/***/ }),

/***/ 29738:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E0: () => (/* binding */ withProgress),
/* harmony export */   Ry: () => (/* binding */ TTY_CADENCE_MS),
/* harmony export */   _f: () => (/* binding */ LOG_CADENCE_MS)
/* harmony export */ });
/* unused harmony export RolloutProgress */
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12011);

/** How often a quiet rollout says where it stands: a person at a terminal every minute, a runner's log every 5. */
const TTY_CADENCE_MS = 60_000;
const LOG_CADENCE_MS = 300_000;
/**
 * Where a rollout stands, kept from its events, so a long bake or a slow deployment still says something at a steady
 * cadence: what deploys, what is probed and its last verdicts, how much bake is left.
 */
class RolloutProgress {
    stage;
    bake;
    deploying = new Map();
    probing = new Map();
    verdicts = new Map();
    clock;
    constructor(clock) {
        this.clock = clock;
    }
    event(event) {
        switch (event.type) {
            case 'stage-started':
                this.stage = event.stage;
                this.verdicts.clear();
                break;
            case 'stamp-deploying':
                this.deploying.set(event.stamp, this.clock.now());
                break;
            case 'stamp-deployed':
            case 'stamp-failed':
                this.deploying.delete(event.stamp);
                break;
            case 'probe-phase':
                this.probing.set(event.stamp, { phase: event.phase, answers: 0, unhealthy: 0 });
                break;
            case 'probe-answer': {
                const probe = this.probing.get(event.stamp);
                if (probe) {
                    probe.answers++;
                    if (!event.answer.healthy)
                        probe.unhealthy++;
                }
                break;
            }
            case 'probe-verdict':
                this.probing.delete(event.stamp);
                this.verdicts.set(event.stamp, event.healthy ? 'healthy' : 'UNHEALTHY');
                break;
            case 'bake-started':
                this.bake = { stage: event.stage, endsAt: this.clock.now() + event.remainingMs, bakeMs: event.bakeMs };
                break;
            case 'bake-ended':
                this.bake = undefined;
                break;
            case 'rollout-finished':
                this.stage = undefined;
                break;
        }
    }
    /** One line of where the rollout stands now, or undefined when nothing is in flight. */
    line() {
        const now = this.clock.now();
        const parts = [];
        if (this.bake) {
            const verdicts = [...this.verdicts].map(([stamp, v]) => `${stamp} ${v}`).join(', ');
            parts.push(`stage ${this.bake.stage}: baking, ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .readableDuration */ .P1)(Math.max(0, this.bake.endsAt - now))} of ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .readableDuration */ .P1)(this.bake.bakeMs)} left${verdicts ? `; last verdicts: ${verdicts}` : ''}`);
        }
        if (this.deploying.size > 0)
            parts.push(`deploying ${[...this.deploying].map(([stamp, since]) => `${stamp} (${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .readableDuration */ .P1)(now - since)})`).join(', ')}`);
        if (this.probing.size > 0) {
            parts.push(`health watch ${[...this.probing].map(([stamp, p]) => `${stamp} in ${p.phase}: ${p.answers - p.unhealthy} healthy, ${p.unhealthy} unhealthy answers`).join('; ')}`);
        }
        if (parts.length === 0)
            return undefined;
        return `${this.stage && !this.bake ? `stage ${this.stage}: ` : ''}${parts.join('; ')}`;
    }
}
/**
 * Wraps a reporter: between the rollout's own events, every `cadenceMs` on the rollout's clock (virtual in a
 * rehearsal) it writes where the rollout stands. Stops at the rollout's end or when `stop()` is called.
 */
function withProgress(reporter, clock, cadenceMs, write) {
    const progress = new RolloutProgress(clock);
    const stopped = new AbortController();
    let running = false;
    const loop = async () => {
        while (!stopped.signal.aborted) {
            await clock.sleep(cadenceMs, stopped.signal).catch(() => undefined);
            if (stopped.signal.aborted)
                return;
            const line = progress.line();
            if (line)
                write(line);
        }
    };
    return {
        event(event) {
            reporter.event(event);
            progress.event(event);
            if (event.type === 'rollout-started' && !running) {
                running = true;
                void loop();
            }
            if (event.type === 'rollout-finished')
                stopped.abort();
        },
        stop: () => stopped.abort(),
    };
}


/***/ })

};
