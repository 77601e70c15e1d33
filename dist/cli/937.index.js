export const id = 937;
export const ids = [937];
export const modules = {

/***/ 31937:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  teardownCli: () => (/* binding */ teardownCli)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
// EXTERNAL MODULE: ./src/azure/credentials.ts
var credentials = __webpack_require__(84329);
// EXTERNAL MODULE: ./src/azure/tls.ts
var tls = __webpack_require__(97158);
// EXTERNAL MODULE: ./src/azure/deployer.ts + 6 modules
var azure_deployer = __webpack_require__(4771);
// EXTERNAL MODULE: ./src/azure/teardown.ts + 1 modules
var azure_teardown = __webpack_require__(4369);
// EXTERNAL MODULE: ./src/commands/plan.ts + 1 modules
var commands_plan = __webpack_require__(21522);
;// CONCATENATED MODULE: ./src/commands/teardown.ts



/**
 * `teardown`: remove what the rollout owns, by component, region, version or the whole spec. It always plans first:
 * the stamps chosen plus every stamp that requires them (a removed cluster takes its apps with it), their resources
 * by our tags, in reverse dependency order; a dry run stops there.
 */
async function teardownCommand(request) {
    const { spec, plan } = (0,commands_plan/* planCommand */.VV)(request);
    const all = plan.stages.flatMap((s) => s.stamps);
    if (request.component && !all.some((s) => s.component === request.component)) {
        throw new commands_plan/* InputError */.dz(`teardown: no component "${request.component}"; components: ${[...new Set(all.map((s) => s.component))].join(', ')}`);
    }
    if (request.region && !all.some((s) => s.region === request.region && !s.global)) {
        throw new commands_plan/* InputError */.dz(`teardown: no region "${request.region}" in the spec's stages`);
    }
    let chosen = all.filter((s) => (!request.component || s.component === request.component) && (!request.region || (!s.global && s.region === request.region)));
    if (request.deployedVersion) {
        const deployer = new azure_deployer/* ArmDeployer */.p6({ credential: request.credential, endpoint: request.endpoint, clock: request.clock, spec });
        const kept = [];
        for (const s of chosen)
            if ((await deployer.lastSuccessful(s, {}, request.signal))?.version === request.deployedVersion)
                kept.push(s);
        chosen = kept;
    }
    // Dependents go too, and first: nothing is left pointing at a removed prerequisite.
    const ids = new Set(chosen.map((s) => s.id));
    for (let grew = true; grew;) {
        grew = false;
        for (const s of all)
            if (!ids.has(s.id) && s.requires.some((r) => ids.has(r)))
                (ids.add(s.id), (grew = true));
    }
    const stamps = all.filter((s) => ids.has(s.id));
    const teardown = new azure_teardown/* ArmTeardown */.z({ credential: request.credential, endpoint: request.endpoint, clock: request.clock, spec });
    const removal = await teardown.inventory(stamps, request.signal);
    if (!request.dryRun)
        await teardown.remove(removal, request.signal, request.log);
    return { stamps: stamps.map((s) => s.id), plan: removal, removed: !request.dryRun };
}

;// CONCATENATED MODULE: ./src/report/teardown-text.ts
const label = (kind) => (kind === 'resourceGroup' ? 'resource group' : kind === 'stack' ? 'deployment stack' : 'resource');
/** The teardown plan (and what was done): every resource and resource group, in deletion order, and what stays. */
function teardownText(result) {
    const lines = [`Teardown of ${result.stamps.length} stamp(s): ${result.stamps.join(', ') || 'none'}`];
    const going = result.plan.items.filter((i) => !i.kept);
    const kept = result.plan.items.filter((i) => i.kept);
    lines.push(`${result.removed ? 'Deleted' : 'Would delete'} (in this order):`);
    for (const i of going)
        lines.push(`  - ${label(i.kind)} ${i.id} (${i.stamp}${i.withStack ? `, with stack ${i.withStack}` : ''})`);
    if (going.length === 0)
        lines.push('  nothing');
    if (kept.length > 0) {
        lines.push('Kept:');
        for (const i of kept)
            lines.push(`  = ${label(i.kind)} ${i.id}: ${i.kept}`);
    }
    if (!result.removed)
        lines.push('(dry run: nothing deleted)');
    return lines.join('\n');
}

// EXTERNAL MODULE: ./src/spec/load.ts + 22 modules
var load = __webpack_require__(28060);
// EXTERNAL MODULE: ./src/time/clock.ts
var clock = __webpack_require__(33355);
;// CONCATENATED MODULE: ./src/cli-teardown.ts








/** `teardown`: what the rollout owns, by --component, --region, --deployed-version or all; --dry-run lists it. */
async function teardownCli(args, version) {
    const { values } = (0,external_node_util_.parseArgs)({
        args,
        options: {
            spec: { type: 'string', default: 'rollout.yaml' },
            mode: { type: 'string', default: load/* STANDARD_MODE */.K },
            version: { type: 'string' },
            component: { type: 'string' },
            region: { type: 'string' },
            'deployed-version': { type: 'string' },
            'dry-run': { type: 'boolean', default: false },
            'arm-endpoint': { type: 'string' },
            'arm-ca': { type: 'string' },
            'bicep-path': { type: 'string' },
        },
        strict: true,
    });
    if (values['arm-ca'])
        (0,tls/* trustCertificate */.m)((0,external_node_fs_.readFileSync)(values['arm-ca'], 'utf8'));
    const endpoint = values['arm-endpoint'];
    const result = await teardownCommand({
        specFile: values.spec,
        mode: values.mode,
        version: values.version ?? version(),
        env: process.env,
        repoRoot: process.cwd(),
        bicepPath: values['bicep-path'],
        component: values.component,
        region: values.region,
        deployedVersion: values['deployed-version'],
        dryRun: values['dry-run'],
        clock: new clock/* SystemClock */.Aw(),
        signal: new AbortController().signal,
        credential: (0,credentials/* createCredential */.G)({ endpoint }),
        endpoint,
        log: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(`${teardownText(result)}\n`);
    return 0;
}


/***/ })

};
