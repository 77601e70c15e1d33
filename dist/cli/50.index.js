export const id = 50;
export const ids = [50];
export const modules = {

/***/ 91050:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  environmentsCli: () => (/* binding */ environmentsCli),
  workflowCli: () => (/* binding */ workflowCli)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/commands/plan.ts + 1 modules
var plan = __webpack_require__(21522);
// EXTERNAL MODULE: ./src/github/api-errors.ts
var api_errors = __webpack_require__(69995);
;// CONCATENATED MODULE: ./src/github/environments.ts

/** GitHub's bounds for a wait timer, in minutes: 0 to 30 days. */
const MAX_WAIT_TIMER_MINUTES = 43_200;
/** Pure: the environments a spec's stages want. Takes a LoadedSpec's or a Plan's stages (mode-resolved). */
function desiredEnvironments(stages, options = {}) {
    const notes = [];
    const byName = new Map();
    stages.forEach((stage, i) => {
        const previous = stages[i - 1];
        if (!stage.environment) {
            if (previous && previous.bakeMs > 0)
                notes.push(`stage ${stage.name} has no environment, so the bake after ${previous.name} cannot be a wait timer: the job waits it out itself`);
            return;
        }
        // Rounded up: a timer may wait a little longer than the bake, never shorter.
        let minutes = previous ? Math.ceil(previous.bakeMs / 60_000) : 0;
        const own = [];
        if (minutes > MAX_WAIT_TIMER_MINUTES) {
            own.push(`the bake after ${previous.name} is ${minutes} minutes; GitHub's wait timer stops at ${MAX_WAIT_TIMER_MINUTES} (30 days), so it is clamped and the job checks the rest`);
            minutes = MAX_WAIT_TIMER_MINUTES;
        }
        const name = stage.environment;
        const existing = byName.get(name.toLowerCase());
        if (existing) {
            // One timer serves every stage of the environment: the longest, so no stage bakes short.
            existing.notes.push(`used by stages ${[...existing.stages, stage.name].join(', ')}: one wait timer serves them all, the longest (${Math.max(existing.waitTimer, minutes)} min)`);
            existing.stages.push(stage.name);
            existing.waitTimer = Math.max(existing.waitTimer, minutes);
            existing.notes.push(...own);
            return;
        }
        const reviewers = options.reviewersByEnvironment?.[name] ?? options.reviewers;
        if (reviewers && reviewers.length > 6)
            throw new Error(`environment ${name}: GitHub allows at most 6 required reviewers, ${reviewers.length} given`);
        const policy = options.branchPolicy ?? 'protected';
        byName.set(name.toLowerCase(), {
            name,
            stages: [stage.name],
            waitTimer: minutes,
            reviewers,
            branchPolicy: policy === 'keep' ? undefined : policy === 'protected' ? { protected_branches: true, custom_branch_policies: false } : null,
            notes: own,
        });
    });
    if ((options.branchPolicy ?? 'protected') === 'protected' && byName.size > 0) {
        notes.push('only protected branches may deploy to these environments: the branch the rollout runs from needs a branch protection rule (or ruleset)');
    }
    return { environments: [...byName.values()], notes };
}
const showReviewers = (r) => (r.length === 0 ? 'none' : r.map((x) => `${x.type} ${x.id}`).join(', '));
const showPolicy = (p) => (p === null ? 'any branch' : p.protected_branches ? 'protected branches' : 'custom branch policies');
const sameReviewers = (a, b) => a.length === b.length && a.every((x) => b.some((y) => y.type === x.type && y.id === x.id));
function diff(current, want) {
    const changes = [];
    if (current.waitTimer !== want.waitTimer)
        changes.push({ field: 'wait_timer', from: `${current.waitTimer} min`, to: `${want.waitTimer} min` });
    if (want.reviewers && !sameReviewers(current.reviewers, want.reviewers)) {
        changes.push({ field: 'reviewers', from: showReviewers(current.reviewers), to: showReviewers(want.reviewers) });
    }
    if (want.branchPolicy !== undefined && showPolicy(current.branchPolicy) !== showPolicy(want.branchPolicy)) {
        changes.push({ field: 'deployment_branch_policy', from: showPolicy(current.branchPolicy), to: showPolicy(want.branchPolicy) });
    }
    return changes;
}
/** Reads each environment, reports what differs and, unless a dry run, writes only the fields that differ. */
async function syncEnvironments(desired, options) {
    const report = { dryRun: options.dryRun, environments: [], notes: desired.notes };
    for (const want of desired.environments) {
        const current = await read(options, want.name);
        const changes = diff(current ?? { waitTimer: 0, reviewers: [], branchPolicy: null }, want);
        const action = current === undefined ? 'create' : changes.length > 0 ? 'update' : 'unchanged';
        report.environments.push({ name: want.name, stages: want.stages, action, changes, notes: want.notes });
        if (options.dryRun || action === 'unchanged')
            continue;
        // Fields left out of the PUT keep their values: only what we manage and what differs is sent.
        const body = {};
        for (const c of changes) {
            if (c.field === 'wait_timer')
                body.wait_timer = want.waitTimer;
            if (c.field === 'reviewers')
                body.reviewers = want.reviewers;
            if (c.field === 'deployment_branch_policy')
                body.deployment_branch_policy = want.branchPolicy;
        }
        try {
            await options.client.request('PUT /repos/{owner}/{repo}/environments/{environment_name}', { owner: options.owner, repo: options.repo, environment_name: want.name, ...body });
        }
        catch (error) {
            throw explainEnvironmentError(error, want.name);
        }
    }
    return report;
}
async function read(options, name) {
    try {
        const { data } = await options.client.rest.repos.getEnvironment({ owner: options.owner, repo: options.repo, environment_name: name });
        const rules = (data.protection_rules ?? []);
        return {
            waitTimer: rules.find((r) => r.type === 'wait_timer')?.wait_timer ?? 0,
            reviewers: (rules.find((r) => r.type === 'required_reviewers')?.reviewers ?? []).map((r) => ({ type: r.type, id: r.reviewer?.id ?? 0 })),
            branchPolicy: data.deployment_branch_policy ?? null,
        };
    }
    catch (error) {
        if (error.status === 404)
            return undefined;
        throw (0,api_errors/* explainGitHubError */.P)(error, `read environment ${name}`, 'actions: read', ADMIN_FIX);
    }
}
const ADMIN_FIX = 'Changing environments needs an admin token, which GITHUB_TOKEN can never be: pass a fine-grained PAT or a GitHub App token with Administration: write (and Actions: read).';
function explainEnvironmentError(error, name) {
    const e = error;
    if (e.status === 422 && /protection rule/i.test(e.response?.data?.message ?? '')) {
        return new Error(`GitHub refused the protection rules of environment ${name} (422 ${e.response?.data?.message}): required reviewers and wait timers need a public repository or a GitHub Enterprise plan`);
    }
    return (0,api_errors/* explainGitHubError */.P)(error, `create or update environment ${name}`, 'administration: write', ADMIN_FIX);
}
/** The report as a person reads it in a terminal or a job summary. */
function environmentsText(report) {
    const lines = [report.dryRun ? 'Environments (dry run: nothing changed):' : 'Environments:'];
    for (const e of report.environments) {
        const verb = e.action === 'unchanged' ? 'unchanged' : report.dryRun ? `would ${e.action}` : e.action === 'create' ? 'created' : 'updated';
        lines.push(`  ${e.name} (stage ${e.stages.join(', ')}): ${verb}`);
        for (const c of e.changes)
            lines.push(`    ${c.field}: ${c.from} -> ${c.to}`);
        for (const n of e.notes)
            lines.push(`    note: ${n}`);
    }
    for (const n of report.notes)
        lines.push(`  note: ${n}`);
    return lines.join('\n');
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./src/time/duration.ts
var duration = __webpack_require__(12061);
;// CONCATENATED MODULE: ./src/github/workflow/generate.ts


const DEFAULT_USES = 'OWNER/staged-rollout@v1';
const STANDARD = 'standard';
/** Job id of a stage: its name (stage names are valid job ids by the spec schema), unless it would be `plan`. */
const stageJobId = (stage) => (stage === 'plan' ? 'stage-plan' : stage);
const concurrencyGroup = (input) => `staged-rollout-${input.name}`;
/** `${{ ... }}` without writing it in a template literal each time. */
const expr = (e) => `\${{ ${e} }}`;
/**
 * The workflow of a gated rollout: a `plan` job, then one job per stage, each waiting on the previous one and on its
 * GitHub environment (reviewers, wait timer). Pure and deterministic: the same input gives the same bytes, so a
 * committed copy can be compared with a fresh one (workflowDrift).
 */
function generateWorkflow(input, options = {}) {
    const uses = options.uses ?? DEFAULT_USES;
    const runsOn = options.runsOn ?? 'ubuntu-latest';
    const checkout = { uses: options.checkout ?? 'actions/checkout@v5' };
    const fixedMode = options.mode;
    const mode = fixedMode ?? expr(`inputs.mode || '${STANDARD}'`);
    const env = jobEnv(input);
    const dispatchInputs = {};
    if (!fixedMode) {
        dispatchInputs.mode = { description: 'standard, or a mode of the spec (its overlay shortens bakes and health windows)', type: 'choice', options: [STANDARD, ...input.modes.filter((m) => m !== STANDARD)], default: STANDARD };
    }
    dispatchInputs.version = { description: 'The version to roll out (default: the short commit sha)', type: 'string', required: false };
    const on = {};
    if ((options.trigger ?? 'push') === 'push')
        on.push = { branches: [options.defaultBranch ?? 'main'] };
    on.workflow_dispatch = { inputs: dispatchInputs };
    const jobs = {
        plan: {
            name: 'Plan',
            'runs-on': runsOn,
            ...(env ? { env } : {}),
            outputs: { plan: expr('steps.plan.outputs.plan'), stages: expr('steps.plan.outputs.stages') },
            steps: [checkout, { id: 'plan', uses, with: { command: 'plan', spec: input.specFile, mode, version: expr('inputs.version') } }],
        },
    };
    input.stages.forEach((stage, i) => {
        const previous = input.stages[i - 1];
        jobs[stageJobId(stage.name)] = {
            name: stage.label ?? `Stage ${i + 1}: ${stage.name} (${stage.regions.join(', ')})`,
            needs: previous ? ['plan', stageJobId(previous.name)] : ['plan'],
            // A skipped stage (a future overlay that skips one, or a condition a user adds) must not skip the rest;
            // a failed or cancelled one must stop them.
            ...(previous ? { if: expr('!failure() && !cancelled()') } : {}),
            'runs-on': runsOn,
            ...(stage.environment ? { environment: stage.environment } : {}),
            // Only the stage jobs touch Azure and GitHub deployments: OIDC for Azure, deployments for the record.
            permissions: { contents: 'read', deployments: 'write', 'id-token': 'write' },
            ...(env ? { env } : {}),
            steps: [
                checkout,
                {
                    name: `Deploy stage ${stage.name}`,
                    uses,
                    with: {
                        command: 'deploy',
                        spec: input.specFile,
                        stage: stage.name,
                        plan: expr('needs.plan.outputs.plan'),
                        mode,
                        version: expr('inputs.version'),
                        'client-id': expr('vars.AZURE_CLIENT_ID'),
                        'tenant-id': expr('vars.AZURE_TENANT_ID'),
                    },
                },
            ],
        };
    });
    const workflow = {
        name: `staged-rollout: ${input.name}${fixedMode ? ` (${fixedMode})` : ''}`,
        'run-name': `${input.name} ${fixedMode ?? expr(`inputs.mode || '${STANDARD}'`)} ${expr('inputs.version || github.sha')}`,
        on,
        // Two runs must never deploy at once, and a running rollout must never be cancelled halfway by a newer push:
        // the newer run waits (GitHub keeps one pending run per group; a third replaces the pending one).
        concurrency: { group: concurrencyGroup(input), 'cancel-in-progress': false },
        // Least privilege: the plan job reads the repository; stage jobs widen their own permissions.
        permissions: { contents: 'read' },
        jobs,
    };
    // No anchors: a reader of a workflow expects every job spelled out.
    const doc = new dist/* Document */.yo(workflow, { aliasDuplicateObjects: false });
    doc.commentBefore = header(input, options);
    comment(doc, ['jobs', 'plan'], ' Validates the spec and templates once; every stage job deploys exactly this plan.');
    input.stages.forEach((stage, i) => comment(doc, ['jobs', stageJobId(stage.name)], stageComment(input, i)));
    return doc.toString({ lineWidth: 0 });
}
function jobEnv(input) {
    const entries = [
        ...input.env.vars.map((n) => [n, expr(`vars.${n}`)]),
        ...input.env.secrets.map((n) => [n, expr(`secrets.${n}`)]),
    ].sort(([a], [b]) => a.localeCompare(b));
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
function header(input, options) {
    const lines = [
        ` Generated by staged-rollout from ${input.specFile}${options.mode ? ` (mode ${options.mode})` : ''}; regenerate it when stages or`,
        ' environments change (`plan` warns when this file no longer matches the spec).',
        ' One job per stage, gated by its GitHub environment: reviewers and the wait timer (the previous stage\'s bake; see',
        ' `staged-rollout environments`) hold the job before it gets a runner.',
        ' Azure sign-in is OIDC: set the variables AZURE_CLIENT_ID and AZURE_TENANT_ID, and give the identity one federated',
        ' credential per environment, subject repo:OWNER/REPO:environment:NAME.',
    ];
    if (options.mode) {
        // Environments hold one wait timer for every run: a faster mode cannot shorten it, only an admin bypass can.
        lines.push(` Mode ${options.mode}: the bakes below are this mode's, but each environment's wait timer (the standard bake) still`, ' holds every job; repository admins can bypass it where the environment allows admins to bypass its rules.');
    }
    return lines.join('\n');
}
function stageComment(input, i) {
    const stage = input.stages[i];
    const previous = input.stages[i - 1];
    const gate = stage.environment ? `Waits for environment ${stage.environment}` : 'No environment: nothing gates it';
    const bake = previous && previous.bakeMs > 0 ? ` (bake after ${previous.name}: ${(0,duration/* formatDuration */.a3)(previous.bakeMs)})` : '';
    return ` Stage ${i + 1}/${input.stages.length}: ${stage.label ?? stage.regions.join(', ')}. ${gate}${bake}.`;
}
function comment(doc, path, text) {
    const parent = doc.getIn(path.slice(0, -1), true);
    if (!(0,dist/* isMap */.jh)(parent))
        return;
    const pair = parent.items.find((p) => p.key.value === path.at(-1));
    if (pair)
        pair.key.commentBefore = text;
}

;// CONCATENATED MODULE: ./src/github/workflow/drift.ts


const obj = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const list = (v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
function shapeOf(text) {
    const doc = obj((0,dist/* parse */.qg)(text));
    const shape = { planJob: false, stages: new Map() };
    for (const [job, raw] of Object.entries(obj(doc.jobs))) {
        const j = obj(raw);
        for (const step of list(j.steps)) {
            const w = obj(obj(step).with);
            if (w.command === 'plan')
                shape.planJob = true;
            if (w.command === 'deploy' && typeof w.stage === 'string') {
                const env = typeof j.environment === 'string' ? j.environment : obj(j.environment).name;
                shape.stages.set(w.stage, { job, environment: env, needs: list(j.needs).map(String), spec: typeof w.spec === 'string' ? w.spec : undefined });
            }
        }
    }
    const mode = obj(obj(obj(obj(doc.on).workflow_dispatch).inputs).mode);
    if (Array.isArray(mode.options))
        shape.modes = mode.options.map(String);
    const c = doc.concurrency;
    shape.concurrency = typeof c === 'string' ? c : obj(c).group;
    return shape;
}
/**
 * What a committed workflow no longer does that the spec asks for, one sentence each; empty when it matches. Compares
 * meaning, not bytes: stage jobs, their environments and order, the spec they deploy, the modes offered, the
 * concurrency group. For `plan` to warn (or fail with strict: true).
 */
function drift_workflowDrift(committedText, input, options = {}) {
    let have;
    try {
        have = shapeOf(committedText);
    }
    catch (error) {
        return [`the workflow is not valid YAML: ${error.message.split('\n')[0]}`];
    }
    const want = shapeOf(generateWorkflow(input, options));
    const out = [];
    if (!have.planJob)
        out.push('no job runs the action with command: plan, so the stage jobs have no plan to deploy');
    input.stages.forEach((stage, i) => {
        const job = have.stages.get(stage.name);
        const env = stage.environment ?? 'none';
        if (!job)
            return out.push(`stage ${stage.name} (environment ${env}) has no job`);
        if ((job.environment ?? 'none') !== env)
            out.push(`job ${job.job} deploys stage ${stage.name} in environment ${job.environment ?? 'none'}; the spec says ${env}`);
        const previous = input.stages[i - 1];
        const previousJob = previous && have.stages.get(previous.name)?.job;
        if (previousJob && !job.needs.includes(previousJob)) {
            out.push(`job ${job.job} (stage ${stage.name}) does not wait for job ${previousJob} (stage ${previous.name}); add it to needs`);
        }
        if (job.spec !== undefined && job.spec !== input.specFile)
            out.push(`job ${job.job} deploys the spec ${job.spec}; this spec is ${input.specFile}`);
    });
    for (const [stage, job] of have.stages) {
        if (!input.stages.some((s) => s.name === stage))
            out.push(`job ${job.job} deploys stage ${stage}, which the spec does not have`);
    }
    if (want.modes && have.modes) {
        const missing = want.modes.filter((m) => !have.modes.includes(m));
        const extra = have.modes.filter((m) => m !== STANDARD && !want.modes.includes(m));
        if (missing.length > 0)
            out.push(`the dispatch mode choice lacks ${missing.join(', ')}, which the spec defines`);
        if (extra.length > 0)
            out.push(`the dispatch mode choice offers ${extra.join(', ')}, which the spec does not define`);
    }
    if (have.concurrency !== concurrencyGroup(input)) {
        out.push(`the workflow's concurrency group is ${have.concurrency ?? 'missing'}; ${concurrencyGroup(input)} keeps two runs from deploying at once`);
    }
    return out;
}

// EXTERNAL MODULE: ./src/plan/job-sequence.ts
var job_sequence = __webpack_require__(32220);
;// CONCATENATED MODULE: ./src/github/workflow/release-unit-jobs.ts


/**
 * Release units in a workflow: after the stage jobs that deploy the new unit, one job per traffic step (it sets the
 * weights and judges the unit under traffic for the step's bake, inside the job) and one for the teardown, each
 * gated by its own environment. Their names are the `stage` input the deploy command takes.
 */
function releaseUnitJobs(spec) {
    const units = spec.releaseUnits;
    if (!units || units.strategy !== 'releaseUnit')
        return [];
    return [
        ...units.traffic.steps.map((s) => ({
            name: (0,job_sequence/* stepJobName */.BM)(s.weight),
            environment: s.environment,
            regions: [],
            bakeMs: 0,
            label: `Traffic ${s.weight}% to the new unit (judged for ${(0,duration/* formatDuration */.a3)(s.bakeMs)})`,
        })),
        { name: job_sequence/* TEARDOWN_JOB */.NG, environment: units.teardown.environment, regions: [], bakeMs: 0, label: 'Teardown of the old unit (after its checks)' },
    ];
}

;// CONCATENATED MODULE: ./src/github/workflow/input.ts


const ENV_REF = /(?<!\{)\{env\.([A-Za-z_][A-Za-z0-9_]*)\}/g;
/**
 * Pure: from a loaded spec (any mode) and its source text. The text is needed because a loaded spec has its
 * `{env.NAME}` already resolved and holds only the current mode; the jobs must pass every variable and offer every mode.
 */
function workflowInput(spec, specText) {
    const raw = ((0,dist/* parse */.qg)(specText) ?? {});
    // From the parsed values, not the text: a comment that mentions {env.X} is no reference.
    const names = [...new Set(strings(raw).flatMap((s) => [...s.matchAll(ENV_REF)].map((m) => m[1])))];
    const secret = new Set();
    for (const stamp of spec.stamps) {
        for (const p of Object.values(stamp.parameters))
            if (p.secure)
                for (const m of p.source.matchAll(ENV_REF))
                    secret.add(m[1]);
        // Health headers are resolved at probe time and never printed: tokens, so secrets.
        for (const v of Object.values(stamp.health?.headers ?? {}))
            for (const m of v.matchAll(ENV_REF))
                secret.add(m[1]);
    }
    return {
        name: spec.name,
        specFile: spec.file,
        stages: [...spec.stages.map((s) => ({ name: s.name, environment: s.environment, regions: s.regions, bakeMs: s.bakeMs })), ...releaseUnitJobs(spec)],
        modes: Object.keys(raw.modes ?? {}),
        env: { vars: names.filter((n) => !secret.has(n)), secrets: names.filter((n) => secret.has(n)) },
    };
}
function strings(value) {
    if (typeof value === 'string')
        return [value];
    if (Array.isArray(value))
        return value.flatMap(strings);
    if (value && typeof value === 'object')
        return Object.values(value).flatMap(strings);
    return [];
}

// EXTERNAL MODULE: ./src/spec/load.ts + 22 modules
var load = __webpack_require__(28060);
;// CONCATENATED MODULE: ./src/commands/workflow.ts







/**
 * Generating the workflow reads the spec for its shape only (stages, environments, modes, the variables it needs), so
 * `{env.NAME}` stays a placeholder: the values belong to the jobs that run it, not to the machine that writes it.
 */
const placeholderEnv = new Proxy({}, { get: (_, name) => (typeof name === 'string' ? `{env.${name}}` : undefined) });
function specShape(specFile, repoRoot, mode = load/* STANDARD_MODE */.K) {
    const spec = (0,load/* loadSpec */.I)(specFile, { mode, version: '0.0.0', env: placeholderEnv, repoRoot });
    return workflowInput(spec, (0,external_node_fs_.readFileSync)(external_node_path_default().resolve(repoRoot, specFile), 'utf8'));
}
/** `.github/workflows/<rollout>.yml`, where the spec asks for it unless `out` says otherwise. */
function workflowPath(input, repoRoot, out) {
    return external_node_path_default().resolve(repoRoot, out ?? external_node_path_default().join('.github', 'workflows', `${input.name}.yml`));
}
function workflowCommand(request) {
    const input = specShape(request.specFile, request.repoRoot, request.options.mode ?? load/* STANDARD_MODE */.K);
    return { file: workflowPath(input, request.repoRoot, request.out), text: generateWorkflow(input, request.options), input };
}
/** What the committed workflow (if there is one) no longer does that the spec asks for; [] when it matches. */
function driftOf(request) {
    const input = specShape(request.specFile, request.repoRoot);
    const file = workflowPath(input, request.repoRoot, request.workflow);
    if (!existsSync(file))
        return request.workflow ? { file, missing: true, drift: [`${request.workflow} does not exist`] } : undefined;
    return { file, missing: false, drift: workflowDrift(readFileSync(file, 'utf8'), input, request.options) };
}
/** Stage environments from the spec (standard mode: its bakes are what wait timers hold). */
function environmentsCommand(request) {
    const spec = (0,load/* loadSpec */.I)(request.specFile, { mode: load/* STANDARD_MODE */.K, version: '0.0.0', env: placeholderEnv, repoRoot: request.repoRoot });
    return syncEnvironments(desiredEnvironments(spec.stages, request.options), { client: request.client, owner: request.owner, repo: request.repo, dryRun: request.dryRun });
}

;// CONCATENATED MODULE: ./src/github/workflow/failover.ts


const DEFAULT_FAILOVER_SCHEDULE = '*/5 * * * *';
const failoverConcurrencyGroup = (input) => `staged-rollout-failover-${input.name}`;
const failover_expr = (e) => `\${{ ${e} }}`;
/**
 * The failover loop's timer: a scheduled workflow, one evaluation per run, never two at once (a run that is late
 * waits for the one still running instead of racing it; the state's ETag guards the rest). A manual dispatch offers
 * status, init and a switch. Pure: the same input gives the same bytes.
 */
function generateFailoverWorkflow(input, options = {}) {
    const env = [...input.env.vars.map((n) => [n, failover_expr(`vars.${n}`)]), ...input.env.secrets.map((n) => [n, failover_expr(`secrets.${n}`)])].sort(([a], [b]) => a.localeCompare(b));
    const workflow = {
        name: `staged-rollout failover: ${input.name}`,
        on: {
            schedule: [{ cron: options.schedule ?? DEFAULT_FAILOVER_SCHEDULE }],
            workflow_dispatch: {
                inputs: {
                    failover: { description: 'evaluate (what the schedule runs), status, init, or switch', type: 'choice', options: ['evaluate', 'status', 'init', 'switch'], default: 'evaluate' },
                    to: { description: 'switch: the target to switch to, or next', type: 'string', required: false },
                    force: { description: 'switch: even inside the cooldown', type: 'boolean', default: false },
                },
            },
        },
        concurrency: { group: failoverConcurrencyGroup(input), 'cancel-in-progress': false },
        permissions: { contents: 'read' },
        jobs: {
            failover: {
                name: `Failover: ${failover_expr("inputs.failover || 'evaluate'")}`,
                'runs-on': options.runsOn ?? 'ubuntu-latest',
                'timeout-minutes': 15,
                // OIDC for Azure: ARM (the traffic component) and Table Storage (the state entity).
                permissions: { contents: 'read', 'id-token': 'write' },
                ...(env.length > 0 ? { env: Object.fromEntries(env) } : {}),
                steps: [
                    { uses: options.checkout ?? 'actions/checkout@v5' },
                    {
                        id: 'failover',
                        uses: options.uses ?? DEFAULT_USES,
                        with: {
                            command: 'failover',
                            spec: input.specFile,
                            failover: failover_expr("inputs.failover || 'evaluate'"),
                            to: failover_expr('inputs.to'),
                            force: failover_expr('inputs.force || false'),
                            'client-id': failover_expr('vars.AZURE_CLIENT_ID'),
                            'tenant-id': failover_expr('vars.AZURE_TENANT_ID'),
                        },
                    },
                ],
            },
        },
    };
    const doc = new dist/* Document */.yo(workflow, { aliasDuplicateObjects: false });
    doc.commentBefore = [
        ` Generated by staged-rollout from ${input.specFile} (its failover section); regenerate it when the section changes.`,
        ' Every run is one evaluation: probe the active target, switch traffic when it is unhealthy and outside the cooldown.',
        ' The decision and the state entity are in the job summary. Azure sign-in is OIDC (AZURE_CLIENT_ID, AZURE_TENANT_ID);',
        ' the identity needs Storage Table Data Contributor on the state account and rights to deploy the traffic component.',
    ].join('\n');
    return doc.toString({ lineWidth: 0 });
}

;// CONCATENATED MODULE: ./src/commands/failover-workflow.ts






/** As for the stage workflow: `{env.NAME}` stays a placeholder; the values belong to the job that runs it. */
const failover_workflow_placeholderEnv = new Proxy({}, { get: (_, name) => (typeof name === 'string' ? `{env.${name}}` : undefined) });
/** `workflow --failover`: `.github/workflows/<rollout>-failover.yml`, the failover loop on a schedule. */
function failoverWorkflowCommand(request) {
    const spec = (0,load/* loadSpec */.I)(request.specFile, { mode: load/* STANDARD_MODE */.K, version: '0.0.0', env: failover_workflow_placeholderEnv, repoRoot: request.repoRoot });
    if (!spec.failover)
        throw new plan/* InputError */.dz(`${spec.file} has no failover section; add one before generating its workflow`);
    const input = workflowInput(spec, (0,external_node_fs_.readFileSync)(external_node_path_default().resolve(request.repoRoot, request.specFile), 'utf8'));
    return { file: external_node_path_default().resolve(request.repoRoot, request.out ?? external_node_path_default().join('.github', 'workflows', `${input.name}-failover.yml`)), text: generateFailoverWorkflow(input, request.options) };
}

// EXTERNAL MODULE: ./src/github/client.ts
var client = __webpack_require__(96584);
;// CONCATENATED MODULE: ./src/cli-github.ts








/** `staged-rollout workflow`: write the per-stage workflow, or with --check say how the committed one drifted. */
function workflowCli(values) {
    if (values.failover)
        return failoverWorkflowCli({ ...values, check: values.check ?? false });
    const options = { uses: values.uses, defaultBranch: values.branch };
    const { file, text, input } = workflowCommand({ specFile: values.spec, repoRoot: process.cwd(), options, out: values.out });
    const shown = external_node_path_default().relative(process.cwd(), file);
    if (values.check) {
        if (!(0,external_node_fs_.existsSync)(file))
            throw new plan/* InputError */.dz(`${shown} does not exist; run staged-rollout workflow --spec ${values.spec}`);
        const drift = drift_workflowDrift((0,external_node_fs_.readFileSync)(file, 'utf8'), input, options);
        for (const line of drift)
            process.stdout.write(`${shown}: ${line}\n`);
        process.stdout.write(drift.length === 0 ? `${shown} matches ${values.spec}\n` : `${drift.length} difference(s): regenerate with staged-rollout workflow --spec ${values.spec}\n`);
        return drift.length === 0 ? 0 : 1;
    }
    (0,external_node_fs_.mkdirSync)(external_node_path_default().dirname(file), { recursive: true });
    (0,external_node_fs_.writeFileSync)(file, text);
    process.stdout.write(`wrote ${shown}\n`);
    return 0;
}
/** `workflow --failover [--schedule CRON]`: the scheduled failover workflow; --check compares it with the committed one. */
function failoverWorkflowCli(values) {
    const { file, text } = failoverWorkflowCommand({ specFile: values.spec, repoRoot: process.cwd(), options: { uses: values.uses, schedule: values.schedule }, out: values.out });
    const shown = external_node_path_default().relative(process.cwd(), file);
    if (values.check) {
        const same = (0,external_node_fs_.existsSync)(file) && (0,external_node_fs_.readFileSync)(file, 'utf8') === text;
        process.stdout.write(same ? `${shown} matches ${values.spec}\n` : `${shown} ${(0,external_node_fs_.existsSync)(file) ? 'differs from' : 'is missing for'} ${values.spec}: regenerate with staged-rollout workflow --failover --spec ${values.spec}\n`);
        return same ? 0 : 1;
    }
    (0,external_node_fs_.mkdirSync)(external_node_path_default().dirname(file), { recursive: true });
    (0,external_node_fs_.writeFileSync)(file, text);
    process.stdout.write(`wrote ${shown}\n`);
    return 0;
}
async function environmentsCli(values) {
    const token = process.env.GH_TOKEN ?? process.env.GITHUB_TOKEN;
    if (!token)
        throw new plan/* InputError */.dz('set GH_TOKEN (or GITHUB_TOKEN) to a token with administration: write on the repository');
    const [owner, repo] = (values.repo ?? process.env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo)
        throw new plan/* InputError */.dz('give --repo OWNER/NAME');
    if (!['protected', 'any', 'keep'].includes(values.branchPolicy))
        throw new plan/* InputError */.dz('--branch-policy is protected, any or keep');
    const report = await environmentsCommand({
        specFile: values.spec,
        repoRoot: process.cwd(),
        client: (0,client/* createGitHubClient */.LX)(token, { apiUrl: values.apiUrl }),
        owner,
        repo,
        dryRun: values.dryRun ?? false,
        options: { reviewers: values.reviewer?.map(reviewer), branchPolicy: values.branchPolicy },
    });
    process.stdout.write(`${environmentsText(report)}\n`);
    return 0;
}
function reviewer(text) {
    const [type, id] = text.split(':');
    if ((type !== 'User' && type !== 'Team') || !(Number(id) > 0))
        throw new plan/* InputError */.dz(`--reviewer takes User:ID or Team:ID (numeric ids), got "${text}"`);
    return { type, id: Number(id) };
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
