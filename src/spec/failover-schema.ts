import { z } from 'zod';

/**
 * The `failover` section: a pair (or ordered list) of targets, one active at a time; a scheduled evaluation probes
 * the active one and, after enough consecutive failures and outside the cooldown, moves traffic to the next healthy
 * target by redeploying the spec's traffic component. The state lives in one Azure Table Storage entity.
 * Built from schema.ts's own duration and health pieces (passed in, so the two files do not import each other).
 */
export const FAILOVER_TARGET_NAME = /^[a-z][a-z0-9]{0,31}$/;

export function failoverSchema(duration: z.ZodType, health: z.ZodObject) {
  const check = health
    .omit({ wait: true, within: true, healthyFor: true })
    .extend({ url: z.string().optional().describe('URL to probe (default `{outputs.endpoint}`: the active target\'s endpoint as the state entity holds it).') })
    .describe('Health check of the active target: HTTP (url, expect, headers) or command; interval and timeout.');
  const target = z.strictObject({
    name: z.string().regex(FAILOVER_TARGET_NAME, { error: 'is not a valid target name' }).describe('Target name, e.g. primary; the entity keeps `<name>_endpoint`.'),
    region: z.string().optional().describe('The region this target serves from (one of `regions`).'),
    unit: z.string().optional().describe('The release unit this target is, when traffic moves between units.'),
    endpoint: z.string().describe('The URL the health check probes, written into the state entity by `failover init`.'),
  });
  return z
    .strictObject({
      targets: z.array(target).min(2, { error: 'needs at least two targets (the first is the primary)' }).describe('Targets in order of preference: the first is the primary.'),
      traffic: z
        .strictObject({
          component: z.string().describe('The global component that routes traffic (Front Door, Traffic Manager); redeployed on a switch.'),
          parameter: z.string().optional().describe('Its template parameter that takes `{ target: priority }`, the active target 1 (default `priorities`).'),
        })
        .describe('How traffic is switched: the traffic component redeployed with new priorities.'),
      health: check,
      failures: z.number().int().min(1).max(20).optional().describe('Consecutive failed probes, one interval apart, that make the active target unhealthy (default 3).'),
      cooldown: duration.optional().describe('After a switch, no further switch before this has passed (default 30m).'),
      state: z
        .strictObject({
          account: z.string().optional().describe('Storage account name; the table endpoint is https://ACCOUNT.table.core.windows.net.'),
          endpoint: z.string().optional().describe('Table endpoint URL instead of an account (sovereign clouds, Azurite).'),
          table: z.string().optional().describe('Table name (default failoverstate).'),
        })
        .describe('Where the state entity lives (PartitionKey failover, RowKey state).'),
    })
    .describe('Failover between targets on a schedule, with a cooldown; state in one Table Storage entity.');
}

/** Keys allowed at a path under `failover`, for "did you mean" on an unknown key. */
export function failoverKnownKeys(path: readonly (string | number)[]): readonly string[] {
  const [, second, third] = path;
  if (path.length === 1) return ['targets', 'traffic', 'health', 'failures', 'cooldown', 'state'];
  if (second === 'targets') return ['name', 'region', 'unit', 'endpoint'];
  if (second === 'traffic') return ['component', 'parameter'];
  if (second === 'state') return ['account', 'endpoint', 'table'];
  if (second === 'health') return third === 'expect' ? ['status', 'body', 'bodyMatch', 'maxLatency'] : ['url', 'command', 'expect', 'headers', 'interval', 'timeout'];
  return [];
}
