export const id = 514;
export const ids = [514];
export const modules = {

/***/ 80514:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  statusCli: () => (/* binding */ statusCli)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/azure/deployer.ts + 6 modules
var deployer = __webpack_require__(4771);
// EXTERNAL MODULE: ./src/azure/credentials.ts
var credentials = __webpack_require__(84329);
// EXTERNAL MODULE: ./src/azure/tls.ts
var tls = __webpack_require__(97158);
// EXTERNAL MODULE: ./src/commands/plan.ts + 1 modules
var commands_plan = __webpack_require__(21522);
// EXTERNAL MODULE: ./src/github/deployments.ts + 1 modules
var deployments = __webpack_require__(53584);
// EXTERNAL MODULE: ./src/plan/job-sequence.ts
var job_sequence = __webpack_require__(32220);
// EXTERNAL MODULE: ./src/commands/deploy.ts + 7 modules
var deploy = __webpack_require__(16714);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
;// CONCATENATED MODULE: ./src/commands/status.ts





/**
 * `status`: which version each stamp runs (ARM's deployment tags) and where the rollout of a version stands: each
 * stage's state (GitHub's deployment record when a token is given, else what the tags show), bake left, next gate.
 */
async function statusCommand(request) {
    const probe = (0,commands_plan/* planCommand */.VV)({ ...request, version: request.version ?? 'status' });
    const deployer = request.deployer(probe.spec);
    const observed = await (0,deploy/* observe */.l)(probe.plan, deployer, request.clock, request.signal);
    const version = request.version ?? newestVersion(probe.plan, observed) ?? 'status';
    const { plan } = version === 'status' ? probe : (0,commands_plan/* planCommand */.VV)({ ...request, version });
    const now = request.clock.now();
    const stages = [];
    for (const stage of plan.stages) {
        const stamps = stage.stamps.map((s) => ({ stamp: s.id, region: s.region, ...observed[s.id] }));
        const running = stamps.filter((s) => s.version === version).length;
        const record = request.records
            ? await request.records.latest({ rolloutId: plan.rollout.id, version, specHash: plan.rollout.specHash, stage: stage.name, environment: (0,deployments/* recordEnvironment */.lk)(stage, plan.rollout.name) })
            : undefined;
        const state = record ? recordState(record) : running === 0 ? 'not-started' : running === stamps.length ? 'deployed' : 'partial';
        const baked = record?.finishedAt !== undefined ? now - record.finishedAt : undefined;
        stages.push({
            name: stage.name,
            environment: stage.environment,
            bakeMs: stage.bakeMs,
            state,
            finishedAt: record?.finishedAt,
            description: record?.description,
            bakeRemainingMs: state === 'succeeded' && baked !== undefined && baked < stage.bakeMs ? stage.bakeMs - baked : undefined,
            stamps: stamps.map(({ stamp, region, version: v, deploymentName, rolloutId }) => ({ stamp, region, version: v, deploymentName, rolloutId })),
        });
    }
    // Release units: the traffic steps and the teardown are jobs with GitHub records of their own; ARM's tags know none.
    for (const job of request.records ? (0,job_sequence/* rolloutJobs */.Q6)(plan).filter((j) => j.kind !== 'stage') : []) {
        const record = await request.records.latest({ rolloutId: plan.rollout.id, version, specHash: plan.rollout.specHash, stage: job.name, environment: (0,deployments/* recordEnvironment */.lk)(job, plan.rollout.name) });
        stages.push({ name: job.name, environment: job.environment, bakeMs: job.bakeMs, state: record ? recordState(record) : 'not-started', finishedAt: record?.finishedAt, description: record?.description, stamps: [] });
    }
    return { rollout: plan.rollout.name, version, at: now, stages, next: nextGate(stages, !!request.records), records: !!request.records };
}
function recordState(record) {
    return record.state === 'success' ? 'succeeded' : record.state === 'failure' ? 'failed' : 'in-progress';
}
/**
 * The rollout people ask about: a version on the first stage's stamps (a rollout reaches it first), and of those the
 * one on the fewest stamps overall (an older version lingers on later stages and on components skipped as unchanged).
 */
function newestVersion(plan, observed) {
    const first = new Set(plan.stages[0].stamps.map((s) => observed[s.id]?.version).filter((v) => !!v));
    const counts = new Map([...first].map((v) => [v, 0]));
    for (const stamp of plan.stages.flatMap((s) => s.stamps)) {
        const v = observed[stamp.id]?.version;
        if (v && counts.has(v))
            counts.set(v, counts.get(v) + 1);
    }
    return [...counts].sort((a, b) => a[1] - b[1])[0]?.[0];
}
function nextGate(stages, records) {
    const done = (s) => s.state === 'succeeded' || (!records && s.state === 'deployed');
    const failed = stages.find((s) => s.state === 'failed');
    if (failed)
        return `stopped: stage ${failed.name} failed${failed.description ? ` (${failed.description})` : ''}`;
    const running = stages.find((s) => s.state === 'in-progress' || s.state === 'partial');
    if (running)
        return `stage ${running.name} is ${running.state === 'partial' ? 'partly deployed' : 'in progress'}`;
    const index = stages.findIndex((s) => !done(s));
    if (index === -1)
        return undefined;
    const stage = stages[index];
    const previous = stages[index - 1];
    const gate = stage.environment ? `environment ${stage.environment}` : 'no environment gate';
    if (previous?.bakeRemainingMs)
        return `stage ${stage.name} (${gate}), after ${previous.name}'s bake: ${(0,format/* readableDuration */.P1)(previous.bakeRemainingMs)} left`;
    return `stage ${stage.name} (${gate})`;
}

// EXTERNAL MODULE: ./src/github/client.ts
var client = __webpack_require__(96584);
;// CONCATENATED MODULE: ./src/report/status-text.ts

/** `status` in a terminal: one table of stamps with the version each runs, the state of each stage, what comes next. */
function statusText(status, columns) {
    const lines = [`Rollout ${status.rollout}@${status.version}${status.records ? '' : " (ARM's deployment tags only; give a GitHub token for the stage records)"}`, ''];
    const rows = status.stages.flatMap((stage) => stage.stamps.map((s, i) => [
        i === 0 ? stage.name : '',
        i === 0 ? `${stage.state}${stage.bakeRemainingMs ? `, baking ${(0,format/* readableDuration */.P1)(stage.bakeRemainingMs)} left` : ''}` : '',
        s.stamp,
        s.version ?? '(never deployed)',
        s.deploymentName ?? '-',
    ]));
    lines.push(...(0,format/* fitTable */.SM)(['stage', 'state', 'stamp', 'version', 'deployment'], rows, columns));
    const described = status.stages.filter((s) => s.description);
    if (described.length)
        lines.push('', ...described.map((s) => `${s.name}: ${s.description}`));
    lines.push('', status.next ? `Next: ${status.next}` : 'Every stage of this rollout succeeded.');
    return lines.join('\n');
}

// EXTERNAL MODULE: ./src/time/clock.ts
var time_clock = __webpack_require__(33355);
;// CONCATENATED MODULE: ./src/cli-status.ts










/** `status` in the terminal: which version each stamp runs (ARM's tags) and, with a token, GitHub's records. */
async function statusCli(options) {
    if (options.armCa)
        (0,tls/* trustCertificate */.m)((0,external_node_fs_.readFileSync)(options.armCa, 'utf8'));
    const clock = new time_clock/* SystemClock */.Aw();
    const endpoint = options.armEndpoint;
    const credential = (0,credentials/* createCredential */.G)({ endpoint });
    const token = process.env.GH_TOKEN ?? process.env.GITHUB_TOKEN;
    const [owner, repo] = (options.repo ?? process.env.GITHUB_REPOSITORY ?? '').split('/');
    if (options.repo && (!owner || !repo))
        throw new commands_plan/* InputError */.dz(`--repo takes OWNER/NAME, got "${options.repo}"`);
    const records = token && owner && repo ? new deployments/* GitHubDeploymentRecords */.f1({ client: (0,client/* createGitHubClient */.LX)(token, { apiUrl: options.apiUrl }), owner, repo }) : undefined;
    const status = await statusCommand({
        specFile: options.spec,
        mode: options.mode,
        version: options.version,
        env: process.env,
        repoRoot: process.cwd(),
        clock,
        signal: new AbortController().signal,
        deployer: (spec) => new deployer/* ArmDeployer */.p6({ credential, endpoint, clock, spec, pollMs: endpoint && (0,credentials/* isLoopback */.U)(endpoint) ? { first: 250, max: 1_000 } : undefined }),
        records,
    });
    process.stdout.write(options.json ? `${JSON.stringify(status, null, 2)}\n` : `${statusText(status, process.stdout.columns)}\n`);
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
