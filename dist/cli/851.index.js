export const id = 851;
export const ids = [851];
export const modules = {

/***/ 53851:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  interveneCli: () => (/* binding */ interveneCli)
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/commands/plan.ts + 1 modules
var commands_plan = __webpack_require__(21522);
// EXTERNAL MODULE: ./src/engine/file-journal.ts
var file_journal = __webpack_require__(82164);
// EXTERNAL MODULE: ./src/github/client.ts
var client = __webpack_require__(96584);
// EXTERNAL MODULE: ./src/plan/job-sequence.ts
var job_sequence = __webpack_require__(32220);
// EXTERNAL MODULE: ./src/github/api-errors.ts
var api_errors = __webpack_require__(69995);
// EXTERNAL MODULE: ./src/github/deployments.ts + 1 modules
var deployments = __webpack_require__(53584);
;// CONCATENATED MODULE: ./src/github/interventions.ts




const PROMOTED = 'Promoted by';
const ABORTED = 'Aborted by';
async function recordIntervention(request) {
    const { plan } = request;
    const records = new deployments/* GitHubDeploymentRecords */.f1({ client: request.client, owner: request.owner, repo: request.repo });
    // Traffic steps and the teardown of release units are jobs with records too (src/plan/job-sequence.ts).
    const jobs = (0,job_sequence/* rolloutJobs */.Q6)(plan);
    const latest = (stage) => records.latest({ rolloutId: plan.rollout.id, version: plan.rollout.version, specHash: plan.rollout.specHash, stage: stage.name, environment: (0,deployments/* recordEnvironment */.lk)(stage, plan.rollout.name) });
    let stage;
    let record;
    if (request.stage) {
        stage = jobs.find((s) => s.name === request.stage);
        if (!stage)
            throw new commands_plan/* InputError */.dz(`no stage "${request.stage}" in ${plan.rollout.name}; its stages are ${jobs.map((s) => s.name).join(', ')}`);
        record = await latest(stage);
    }
    else {
        for (const candidate of [...jobs].reverse()) {
            record = await latest(candidate);
            if (record) {
                stage = candidate;
                break;
            }
        }
    }
    if (!stage || !record)
        throw new commands_plan/* InputError */.dz(`${plan.rollout.id} has no GitHub deployment record${request.stage ? ` for stage ${request.stage}` : ''}: nothing of it ran, so there is nothing to ${request.action}`);
    if (request.action === 'promote' && record.state !== 'success') {
        throw new commands_plan/* InputError */.dz(`stage ${stage.name} of ${plan.rollout.id} ${record.state === 'failure' ? `failed (${record.description})` : 'is still in progress'}: only a stage that succeeded can be promoted past its bake`);
    }
    const description = (0,deployments/* shorten */.ml)(`${request.action === 'abort' ? ABORTED : PROMOTED} ${request.by}: ${request.reason}`);
    try {
        await request.client.rest.repos.createDeploymentStatus({
            owner: request.owner,
            repo: request.repo,
            deployment_id: record.deploymentId,
            state: request.action === 'abort' ? 'failure' : 'success',
            description,
        });
    }
    catch (error) {
        throw (0,api_errors/* explainGitHubError */.P)(error, `record the ${request.action} of stage ${stage.name} on deployment ${record.deploymentId}`, 'deployments: write');
    }
    return { stage: stage.name, deploymentId: record.deploymentId, description, was: record.state };
}
/** Whether a stage's record says an operator promoted it past its bake. */
function promoted(record) {
    return record.state === 'success' && record.description.startsWith(PROMOTED);
}
/**
 * After `abort --rollback`: what the rollback did, as one more failure status on the aborted stage's record (it starts
 * with the abort's words, so the next stage job still reads an abort).
 */
async function recordAbortRollback(request) {
    const description = (0,deployments/* shorten */.ml)(`${ABORTED} ${request.by}: ${request.clause}; ${request.reason}`);
    try {
        await request.client.rest.repos.createDeploymentStatus({ owner: request.owner, repo: request.repo, deployment_id: request.deploymentId, state: 'failure', description });
    }
    catch (error) {
        throw (0,api_errors/* explainGitHubError */.P)(error, `record the rollback after the abort on deployment ${request.deploymentId}`, 'deployments: write');
    }
    return description;
}

// EXTERNAL MODULE: ./src/engine/journal-lease.ts
var journal_lease = __webpack_require__(83066);
;// CONCATENATED MODULE: ./src/report/rollback-text.ts
/**
 * What a rollback on request did, stamp by stamp: to which deployment and version, or why not (ARM's code, message
 * and correlation id are in the detail of a failed one).
 */
function rollbackLines(result) {
    const lines = [`${result.rolloutId}: ${result.message}`];
    for (const entry of result.rollback?.stamps ?? []) {
        const to = entry.outcome === 'rolled-back' ? ` to ${entry.version ?? 'the previous deployment'} (${entry.to})` : '';
        const probe = entry.probe ? `; ${entry.probe.healthy ? 'healthy' : 'UNHEALTHY'} (${entry.probe.detail})` : '';
        lines.push(`  ${entry.id} (stage ${entry.stage}): ${entry.outcome}${to}: ${entry.detail}${probe}`);
    }
    return lines;
}
/** One short clause for a GitHub deployment status: "rolled back 2 stamp(s) to 1.0.0". */
function rollbackClause(result) {
    const restored = (result.rollback?.stamps ?? []).filter((s) => s.outcome === 'rolled-back' || s.outcome === 'removed');
    const failed = (result.rollback?.stamps ?? []).filter((s) => s.outcome === 'failed').length;
    if (restored.length === 0)
        return failed ? `rollback failed for ${failed} stamp(s)` : 'nothing rolled back';
    const versions = [...new Set(restored.map((s) => s.version).filter(Boolean))];
    return `rolled back ${restored.length} stamp(s)${versions.length ? ` to ${versions.join(', ')}` : ''}${failed ? `, ${failed} failed` : ''}`;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/azure/deployer.ts + 6 modules
var deployer = __webpack_require__(4771);
// EXTERNAL MODULE: ./src/azure/credentials.ts
var credentials = __webpack_require__(84329);
// EXTERNAL MODULE: ./src/azure/tls.ts
var tls = __webpack_require__(97158);
// EXTERNAL MODULE: ./src/cli-deploy.ts + 1 modules
var cli_deploy = __webpack_require__(61210);
// EXTERNAL MODULE: ./src/engine/token-redaction.ts
var token_redaction = __webpack_require__(39871);
// EXTERNAL MODULE: ./src/engine/context.ts
var context = __webpack_require__(86173);
// EXTERNAL MODULE: ./src/engine/journal.ts
var journal = __webpack_require__(95545);
// EXTERNAL MODULE: ./src/engine/retry.ts
var retry = __webpack_require__(73344);
// EXTERNAL MODULE: ./src/engine/rollback.ts
var rollback = __webpack_require__(87092);
;// CONCATENATED MODULE: ./src/engine/abort-rollback.ts




async function rollBackOnAbort(plan, ports, request) {
    const signal = request.signal ?? new AbortController().signal;
    const { clock } = ports;
    const resume = (0,journal/* foldJournal */.n)(await clock.track(ports.journal.load()), plan.rollout.id);
    const startedAt = clock.now();
    const { id, version, mode } = plan.rollout;
    const result = { rolloutId: id, version, mode, status: 'rolled-back', message: '', startedAt, finishedAt: startedAt, durationMs: 0, resumed: resume.resumed, stages: [] };
    const ctx = new context/* RunContext */.Z({ plan, ports, signal, retry: { ...retry/* DEFAULT_RETRY */.vI, ...request.retry }, resume, result });
    for (const stage of plan.stages) {
        for (const stamp of stage.stamps) {
            const earlier = resume.deployed.get(stamp.id);
            if (earlier)
                ctx.attempts.push({ stamp, stage, at: earlier.at });
        }
    }
    // Plan order: the rollback orders them by the journal's times (ties in this order), newest first.
    const stage = await stageInFlight(ctx, request.stage);
    const finish = async (status, message) => {
        result.status = status;
        result.message = message;
        result.finishedAt = clock.now();
        result.durationMs = result.finishedAt - startedAt;
        await ctx.record({ type: 'rollout-finished', status });
        ctx.report({ type: 'rollout-finished', status, durationMs: result.durationMs, message });
        return result;
    };
    if (!stage)
        return finish('failed', `${id} deployed nothing, by the journal and ARM's tags: nothing to roll back`);
    const stageResult = { name: stage.name, index: stage.index, status: 'canceled', stamps: [] };
    for (const s of plan.stages.filter((s) => s.index <= stage.index)) {
        const stamps = s.stamps.map((stamp) => ({ id: stamp.id, component: stamp.component, region: stamp.region, decision: stamp.decision, status: 'skipped' }));
        stamps.forEach((r) => ctx.stamps.set(r.id, r));
        const entry = s === stage ? Object.assign(stageResult, { stamps }) : { name: s.name, index: s.index, status: 'succeeded', stamps };
        result.stages.push(entry);
    }
    const { scope } = plan.rollback;
    const outcome = await (0,rollback/* rollBack */.F)(ctx, { stage, failed: stage.stamps, reason: request.reason });
    for (const s of result.stages)
        if (s.stamps.some((stamp) => ctx.stamps.get(stamp.id)?.rollback?.outcome === 'rolled-back'))
            s.status = 'rolled-back';
    if (scope === 'none')
        return finish('failed', `stage ${stage.name} of ${id} aborted: rollback scope is none, nothing rolled back`);
    if (!outcome.ok)
        return finish('failed', `stage ${stage.name} of ${id} aborted; the rollback (scope ${scope}) did not complete cleanly: see the rollback section`);
    if (outcome.restored === 0)
        return finish('failed', `stage ${stage.name} of ${id} aborted; the rollback (scope ${scope}) had nothing to restore`);
    return finish('rolled-back', `stage ${stage.name} of ${id} aborted: rolled back ${outcome.restored} stamp(s) (scope ${scope})`);
}
/** The named stage, else the furthest one a stamp of which runs this rollout (journal first, then ARM's tags). */
async function stageInFlight(ctx, name) {
    if (name && name !== 'all') {
        const found = ctx.plan.stages.find((s) => s.name === name);
        if (!found)
            throw new Error(`unknown stage '${name}'; the plan has: ${ctx.plan.stages.map((s) => s.name).join(', ')}`);
        return found;
    }
    for (const stage of [...ctx.plan.stages].reverse()) {
        if (ctx.attempts.some((a) => a.stage === stage))
            return stage;
        for (const stamp of stage.stamps) {
            const last = await ctx.ports.deployer.lastSuccessful(stamp, {}, ctx.signal);
            if (last?.rolloutId === ctx.plan.rollout.id)
                return stage;
        }
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/plan/planner.ts + 1 modules
var planner = __webpack_require__(58774);
// EXTERNAL MODULE: ./src/commands/deploy.ts + 7 modules
var deploy = __webpack_require__(16714);
;// CONCATENATED MODULE: ./src/commands/abort-rollback.ts




/**
 * `abort --rollback` (CLI and action): the plan made with ARM's state, as deploy makes it, then the engine's rollback
 * of what the rollout in flight deployed, per the spec's rollback scope.
 */
async function abortRollbackCommand(request) {
    const { spec, plan: offline } = (0,commands_plan/* planCommand */.VV)(request);
    if (request.stage && !offline.stages.some((s) => s.name === request.stage)) {
        throw new commands_plan/* InputError */.dz(`no stage "${request.stage}" in ${offline.rollout.name}; its stages are ${offline.stages.map((s) => s.name).join(', ')}`);
    }
    const deployer = request.deployer(spec);
    const plan = (0,planner/* planRollout */.n)(spec, await (0,deploy/* observe */.l)(offline, deployer, request.clock, request.signal));
    const result = await rollBackOnAbort(plan, { deployer, prober: request.prober, clock: request.clock, journal: request.journal, reporter: request.reporter }, { stage: request.stage, reason: request.reason, signal: request.signal });
    return { plan, result };
}

// EXTERNAL MODULE: ./src/engine/redactor.ts
var redactor = __webpack_require__(61916);
// EXTERNAL MODULE: ./src/probes/index.ts + 7 modules
var probes = __webpack_require__(49048);
// EXTERNAL MODULE: ./src/report/redact-stdio.ts
var redact_stdio = __webpack_require__(47313);
// EXTERNAL MODULE: ./src/time/clock.ts
var time_clock = __webpack_require__(33355);
;// CONCATENATED MODULE: ./src/cli/abort-rollback.ts












/** `abort --rollback` in the terminal: the engine's rollback of what the rollout in flight deployed, printed as it goes. */
async function abortRollbackCli(options) {
    if (options.armCa)
        (0,tls/* trustCertificate */.m)((0,external_node_fs_.readFileSync)(options.armCa, 'utf8'));
    const clock = new time_clock/* SystemClock */.Aw();
    const endpoint = options.armEndpoint;
    const credential = (0,token_redaction/* withTokenRedaction */.F)((0,credentials/* createCredential */.G)({ endpoint }), redact_stdio/* redactor */.$);
    const { result } = await abortRollbackCommand({
        specFile: options.spec,
        mode: options.mode,
        version: options.version,
        env: process.env,
        repoRoot: process.cwd(),
        onSecrets: (secrets) => secrets.forEach((secret) => redact_stdio/* redactor */.$.add(secret)),
        stage: options.stage,
        reason: options.reason,
        clock,
        journal: options.journal,
        reporter: (0,cli_deploy.printer)(clock),
        signal: (0,cli_deploy.cancelOnSignals)(),
        deployer: (spec) => (0,redactor/* watchSecureOutputs */.Hd)(new deployer/* ArmDeployer */.p6({ credential, endpoint, clock, spec, pollMs: endpoint && (0,credentials/* isLoopback */.U)(endpoint) ? { first: 250, max: 1_000 } : undefined, log: (line) => process.stdout.write(`  ARM: ${line}\n`) }), redact_stdio/* redactor */.$),
        prober: (0,probes/* createProber */.X7)({ clock, env: process.env, cwd: process.cwd() }),
    });
    process.stdout.write(`\n${rollbackLines(result).join('\n')}\n`);
    return result;
}

// EXTERNAL MODULE: ./src/cli/options.ts
var cli_options = __webpack_require__(60776);
;// CONCATENATED MODULE: ./src/cli/intervene.ts










/**
 * `abort` and `promote`: the operator's word, with who and why, on the stage's GitHub deployment record (what the next
 * stage job reads) and in the local journal (what a re-run of `deploy` here resumes from).
 */
async function interveneCli(action, options) {
    if (!options.reason?.trim())
        throw new commands_plan/* InputError */.dz(`say why with --reason "..."; it is kept with the ${action}`);
    const by = options.by ?? operator();
    const version = (0,cli_options/* versionOf */.E4)(options);
    const { plan } = (0,commands_plan/* planCommand */.VV)({ specFile: options.spec, mode: options.mode, version, env: process.env, repoRoot: process.cwd() });
    const stageName = options.stage === 'all' ? undefined : options.stage;
    if (action === 'promote' && !stageName)
        throw new commands_plan/* InputError */.dz('say which stage to promote past its bake: --stage NAME');
    const token = process.env.GH_TOKEN ?? process.env.GITHUB_TOKEN;
    const [owner, repo] = (options.repo ?? process.env.GITHUB_REPOSITORY ?? '').split('/');
    let stage = stageName;
    let recorded;
    if (token) {
        if (!owner || !repo)
            throw new commands_plan/* InputError */.dz('give --repo OWNER/NAME (or set GITHUB_REPOSITORY) for the deployment records');
        const outcome = await recordIntervention({ client: (0,client/* createGitHubClient */.LX)(token, { apiUrl: options.apiUrl }), owner, repo, plan, stage: stageName, action, by, reason: options.reason });
        stage = outcome.stage;
        recorded = { client: (0,client/* createGitHubClient */.LX)(token, { apiUrl: options.apiUrl }), owner, repo, deploymentId: outcome.deploymentId };
        process.stdout.write(`${plan.rollout.id} stage ${stage}: "${outcome.description}" recorded on GitHub deployment ${outcome.deploymentId}\n`);
        if (action === 'abort') {
            process.stdout.write(outcome.was === 'in_progress'
                ? `The job of stage ${stage} is still running: cancel its workflow run to stop it now (the next stage job refuses either way).\n`
                : options.rollback
                    ? `The next stage job refuses to start; rolling back what ${plan.rollout.id} deployed (rollback scope ${plan.rollback.scope}).\n`
                    : `The next stage job refuses to start; nothing was rolled back (abort --rollback rolls back per the spec's scope).\n`);
        }
        else {
            process.stdout.write(`The next stage job starts without waiting for the rest of ${stage}'s bake.\n`);
        }
    }
    else if (!stage && !(action === 'abort' && options.rollback)) {
        throw new commands_plan/* InputError */.dz(`without GH_TOKEN there are no deployment records to find the stage in: give --stage NAME (the journal ${options.journal} keeps the ${action})`);
    }
    else if (stage && !plan.stages.some((s) => s.name === stage)) {
        throw new commands_plan/* InputError */.dz(`no stage "${stage}" in ${plan.rollout.name}; its stages are ${plan.stages.map((s) => s.name).join(', ')}`);
    }
    const journal = new file_journal/* FileJournal */.G(options.journal);
    if (action === 'abort' && options.rollback) {
        const lease = await journal_lease/* JournalLease */.M.acquire(options.journal, { run: `abort --rollback --spec ${options.spec} --version ${version}`, breakable: false });
        try {
            const result = await abortRollbackCli({ ...options, version, stage, reason: `aborted by ${by}: ${options.reason}`, journal });
            // The stage in flight the engine found (the last of the result's stages) when none was named or recorded.
            const aborted = stage ?? result.stages.at(-1)?.name;
            if (aborted) {
                await journal.record({ type: 'operator', rolloutId: plan.rollout.id, at: Date.now(), action, stage: aborted, by, reason: options.reason });
                process.stdout.write(`recorded in ${options.journal}: ${action} of stage ${aborted} by ${by}: ${options.reason}\n`);
            }
            if (recorded) {
                const description = await recordAbortRollback({ ...recorded, by, reason: options.reason, clause: rollbackClause(result) });
                process.stdout.write(`"${description}" recorded on GitHub deployment ${recorded.deploymentId}\n`);
            }
            return result.status === 'rolled-back' ? 0 : 1;
        }
        finally {
            await lease.release();
        }
    }
    await journal.record({ type: 'operator', rolloutId: plan.rollout.id, at: Date.now(), action, stage: stage, by, reason: options.reason });
    process.stdout.write(`recorded in ${options.journal}: ${action} of stage ${stage} by ${by}: ${options.reason}\n`);
    return 0;
}
/** Who acts: the workflow's actor, else git's user name, else the login. */
function operator() {
    if (process.env.GITHUB_ACTOR)
        return process.env.GITHUB_ACTOR;
    try {
        const name = (0,external_node_child_process_.execFileSync)('git', ['config', 'user.name'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
        if (name)
            return name;
    }
    catch {
        // no git, or no user.name: fall through
    }
    return (0,external_node_os_.userInfo)().username;
}


/***/ }),

/***/ 69995:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ explainGitHubError)
/* harmony export */ });
/* unused harmony export GitHubAccessError */
/* harmony import */ var _commands_plan_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(21522);

const isHttpError = (e) => typeof e === 'object' && e !== null && typeof e.status === 'number';
/** A GitHub API call the token may not make: a configuration mistake with one fix, so no stack trace. */
class GitHubAccessError extends _commands_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz {
    status;
    constructor(message, status) {
        super(message);
        this.name = 'GitHubAccessError';
        this.status = status;
    }
}
/**
 * Turns an API failure into a message that names the fix. `doing` says what we tried ("create a deployment for
 * prod-canary"); `permission` is what the token lacks (`deployments: write`); `fix` says how to get it.
 */
function explainGitHubError(error, doing, permission, fix = `Add \`permissions: { ${permission} }\` to the job, or pass a token that has it.`) {
    if (!isHttpError(error))
        return error;
    const said = githubMessage(error);
    if (error.status === 403 && !/rate limit/i.test(said)) {
        // GitHub names the permission it wanted in this header for App tokens (GITHUB_TOKEN) and fine-grained PATs.
        const accepted = error.response?.headers?.['x-accepted-github-permissions'];
        return new GitHubAccessError(`the GitHub token may not ${doing} (403 ${said}): it needs ${permission}${accepted ? ` (GitHub asks for ${accepted})` : ''}. ${fix}`, 403);
    }
    if (error.status === 401)
        return new GitHubAccessError(`the GitHub token was refused while trying to ${doing} (401 ${said}): check the token input`, 401);
    if (error.status === 404) {
        return new GitHubAccessError(`GitHub answered 404 while trying to ${doing}: the repository does not exist or the token cannot see it (${said})`, 404);
    }
    return new Error(`GitHub API error while trying to ${doing}: ${error.status} ${said}`, { cause: error });
}
function githubMessage(error) {
    const data = error.response?.data;
    const details = (data?.errors ?? []).map((e) => e?.message).filter(Boolean);
    const base = typeof data?.message === 'string' ? data.message : error.message;
    return details.length > 0 ? `${base}: ${details.join('; ')}` : base;
}


/***/ }),

/***/ 96584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LX: () => (/* binding */ createGitHubClient)
/* harmony export */ });
/* unused harmony exports targetFromEnv, runUrl */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(92413);
/* harmony import */ var _commands_plan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(21522);


/**
 * A client for the repository the job runs in, from the runner's variables. A token is required: deployments and
 * environments are never readable anonymously on a private repository, and a rate limit of 60/h would not last a day.
 */
function createGitHubClient(token, target) {
    if (!token)
        throw new _commands_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('no GitHub token: give token: ${{ github.token }} (the default) or a token with deployments: write');
    return (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, { baseUrl: target.apiUrl.replace(/\/+$/, '') });
}
function targetFromEnv(env = process.env) {
    const full = env.GITHUB_REPOSITORY ?? '';
    const [owner, repo] = full.split('/');
    if (!owner || !repo)
        throw new InputError(`GITHUB_REPOSITORY is "${full}"; it must be owner/name (the runner sets it)`);
    return { owner, repo, apiUrl: env.GITHUB_API_URL || 'https://api.github.com' };
}
/** The run's page, where a person reads what this job did: the log_url of every deployment status. */
function runUrl(env = process.env) {
    const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
    return repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
}


/***/ }),

/***/ 53584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  f1: () => (/* binding */ GitHubDeploymentRecords),
  lk: () => (/* binding */ recordEnvironment),
  ml: () => (/* binding */ shorten)
});

// UNUSED EXPORTS: DEPLOYMENT_TASK, MAX_DESCRIPTION, deploymentRecordsFromEnv, outcomeDescription, productionLike

// EXTERNAL MODULE: ./src/github/api-errors.ts
var api_errors = __webpack_require__(69995);
// EXTERNAL MODULE: ./src/github/client.ts
var client = __webpack_require__(96584);
// EXTERNAL MODULE: ./src/time/duration.ts
var duration = __webpack_require__(12061);
;// CONCATENATED MODULE: ./src/github/traffic-payload.ts

function checkText(check) {
    const window = formatDuration(check.windowMs);
    if (check.metric === 'noTraffic')
        return `noTraffic: no request for ${window}`;
    return `errorRatio: 5xx under ${+(check.maxErrorRatio * 100).toFixed(2)}% over ${window}, at least ${check.minRequests} request(s)`;
}
/** The in-progress description: what the job is doing. */
function trafficDoing(payload) {
    if (payload.kind === 'teardown')
        return `Tearing down the unit before ${payload.unit}`;
    return `Moving ${payload.weights.newUnit}% of users to ${payload.unit} (judged for ${(0,duration/* formatDuration */.a3)(payload.bakeMs)})`;
}

;// CONCATENATED MODULE: ./src/github/deployments.ts



/**
 * Stage runs as GitHub deployments: the record a person sees on the repository's Environments page, and the one the
 * next stage's job reads to know the previous stage finished well and when. It lives on GitHub, so it survives jobs,
 * re-runs and days; nothing is kept on a runner.
 */
/** Our deployments carry this task, so they are told apart from the ones GitHub creates for a job's `environment:`. */
const DEPLOYMENT_TASK = 'deploy:staged-rollout';
/**
 * A deployment needs an environment (GitHub's default would be `production`, a wrong claim). A stage without one is
 * recorded under `<rollout>-<stage>`, which GitHub creates on first use, unprotected.
 */
function recordEnvironment(stage, rolloutName) {
    return stage.environment ?? `${rolloutName}-${stage.name}`;
}
/**
 * production_environment: GitHub's default is true only for an environment named exactly `production`, so `prod` or
 * `prod-eu` would show as non-production. We extend the default to the usual spellings (prod, production, as a whole
 * word: `prod-eu`, `eu-prod`, not `preprod` or `product`). The flag is display and auto-inactivation only; a wrong
 * guess costs a label, never a gate.
 */
function productionLike(environment) {
    return /(^|[^a-z0-9])prod(uction)?([^a-z0-9]|$)/i.test(environment);
}
const MAX_DESCRIPTION = 140;
function shorten(text, max = MAX_DESCRIPTION) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
function outcomeDescription(stage, outcome) {
    if (outcome.state === 'success')
        return shorten(`Stage ${stage} deployed and healthy${outcome.message ? `: ${outcome.message}` : ''}`);
    const what = outcome.rolledBack ? 'failed and was rolled back' : 'failed';
    return shorten(`Stage ${stage} ${what}${outcome.message ? `: ${outcome.message}` : ''}`);
}
class GitHubDeploymentRecords {
    options;
    constructor(options) {
        this.options = options;
    }
    async start(run) {
        const { client, owner, repo } = this.options;
        const payload = {
            tool: 'staged-rollout',
            rolloutId: run.rolloutId,
            version: run.version,
            specHash: run.specHash,
            stage: run.stage,
            mode: run.mode,
            stamps: run.stamps,
            ...(run.traffic ? { traffic: run.traffic } : {}),
        };
        const doing = `create a deployment for environment ${run.environment}`;
        let id;
        try {
            const { data } = await client.rest.repos.createDeployment({
                owner,
                repo,
                ref: run.sha,
                task: DEPLOYMENT_TASK,
                environment: run.environment,
                payload: payload,
                description: shorten(`${run.rolloutId} stage ${run.stage} (${run.mode})`),
                // The commit is rolled out as it is: no merging of the default branch into it, no waiting for commit checks
                // (the workflow already ran them), and an environment that outlives the run.
                required_contexts: [],
                auto_merge: false,
                transient_environment: false,
                production_environment: productionLike(run.environment),
            });
            id = data.id;
        }
        catch (error) {
            throw (0,api_errors/* explainGitHubError */.P)(error, doing, 'deployments: write');
        }
        const doingNow = run.traffic ? trafficDoing(run.traffic) : `Deploying ${run.stamps.length} stamp(s)`;
        await this.status(id, { state: 'in_progress', description: shorten(`${doingNow} of ${run.rolloutId} in stage ${run.stage}`) });
        return {
            id,
            finish: (outcome) => this.status(id, { state: outcome.state, description: outcome.description ? shorten(outcome.description) : outcomeDescription(run.stage, outcome), environment_url: outcome.environmentUrl }),
        };
    }
    async status(id, status) {
        const { client, owner, repo, logUrl } = this.options;
        try {
            await client.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: id, ...status, ...(logUrl ? { log_url: logUrl } : {}) });
        }
        catch (error) {
            throw (0,api_errors/* explainGitHubError */.P)(error, `set the status of deployment ${id} to ${status.state}`, 'deployments: write');
        }
    }
    async latest(key) {
        const { client, owner, repo } = this.options;
        const maxPages = this.options.maxPages ?? 10;
        try {
            let pages = 0;
            // Newest first: the first match is the latest attempt of this stage (a failed re-run outranks an older success).
            for await (const page of client.paginate.iterator(client.rest.repos.listDeployments, { owner, repo, environment: key.environment, task: DEPLOYMENT_TASK, per_page: 100 })) {
                for (const d of page.data) {
                    const payload = d.payload;
                    if (payload?.rolloutId === key.rolloutId && payload.version === key.version && payload.specHash === key.specHash && payload.stage === key.stage) {
                        return await this.record(d.id, d.environment, d.sha, Date.parse(d.created_at), payload);
                    }
                }
                if (++pages >= maxPages)
                    break;
            }
            return undefined;
        }
        catch (error) {
            throw (0,api_errors/* explainGitHubError */.P)(error, `read the deployments of environment ${key.environment}`, 'deployments: read');
        }
    }
    async record(id, environment, sha, createdAt, payload) {
        const { client, owner, repo } = this.options;
        const { data } = await client.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: id, per_page: 100 });
        // `inactive` only says a newer deployment of the environment succeeded since: not a verdict on this one.
        const decisive = data.find((s) => s.state !== 'inactive');
        const githubState = decisive?.state ?? 'none';
        const state = githubState === 'success' ? 'success' : githubState === 'failure' || githubState === 'error' ? 'failure' : 'in_progress';
        return {
            deploymentId: id,
            environment,
            sha,
            state,
            githubState,
            description: decisive?.description ?? '',
            createdAt,
            finishedAt: state === 'in_progress' || !decisive ? undefined : Date.parse(decisive.created_at),
            payload,
        };
    }
}
/** The records of the repository this job runs in, from the runner's variables (GITHUB_API_URL, _REPOSITORY, _RUN_ID). */
function deploymentRecordsFromEnv(token, env = process.env) {
    const target = targetFromEnv(env);
    return new GitHubDeploymentRecords({ client: createGitHubClient(token, target), owner: target.owner, repo: target.repo, logUrl: runUrl(env) });
}


/***/ })

};
