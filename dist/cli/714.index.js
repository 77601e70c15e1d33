export const id = 714;
export const ids = [714];
export const modules = {

/***/ 16714:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  J: () => (/* binding */ deployCommand),
  l: () => (/* binding */ observe)
});

// EXTERNAL MODULE: ./src/engine/rollout.ts + 5 modules
var rollout = __webpack_require__(25854);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/engine/other-runs.ts
/**
 * One rollout at a time, seen from ARM: the journal lease (journal-lease.ts) only stops a second run on the same
 * journal, so two machines, two checkouts, or the CLI beside the action would both deploy. Before its first write a
 * run asks the Deployer which deployments of this spec's stamps are still running; one tagged with another run's id
 * means that run is in flight, and this one refuses, naming it. A run id this journal recorded is an earlier run of
 * this very journal, whose lease this run now holds (it is gone): its deployments are adopted, as a resume does.
 */

/** A fresh id per process: short enough to read in a message, random enough never to repeat. */
function newRunId() {
    return (0,external_node_crypto_.randomUUID)().slice(0, 13);
}
/** Run ids this journal knows as its own: earlier runs on it, and runs it took over. */
function knownRunIds(events) {
    const known = new Set();
    for (const event of events) {
        if (event.type === 'rollout-started' && event.runId)
            known.add(event.runId);
        if (event.type === 'run-taken-over')
            for (const id of [event.runId, ...event.from])
                known.add(id);
    }
    return known;
}
/** The running deployments that belong to a run other than this one and the ones its journal knows. */
function otherRuns(active, runId, known) {
    return active.filter((d) => d.runId !== runId && !(d.runId !== undefined && known.has(d.runId)));
}
/** Another run of the spec is deploying: an operational refusal, said in one line, before anything was written. */
class OtherRunInFlight extends Error {
    deployments;
    constructor(spec, deployments, flag) {
        const [first] = deployments;
        const started = first.startedAt ? `, running since ${new Date(first.startedAt).toISOString()}` : '';
        const restore = first.restoredFrom ? ` (a rollback restoring ${first.restoredFrom})` : '';
        const more = deployments.length > 1 ? ` and ${deployments.length - 1} more deployment(s) (${deployments.slice(1).map((d) => d.deploymentName).join(', ')})` : '';
        super(`another run of ${spec} is in flight: deployment ${first.deploymentName}${restore} in ${first.where} is ${first.state} for run ${first.runId ?? '(no run id)'} of ${first.rolloutId ?? 'an unknown rollout'}${started}${more}. ` +
            `Nothing was deployed. Wait for that run to finish and re-run. If that run is gone (its machine or job died), re-run with ${flag}: this run then takes over its deployments, and the journal records it.`);
        this.name = 'OtherRunInFlight';
        this.deployments = deployments;
    }
}
/** Throws OtherRunInFlight, or records the take-over and returns the deployments taken over. */
async function refuseWhileOtherRun(check) {
    if (!check.deployer.activeDeployments)
        return [];
    const stamps = check.plan.stages.flatMap((s) => s.stamps);
    const others = otherRuns(await check.deployer.activeDeployments(stamps, check.signal), check.runId, knownRunIds(check.events));
    if (others.length === 0)
        return [];
    if (!check.takeOver)
        throw new OtherRunInFlight(check.plan.rollout.id.replace(/@[^@]*$/, ''), others, check.flag);
    const from = [...new Set(others.map((d) => d.runId ?? '(no run id)'))];
    await check.takeOver.record({ type: 'run-taken-over', rolloutId: check.plan.rollout.id, at: check.now, runId: check.runId, from, deployments: others.map((d) => d.deploymentName), by: check.takeOver.by });
    return others;
}

// EXTERNAL MODULE: ./src/plan/only.ts
var only = __webpack_require__(68373);
// EXTERNAL MODULE: ./src/plan/planner.ts + 1 modules
var planner = __webpack_require__(58774);
// EXTERNAL MODULE: ./src/commands/plan.ts + 1 modules
var commands_plan = __webpack_require__(21522);
// EXTERNAL MODULE: ./src/plan/job-sequence.ts
var job_sequence = __webpack_require__(32220);
;// CONCATENATED MODULE: ./src/engine/release-unit/events.ts
/** Folds the journal of one rollout id into where the release stands. A revert forgets the steps: a re-run starts over. */
function foldTraffic(events, rolloutId) {
    const p = { live: false, started: new Map(), completed: new Set(), reverted: false, teardownStarted: false, teardownFinished: false };
    for (const e of events) {
        if (e.rolloutId !== rolloutId)
            continue;
        if (typeof e.previousUnit === 'string')
            p.previousUnit = e.previousUnit;
        if (e.type === 'unit-live')
            p.live = true;
        else if (e.type === 'traffic-step-started')
            p.started.set(e.weight, e.at);
        else if (e.type === 'traffic-step-completed')
            p.completed.add(e.weight);
        else if (e.type === 'teardown-started')
            p.teardownStarted = true;
        else if (e.type === 'teardown-finished')
            p.teardownFinished = true;
        else if (e.type === 'traffic-reverted')
            Object.assign(p, { started: new Map(), completed: new Set(), reverted: true, teardownStarted: false });
    }
    return p;
}

// EXTERNAL MODULE: ./src/engine/metric-analysis.ts
var metric_analysis = __webpack_require__(92591);
;// CONCATENATED MODULE: ./src/engine/release-unit/judge.ts

async function evaluate(req, final) {
    const now = req.clock.now();
    const verdicts = [];
    for (const check of req.checks) {
        const count = await req.metrics.originTraffic(req.origins, now - check.windowMs, now, req.signal);
        verdicts.push((0,metric_analysis/* judgeMetric */.m)(check, count, now, final));
    }
    return verdicts;
}
async function judgeFor(req) {
    let verdicts = [];
    for (;;) {
        const remaining = req.untilMs - req.clock.now();
        const final = remaining <= 0;
        if (req.checks.length === 0) {
            if (final)
                return { healthy: true, verdicts };
        }
        else {
            verdicts = await evaluate(req, final);
            req.onVerdicts?.(verdicts);
            if (verdicts.some((v) => v.outcome === 'unhealthy'))
                return { healthy: false, verdicts };
            if (req.stopWhenHealthy && verdicts.every((v) => v.outcome === 'healthy'))
                return { healthy: true, verdicts };
            if (final)
                return { healthy: verdicts.every((v) => v.outcome === 'healthy'), verdicts };
        }
        await req.clock.sleep(Math.min(req.intervalMs, Math.max(0, remaining)), req.signal);
    }
}

;// CONCATENATED MODULE: ./src/engine/release-unit/steps.ts

/** `only`: run just the step of this weight (a job per step); the others are left to their own jobs. */
async function runSteps(run, previous, unit, only) {
    const { clock, traffic, metrics } = run.ports;
    const { traffic: spec } = run.spec;
    for (const [i, step] of spec.steps.entries()) {
        const stepResult = run.result.steps[i];
        if (only !== undefined && step.weight !== only)
            continue;
        if (run.progress.completed.has(step.weight) || run.progress.teardownStarted) {
            stepResult.status = 'already-completed';
            continue;
        }
        stepResult.status = 'canceled'; // until it ends otherwise
        const weights = [{ ...previous, weight: 100 - step.weight }, { ...unit, weight: step.weight }];
        const { deploymentName } = await traffic.setWeights(weights, `w${step.weight}`, run.signal);
        stepResult.deploymentName = deploymentName;
        const earlier = run.progress.started.get(step.weight);
        const startedAt = earlier ?? clock.now();
        stepResult.startedAt = startedAt;
        if (earlier === undefined)
            await run.record({ type: 'traffic-step-started', unit: unit.unit, previousUnit: previous.unit, weight: step.weight });
        run.report({ type: 'traffic-step-started', unit: unit.unit, previousUnit: previous.unit, weight: step.weight, bakeMs: step.bakeMs, resumed: earlier !== undefined });
        const judged = await judgeFor({
            clock,
            metrics,
            origins: unit.origins,
            checks: spec.health,
            intervalMs: spec.intervalMs,
            untilMs: startedAt + step.bakeMs,
            signal: run.signal,
            onVerdicts: (verdicts) => {
                stepResult.verdicts = verdicts;
                run.report({ type: 'traffic-verdicts', unit: unit.unit, weight: step.weight, verdicts });
            },
        });
        stepResult.endedAt = clock.now();
        stepResult.observed = await observed(run, previous, unit, startedAt, stepResult.endedAt);
        const total = Object.values(stepResult.observed).reduce((n, c) => n + c.requests, 0);
        if (total > 0)
            stepResult.observedShare = Math.round((1000 * stepResult.observed[unit.unit].requests) / total) / 10;
        run.report({ type: 'traffic-step-finished', unit: unit.unit, weight: step.weight, ok: judged.healthy, observed: stepResult.observed });
        if (!judged.healthy) {
            stepResult.status = 'unhealthy';
            const bad = judged.verdicts.find((v) => v.outcome !== 'healthy');
            const reason = `unit ${unit.unit} unhealthy at ${step.weight}%: ${bad?.detail ?? 'a metric check failed'}`;
            await run.revert(previous, unit, reason);
            return { ok: false, status: 'rolled-back', message: `${reason}; all traffic is back on unit ${previous.unit}` };
        }
        stepResult.status = 'succeeded';
        await run.record({ type: 'traffic-step-completed', unit: unit.unit, weight: step.weight });
    }
    // A step job moved traffic to its own weight only; a whole run (or the last of its resumes) through every step.
    return { ok: true, message: only !== undefined ? `traffic moved to ${unit.unit} at ${only}%` : `traffic moved to ${unit.unit} in ${spec.steps.length} step(s)` };
}
async function observed(run, previous, unit, from, to) {
    const [old, fresh] = await Promise.all([
        run.ports.metrics.originTraffic(previous.origins, from, to, run.signal),
        run.ports.metrics.originTraffic(unit.origins, from, to, run.signal),
    ]);
    return { [previous.unit]: old, [unit.unit]: fresh };
}

;// CONCATENATED MODULE: ./src/engine/release-unit/teardown.ts

/** Teardown checks are given this long to pass (users on old sessions, Front Door propagation) before it gives up. */
const TEARDOWN_PATIENCE_FACTOR = 8;
async function tearDown(run, previous, unit) {
    const { clock } = run.ports;
    const spec = run.spec.teardown;
    const result = (run.result.teardown = { status: 'canceled', environment: spec.environment, checks: [], removedGroups: [] });
    if (!run.progress.teardownStarted) {
        const longest = Math.max(60_000, ...spec.checks.map((c) => c.windowMs));
        const judged = await judgeFor({
            clock,
            metrics: run.ports.metrics,
            origins: previous.origins,
            checks: spec.checks,
            intervalMs: run.spec.traffic.intervalMs,
            untilMs: clock.now() + longest * TEARDOWN_PATIENCE_FACTOR,
            signal: run.signal,
            stopWhenHealthy: true,
            onVerdicts: (verdicts) => {
                result.checks = verdicts;
                run.report({ type: 'teardown-check', unit: previous.unit, verdicts });
            },
        });
        if (!judged.healthy) {
            result.status = 'checks-failed';
            const bad = judged.verdicts.find((v) => v.outcome !== 'healthy');
            return { ok: false, status: 'failed', message: `teardown of ${previous.unit} held back: ${bad?.detail ?? 'a check failed'}; all traffic is on ${unit.unit}, re-run to try the teardown again` };
        }
        await run.record({ type: 'teardown-started', unit: unit.unit, previousUnit: previous.unit });
    }
    await run.ports.traffic.setWeights([{ ...unit, weight: 100 }], 'only', run.signal);
    result.removedGroups = await run.ports.units.remove(previous.unit, run.signal);
    await run.record({ type: 'teardown-finished', unit: unit.unit, previousUnit: previous.unit, groups: result.removedGroups });
    run.report({ type: 'teardown-finished', unit: previous.unit, groups: result.removedGroups });
    result.status = 'succeeded';
    Object.assign(result, { at: clock.now() });
    return { ok: true, message: `unit ${previous.unit} torn down (${result.removedGroups.length} resource group(s) removed)` };
}

;// CONCATENATED MODULE: ./src/engine/release-unit/controller.ts
/**
 * The release-unit controller (seed 002, modelled on Argo Rollouts' blue/green with weight steps): deploys the new
 * unit's stamps with the in-place stage machinery, then moves users to it step by step through the Traffic port,
 * judging it under real traffic, and at 100 % tears the old unit down once no user reaches it. An unhealthy step
 * (or an abort) sends all traffic back to the old unit at once. A hotfix (strategy inPlace) goes into the live unit.
 */





/** What the step and teardown parts share. */
class UnitRun {
    plan;
    ports;
    signal;
    progress;
    result;
    constructor(plan, ports, signal, progress, result) {
        this.plan = plan;
        this.ports = ports;
        this.signal = signal;
        this.progress = progress;
        this.result = result;
    }
    get spec() {
        return this.plan.releaseUnits;
    }
    async record(event) {
        const full = { ...event, rolloutId: this.plan.rollout.id, at: this.ports.clock.now() };
        await this.ports.clock.track(this.ports.journal.record(full));
    }
    report(event) {
        try {
            this.ports.reporter?.event(event);
        }
        catch {
            // reporting never breaks a release
        }
    }
    /** All users back on the previous unit at once; the new unit stays (for inspection) or goes, as the spec says. */
    async revert(previous, unit, reason) {
        const keep = this.spec.onAbort === 'keep';
        await this.ports.traffic.setWeights(keep ? [{ ...previous, weight: 100 }, { ...unit, weight: 0 }] : [{ ...previous, weight: 100 }], 'revert', this.signal, { immediate: true });
        this.result.reverted = { reason, at: this.ports.clock.now() };
        await this.record({ type: 'traffic-reverted', unit: unit.unit, previousUnit: previous.unit, reason });
        this.report({ type: 'traffic-reverted', unit: unit.unit, previousUnit: previous.unit, reason });
        if (!keep)
            await this.ports.units.remove(unit.unit, this.signal);
    }
}
async function runReleaseUnit(plan, ports, options = {}) {
    const spec = plan.releaseUnits;
    if (!spec)
        throw new Error('engine: runReleaseUnit needs a plan with releaseUnits');
    const signal = options.signal ?? new AbortController().signal;
    const unitResult = {
        strategy: spec.strategy,
        unit: spec.unit,
        steps: spec.traffic.steps.map((s) => ({ weight: s.weight, environment: s.environment, bakeMs: s.bakeMs, status: 'not-started', verdicts: [] })),
    };
    if (spec.strategy === 'inPlace') {
        // A hotfix goes into the unit users are on: its stamps are redeployed in place, Front Door is not touched.
        const result = await (0,rollout/* runRollout */.p)(plan, ports, options);
        return { ...result, releaseUnit: { ...unitResult, steps: [] } };
    }
    const events = (await ports.clock.track(ports.journal.load()));
    const run = new UnitRun(plan, ports, signal, foldTraffic(events, plan.rollout.id), unitResult);
    const state = await ports.traffic.current(signal);
    const others = state.units.filter((u) => u.unit !== spec.unit);
    // Mid-teardown the old unit may have left Front Door already; the journal still names it.
    const fromJournal = run.progress.previousUnit && !run.progress.reverted ? { unit: run.progress.previousUnit, weight: 0, origins: [] } : undefined;
    const previous = others.find((u) => u.weight > 0) ?? others[0] ?? fromJournal;
    if (previous)
        unitResult.previousUnit = previous.unit;
    const refusal = others.length > 1
        ? `Front Door has entries for ${others.map((u) => u.unit).join(' and ')}; it must point at one unit before ${spec.unit} starts (finish or abort the release in flight)`
        : undefined;
    if (refusal)
        return refused(plan, ports, unitResult, refusal);
    if (options.abort) {
        const ours = state.units.find((u) => u.unit === spec.unit);
        if (!previous || !ours)
            return refused(plan, ports, unitResult, `nothing to abort: ${spec.unit} is not in flight beside another unit`);
        // Known from the journal only: its teardown started and its origins have left Front Door (its groups may be gone
        // too). Sending users "back" would route them to no origin at all.
        if (previous.origins.length === 0) {
            return refused(plan, ports, unitResult, `nothing to abort: unit ${previous.unit} has left Front Door (its teardown started), so ${spec.unit} keeps all traffic; run the teardown job to finish`);
        }
        await run.revert(previous, ours, 'aborted by request');
        return finished(plan, ports, unitResult, 'rolled-back', `aborted: all traffic is back on ${previous.unit}`);
    }
    // One job per stage, per traffic step and for the teardown: `stage` names which (default: all of them in one run).
    const only = options.stage === undefined || options.stage === 'all' ? undefined : options.stage;
    const onlyStep = only === undefined ? undefined : spec.traffic.steps.find((s) => (0,job_sequence/* stepJobName */.BM)(s.weight) === only);
    if (only !== undefined && !onlyStep && only !== job_sequence/* TEARDOWN_JOB */.NG && !plan.stages.some((s) => s.name === only)) {
        throw new Error(`unknown stage '${only}'; the plan has: ${[...plan.stages.map((s) => s.name), ...spec.traffic.steps.map((s) => (0,job_sequence/* stepJobName */.BM)(s.weight)), job_sequence/* TEARDOWN_JOB */.NG].join(', ')}, or all`);
    }
    // The new unit's stamps, stage by stage with health, exactly as an in-place rollout deploys them.
    const deployed = onlyStep || only === job_sequence/* TEARDOWN_JOB */.NG ? finished(plan, ports, unitResult, 'succeeded', `stamps of unit ${spec.unit} deployed earlier`) : await (0,rollout/* runRollout */.p)(plan, ports, options);
    deployed.releaseUnit = unitResult;
    if (deployed.status !== 'succeeded' || (only !== undefined && !onlyStep && only !== job_sequence/* TEARDOWN_JOB */.NG))
        return deployed;
    const origins = await unitOrigins(plan, deployed, ports, signal);
    if (origins.length === 0) {
        return { ...deployed, status: 'failed', message: `no stamp of unit ${spec.unit} has the output "${spec.traffic.hostOutput}" that names its origin host` };
    }
    const unit = { unit: spec.unit, weight: 0, origins };
    if (!previous) {
        // The first unit: nothing to move users from.
        await ports.traffic.setWeights([{ ...unit, weight: 100 }], 'live', signal);
        await run.record({ type: 'unit-live', unit: spec.unit });
        return { ...deployed, message: `${deployed.message}; unit ${spec.unit} takes all traffic (no unit before it)` };
    }
    const ours = state.units.find((u) => u.unit === spec.unit)?.weight ?? 0;
    const gateMessage = jobGate(spec, only, ours);
    if (gateMessage)
        return refused(plan, ports, unitResult, gateMessage);
    let end;
    try {
        end = only === job_sequence/* TEARDOWN_JOB */.NG ? { ok: true, message: '' } : await runSteps(run, previous, unit, onlyStep?.weight);
        if (end.ok && (only === undefined || only === job_sequence/* TEARDOWN_JOB */.NG)) {
            const down = await tearDown(run, previous, unit);
            // A whole release says both what the steps did and what the teardown did.
            end = only === job_sequence/* TEARDOWN_JOB */.NG ? down : { ...down, message: `${end.message}; ${down.message}` };
        }
    }
    catch (error) {
        if (!signal.aborted)
            throw error;
        end = { ok: false, status: 'canceled', message: `canceled during the traffic steps of ${spec.unit}; a re-run resumes from the journal` };
    }
    deployed.status = end.ok ? 'succeeded' : end.status ?? 'failed';
    deployed.message = `${deployed.message}; ${end.message}`;
    deployed.finishedAt = ports.clock.now();
    deployed.durationMs = deployed.finishedAt - deployed.startedAt;
    return deployed;
}
// The job names are the workflow's (src/plan/job-sequence.ts), where the checks between jobs read them too.

/** A step (or the teardown) run in a job of its own must find Front Door where the step before it left it. */
function jobGate(spec, only, ours) {
    if (only === undefined)
        return undefined;
    const steps = spec.traffic.steps;
    const index = only === job_sequence/* TEARDOWN_JOB */.NG ? steps.length : steps.findIndex((s) => (0,job_sequence/* stepJobName */.BM)(s.weight) === only);
    if (index < 0)
        return undefined;
    const before = index === 0 ? 0 : steps[index - 1].weight;
    if (ours < before)
        return `${only} needs ${spec.unit} at ${before}% first, but Front Door sends it ${ours}%: run ${(0,job_sequence/* stepJobName */.BM)(before)} first`;
    return undefined;
}
/** Each region's origin: the first unit component stamp whose outputs hold the host output (from ARM if not deployed here). */
async function unitOrigins(plan, result, ports, signal) {
    const spec = plan.releaseUnits;
    const byRegion = new Map();
    const stamps = plan.stages.flatMap((s) => s.stamps).filter((s) => spec.components.includes(s.component));
    const shown = new Map(result.stages.flatMap((s) => s.stamps).map((s) => [s.id, s]));
    for (const stamp of stamps) {
        if (byRegion.has(stamp.region))
            continue;
        const outputs = shown.get(stamp.id)?.outputs ?? (await ports.deployer.lastSuccessful(stamp, {}, signal))?.outputs;
        const host = outputs?.[spec.traffic.hostOutput]?.value;
        if (typeof host === 'string' && host !== '')
            byRegion.set(stamp.region, { unit: spec.unit, region: stamp.region, hostName: host.replace(/^https?:\/\//, '').replace(/\/$/, '') });
    }
    return [...byRegion.values()];
}
function refused(plan, ports, unit, reason) {
    return finished(plan, ports, unit, 'failed', `refused: ${reason}`);
}
function finished(plan, ports, unit, status, message) {
    const now = ports.clock.now();
    const { id, version, mode } = plan.rollout;
    return { rolloutId: id, version, mode, status, message, startedAt: now, finishedAt: now, durationMs: 0, resumed: false, stages: [], releaseUnit: unit };
}

// EXTERNAL MODULE: ./src/spec/load.ts + 22 modules
var spec_load = __webpack_require__(28060);
;// CONCATENATED MODULE: ./src/commands/release-unit.ts






async function releaseUnitDeploy(request, first, factory) {
    const load = (unit) => (0,spec_load/* loadSpec */.I)(request.specFile, { mode: request.mode, version: request.version, env: request.env, repoRoot: request.repoRoot, unit });
    let spec = first;
    if (spec.releaseUnits.strategy === 'inPlace') {
        // A hotfix deploys into the unit that users are on: ask Front Door which one that is.
        const probe = factory(spec, (0,planner/* planRollout */.n)(spec), load);
        const live = (await probe.traffic.current(request.signal)).units.sort((a, b) => b.weight - a.weight)[0];
        if (!live)
            throw new commands_plan/* InputError */.dz(`mode ${request.mode} deploys in place into the live unit, but Front Door routes to no unit yet; run a standard release first`);
        spec = load(live.unit);
    }
    request.onSecrets?.(spec.secrets);
    // The action's checks between jobs: for stages, traffic steps and the teardown alike (an unknown name is the controller's to refuse).
    const offline = (0,planner/* planRollout */.n)(spec);
    if (request.stage === 'all' || (0,job_sequence/* rolloutJobs */.Q6)(offline).some((j) => j.name === request.stage))
        await request.beforeAzure?.(offline);
    const deployer = request.deployer(spec);
    const plan = (0,planner/* planRollout */.n)(spec, await observe((0,planner/* planRollout */.n)(spec), deployer, request.clock, request.signal));
    if (request.dryRun)
        return { plan };
    const adapters = factory(spec, plan, load);
    const result = await runReleaseUnit(plan, { deployer, prober: request.prober, clock: request.clock, journal: request.journal, reporter: request.reporter, resourceMetrics: request.resourceMetrics?.(spec), ...adapters }, { signal: request.signal, abort: request.abort, stage: request.stage, bakeBetweenJobs: request.stage !== 'all' });
    return { plan, result };
}

;// CONCATENATED MODULE: ./src/commands/deploy.ts






/**
 * `deploy`: validate everything, read each stamp's last successful deployment from ARM, plan with that state (so
 * onChange and resume decisions are real), then run the selected stages. Nothing is deployed on a bad spec or stage.
 */
async function deployCommand(request) {
    const { spec, plan: offline } = (0,commands_plan/* planCommand */.VV)(request);
    if (spec.releaseUnits && request.releaseUnits)
        return releaseUnitDeploy(request, spec, request.releaseUnits);
    try {
        (0,rollout/* selectStages */.u)(offline, request.stage);
    }
    catch (error) {
        throw new commands_plan/* InputError */.dz(error.message);
    }
    await request.beforeAzure?.(offline);
    const deployer = request.deployer(spec);
    const observed = await observe(offline, deployer, request.clock, request.signal);
    const plan = request.only ? onlyPlan((0,planner/* planRollout */.n)(spec, observed), request.only, observed) : (0,planner/* planRollout */.n)(spec, observed);
    await request.beforeDeploy?.(plan, spec, deployer);
    if (request.dryRun)
        return { plan };
    // Before the first write: another run of this spec with deployments still running (another machine, checkout or
    // face, which the journal lease cannot see) makes this one refuse, naming it.
    const runId = request.runId ?? newRunId();
    const { journal } = request;
    const takenOver = await refuseWhileOtherRun({
        plan, deployer, runId, events: await journal.load(), flag: request.takeOverFlag ?? '--break-lease', now: request.clock.now(), signal: request.signal,
        ...(request.takeOver ? { takeOver: { by: request.takeOver.by, record: (event) => journal.record(event) } } : {}),
    });
    for (const d of takenOver)
        request.log?.(`taking over ${d.deploymentName} (${d.state} for run ${d.runId ?? '(no run id)'} of ${d.rolloutId ?? 'an unknown rollout'}): ${request.takeOverFlag ?? '--break-lease'} by ${request.takeOver.by}`);
    await request.afterPlan?.(plan, deployer);
    const result = await (0,rollout/* runRollout */.p)(plan, { deployer, prober: request.prober, clock: request.clock, journal, reporter: request.reporter, resourceMetrics: request.resourceMetrics?.(spec) }, { stage: request.stage, signal: request.signal, bakeBetweenJobs: request.stage !== 'all', runId });
    return { plan, result };
}
function onlyPlan(plan, selector, observed) {
    try {
        return (0,only/* selectOnly */.v8)(plan, selector, observed);
    }
    catch (error) {
        if (error instanceof only/* OnlySelectorError */.o$)
            throw new commands_plan/* InputError */.dz(error.message);
        throw error;
    }
}
/** Each stamp's last successful deployment, a few stamps at a time (reads are budgeted by the deployer). */
async function observe(plan, deployer, clock, signal) {
    const stamps = plan.stages.flatMap((s) => s.stamps);
    const observed = {};
    let next = 0;
    const worker = async () => {
        while (next < stamps.length) {
            const stamp = stamps[next++];
            const last = await deployer.lastSuccessful(stamp, {}, signal);
            if (last)
                observed[stamp.id] = { deploymentName: last.deploymentName, version: last.version, rolloutId: last.rolloutId, contentHash: last.contentHash };
        }
    };
    await Promise.all(Array.from({ length: Math.min(8, stamps.length) }, worker));
    return observed;
}


/***/ }),

/***/ 86173:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ RunContext)
/* harmony export */ });
class RunContext {
    plan;
    ports;
    clock;
    signal;
    retry;
    bakeBetweenJobs;
    /** This process's run id, tagged on every deployment it makes (src/engine/other-runs.ts). */
    runId;
    resume;
    result;
    stamps = new Map();
    stages = new Map();
    /** Unmasked outputs for probes only; the result and the journal get masked copies. */
    outputs = new Map();
    attempts = [];
    /** Stages whose health was checked by this run after their bake (or by the previous-stage check). */
    checked = new Set();
    /** Per stamp, what the journal and ARM together say about an earlier run's deployment (read once per run). */
    resumeVerdicts = new Map();
    constructor(init) {
        this.plan = init.plan;
        this.ports = init.ports;
        this.clock = init.ports.clock;
        this.signal = init.signal;
        this.retry = init.retry;
        this.bakeBetweenJobs = init.bakeBetweenJobs ?? false;
        this.runId = init.runId;
        this.resume = init.resume;
        this.result = init.result;
    }
    /** Journal writes are real I/O: tracked, so a virtual clock does not jump while one is on its way to disk. */
    async record(event) {
        const full = { ...event, rolloutId: this.plan.rollout.id, at: this.clock.now() };
        await this.clock.track(this.ports.journal.record(full));
    }
    report(event) {
        try {
            this.ports.reporter?.event(event);
        }
        catch {
            // A broken reporter must not break a rollout that is halfway through production.
        }
    }
    stampResult(id) {
        const found = this.stamps.get(id);
        if (!found)
            throw new Error(`engine: no result for stamp ${id}`);
        return found;
    }
    /** The outputs a probe of this stamp resolves `{outputs.NAME}` from: this run's deployment, else ARM's latest. */
    async outputsFor(stamp) {
        const known = this.outputs.get(stamp.id);
        if (known)
            return known;
        const latest = await this.ports.deployer.lastSuccessful(stamp, {}, this.signal);
        const outputs = latest?.outputs ?? this.resume.deployed.get(stamp.id)?.outputs ?? {};
        this.outputs.set(stamp.id, outputs);
        return outputs;
    }
}


/***/ }),

/***/ 64774:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ untilNextTick),
/* harmony export */   PZ: () => (/* binding */ recheckOf),
/* harmony export */   WC: () => (/* binding */ runHealthCheck),
/* harmony export */   eE: () => (/* binding */ recheckSpan)
/* harmony export */ });
/* harmony import */ var _time_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12061);

/**
 * The quick check before a stage moves on (after its bake, or in a later job): no wait, the first answer must already
 * be healthy, then it must stay healthy for two more intervals (capped by the stamp's own healthyFor). One answer alone
 * could land on a good moment of a flapping stamp; three answers two intervals apart catch flapping at the probe's own
 * granularity while adding at most two intervals per stage.
 */
function recheckOf(check) {
    return { ...check, waitMs: 0, withinMs: 0, healthyForMs: Math.min(check.healthyForMs, 2 * check.intervalMs) };
}
/** How long the quick check of these checks takes: its longest healthy window (no wait, no within). */
function recheckSpan(checks) {
    return Math.max(0, ...checks.map((check) => recheckOf(check).healthyForMs));
}
async function runHealthCheck(run) {
    const { check, clock, signal } = run;
    const startedAt = clock.now();
    let probes = 0;
    let last;
    const ask = async (phase) => {
        let answer;
        try {
            answer = await run.probe(signal);
        }
        catch (error) {
            // Stopped mid-probe: whatever the probe threw then (a reset, a refused connection) says nothing of the stamp.
            if (signal.aborted)
                throw signal.reason ?? error;
            // A prober that throws is a probe that failed: the stamp is not known to be healthy.
            answer = { healthy: false, latencyMs: 0, detail: `probe error: ${error instanceof Error ? error.message : String(error)}` };
        }
        answer = { ...answer, at: clock.now() };
        probes++;
        last = answer;
        run.onAnswer?.(phase, answer);
        return answer;
    };
    const verdict = (healthy, phase, detail) => ({
        healthy,
        phase,
        ...(last ? { answer: last } : {}),
        probes,
        startedAt,
        endedAt: clock.now(),
        detail,
    });
    if (check.waitMs > 0) {
        run.onPhase?.('wait', check.waitMs);
        await clock.sleep(check.waitMs, signal);
    }
    run.onPhase?.('within', check.withinMs);
    const withinStart = clock.now();
    const withinEnd = withinStart + check.withinMs;
    for (;;) {
        const answer = await ask('within');
        if (answer.healthy)
            break;
        if (withinEnd - clock.now() <= 0) {
            return verdict(false, 'within', `not healthy within ${(0,_time_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(check.withinMs)}: ${answer.detail}`);
        }
        await clock.sleep(untilNextTick(clock.now(), withinStart, check.intervalMs, withinEnd), signal);
    }
    run.onPhase?.('healthyFor', check.healthyForMs);
    const healthyStart = clock.now();
    const healthyEnd = healthyStart + check.healthyForMs;
    for (;;) {
        if (healthyEnd - clock.now() <= 0)
            break;
        // The last probe lands on the window's end, so "healthy for 5m" includes minute five.
        await clock.sleep(untilNextTick(clock.now(), healthyStart, check.intervalMs, healthyEnd), signal);
        const answer = await ask('healthyFor');
        if (!answer.healthy) {
            const after = (0,_time_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(Math.max(0, clock.now() - (healthyEnd - check.healthyForMs)));
            return verdict(false, 'healthyFor', `turned unhealthy ${after} into the healthy window: ${answer.detail}`);
        }
    }
    return verdict(true, 'healthyFor', `healthy (${probes} probe${probes === 1 ? '' : 's'}): ${last.detail}`);
}
/**
 * Probes keep the grid of their phase's start (start + k * interval), not "interval after the last answer": a slow
 * answer must not stretch the window or thin out its probes. A tick already missed is skipped, never bunched up.
 */
function untilNextTick(now, phaseStart, intervalMs, end) {
    const next = phaseStart + (Math.floor((now - phaseStart) / intervalMs) + 1) * intervalMs;
    return Math.max(0, Math.min(next, end) - now);
}


/***/ }),

/***/ 95545:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ foldJournal)
/* harmony export */ });
/* unused harmony export MemoryJournal */
const freshStage = () => ({ probed: false, bakeEnded: false, completed: false });
function foldJournal(events, rolloutId) {
    const state = { resumed: false, deployed: new Map(), stages: new Map() };
    const stage = (name) => {
        let progress = state.stages.get(name);
        if (!progress)
            state.stages.set(name, (progress = freshStage()));
        return progress;
    };
    for (const event of events) {
        if (event.rolloutId !== rolloutId)
            continue;
        state.resumed = true;
        switch (event.type) {
            case 'stamp-deployed': {
                const { stage: stageName, contentHash, deploymentId, deploymentName, durationMs, correlationId, outputs, at } = event;
                state.deployed.set(event.stamp, { stage: stageName, contentHash, deploymentId, deploymentName, durationMs, correlationId, outputs, at });
                break;
            }
            case 'stamp-failed':
                state.deployed.delete(event.stamp);
                break;
            case 'stage-probed':
                // A failed check, full or quick, sends the stage back to a full check on the next run.
                if (event.check === 'full' || !event.healthy)
                    Object.assign(stage(event.stage), { probed: event.healthy });
                if (!event.healthy)
                    Object.assign(stage(event.stage), { bakeStartedAt: undefined, bakeEnded: false, completed: false });
                break;
            case 'bake-started':
                Object.assign(stage(event.stage), { bakeStartedAt: event.at, bakeEnded: false });
                break;
            case 'bake-ended':
                stage(event.stage).bakeEnded = true;
                break;
            case 'stage-completed':
                stage(event.stage).completed = true;
                break;
            case 'stamp-rolled-back':
                if (event.outcome === 'rolled-back' || event.outcome === 'removed')
                    state.deployed.delete(event.stamp);
                if (event.outcome !== 'failed')
                    state.rollback?.done.add(event.stamp);
                state.stages.set(event.stage, freshStage());
                break;
            case 'rollback-started':
                state.rollback = { scope: event.scope, reason: event.reason, ...(event.stage ? { stage: event.stage } : {}), ...(event.stamps ? { stamps: event.stamps } : {}), done: new Set() };
                break;
            case 'rollback-finished':
                state.rollback = undefined;
                break;
            case 'operator':
                // A promoted stage's bake is over: a re-run goes on to the next stage.
                if (event.action === 'promote')
                    stage(event.stage).bakeEnded = true;
                break;
            default:
                break;
        }
    }
    return state;
}
/** A journal kept in memory: tests, dry runs, and faces that persist progress elsewhere (ARM tags). */
class MemoryJournal {
    events;
    constructor(events = []) {
        this.events = [...events];
    }
    async load() {
        return [...this.events];
    }
    async record(event) {
        this.events.push(structuredClone(event));
    }
}


/***/ }),

/***/ 92591:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ judgeMetric)
/* harmony export */ });
const pct = (n) => `${(n * 100).toFixed(n < 0.01 ? 2 : 1)}%`;
function judgeMetric(check, count, at, final) {
    const base = { metric: check.metric, requests: count.requests, errors: count.errors, windowMs: check.windowMs, at };
    if (check.metric === 'noTraffic') {
        if (count.requests === 0)
            return { ...base, outcome: 'healthy', detail: `no request in the last ${minutes(check.windowMs)}` };
        return { ...base, outcome: final ? 'unhealthy' : 'inconclusive', detail: `${count.requests} request(s) in the last ${minutes(check.windowMs)}; waiting for none` };
    }
    const ratio = count.requests === 0 ? 0 : count.errors / count.requests;
    if (count.requests >= check.minRequests && ratio >= check.maxErrorRatio) {
        return { ...base, outcome: 'unhealthy', detail: `5xx ratio ${pct(ratio)} (${count.errors}/${count.requests}) over ${minutes(check.windowMs)} is not under ${pct(check.maxErrorRatio)}` };
    }
    if (count.requests < check.minRequests) {
        return { ...base, outcome: final ? 'unhealthy' : 'inconclusive', detail: `${count.requests} request(s) over ${minutes(check.windowMs)}, fewer than the ${check.minRequests} needed to judge` };
    }
    return { ...base, outcome: 'healthy', detail: `5xx ratio ${pct(ratio)} (${count.errors}/${count.requests}) over ${minutes(check.windowMs)}, under ${pct(check.maxErrorRatio)}` };
}
function minutes(ms) {
    return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${Math.round(ms / 1000)}s`;
}


/***/ }),

/***/ 75047:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  uL: () => (/* binding */ keepVerdicts),
  XB: () => (/* binding */ probeStamps),
  $F: () => (/* binding */ probeTargets)
});

// EXTERNAL MODULE: ./src/engine/health.ts
var health = __webpack_require__(64774);
// EXTERNAL MODULE: ./src/engine/metric-analysis.ts
var metric_analysis = __webpack_require__(92591);
;// CONCATENATED MODULE: ./src/engine/metric-probe.ts

async function metricProbe(check, outputs, metrics, clock, signal) {
    const metric = check.metric;
    if (!metrics)
        return { healthy: false, latencyMs: 0, detail: 'a metric health check needs Azure Monitor, and this run has no metrics adapter' };
    const missing = [];
    const resource = metric.resource.replace(/\{outputs\.([A-Za-z_][\w-]*)\}/g, (_m, name) => {
        const value = outputs[name]?.value;
        if (typeof value !== 'string')
            missing.push(name);
        return typeof value === 'string' ? value : '';
    });
    if (missing.length > 0)
        return { healthy: false, latencyMs: 0, detail: `the stamp has no output ${missing.join(', ')} for the metric check's resource` };
    const started = clock.now();
    const count = await metrics.resourceTraffic(resource, started - metric.windowMs, started, signal);
    const verdict = (0,metric_analysis/* judgeMetric */.m)(metric, count, started, false);
    return { healthy: verdict.outcome === 'healthy', latencyMs: clock.now() - started, detail: `${metric.metric} ${verdict.outcome}: ${verdict.detail}` };
}

// EXTERNAL MODULE: ./src/engine/result.ts
var engine_result = __webpack_require__(61173);
;// CONCATENATED MODULE: ./src/engine/probe-stage.ts



/**
 * Skipped stamps (unchanged, or deployed by this rollout in an earlier run) are probed too: a stage is healthy only if
 * all of it is, an unchanged app can break because the cluster under it changed, and the probes run in parallel, so
 * the extra stamps cost no time.
 */
function probeTargets(ctx, stage) {
    return stage.stamps.filter((s) => {
        const status = ctx.stamps.get(s.id)?.status;
        return s.health && (status === 'deployed' || status === 'skipped');
    });
}
async function probeStamps(ctx, stage, stamps, kind, outputsOf = (stamp) => ctx.outputsFor(stamp)) {
    const outcome = { unhealthy: [], verdicts: new Map() };
    const { rollout } = ctx.plan;
    await Promise.all(stamps.map(async (stamp) => {
        const check = kind === 'full' ? stamp.health : (0,health/* recheckOf */.PZ)(stamp.health);
        let outputs;
        try {
            outputs = await outputsOf(stamp);
        }
        catch (error) {
            if (ctx.signal.aborted)
                throw ctx.signal.reason;
            // Without outputs the probe cannot be aimed; a stage that cannot be shown healthy is not healthy.
            const now = ctx.clock.now();
            const detail = `could not read the outputs of ${stamp.id}: ${error instanceof Error ? error.message : String(error)}`;
            const verdict = { healthy: false, phase: 'within', probes: 0, startedAt: now, endedAt: now, detail };
            outcome.verdicts.set(stamp.id, verdict);
            outcome.unhealthy.push({ stamp, verdict });
            ctx.report({ type: 'probe-verdict', stage: stage.name, stamp: stamp.id, check: kind, healthy: false, phase: 'within', detail });
            return;
        }
        const verdict = await (0,health/* runHealthCheck */.WC)({
            check,
            clock: ctx.clock,
            signal: ctx.signal,
            probe: (signal) => check.metric
                ? metricProbe(check, outputs, ctx.ports.resourceMetrics, ctx.clock, signal)
                : ctx.ports.prober.probe(check, { stamp, outputs, rollout: { id: rollout.id, version: rollout.version, mode: rollout.mode } }, signal),
            onPhase: (phase, untilMs) => ctx.report({ type: 'probe-phase', stage: stage.name, stamp: stamp.id, phase, check: kind, untilMs }),
            onAnswer: (phase, answer) => ctx.report({ type: 'probe-answer', stage: stage.name, stamp: stamp.id, phase, answer }),
        });
        outcome.verdicts.set(stamp.id, verdict);
        if (!verdict.healthy)
            outcome.unhealthy.push({ stamp, verdict });
        ctx.report({
            type: 'probe-verdict',
            stage: stage.name,
            stamp: stamp.id,
            check: kind,
            healthy: verdict.healthy,
            phase: verdict.phase,
            detail: verdict.detail,
        });
    }));
    // Parallel probes finish in any order; the result lists failures in plan order so reruns read the same.
    const order = new Map(stage.stamps.map((s, i) => [s.id, i]));
    outcome.unhealthy.sort((a, b) => order.get(a.stamp.id) - order.get(b.stamp.id));
    return outcome;
}
/** Puts the verdicts on the stamps' results and records the stage's check in the journal. */
async function keepVerdicts(ctx, stage, kind, outcome) {
    for (const [id, verdict] of outcome.verdicts) {
        const result = ctx.stamps.get(id);
        if (result)
            result[kind === 'full' ? 'probe' : 'recheck'] = (0,engine_result/* summarize */.e)(verdict);
    }
    await ctx.record({ type: 'stage-probed', stage: stage.name, check: kind, healthy: outcome.unhealthy.length === 0 });
}


/***/ }),

/***/ 61173:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ summarize),
/* harmony export */   t: () => (/* binding */ maskOutputs)
/* harmony export */ });
/* harmony import */ var _plan_secure_type_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61087);

function maskOutputs(outputs) {
    const masked = {};
    for (const [name, output] of Object.entries(outputs)) {
        masked[name] = (0,_plan_secure_type_js__WEBPACK_IMPORTED_MODULE_0__/* .isSecureType */ .Y)(output.type) ? { type: output.type, value: '***' } : output;
    }
    return masked;
}
function summarize(verdict) {
    const summary = {
        healthy: verdict.healthy,
        phase: verdict.phase,
        probes: verdict.probes,
        detail: verdict.detail,
        startedAt: verdict.startedAt,
        endedAt: verdict.endedAt,
    };
    if (verdict.answer?.status !== undefined)
        summary.status = verdict.answer.status;
    if (verdict.answer)
        summary.latencyMs = verdict.answer.latencyMs;
    return summary;
}


/***/ }),

/***/ 73344:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   vI: () => (/* binding */ DEFAULT_RETRY)
/* harmony export */ });
/* unused harmony export backoffDelay */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17679);

const DEFAULT_RETRY = { attempts: 5, baseMs: 2_000, maxDelayMs: 60_000, random: Math.random };
/**
 * "Equal jitter" exponential backoff: half the exponential step is kept so retries never bunch at zero, the other half is
 * random so a hundred stamps throttled by the same 429 do not come back in lockstep. A Retry-After from ARM is a floor.
 */
function backoffDelay(policy, attempt, retryAfterMs = 0) {
    const step = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** (attempt - 1));
    const delay = step / 2 + policy.random() * (step / 2);
    return Math.round(Math.max(delay, retryAfterMs));
}
/**
 * Runs `work` until it succeeds, fails permanently, or the attempts run out. Only a DeploymentFailure marked transient
 * is retried: anything else (a bug, an abort, a permanent ARM error) is thrown at once.
 */
async function withRetry(work, options) {
    for (let attempt = 1;; attempt++) {
        try {
            return await work(attempt);
        }
        catch (error) {
            if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeploymentFailure */ .S) || !error.transient || attempt >= options.policy.attempts)
                throw error;
            if (options.signal.aborted)
                throw options.signal.reason;
            const delayMs = backoffDelay(options.policy, attempt, error.retryAfterMs);
            options.onRetry?.(attempt, delayMs, error);
            await options.clock.sleep(delayMs, options.signal);
        }
    }
}


/***/ }),

/***/ 87092:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ rollBack),
/* harmony export */   k: () => (/* binding */ finishRollback)
/* harmony export */ });
/* harmony import */ var _plan_types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9898);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(17679);
/* harmony import */ var _probe_stage_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(75047);
/* harmony import */ var _result_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(61173);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(73344);
/**
 * Rollback per `rollback.scope`: each affected stamp gets its previous good deployment back, latest deployment first,
 * then the restored stamps are probed.
 */





async function rollBack(ctx, request) {
    const { scope } = ctx.plan.rollback;
    if (scope === 'none') {
        ctx.result.rollback = { scope, reason: request.reason, ok: false, stamps: [] };
        return { ok: false, restored: 0 };
    }
    const targets = await affected(ctx, request);
    const entries = [];
    ctx.result.rollback = { scope, reason: request.reason, ok: false, stamps: entries };
    // Recorded (with its stamps) before it is announced: a run killed at any point after the line leaves the next run
    // the list to finish.
    await ctx.record({ type: 'rollback-started', scope, reason: request.reason, stage: request.stage.name, stamps: targets.map((t) => t.stamp.id) });
    ctx.report({ type: 'rollback-started', scope, stamps: targets.map((t) => t.stamp.id), reason: request.reason });
    return restoreAll(ctx, targets, entries, (stamp) => restore(ctx, stamp));
}
/**
 * An earlier run recorded a rollback as started and was stopped (a signal, a kill) before it finished: this run
 * finishes it before anything else, and the rollout ends rolled back, never succeeded. Each stamp is asked of ARM
 * first: one whose latest deployment is no longer this rollout's was restored already (maybe just before the kill,
 * unrecorded), and is not redeployed again.
 */
async function finishRollback(ctx, pending) {
    const where = new Map(ctx.plan.stages.flatMap((stage) => stage.stamps.map((stamp) => [stamp.id, { stamp, stage }])));
    const ids = pending.stamps ?? [...ctx.resume.deployed.entries()].sort((a, b) => b[1].at - a[1].at).map(([id]) => id);
    const targets = ids
        .map((id) => where.get(id))
        .filter((t) => t !== undefined)
        .map(({ stamp, stage }) => ({ stamp, stage, at: 0 }));
    const entries = [];
    const reason = `finishing the rollback an earlier run started: ${pending.reason}`;
    ctx.result.rollback = { scope: pending.scope, reason: pending.reason, ok: false, stamps: entries, resumed: true };
    ctx.report({ type: 'rollback-started', scope: pending.scope, stamps: targets.map((t) => t.stamp.id), reason });
    return restoreAll(ctx, targets, entries, async (stamp) => {
        const latest = await (0,_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .withRetry */ .bD)(() => ctx.ports.deployer.lastSuccessful(stamp, {}, ctx.signal), { clock: ctx.clock, policy: ctx.retry, signal: ctx.signal });
        if (pending.done.has(stamp.id) || (latest && latest.rolloutId !== ctx.plan.rollout.id)) {
            if (!latest || latest.rolloutId === ctx.plan.rollout.id)
                return { outcome: 'no-previous', detail: 'no previous deployment; left as is (by the earlier run)' };
            return { outcome: 'rolled-back', to: latest.deploymentName, ...(latest.version ? { version: latest.version } : {}), detail: `restored ${latest.deploymentName}${latest.version ? ` (version ${latest.version})` : ''} (by the earlier run)`, outputs: latest.outputs ?? {} };
        }
        return restore(ctx, stamp);
    });
}
async function restoreAll(ctx, targets, entries, restoreOne) {
    try {
        return await restoreAndProbe(ctx, targets, entries, restoreOne);
    }
    catch (error) {
        // Stopped by a signal halfway: said so, and the journal (rollback-started, no rollback-finished) makes the next
        // run finish it.
        if (ctx.signal.aborted && ctx.result.rollback)
            ctx.result.rollback.interrupted = true;
        throw error;
    }
}
async function restoreAndProbe(ctx, targets, entries, restoreOne) {
    let ok = true;
    let restored = 0;
    const toProbe = [];
    for (const attempt of targets) {
        const { stamp, stage } = attempt;
        let entry;
        try {
            entry = await restoreOne(stamp);
        }
        catch (error) {
            if (ctx.signal.aborted)
                throw ctx.signal.reason;
            const info = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorInfo */ .fH)(error);
            entry = { outcome: 'failed', detail: `rollback failed: ${info.code}: ${info.message}${info.correlationId ? ` (correlation id ${info.correlationId})` : ''}` };
        }
        entries.push({ id: stamp.id, stage: stage.name, outcome: entry.outcome, ...(entry.to ? { to: entry.to } : {}), ...(entry.version ? { version: entry.version } : {}), detail: entry.detail });
        const result = ctx.stamps.get(stamp.id);
        if (result)
            result.rollback = { outcome: entry.outcome, ...(entry.to ? { to: entry.to } : {}), detail: entry.detail };
        if (entry.outcome === 'failed')
            ok = false;
        if (entry.outcome === 'rolled-back' || entry.outcome === 'removed')
            restored++;
        if (entry.outcome === 'rolled-back' && stamp.health)
            toProbe.push({ attempt, outputs: entry.outputs ?? {} });
        await ctx.record({ type: 'stamp-rolled-back', stage: stage.name, stamp: stamp.id, outcome: entry.outcome, ...(entry.to ? { to: entry.to } : {}) });
        ctx.report({ type: 'stamp-rolled-back', stage: stage.name, stamp: stamp.id, outcome: entry.outcome, ...(entry.to ? { to: entry.to } : {}), detail: entry.detail });
    }
    // A rollback is only done when what it restored answers healthy again; each stamp gets its full check.
    const outputs = new Map(toProbe.map((p) => [p.attempt.stamp.id, p.outputs]));
    const byStage = new Map();
    for (const { attempt } of toProbe)
        byStage.set(attempt.stage, [...(byStage.get(attempt.stage) ?? []), attempt.stamp]);
    const probed = await Promise.all([...byStage].map(([stage, stamps]) => (0,_probe_stage_js__WEBPACK_IMPORTED_MODULE_2__/* .probeStamps */ .XB)(ctx, stage, stamps, 'full', async (s) => outputs.get(s.id) ?? {})));
    for (const outcome of probed) {
        for (const [id, verdict] of outcome.verdicts) {
            const summary = (0,_result_js__WEBPACK_IMPORTED_MODULE_4__/* .summarize */ .e)(verdict);
            const entry = entries.find((e) => e.id === id);
            if (entry)
                entry.probe = summary;
            const result = ctx.stamps.get(id);
            if (result?.rollback)
                result.rollback.probe = summary;
            if (!verdict.healthy)
                ok = false;
        }
    }
    ctx.result.rollback.ok = ok;
    await ctx.record({ type: 'rollback-finished', ok });
    ctx.report({ type: 'rollback-finished', ok });
    return { ok, restored };
}
/** The stamps the scope covers that this rollout deployed (or tried to), most recent first. */
async function affected(ctx, request) {
    const { scope } = ctx.plan.rollback;
    const failedIds = new Set(request.failed.map((s) => s.id));
    const inScope = [];
    for (const stage of ctx.plan.stages) {
        if (scope === 'rollout' ? stage.index > request.stage.index : stage !== request.stage)
            continue;
        for (const stamp of stage.stamps)
            if (scope !== 'stamp' || failedIds.has(stamp.id))
                inScope.push({ stamp, stage });
    }
    const latest = new Map();
    for (const attempt of ctx.attempts)
        latest.set(attempt.stamp.id, attempt);
    const chosen = inScope.map((s) => latest.get(s.stamp.id)).filter((a) => a !== undefined);
    // Deployed by this rollout in a job whose journal this run does not have: ARM's tags tell. Such stamps were deployed
    // before anything of this run, so they come last in the reverse order.
    const unknown = inScope.filter(({ stamp }) => {
        if (latest.has(stamp.id))
            return false;
        const reason = ctx.stamps.get(stamp.id)?.decision.reason;
        return reason !== 'unchanged' && reason !== 'never';
    });
    const found = await Promise.all(unknown.map(async ({ stamp, stage }) => {
        const last = await ctx.ports.deployer.lastSuccessful(stamp, {}, ctx.signal);
        return last?.rolloutId === ctx.plan.rollout.id ? { stamp, stage, at: 0 } : undefined;
    }));
    const order = (a) => a.stage.index * 100_000 + a.stage.stamps.indexOf(a.stamp);
    const earlier = found.filter((a) => a !== undefined).sort((a, b) => order(b) - order(a));
    const sequence = new Map(ctx.attempts.map((a, i) => [a, i]));
    chosen.sort((a, b) => b.at - a.at || sequence.get(b) - sequence.get(a));
    return [...chosen, ...earlier];
}
async function restore(ctx, stamp) {
    const { deployer } = ctx.ports;
    try {
        const previous = await deployer.lastSuccessful(stamp, { excludeRolloutId: ctx.plan.rollout.id }, ctx.signal);
        if (!previous) {
            if (!ctx.plan.rollback.deleteNew)
                return { outcome: 'no-previous', detail: 'no previous deployment; left as is' };
            if (!deployer.remove)
                return { outcome: 'unsupported', detail: 'no previous deployment; deleting new stamps is not supported by this deployer; left as is' };
            await (0,_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .withRetry */ .bD)(() => deployer.remove(stamp, ctx.signal), { clock: ctx.clock, policy: ctx.retry, signal: ctx.signal });
            return { outcome: 'removed', detail: 'no previous deployment; removed what this rollout created' };
        }
        const deployment = await (0,_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .withRetry */ .bD)(() => deployer.rollback(stamp, previous, ctx.signal, ctx.runId ? { [_plan_types_js__WEBPACK_IMPORTED_MODULE_0__/* .DEPLOYMENT_TAGS */ .S.runId]: ctx.runId } : undefined), {
            clock: ctx.clock,
            policy: ctx.retry,
            signal: ctx.signal,
        });
        const version = previous.version ? ` (version ${previous.version})` : '';
        return { outcome: 'rolled-back', to: previous.deploymentName, ...(previous.version ? { version: previous.version } : {}), detail: `restored ${previous.deploymentName}${version}`, outputs: deployment.outputs };
    }
    catch (error) {
        if (ctx.signal.aborted)
            throw ctx.signal.reason;
        const info = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorInfo */ .fH)(error);
        const correlation = info.correlationId ? ` (correlation id ${info.correlationId})` : '';
        return { outcome: 'failed', detail: `rollback failed: ${info.code}: ${info.message}${correlation}` };
    }
}


/***/ }),

/***/ 25854:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  p: () => (/* binding */ runRollout),
  u: () => (/* binding */ selectStages)
});

// EXTERNAL MODULE: ./src/engine/context.ts
var context = __webpack_require__(86173);
// EXTERNAL MODULE: ./src/plan/types.ts
var types = __webpack_require__(9898);
// EXTERNAL MODULE: ./src/engine/errors.ts
var errors = __webpack_require__(17679);
// EXTERNAL MODULE: ./src/engine/result.ts
var engine_result = __webpack_require__(61173);
// EXTERNAL MODULE: ./src/engine/retry.ts
var retry = __webpack_require__(73344);
;// CONCATENATED MODULE: ./src/engine/resume-truth.ts
async function resumeVerdict(ctx, stamp) {
    const cached = ctx.resumeVerdicts.get(stamp.id);
    if (cached)
        return cached;
    const verdict = await decide(ctx, stamp);
    ctx.resumeVerdicts.set(stamp.id, verdict);
    return verdict;
}
async function decide(ctx, stamp) {
    const earlier = ctx.resume.deployed.get(stamp.id);
    if (!earlier)
        return { kind: 'unknown' };
    if (earlier.contentHash !== stamp.contentHash) {
        return { kind: 'changed', detail: `template or parameters changed since the earlier run deployed ${earlier.deploymentName}` };
    }
    const live = await ctx.ports.deployer.lastSuccessful(stamp, {}, ctx.signal);
    if (live && live.rolloutId === ctx.plan.rollout.id && (live.contentHash === undefined || live.contentHash === stamp.contentHash)) {
        return { kind: 'confirmed', earlier };
    }
    const now = live ? `${live.deploymentName}${live.version ? ` (version ${live.version})` : ''}` : 'no successful deployment';
    return { kind: 'replaced', detail: `the earlier run deployed ${earlier.deploymentName}, but ARM's latest is ${now}: deploying again` };
}

;// CONCATENATED MODULE: ./src/engine/inputs.ts
/**
 * The outputs a stamp's parameters take (`outputsFrom`): from this run's deployments, else the stamp's latest
 * successful deployment in ARM (deployed by an earlier job or rollout, or skipped as unchanged).
 */
async function stampInputs(ctx, stamp) {
    if (!stamp.outputsFrom?.length)
        return undefined;
    const all = new Map([...ctx.plan.stages.flatMap((s) => s.stamps), ...(ctx.plan.only?.outside ?? [])].map((s) => [s.id, s]));
    const inputs = {};
    for (const id of stamp.outputsFrom) {
        const source = all.get(id);
        if (source)
            inputs[id] = await ctx.outputsFor(source);
    }
    return inputs;
}

;// CONCATENATED MODULE: ./src/engine/deploy-stage.ts
/**
 * Deploys the stamps of one stage: each starts once everything it requires is done, and at most `maxParallel` regions
 * are in flight at a time.
 */






/**
 * A region holds its slot from its first stamp's start until its last stamp of the stage is done, so `maxParallel: 1`
 * means one region at a time, never two half-changed regions interleaving their components. A global stamp is its own
 * slot. Requires outside the stage belong to earlier stages, already done.
 */
const slotOf = (stamp) => (stamp.global ? `global:${stamp.id}` : `region:${stamp.region}`);
async function deployStage(ctx, stage) {
    const outcome = { failed: [], deployed: [], canceled: false };
    const inStage = new Set(stage.stamps.map((s) => s.id));
    // In stage order; a stamp leaves when it starts, so each wake-up looks only at what has yet to start.
    const pending = new Map(stage.stamps.map((s) => [s.id, s]));
    const done = new Set();
    const left = new Map();
    for (const stamp of stage.stamps)
        left.set(slotOf(stamp), (left.get(slotOf(stamp)) ?? 0) + 1);
    const held = new Set();
    let running = 0;
    const limit = Math.max(1, stage.maxParallel);
    const isReady = (required) => !inStage.has(required) || done.has(required);
    // The loop sleeps until any stamp settles. Racing every running stamp's promise instead would leave one reaction on
    // each of them per wake-up, held until that stamp ends: quadratic memory in a stage of a thousand stamps.
    let wake = () => { };
    const anyStampSettles = () => new Promise((resolve) => (wake = resolve));
    // A stamp's work that throws (its journal could not be written) ends the stage with that error, as it always has.
    let crash;
    const start = (stamp) => {
        pending.delete(stamp.id);
        held.add(slotOf(stamp));
        const settle = (status) => {
            running--;
            if (status === 'done' || status === 'deployed') {
                done.add(stamp.id);
                if (status === 'deployed')
                    outcome.deployed.push(stamp.id);
                const remaining = left.get(slotOf(stamp)) - 1;
                left.set(slotOf(stamp), remaining);
                if (remaining === 0)
                    held.delete(slotOf(stamp));
            }
            else if (status !== 'canceled') {
                // A canceled stamp needs no mark of its own: only the rollout's signal cancels one, and the stage reads that.
                outcome.failed.push({ stamp, error: status.error });
            }
        };
        running++;
        deployStamp(ctx, stage, stamp)
            .then(settle, (error) => {
            crash ??= { error };
        })
            .finally(() => wake());
    };
    for (;;) {
        // After a failure nothing new starts; what is in flight finishes, so the rollback knows exactly what was deployed.
        const stopping = outcome.failed.length > 0 || outcome.canceled || ctx.signal.aborted;
        let blocked;
        if (!stopping) {
            for (const stamp of pending.values()) {
                if (!stamp.requires.every(isReady))
                    continue;
                if (!held.has(slotOf(stamp)) && held.size >= limit) {
                    blocked ??= stamp;
                    continue;
                }
                start(stamp);
            }
            // Every held region waits on a stamp of another slot that cannot get one: let one through over the limit
            // rather than deadlock (only a cross-region `requires` gets here).
            if (running === 0 && blocked)
                start(blocked);
        }
        if (running === 0)
            break;
        await anyStampSettles();
        if (crash)
            throw crash.error;
    }
    for (const id of pending.keys())
        ctx.stampResult(id).status = 'not-started';
    if (ctx.signal.aborted)
        outcome.canceled = true;
    return outcome;
}
async function deployStamp(ctx, stage, stamp) {
    const result = ctx.stampResult(stamp.id);
    const { rollout } = ctx.plan;
    let resumed;
    try {
        resumed = await resumeVerdict(ctx, stamp);
    }
    catch (error) {
        if (ctx.signal.aborted) {
            // Stopped while asking ARM about the earlier run: nothing was deployed, and the stamp is not left "pending".
            result.status = 'canceled';
            return 'canceled';
        }
        const info = (0,errors/* errorInfo */.fH)(error);
        Object.assign(result, { status: 'failed', error: info });
        await ctx.record({ type: 'stamp-failed', stage: stage.name, stamp: stamp.id, error: info });
        ctx.report({ type: 'stamp-failed', stage: stage.name, stamp: stamp.id, error: info });
        return { error: info };
    }
    if (resumed.kind === 'confirmed') {
        const { earlier } = resumed;
        const detail = `already deployed by this rollout (${earlier.deploymentName})`;
        Object.assign(result, {
            status: 'skipped',
            decision: { action: 'skip', reason: 'already-deployed-by-this-rollout', detail },
            deploymentId: earlier.deploymentId,
            deploymentName: earlier.deploymentName,
            durationMs: earlier.durationMs,
            outputs: earlier.outputs,
        });
        ctx.report({ type: 'stamp-skipped', stage: stage.name, stamp: stamp.id, reason: 'already-deployed-by-this-rollout', detail });
        return 'done';
    }
    if ((resumed.kind === 'changed' || resumed.kind === 'replaced') && stamp.decision.action === 'deploy') {
        result.decision = { action: 'deploy', reason: 'changed', detail: resumed.detail };
    }
    if (stamp.decision.action === 'skip') {
        result.status = 'skipped';
        ctx.report({ type: 'stamp-skipped', stage: stage.name, stamp: stamp.id, reason: stamp.decision.reason, detail: stamp.decision.detail });
        await ctx.record({ type: 'stamp-skipped', stage: stage.name, stamp: stamp.id, reason: stamp.decision.reason });
        return 'done';
    }
    const tags = {
        [types/* DEPLOYMENT_TAGS */.S.rolloutId]: rollout.id,
        [types/* DEPLOYMENT_TAGS */.S.version]: rollout.version,
        [types/* DEPLOYMENT_TAGS */.S.stage]: stage.name,
        [types/* DEPLOYMENT_TAGS */.S.stamp]: stamp.id,
        [types/* DEPLOYMENT_TAGS */.S.contentHash]: stamp.contentHash,
        [types/* DEPLOYMENT_TAGS */.S.specHash]: rollout.specHash,
        ...(ctx.runId ? { [types/* DEPLOYMENT_TAGS */.S.runId]: ctx.runId } : {}),
    };
    result.status = 'deploying';
    result.startedAt = ctx.clock.now();
    let deployment;
    try {
        const inputs = await stampInputs(ctx, stamp);
        deployment = await (0,retry/* withRetry */.bD)((attempt) => {
            result.attempts = attempt;
            ctx.report({ type: 'stamp-deploying', stage: stage.name, stamp: stamp.id, attempt });
            return ctx.ports.deployer.deploy({ stamp, stage, rollout, tags, ...(inputs ? { inputs } : {}) }, ctx.signal);
        }, {
            clock: ctx.clock,
            policy: ctx.retry,
            signal: ctx.signal,
            onRetry: (attempt, delayMs, error) => ctx.report({ type: 'stamp-retrying', stage: stage.name, stamp: stamp.id, attempt, delayMs, error: (0,errors/* errorInfo */.fH)(error) }),
        });
    }
    catch (error) {
        if (ctx.signal.aborted) {
            result.status = 'canceled';
            // The deployer could not cancel what it had started in ARM: "may still be running: NAME", with ARM's error.
            if (error instanceof errors/* DeploymentFailure */.S && error.code === 'CancelFailed')
                result.error = (0,errors/* errorInfo */.fH)(error);
            return 'canceled';
        }
        const info = (0,errors/* errorInfo */.fH)(error);
        Object.assign(result, { status: 'failed', error: info, durationMs: ctx.clock.now() - result.startedAt });
        // A failed deployment may have changed part of the stamp: it is rolled back like a deployed one. One refused by
        // validation (preflight) touched nothing: there is nothing to roll back.
        if (!error.nothingDeployed)
            ctx.attempts.push({ stamp, stage, at: ctx.clock.now() });
        await ctx.record({ type: 'stamp-failed', stage: stage.name, stamp: stamp.id, error: info });
        ctx.report({ type: 'stamp-failed', stage: stage.name, stamp: stamp.id, error: info });
        return { error: info };
    }
    // Deployed. From here an error is the journal's, not the deployment's: it ends the stage as it is (the next run
    // resumes from ARM's tags), and a good deployment is never reported failed nor rolled back for it.
    const masked = (0,engine_result/* maskOutputs */.t)(deployment.outputs);
    ctx.outputs.set(stamp.id, deployment.outputs);
    Object.assign(result, {
        status: 'deployed',
        deploymentId: deployment.deploymentId,
        deploymentName: deployment.deploymentName,
        durationMs: deployment.durationMs,
        outputs: masked,
        ...(deployment.correlationId ? { correlationId: deployment.correlationId } : {}),
    });
    ctx.attempts.push({ stamp, stage, at: ctx.clock.now() });
    await ctx.record({
        type: 'stamp-deployed',
        stage: stage.name,
        stamp: stamp.id,
        contentHash: stamp.contentHash,
        deploymentId: deployment.deploymentId,
        deploymentName: deployment.deploymentName,
        durationMs: deployment.durationMs,
        ...(deployment.correlationId ? { correlationId: deployment.correlationId } : {}),
        outputs: masked,
    });
    ctx.report({ type: 'stamp-deployed', stage: stage.name, stamp: stamp.id, deploymentId: deployment.deploymentId, durationMs: deployment.durationMs, ...(deployment.correlationId ? { correlationId: deployment.correlationId } : {}) });
    return 'deployed';
}

// EXTERNAL MODULE: ./src/engine/journal.ts
var journal = __webpack_require__(95545);
;// CONCATENATED MODULE: ./src/engine/preflight.ts
/**
 * ARM's validate (preflight) of every stamp the rollout will deploy, before the rollout's first write: a template or
 * parameter that ARM refuses stops the rollout while nothing has changed yet, instead of after half the regions.
 * A stamp that cannot be validated yet (its resource group is made by this rollout, or it requires a stamp deployed
 * by this rollout) is validated before its stage's first write; one whose group still does not exist then is left to
 * ARM's own preflight of the PUT.
 */




/** Stamps left for their stage's preflight, and the stamps this run deploys, per run. */
const deferred = new WeakMap();
/** Validates the stamps of `stages` whose prerequisites exist; the first refusal, or undefined when all passed. */
async function preflightRollout(ctx, stages) {
    const later = new Set();
    const targets = stages.flatMap((stage) => stage.stamps.filter((s) => willDeploy(ctx, s)).map((stamp) => ({ stage, stamp })));
    const deployedHere = new Set(targets.map((t) => t.stamp.id));
    deferred.set(ctx, { later, deployedHere });
    const now = targets.filter(({ stamp }) => {
        if (![...stamp.requires, ...(stamp.outputsFrom ?? [])].some((r) => deployedHere.has(r)))
            return true;
        later.add(stamp.id);
        return false;
    });
    return validateAll(ctx, now, later);
}
/** Before a stage's first write: the stamps the rollout-wide preflight had to leave for now. */
async function preflightStage(ctx, stage) {
    const run = deferred.get(ctx);
    if (!run)
        return undefined;
    const { later, deployedHere } = run;
    const targets = stage.stamps.filter((s) => later.has(s.id) && willDeploy(ctx, s)).map((stamp) => ({ stage, stamp }));
    for (const { stamp } of targets)
        later.delete(stamp.id);
    // A stamp fed with outputs of one this run has yet to deploy cannot be validated with the values it will get:
    // ARM's own preflight of its PUT checks it then.
    const ready = targets.filter(({ stamp }) => !(stamp.outputsFrom ?? []).some((id) => deployedHere.has(id) && !ctx.outputs.has(id)));
    return validateAll(ctx, ready, undefined);
}
function willDeploy(ctx, stamp) {
    if (stamp.decision.action !== 'deploy')
        return false;
    const earlier = ctx.resume.deployed.get(stamp.id);
    return !(earlier && earlier.contentHash === stamp.contentHash);
}
/** A few at a time (ARM's validate takes seconds); the deployer's request budget paces them further. */
async function validateAll(ctx, targets, later) {
    const preflight = ctx.ports.deployer.preflight?.bind(ctx.ports.deployer);
    if (!preflight)
        return undefined;
    let refusal;
    let next = 0;
    const worker = async () => {
        while (next < targets.length && !refusal) {
            const { stage, stamp } = targets[next++];
            const { rollout } = ctx.plan;
            const tags = {
                [types/* DEPLOYMENT_TAGS */.S.rolloutId]: rollout.id,
                [types/* DEPLOYMENT_TAGS */.S.version]: rollout.version,
                [types/* DEPLOYMENT_TAGS */.S.stage]: stage.name,
                [types/* DEPLOYMENT_TAGS */.S.stamp]: stamp.id,
                [types/* DEPLOYMENT_TAGS */.S.contentHash]: stamp.contentHash,
                [types/* DEPLOYMENT_TAGS */.S.specHash]: rollout.specHash,
            };
            try {
                // The parameters fed by other stamps' outputs take them as the deployment will: an unchanged prerequisite
                // skipped by this run gives its latest successful deployment's outputs.
                const inputs = await stampInputs(ctx, stamp);
                const outcome = await (0,retry/* withRetry */.bD)(() => preflight({ stamp, stage, rollout, tags, ...(inputs ? { inputs } : {}) }, ctx.signal), { clock: ctx.clock, policy: ctx.retry, signal: ctx.signal });
                if (outcome === 'prerequisites-missing')
                    later?.add(stamp.id);
            }
            catch (error) {
                if (ctx.signal.aborted)
                    throw error;
                refusal ??= { stamp, stage, error: (0,errors/* errorInfo */.fH)(error) };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(4, targets.length) }, worker));
    return refusal;
}
/** The rollout's end when the rollout-wide preflight refused a stamp: failed, nothing written, nothing to roll back. */
function refusedBeforeWrites(ctx, refused) {
    const { stamp, stage, error } = refused;
    ctx.result.error = { ...error, stage: stage.name, stamp: stamp.id };
    const result = ctx.stamps.get(stamp.id);
    if (result)
        Object.assign(result, { status: 'failed', error });
    for (const s of ctx.stamps.values())
        if (s.status === 'pending')
            s.status = 'not-started';
    const correlation = error.correlationId ? ` (correlation id ${error.correlationId})` : '';
    return { ok: false, status: 'failed', message: `ARM refused ${stamp.id} (stage ${stage.name}) in its preflight, before anything was written: ${error.code}: ${error.message}${correlation}; nothing was deployed` };
}

// EXTERNAL MODULE: ./src/engine/probe-stage.ts + 1 modules
var probe_stage = __webpack_require__(75047);
// EXTERNAL MODULE: ./src/engine/rollback.ts
var engine_rollback = __webpack_require__(87092);
// EXTERNAL MODULE: ./src/time/duration.ts
var duration = __webpack_require__(12061);
// EXTERNAL MODULE: ./src/engine/health.ts
var health = __webpack_require__(64774);
;// CONCATENATED MODULE: ./src/engine/bake-watch.ts


/** Bakes up to this long are watched at the check's interval by default. */
const SHORT_BAKE_MS = 10 * 60_000;
/** Longer ones at a lighter cadence: about 60 probes per bake, but never less often than every 5 minutes. */
const PROBES_PER_LONG_BAKE = 60;
const MAX_DEFAULT_WATCH_MS = 5 * 60_000;
/**
 * How often a check is probed during a bake: its `watch`, else its interval for short bakes, else a lighter cadence
 * (a 1 h bake every minute, 4 h every 4 minutes, longer ones every 5 minutes), so a rehearsal of a day-long bake stays
 * seconds and a real one does not hammer the stamps.
 */
function watchInterval(check, bakeMs) {
    if (check.watchMs !== undefined && check.watchMs > 0)
        return check.watchMs;
    if (bakeMs <= SHORT_BAKE_MS)
        return check.intervalMs;
    return Math.max(check.intervalMs, Math.min(MAX_DEFAULT_WATCH_MS, Math.round(bakeMs / PROBES_PER_LONG_BAKE)));
}
/**
 * Sleeps until `watchUntil` (the bake's end, or the start of the re-check that closes it) while probing `stamps` on the
 * grid of their watch interval from `startedAt`. Returns the first unhealthy answers (the bake ends there), or
 * undefined when the bake ran out healthy. Every sleep is at most one watch interval, so a bake of any length is slept
 * in chunks on the clock.
 */
async function watchBake(ctx, stage, stamps, startedAt, bakeEnd, watchUntil = bakeEnd) {
    const watched = stamps.filter((s) => s.health);
    const bakeMs = bakeEnd - startedAt;
    const endsAt = Math.min(watchUntil, bakeEnd);
    const next = new Map(watched.map((s) => [s.id, startedAt]));
    const everyMs = new Map(watched.map((s) => [s.id, watchInterval(s.health, bakeMs)]));
    for (;;) {
        const now = ctx.clock.now();
        if (now >= endsAt)
            return undefined;
        if (watched.length === 0) {
            await ctx.clock.sleep(endsAt - now, ctx.signal);
            continue;
        }
        for (const s of watched)
            next.set(s.id, now + (0,health/* untilNextTick */.$Q)(now, startedAt, everyMs.get(s.id), endsAt));
        const soonest = Math.min(...next.values());
        await ctx.clock.sleep(Math.max(0, soonest - now), ctx.signal);
        const at = ctx.clock.now();
        // The bake's last moment belongs to the re-check that follows it.
        if (at >= endsAt)
            return undefined;
        const due = watched.filter((s) => next.get(s.id) <= at);
        const outcome = { unhealthy: [], verdicts: new Map() };
        await Promise.all(due.map((stamp) => probeOnce(ctx, stage, stamp, startedAt, outcome)));
        if (outcome.unhealthy.length > 0) {
            const order = new Map(stage.stamps.map((s, i) => [s.id, i]));
            outcome.unhealthy.sort((a, b) => order.get(a.stamp.id) - order.get(b.stamp.id));
            return outcome;
        }
    }
}
async function probeOnce(ctx, stage, stamp, bakeStart, outcome) {
    const check = stamp.health;
    const { rollout } = ctx.plan;
    const startedAt = ctx.clock.now();
    let answer;
    try {
        const outputs = await ctx.outputsFor(stamp);
        answer = await ctx.ports.prober.probe(check, { stamp, outputs, rollout: { id: rollout.id, version: rollout.version, mode: rollout.mode } }, ctx.signal);
    }
    catch (error) {
        // Stopped mid-probe: whatever the probe threw then (a reset, a refused connection) says nothing of the stamp.
        if (ctx.signal.aborted)
            throw ctx.signal.reason ?? error;
        answer = { healthy: false, latencyMs: 0, detail: `probe error: ${error instanceof Error ? error.message : String(error)}` };
    }
    answer = { ...answer, at: ctx.clock.now() };
    if (answer.healthy)
        return;
    const detail = `turned unhealthy ${(0,duration/* formatDuration */.a3)(Math.max(0, startedAt - bakeStart))} into the bake: ${answer.detail}`;
    const verdict = { healthy: false, phase: 'healthyFor', answer, probes: 1, startedAt, endedAt: ctx.clock.now(), detail };
    outcome.verdicts.set(stamp.id, verdict);
    outcome.unhealthy.push({ stamp, verdict });
    ctx.report({ type: 'probe-answer', stage: stage.name, stamp: stamp.id, phase: 'healthyFor', answer });
    ctx.report({ type: 'probe-verdict', stage: stage.name, stamp: stamp.id, check: 'recheck', healthy: false, phase: 'healthyFor', detail });
}

;// CONCATENATED MODULE: ./src/engine/rollout.ts











function selectStages(plan, stage) {
    if (stage === undefined || stage === 'all')
        return plan.stages;
    const found = plan.stages.find((s) => s.name === stage);
    if (!found)
        throw new Error(`unknown stage '${stage}'; the plan has: ${plan.stages.map((s) => s.name).join(', ')}, or all`);
    return [found];
}
async function runRollout(plan, ports, options = {}) {
    const selected = selectStages(plan, options.stage);
    const signal = options.signal ?? new AbortController().signal;
    const { clock } = ports;
    const resume = (0,journal/* foldJournal */.n)(await clock.track(ports.journal.load()), plan.rollout.id);
    const startedAt = clock.now();
    const { id, version, mode, specHash } = plan.rollout;
    const result = {
        rolloutId: id, version, mode, status: 'succeeded', message: '', startedAt, finishedAt: startedAt, durationMs: 0,
        resumed: resume.resumed, stages: [],
    };
    const ctx = new context/* RunContext */.Z({ plan, ports, signal, retry: { ...retry/* DEFAULT_RETRY */.vI, ...options.retry }, resume, result, bakeBetweenJobs: options.bakeBetweenJobs, runId: options.runId });
    for (const stage of selected) {
        const stageResult = { name: stage.name, index: stage.index, status: 'not-started', stamps: [] };
        for (const stamp of stage.stamps) {
            const stampResult = { id: stamp.id, component: stamp.component, region: stamp.region, decision: stamp.decision, status: 'pending' };
            stageResult.stamps.push(stampResult);
            ctx.stamps.set(stamp.id, stampResult);
        }
        result.stages.push(stageResult);
        ctx.stages.set(stage.name, stageResult);
    }
    for (const stage of plan.stages) {
        for (const stamp of stage.stamps) {
            const earlier = resume.deployed.get(stamp.id);
            if (earlier)
                ctx.attempts.push({ stamp, stage, at: earlier.at });
        }
    }
    ctx.attempts.sort((a, b) => a.at - b.at);
    ctx.report({ type: 'rollout-started', rolloutId: id, version, mode, stages: selected.map((s) => s.name), resumed: resume.resumed });
    await ctx.record({ type: 'rollout-started', version, mode, specHash, ...(options.runId ? { runId: options.runId } : {}) });
    let end = { ok: true };
    try {
        if (resume.rollback)
            end = await finishPendingRollback(ctx, resume.rollback);
        else {
            // ARM validates every stamp it can before the first write of the rollout: a refusal here has changed nothing.
            const refused = await preflightRollout(ctx, selected);
            if (refused)
                end = refusedBeforeWrites(ctx, refused);
            for (const stage of end.ok ? selected : []) {
                end = await runStage(ctx, stage);
                if (!end.ok)
                    break;
            }
        }
    }
    catch (error) {
        if (!signal.aborted)
            throw error;
        const current = result.stages.find((s) => s.status === 'canceled')?.name;
        const rollback = result.rollback;
        // A deployment whose cancel ARM refused may still be running: the message names it.
        const stillRunning = result.stages.flatMap((s) => s.stamps).filter((s) => s.error?.code === 'CancelFailed').map((s) => `; ${s.error.message}`).join('');
        if (rollback?.interrupted) {
            const done = rollback.stamps.filter((s) => s.outcome !== 'failed').length;
            end = { ok: false, status: 'canceled', message: `rollback interrupted (${done} stamp(s) restored so far; reason for the rollback: ${rollback.reason}); a re-run of ${id} finishes the rollback${stillRunning}` };
        }
        else {
            end = { ok: false, status: 'canceled', message: `canceled${current ? ` during stage ${current}` : ''}; a re-run of ${id} resumes from the journal${stillRunning}` };
        }
    }
    if (end.ok) {
        const all = result.stages.flatMap((s) => s.stamps);
        const count = (status) => all.filter((s) => s.status === status).length;
        end = { ok: true };
        result.message = `${result.stages.length} stage(s) succeeded: ${count('deployed')} stamp(s) deployed, ${count('skipped')} skipped`;
    }
    else {
        result.status = end.status;
        result.message = end.message;
    }
    result.finishedAt = clock.now();
    result.durationMs = result.finishedAt - startedAt;
    await ctx.record({ type: 'rollout-finished', status: result.status });
    ctx.report({ type: 'rollout-finished', status: result.status, durationMs: result.durationMs, message: result.message });
    return result;
}
async function runStage(ctx, stage) {
    const stageResult = ctx.stages.get(stage.name);
    const progress = ctx.resume.stages.get(stage.name);
    if (progress?.completed && (await stillCompleted(ctx, stage))) {
        stageResult.status = 'already-completed';
        for (const stamp of stageResult.stamps) {
            stamp.status = 'skipped';
            const earlier = ctx.resume.deployed.get(stamp.id);
            if (earlier) {
                const detail = `stage completed by this rollout in an earlier run (${earlier.deploymentName})`;
                Object.assign(stamp, { decision: { action: 'skip', reason: 'already-deployed-by-this-rollout', detail }, deploymentId: earlier.deploymentId, deploymentName: earlier.deploymentName, outputs: earlier.outputs });
            }
        }
        return { ok: true };
    }
    const previous = stage.index > 0 ? ctx.plan.stages[stage.index - 1] : undefined;
    if (previous && !ctx.checked.has(previous.name)) {
        // The previous stage baked in an earlier run or job: it must still be healthy before this one starts.
        const outcome = await (0,probe_stage/* probeStamps */.XB)(ctx, previous, previous.stamps.filter((s) => s.health), 'recheck');
        ctx.checked.add(previous.name);
        ctx.result.previousStage = { name: previous.name, stamps: [...outcome.verdicts].map(([id, v]) => ({ id, recheck: (0,engine_result/* summarize */.e)(v) })) };
        await ctx.record({ type: 'stage-probed', stage: previous.name, check: 'recheck', healthy: outcome.unhealthy.length === 0 });
        if (outcome.unhealthy.length > 0)
            return unhealthy(ctx, previous, outcome, `before stage ${stage.name}, stage ${previous.name} is`);
    }
    stageResult.status = 'canceled'; // until it ends otherwise: an abort anywhere below leaves this
    stageResult.startedAt = ctx.clock.now();
    ctx.report({ type: 'stage-started', stage: stage.name, index: stage.index, stamps: stage.stamps.length });
    const refused = await preflightStage(ctx, stage);
    if (refused)
        return fail(ctx, stage, [], `stage ${stage.name}: ARM refused ${refused.stamp.id} in its preflight, before the stage's first write: ${refused.error.code}: ${refused.error.message}`, { ...refused.error, stamp: refused.stamp.id });
    const deployed = await deployStage(ctx, stage);
    if (deployed.canceled)
        throw ctx.signal.reason;
    if (deployed.failed.length > 0) {
        const { stamp, error } = deployed.failed[0];
        const more = deployed.failed.length > 1 ? ` (and ${deployed.failed.length - 1} more)` : '';
        return fail(ctx, stage, deployed.failed.map((f) => f.stamp), `stage ${stage.name}: ${stamp.id} failed to deploy${more}: ${error.code}: ${error.message}`, { ...error, stamp: stamp.id });
    }
    // Probed in an earlier run and nothing new deployed since: the quick check confirms it, the full one is not repeated.
    const resumedProbe = progress?.probed === true && deployed.deployed.length === 0;
    const kind = resumedProbe ? 'recheck' : 'full';
    const probed = await (0,probe_stage/* probeStamps */.XB)(ctx, stage, (0,probe_stage/* probeTargets */.$F)(ctx, stage), kind);
    await (0,probe_stage/* keepVerdicts */.uL)(ctx, stage, kind, probed);
    if (probed.unhealthy.length > 0)
        return unhealthy(ctx, stage, probed, `stage ${stage.name}:`);
    if (stage.bakeMs > 0 && !ctx.bakeBetweenJobs) {
        const resumedBake = resumedProbe && progress?.bakeStartedAt !== undefined;
        const now = ctx.clock.now();
        // A start recorded "in the future" (this machine's clock is behind the one that recorded it) counts as now: the
        // rest of a bake is never more than the bake.
        const bakeStart = resumedBake ? Math.min(progress.bakeStartedAt, now) : now;
        if (!resumedBake)
            await ctx.record({ type: 'bake-started', stage: stage.name, bakeMs: stage.bakeMs });
        const remainingMs = Math.min(stage.bakeMs, Math.max(0, bakeStart + stage.bakeMs - now));
        stageResult.bake = { ms: stage.bakeMs, startedAt: bakeStart };
        ctx.report({ type: 'bake-started', stage: stage.name, bakeMs: stage.bakeMs, remainingMs });
        // A stage that went bad while baking must not let the next one start: the quick re-check is the bake's last
        // stretch, ending as the bake ends, so a 1 h bake holds the stage 1 h, not 1 h plus the re-check.
        const targets = (0,probe_stage/* probeTargets */.$F)(ctx, stage);
        const bakeEnd = now + remainingMs;
        const recheckFrom = Math.max(now, bakeEnd - (0,health/* recheckSpan */.eE)(targets.map((s) => s.health)));
        const turned = await watchBake(ctx, stage, targets, bakeStart, bakeEnd, recheckFrom);
        const [checked, when] = turned ? [turned, 'during its bake'] : [await (0,probe_stage/* probeStamps */.XB)(ctx, stage, targets, 'recheck'), 'at the end of its bake'];
        stageResult.bake.endedAt = ctx.clock.now();
        await ctx.record({ type: 'bake-ended', stage: stage.name });
        ctx.report({ type: 'bake-ended', stage: stage.name });
        await (0,probe_stage/* keepVerdicts */.uL)(ctx, stage, 'recheck', checked);
        if (checked.unhealthy.length > 0)
            return unhealthy(ctx, stage, checked, `stage ${stage.name} ${when}:`);
    }
    // With no bake here, the full check that just passed is the check before the next stage (in this run).
    ctx.checked.add(stage.name);
    await ctx.record({ type: 'stage-completed', stage: stage.name });
    stageResult.status = 'succeeded';
    stageResult.finishedAt = ctx.clock.now();
    ctx.report({ type: 'stage-finished', stage: stage.name, status: 'succeeded', durationMs: stageResult.finishedAt - stageResult.startedAt });
    return { ok: true };
}
/** The earlier run's rollback is finished first; the rollout then ends as that rollback ends, never as succeeded. */
async function finishPendingRollback(ctx, pending) {
    const outcome = await (0,engine_rollback/* finishRollback */.k)(ctx, pending);
    const stageResult = pending.stage ? ctx.stages.get(pending.stage) : undefined;
    if (stageResult) {
        stageResult.status = outcome.ok && outcome.restored > 0 ? 'rolled-back' : 'failed';
        stageResult.finishedAt = ctx.clock.now();
    }
    const head = `an earlier run was stopped during its rollback (${pending.reason}); this run finished it`;
    if (!outcome.ok)
        return { ok: false, status: 'failed', message: `${head}, but it did not complete cleanly: see the rollback section` };
    if (outcome.restored === 0)
        return { ok: false, status: 'failed', message: `${head}: nothing to restore` };
    return { ok: false, status: 'rolled-back', message: `${head}: rolled back ${outcome.restored} stamp(s) (scope ${pending.scope}). Re-run to roll ${ctx.plan.rollout.id} out again.` };
}
function unhealthy(ctx, stage, outcome, prefix) {
    const { stamp, verdict } = outcome.unhealthy[0];
    const more = outcome.unhealthy.length > 1 ? ` (and ${outcome.unhealthy.length - 1} more)` : '';
    const message = `${prefix} ${stamp.id} unhealthy${more} in ${verdict.phase}: ${verdict.detail}`;
    return fail(ctx, stage, outcome.unhealthy.map((u) => u.stamp), message, { code: 'Unhealthy', message: verdict.detail, stamp: stamp.id });
}
async function fail(ctx, stage, failed, message, error) {
    ctx.result.error = { ...error, stage: stage.name };
    const stageResult = ctx.stages.get(stage.name);
    if (stageResult) {
        stageResult.status = 'failed';
        stageResult.finishedAt = ctx.clock.now();
    }
    const { scope } = ctx.plan.rollback;
    const rollback = await (0,engine_rollback/* rollBack */.F)(ctx, { stage, failed, reason: message });
    let status = 'failed';
    let tail;
    if (scope === 'none')
        tail = 'rollback scope is none: nothing rolled back';
    else if (!rollback.ok)
        tail = `rollback (scope ${scope}) did not complete cleanly: see the rollback section`;
    else if (rollback.restored === 0)
        tail = `rollback (scope ${scope}) had nothing to restore`;
    else {
        status = 'rolled-back';
        tail = `rolled back ${rollback.restored} stamp(s) (scope ${scope})`;
    }
    if (stageResult && status === 'rolled-back')
        stageResult.status = 'rolled-back';
    if (stageResult) {
        ctx.report({ type: 'stage-finished', stage: stage.name, status: stageResult.status, durationMs: stageResult.finishedAt - (stageResult.startedAt ?? stageResult.finishedAt) });
    }
    return { ok: false, status, message: `${message}; ${tail}` };
}
/**
 * A stage the journal calls completed is still completed only while ARM agrees for each of its stamps and none changed
 * since: a changed spec resumes from the first stage it affects. A read that fails counts as "not known": deployStage
 * then meets the same question per stamp and reports it as that stamp's failure.
 */
async function stillCompleted(ctx, stage) {
    try {
        const verdicts = await Promise.all(stage.stamps.map((s) => resumeVerdict(ctx, s)));
        return verdicts.every((v, i) => v.kind === 'confirmed' || (v.kind === 'unknown' && stage.stamps[i].decision.action === 'skip'));
    }
    catch (error) {
        if (ctx.signal.aborted)
            throw error;
        return false;
    }
}


/***/ }),

/***/ 32220:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BM: () => (/* binding */ stepJobName),
/* harmony export */   NG: () => (/* binding */ TEARDOWN_JOB),
/* harmony export */   Q6: () => (/* binding */ rolloutJobs)
/* harmony export */ });
/* unused harmony export jobAndPrevious */
const TEARDOWN_JOB = 'teardown';
const stepJobName = (weight) => `traffic-${weight}`;
function rolloutJobs(plan) {
    const jobs = plan.stages.map((s) => ({ name: s.name, kind: 'stage', environment: s.environment, bakeMs: s.bakeMs, bakedInJob: false }));
    const units = plan.releaseUnits;
    // A hotfix (inPlace) goes into the live unit: no traffic step, no teardown.
    if (!units || units.strategy !== 'releaseUnit')
        return jobs;
    for (const step of units.traffic.steps) {
        jobs.push({ name: stepJobName(step.weight), kind: 'traffic-step', environment: step.environment, bakeMs: step.bakeMs, bakedInJob: true, weight: step.weight });
    }
    jobs.push({ name: TEARDOWN_JOB, kind: 'teardown', environment: units.teardown.environment, bakeMs: 0, bakedInJob: true });
    return jobs;
}
/** The job named `name` and the one before it; undefined when the rollout has no such job. */
function jobAndPrevious(plan, name) {
    const jobs = rolloutJobs(plan);
    const index = jobs.findIndex((j) => j.name === name);
    return index < 0 ? undefined : { job: jobs[index], previous: jobs[index - 1] };
}


/***/ })

};
