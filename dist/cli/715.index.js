export const id = 715;
export const ids = [715];
export const modules = {

/***/ 9715:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runSimCommand: () => (/* binding */ runSimCommand)
/* harmony export */ });
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(11127);


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


/***/ })

};
