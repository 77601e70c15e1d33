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
// EXTERNAL MODULE: ./src/azure/deployer.ts + 3 modules
var deployer = __webpack_require__(52234);
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
// EXTERNAL MODULE: ./src/probes/index.ts + 6 modules
var probes = __webpack_require__(30610);
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
        process.once(signal, () => controller.abort(new Error(`canceled by ${signal}`)));
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
    constructor(path, holder) {
        super(`another run holds the journal ${path.replace(/\.lease$/, '')}: ${holder.run} (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}; its lease expires ${holder.expiresAt} unless renewed). ` +
            `Wait for it to finish. If that run is gone (its machine died), break its lease with --break-lease, or delete ${path}.`);
        this.name = 'LeaseHeld';
        this.holder = holder;
    }
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
                    throw error;
                const current = await readHolder(path);
                if (current && !options.breakLease && !isStale(current))
                    throw new LeaseHeld(path, current);
                // Stale (or broken on purpose): replace it atomically, then make sure no other taker won the same race.
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(temp, path);
                await new Promise((resolve) => setTimeout(resolve, 50));
                const after = await readHolder(path);
                if (after && after.token !== holder.token)
                    throw new LeaseHeld(path, after);
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
