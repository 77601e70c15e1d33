/**
 * The command probe: a program run with an argv (never through a shell, so no spec value is ever parsed as shell
 * syntax), told about the stamp through environment variables; exit 0 is healthy.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { HealthCheck } from '../plan/types.js';
import type { Clock } from '../time/clock.js';
import { isSecureType } from '../plan/secure-type.js';
import { resolveOutputs } from './template.js';
import { ProbeTimeout, withTimeout } from './timeout.js';
import { unhealthy, type ProbeAnswer, type ProbeTarget } from './types.js';

export interface CommandProbeOptions {
  clock: Clock;
  /** The base environment of the command; the runner's own by default, as for any workflow step. */
  env?: Record<string, string | undefined>;
  cwd?: string;
}

const MAX_OUTPUT = 64 * 1024;
const TAIL = 240;

/** `STAMP_OUTPUT_<NAME>`: upper case, anything but letters and digits as `_`. */
export function envName(output: string): string {
  return `STAMP_OUTPUT_${output.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}`;
}

/** The facts a probe script needs about its stamp. Secure outputs are left out: a child's env is readable by others. */
export function stampEnv(target: ProbeTarget): Record<string, string> {
  const { stamp, rollout } = target;
  const env: Record<string, string> = {
    STAMP_ID: stamp.id,
    STAMP_COMPONENT: stamp.component,
    STAMP_REGION: stamp.region,
    STAMP_LOCATION: stamp.location,
    STAMP_SUBSCRIPTION: stamp.subscription,
    STAMP_DEPLOYMENT_NAME: stamp.deploymentName,
    ROLLOUT_ID: rollout.id,
    ROLLOUT_VERSION: rollout.version,
    ROLLOUT_MODE: rollout.mode,
  };
  if (stamp.resourceGroup) env.STAMP_RESOURCE_GROUP = stamp.resourceGroup;
  for (const [name, output] of Object.entries(target.outputs)) {
    if (isSecureType(output.type)) continue;
    env[envName(name)] = typeof output.value === 'string' ? output.value : JSON.stringify(output.value);
  }
  return env;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

export function commandProbe(options: CommandProbeOptions) {
  return async (check: HealthCheck, target: ProbeTarget, signal: AbortSignal): Promise<ProbeAnswer> => {
    const argv: string[] = [];
    for (const arg of check.command ?? []) {
      const resolved = resolveOutputs(arg, target.outputs);
      if (!resolved.ok) return unhealthy(`${target.stamp.id}: ${resolved.detail}`);
      // Another user on the machine can read a process's arguments.
      if (resolved.secure) return unhealthy(`${target.stamp.id}: a secure output cannot be passed as a command argument`);
      argv.push(resolved.value);
    }
    if (argv.length === 0) return unhealthy('no command to run');
    const shown = argv.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ');
    const env = { ...(options.env ?? process.env), ...stampEnv(target) };
    const started = performance.now();
    const latency = (): number => Math.round(performance.now() - started);
    let exit: Exit;
    try {
      exit = await withTimeout(options.clock, check.timeoutMs, signal, (inner) => run(argv, env, options.cwd, inner));
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (error instanceof ProbeTimeout) return unhealthy(`${shown}: ${error.message}; killed`, latency());
      return unhealthy(`${shown}: could not start: ${error instanceof Error ? error.message : String(error)}`, latency());
    }
    const latencyMs = latency();
    const tail = exit.output.replace(/\s+/g, ' ').trim().slice(-TAIL);
    const said = tail ? `: ${tail}` : '';
    if (exit.code === 0) return { healthy: true, status: 0, latencyMs, detail: `${shown} exited 0 in ${latencyMs}ms` };
    if (exit.code === null) return { healthy: false, latencyMs, detail: `${shown} was killed by ${exit.signal}${said}` };
    return { healthy: false, status: exit.code, latencyMs, detail: `${shown} exited ${exit.code} in ${latencyMs}ms${said}` };
  };
}

function run(argv: string[], env: Record<string, string | undefined>, cwd: string | undefined, signal: AbortSignal): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { env, cwd, shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-MAX_OUTPUT);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    // SIGKILL: a probe past its timeout gets no chance to hang on in a trap handler.
    const kill = (): void => void child.kill('SIGKILL');
    signal.addEventListener('abort', kill, { once: true });
    child.on('error', (error) => {
      signal.removeEventListener('abort', kill);
      reject(error);
    });
    child.on('close', (code, exitSignal) => {
      signal.removeEventListener('abort', kill);
      resolve({ code, signal: exitSignal, output });
    });
  });
}
