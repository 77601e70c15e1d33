import { z } from 'zod';

/**
 * The keys of the release-unit strategy (seed 002): which per-region components form a unit, the global traffic
 * component that routes users to units by weight, the weight steps, and the teardown of the old unit. Kept apart
 * from schema.ts so the in-place spec stays readable; schema.ts spreads these keys in.
 */

const DURATION = /^(?:0|(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+|P(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?)$/;
const duration = z.union([z.string().regex(DURATION, { error: 'is not a duration' }), z.literal(0)]);
const percent = z
  .union([z.string().regex(/^\d+(?:\.\d+)?%$/, { error: 'is not a percentage like 1% or 0.5%' }), z.number().min(0).max(100)])
  .describe('A percentage: 1%, 0.5% (or a number of percent).');
const environment = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,254}$/, { error: 'is not a valid GitHub environment name' });

/** A verdict from Azure Monitor metrics instead of (or next to) an HTTP or command probe. */
export const metricCheckSchema = z
  .strictObject({
    metric: z.enum(['errorRatio', 'noTraffic']).describe('errorRatio: 5xx share of requests; noTraffic: no request at all.'),
    below: percent.optional().describe('errorRatio: the 5xx share must stay under this (default 1%).'),
    window: duration.optional().describe('The time window judged (default 5m; for noTraffic, how long it must be quiet).'),
    minRequests: z.number().int().min(0).optional().describe('errorRatio: fewer requests than this in the window is not healthy yet (default 10).'),
  })
  .describe('A metric condition, read from Azure Monitor (Microsoft.Insights/metrics).');

/** A metric check in an ordinary component's health: the same conditions, on one resource of the stamp. */
export const stampMetricCheckSchema = metricCheckSchema
  .extend({ resource: z.string().describe('Resource id whose metrics are judged, e.g. `{outputs.siteId}` (App Service: Requests, Http5xx).') })
  .describe('A metric condition on the stamp\'s own resource, judged at every probe of the three phases.');

const step = z.strictObject({
  weight: z.number().int().min(1).max(100).describe('Share of user traffic (percent) the new unit gets in this step.'),
  bake: duration.optional().describe('How long the new unit is judged under this weight before the next step (default 0).'),
  environment: environment.optional().describe('GitHub environment gating this step (approval per step).'),
});

export const releaseUnitsSchema = z
  .strictObject({
    components: z.array(z.string()).min(1, { error: 'needs at least one component' }).describe('Per-region components that form a unit.'),
    name: z.string().optional().describe('Unit name template (default `v{version}`; dots become dashes). Resource groups hold `{unit}`.'),
    onAbort: z.enum(['keep', 'remove']).optional().describe('After an abort or unhealthy step: keep the new unit for inspection (default) or remove it.'),
  })
  .describe('Release units (blue/green): every release deploys a new set of regional stamps beside the live one.');

export const trafficSchema = z
  .strictObject({
    component: z.string().describe('The global component that routes users (Front Door); redeployed with new weights at each step.'),
    parameter: z.string().optional().describe('Its template parameter that receives the origins with their weights (default `origins`).'),
    hostOutput: z.string().optional().describe('Output of a unit component that holds the origin host name (default `hostName`).'),
    interval: duration.optional().describe('How often metric checks are evaluated during a step (default 1m).'),
    steps: z.array(step).min(1, { error: 'needs at least one step' }).describe('Weight steps, e.g. 10, 50, 100; the last must be 100.'),
    health: z.array(metricCheckSchema).optional().describe('Checks of the new unit under real traffic during every step.'),
  })
  .describe('Moves users from the live unit to the new one in weight steps.');

export const teardownSchema = z
  .strictObject({
    environment: environment.optional().describe('GitHub environment gating the teardown.'),
    checks: z.array(metricCheckSchema).optional().describe('Checks of the old unit before it is removed (default: noTraffic for 15m).'),
  })
  .describe('Removal of the old unit once all traffic is on the new one.');

/** Keys allowed at a path under releaseUnits, traffic, teardown or a mode's traffic, for "did you mean" on an unknown key. */
export function releaseUnitKnownKeys(path: readonly (string | number)[]): readonly string[] {
  const [top, second, third] = path;
  if (top === 'modes') return third === 'traffic' && path.length === 3 ? Object.keys(overlayTrafficSchema.shape) : [];
  if (top === 'releaseUnits') return path.length === 1 ? Object.keys(releaseUnitsSchema.shape) : [];
  if (top === 'teardown') return path.length === 1 ? Object.keys(teardownSchema.shape) : Object.keys(metricCheckSchema.shape);
  if (top !== 'traffic') return [];
  if (path.length === 1) return Object.keys(trafficSchema.shape);
  if (second === 'steps') return Object.keys(step.shape);
  return second === 'health' ? Object.keys(metricCheckSchema.shape) : [];
}

/** Spread into the root of the spec schema. */
export const releaseUnitKeys = {
  releaseUnits: releaseUnitsSchema.optional(),
  traffic: trafficSchema.optional(),
  teardown: teardownSchema.optional(),
};

const overlayTrafficSchema = z.strictObject({
  bake: duration.optional().describe('Caps every traffic step\'s bake.'),
  interval: duration.optional().describe('Replaces the metric evaluation interval.'),
});

/** Spread into a mode's overlay. */
export const releaseUnitOverlayKeys = {
  strategy: z.enum(['releaseUnit', 'inPlace']).optional().describe('inPlace: deploy into the live unit, no new unit, no traffic step (hotfix).'),
  traffic: overlayTrafficSchema.optional(),
};

export type RawMetricCheck = z.infer<typeof metricCheckSchema>;
export type RawReleaseUnits = z.infer<typeof releaseUnitsSchema>;
export type RawTraffic = z.infer<typeof trafficSchema>;
export type RawTeardown = z.infer<typeof teardownSchema>;
