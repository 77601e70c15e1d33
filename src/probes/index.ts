/** A Prober for the engine: dispatches each health check to the HTTP or the command probe. */
import type { HealthCheck } from '../plan/types.js';
import type { Clock } from '../time/clock.js';
import { commandProbe } from './command.js';
import { httpProbe, type HttpProbeOptions } from './http.js';
import { InFlightLimit } from './in-flight.js';
import { unhealthy, type ProbeAnswer, type ProbeTarget } from './types.js';

export interface ProberOptions {
  clock: Clock;
  /** `{env.NAME}` in headers and the base env of command probes. */
  env?: Record<string, string | undefined>;
  ca?: HttpProbeOptions['ca'];
  /** Working directory of command probes (the repository root). */
  cwd?: string;
  /** Probes in flight at once; MAX_PROBES_IN_FLIGHT unless given. */
  maxInFlight?: number;
}

export interface ProbeDispatcher {
  probe(check: HealthCheck, target: ProbeTarget, signal: AbortSignal): Promise<ProbeAnswer>;
}

/** Probes in flight at once, all stamps together (see InFlightLimit): enough for a stage of thousands of stamps to be
 * probed within a second or two, few enough that the prober's own CPU never decides a probe's timeout. */
export const MAX_PROBES_IN_FLIGHT = 64;

export function createProber(options: ProberOptions): ProbeDispatcher {
  const http = httpProbe(options);
  const command = commandProbe(options);
  const limit = new InFlightLimit(options.maxInFlight ?? MAX_PROBES_IN_FLIGHT);
  const dispatch = (check: HealthCheck, target: ProbeTarget, signal: AbortSignal): Promise<ProbeAnswer> => {
    if (check.command && check.command.length > 0) return command(check, target, signal);
    if (check.url) return http(check, target, signal);
    return Promise.resolve(unhealthy(`${target.stamp.id}: the health check has neither url nor command`));
  };
  return {
    async probe(check, target, signal) {
      // The wait for a slot is not tracked on the clock: the probes holding the slots are, and a simulated slow answer
      // hands its time back to the clock, which a count for every probe queued behind it would block.
      const release = await limit.acquire(signal);
      try {
        return await dispatch(check, target, signal);
      } finally {
        release();
      }
    },
  };
}

export { commandProbe, envName, stampEnv } from './command.js';
export { httpProbe } from './http.js';
export type { ProbeAnswer, ProbeTarget } from './types.js';
