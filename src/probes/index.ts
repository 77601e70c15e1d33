/** A Prober for the engine: dispatches each health check to the HTTP or the command probe. */
import type { HealthCheck } from '../plan/types.js';
import type { Clock } from '../time/clock.js';
import { commandProbe } from './command.js';
import { httpProbe, type HttpProbeOptions } from './http.js';
import { unhealthy, type ProbeAnswer, type ProbeTarget } from './types.js';

export interface ProberOptions {
  clock: Clock;
  /** `{env.NAME}` in headers and the base env of command probes. */
  env?: Record<string, string | undefined>;
  ca?: HttpProbeOptions['ca'];
  /** Working directory of command probes (the repository root). */
  cwd?: string;
}

export interface ProbeDispatcher {
  probe(check: HealthCheck, target: ProbeTarget, signal: AbortSignal): Promise<ProbeAnswer>;
}

export function createProber(options: ProberOptions): ProbeDispatcher {
  const http = httpProbe(options);
  const command = commandProbe(options);
  return {
    probe(check, target, signal) {
      if (check.command && check.command.length > 0) return command(check, target, signal);
      if (check.url) return http(check, target, signal);
      return Promise.resolve(unhealthy(`${target.stamp.id}: the health check has neither url nor command`));
    },
  };
}

export { commandProbe, envName, stampEnv } from './command.js';
export { httpProbe } from './http.js';
export type { ProbeAnswer, ProbeTarget } from './types.js';
