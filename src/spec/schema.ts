import { z } from 'zod';
import { failoverSchema } from './failover-schema.js';
import { STACK_KEYS, stackSchema } from './stack-schema.js';
import { releaseUnitKeys, releaseUnitOverlayKeys, stampMetricCheckSchema } from './release-units-schema.js';

/**
 * The rollout spec v1 as written by a person. The validator and the committed JSON Schema (schema/rollout.schema.json)
 * are both made from this one source, so an editor's completion can never disagree with what the loader accepts.
 * Cross-field rules (regions in exactly one stage, requires cycles, templates) live in checks.ts.
 */

const DURATION_UNIT = String.raw`(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+`;
const DURATION_ISO = String.raw`P(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?`;
export const DURATION_PATTERN = new RegExp(`^(?:0|${DURATION_UNIT}|${DURATION_ISO})$`);

const duration = z
  .union([z.string().regex(DURATION_PATTERN, { error: 'is not a duration' }), z.literal(0)])
  .describe('A duration: 90s, 10m, 4h, 1d, 1h30m, or ISO 8601 such as PT24H.');

export const NAME_PATTERNS = {
  rollout: /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/,
  component: /^[A-Za-z][A-Za-z0-9_-]{0,39}$/,
  region: /^[a-z][a-z0-9]{1,39}$/,
  // Stage names become job ids in generated workflows: GitHub wants a letter or `_` first, then [A-Za-z0-9_-].
  stage: /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/,
  // Environment names appear in OIDC subjects (repo:O/R:environment:NAME) and API paths, so no `:` or `/`.
  environment: /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,254}$/,
  mode: /^[a-z][a-z0-9-]{0,39}$/,
} as const;

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const region = z
  .object({
    short: z.string().min(1).optional().describe('Short name for names with length limits, e.g. `eus`: `{region.short}`.'),
    subscription: z.string().optional().describe('Subscription of this region, when it differs from the spec default.'),
  })
  .catchall(scalar)
  .describe('A region; any extra attribute is available as `{region.ATTR}`.');

const healthTiming = {
  interval: duration.optional().describe('Time between probes (default 10s).'),
  timeout: duration.optional().describe('Time one probe may take (default 5s, at most the interval).'),
  wait: duration.optional().describe('Phase 1: wait before the first probe (default 0).'),
  within: duration.optional().describe('Phase 2: must answer healthy once within this window (default 5m).'),
  healthyFor: duration.optional().describe('Phase 3: must then stay healthy this long; one bad answer fails (default 1m).'),
  watch: duration.optional().describe('Time between probes during the stage bake; one bad answer ends the bake and rolls back (default: the interval for bakes up to 10m; longer bakes about 60 probes, at least every 5m).'),
};

const health = z
  .strictObject({
    url: z.string().optional().describe('HTTP(S) URL to probe; `{outputs.NAME}` takes this stamp\'s deployment outputs.'),
    command: z.array(z.string()).min(1).optional().describe('Command probe, as argv (no shell); exit 0 is healthy.'),
    metric: stampMetricCheckSchema.optional(),
    expect: z
      .strictObject({
        status: z.array(z.number().int().min(100).max(599)).min(1).optional().describe('Healthy status codes (default [200]).'),
        body: z.array(z.string()).optional().describe('Regular expressions over the response body.'),
        bodyMatch: z.enum(['all', 'any']).optional().describe('all: every body regex must match (default); any: one.'),
        maxLatency: duration.optional().describe('An answer slower than this is unhealthy.'),
      })
      .optional(),
    headers: z.record(z.string(), z.string()).optional().describe('Request headers; use `{env.NAME}` for secrets.'),
    ...healthTiming,
  })
  .describe('Health check in the three phases of Azure Deployment Manager: wait, within, healthyFor.');

export const componentSchema = z.strictObject({
  perRegion: z.boolean().optional().describe('One stamp per region of every stage (default false: one global stamp).'),
  scope: z.enum(['resourceGroup', 'subscription', 'managementGroup', 'tenant']).optional().describe('Deployment scope (default resourceGroup).'),
  managementGroup: z.string().optional().describe('Management group id, e.g. `contoso-platform`; required at managementGroup scope.'),
  resourceGroup: z.string().optional().describe('Resource group, e.g. `contoso-{region.short}`; required at resourceGroup scope.'),
  location: z.string().optional().describe('Azure location; default `{region}` for per-region components; required for global ones.'),
  stage: z.string().optional().describe('Global components only: the stage that deploys it (default: the first stage).'),
  template: z.string().describe('Repository-relative path of the ARM JSON template (or .bicep when a bicep CLI is present).'),
  parametersFile: z.string().optional().describe('Repository-relative ARM parameters file; inline `parameters` override it.'),
  parameters: z.record(z.string(), z.unknown()).optional().describe('Template parameter values; strings take `{...}` interpolation.'),
  requires: z.array(z.string()).optional().describe('Components deployed first (in the same region for per-region ones).'),
  deploy: z.enum(['always', 'onChange', 'never']).optional().describe('onChange (default): deploy when template or parameters changed.'),
  deploymentName: z.string().optional().describe('ARM deployment name template (default: rollout-component-region-version).'),
  health: health.optional(),
  deploymentTimeout: duration.optional().describe('Time one ARM deployment of this component may run before it is canceled and the stamp fails (default 2h).'),
  stack: stackSchema.optional(),
});

const stage = z.strictObject({
  name: z.string().regex(NAME_PATTERNS.stage, { error: 'is not a valid stage name' }),
  regions: z.array(z.string()).min(1, { error: 'needs at least one region' }),
  environment: z.string().regex(NAME_PATTERNS.environment, { error: 'is not a valid GitHub environment name' }).optional(),
  bake: duration.optional().describe('Time to wait after the stage turned healthy, before the next stage (default 0).'),
  maxParallel: z.number().int().min(1).optional().describe('Regions deployed at once in this stage (default 1).'),
  environmentUrl: z.string().regex(/^[^{}]*(\{outputs\.[A-Za-z0-9_]+\}[^{}]*)*$/, { error: 'takes text and {outputs.NAME} placeholders only' }).optional().describe('The URL on the stage\'s GitHub deployment, e.g. "{outputs.url}": an output of the stage\'s first stamp that has it.'),
});

const overlay = z
  .strictObject({
    bake: duration.optional().describe('Caps every stage\'s bake: a stage that bakes less keeps its own.'),
    maxParallel: z.number().int().min(1).optional().describe('Raises every stage\'s maxParallel to at least this.'),
    health: z.strictObject(healthTiming).optional().describe('Replaces these health timings in every component.'),
    stages: z
      .record(z.string(), z.strictObject({ bake: duration.optional(), maxParallel: z.number().int().min(1).optional() }))
      .optional()
      .describe('Per-stage values, exact: they replace the stage\'s own and the mode-wide ones.'),
    ...releaseUnitOverlayKeys,
  })
  .describe('A mode overlays the spec. It can shorten waits and widen parallelism; it never skips validation or health.');

export const specSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().regex(NAME_PATTERNS.rollout, { error: 'is not a valid rollout name' }).describe('Service name.'),
    subscription: z.string().describe('Default subscription id, e.g. `{env.AZURE_SUBSCRIPTION_ID}`.'),
    regions: z.record(z.string().regex(NAME_PATTERNS.region), z.union([region, z.null()])),
    components: z.record(z.string().regex(NAME_PATTERNS.component), componentSchema),
    stages: z.array(stage).min(1, { error: 'needs at least one stage' }),
    modes: z.record(z.string().regex(NAME_PATTERNS.mode), overlay).optional(),
    rollback: z
      .strictObject({
        scope: z.enum(['stamp', 'stage', 'rollout', 'none']).optional().describe('What to roll back on failure (default stage).'),
        deleteNew: z.boolean().optional().describe('Delete stamps that had no previous deployment (default false: report them).'),
      })
      .optional(),
    failover: failoverSchema(duration, health).optional(),
    ...releaseUnitKeys,
  })
  .describe('staged-rollout spec v1');

export type RawSpec = z.infer<typeof specSchema>;
export type RawComponent = z.infer<typeof componentSchema>;
export type RawHealth = z.infer<typeof health>;
export type RawStage = z.infer<typeof stage>;
export type RawOverlay = z.infer<typeof overlay>;

/** Keys each object accepts, for "did you mean" on an unknown key. */
export const KNOWN_KEYS: Record<string, readonly string[]> = {
  root: Object.keys(specSchema.shape),
  component: Object.keys(componentSchema.shape),
  stage: Object.keys(stage.shape),
  health: Object.keys(health.shape),
  expect: ['status', 'body', 'bodyMatch', 'maxLatency'],
  overlay: Object.keys(overlay.shape),
  rollback: ['scope', 'deleteNew'],
  timing: Object.keys(healthTiming),
  stack: STACK_KEYS,
};

export function specJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(specSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...schema, title: 'staged-rollout spec v1' };
}
