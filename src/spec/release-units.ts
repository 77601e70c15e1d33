import type { MetricCheck, ReleaseUnitPlan } from '../plan/release-units.js';
import { parseDuration } from '../time/duration.js';
import { asArray, asRecord } from './checks.js';
import { interpolate } from './interpolate.js';
import type { SpecProblem } from './problems.js';
import type { RawMetricCheck } from './release-units-schema.js';
import type { PathKey, SpecSource } from './source.js';

/**
 * Resolves `releaseUnits`, `traffic` and `teardown` (seed 002) and checks what the schema cannot: the unit's
 * components are per-region and keep their stamps in resource groups named by `{unit}`, the traffic component is a
 * global one outside the unit, and the weight steps climb to 100.
 */

export const DEFAULT_UNIT_NAME = 'v{version}';
export const DEFAULT_TEARDOWN_CHECK: RawMetricCheck = { metric: 'noTraffic', window: '15m' };

/** `v2.0.0` -> `v2-0-0`: unit names go into resource group and Front Door origin names (letters, digits, hyphens). */
export function unitName(template: string, scope: { version: string; mode: string; rollout: string }): string {
  const text = interpolate(template, { ...scope, env: {} }).value;
  return text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'unit';
}

export interface ReleaseUnitContext {
  source: SpecSource;
  data: Record<string, unknown>;
  overlay: Record<string, unknown> | undefined;
  version: string;
  mode: string;
  /** Set by the caller for a hotfix: the live unit to deploy into. */
  unit?: string;
  problems: SpecProblem[];
}

/** The unit this load deploys into, before stamps are resolved (`{unit}` in their resource groups). */
export function unitOf(ctx: Pick<ReleaseUnitContext, 'data' | 'version' | 'mode' | 'unit'>): string | undefined {
  const raw = asRecord(ctx.data.releaseUnits);
  if (!raw) return undefined;
  if (ctx.unit !== undefined) return ctx.unit;
  return unitName(typeof raw.name === 'string' ? raw.name : DEFAULT_UNIT_NAME, { version: ctx.version, mode: ctx.mode, rollout: String(ctx.data.name ?? '') });
}

export function resolveReleaseUnits(ctx: ReleaseUnitContext): ReleaseUnitPlan | undefined {
  const { source, data, problems } = ctx;
  const raw = asRecord(data.releaseUnits);
  const traffic = asRecord(data.traffic);
  const teardown = asRecord(data.teardown);
  if (!raw) {
    if (traffic) problems.push(source.problem(['traffic'], 'traffic steps need releaseUnits', 'add releaseUnits: { components: [...] }, or remove traffic', true));
    if (teardown) problems.push(source.problem(['teardown'], 'teardown needs releaseUnits', 'add releaseUnits, or remove teardown', true));
    return undefined;
  }
  if (!traffic) {
    problems.push(source.problem(['releaseUnits'], 'release units need a traffic section: the global component that moves users between units', 'add traffic: { component: frontdoor, steps: [{ weight: 10 }, { weight: 100 }] }', true));
    return undefined;
  }
  const components = asRecord(data.components) ?? {};
  const unitComponents = asArray(raw.components).filter((c): c is string => typeof c === 'string');
  for (const [i, name] of unitComponents.entries()) {
    const c = asRecord(components[name]);
    const at: PathKey[] = ['releaseUnits', 'components', i];
    if (!c) {
      problems.push(source.problem(at, `component "${name}" is not defined under components`, `use one of: ${Object.keys(components).join(', ')}`));
      continue;
    }
    if (c.perRegion !== true) problems.push(source.problem(at, `component "${name}" is global; a release unit holds per-region stamps`, `set components.${name}.perRegion: true, or leave it out of the unit`));
    else if (typeof c.resourceGroup !== 'string' || !c.resourceGroup.includes('{unit}')) {
      problems.push(source.problem(['components', name, c.resourceGroup === undefined ? 'perRegion' : 'resourceGroup'], `the resource group of unit component "${name}" must hold {unit}, so that each unit's stamps live apart`, `e.g. resourceGroup: "contoso-{unit}-{region.short}"`));
    }
  }
  for (const [name, c] of Object.entries(components)) {
    const rg = asRecord(c)?.resourceGroup;
    if (!unitComponents.includes(name) && typeof rg === 'string' && rg.includes('{unit}')) {
      problems.push(source.problem(['components', name, 'resourceGroup'], `component "${name}" is not in releaseUnits.components but its resource group holds {unit}`, 'add it to releaseUnits.components, or name a shared resource group'));
    }
  }
  const trafficName = typeof traffic.component === 'string' ? traffic.component : '';
  const trafficComponent = asRecord(components[trafficName]);
  if (!trafficComponent) {
    problems.push(source.problem(['traffic', 'component'], `component "${trafficName}" is not defined under components`, `use one of: ${Object.keys(components).join(', ')}`));
  } else if (trafficComponent.perRegion === true || unitComponents.includes(trafficName)) {
    problems.push(source.problem(['traffic', 'component'], `the traffic component "${trafficName}" must be global and shared by all units`, `remove perRegion from components.${trafficName} and keep it out of releaseUnits.components`));
  }

  const overlay = asRecord(ctx.overlay?.traffic);
  const ms = (v: unknown, fallback: number): number => (v === undefined ? fallback : parseDuration(String(v)) ?? fallback);
  const bakeCap = overlay?.bake === undefined ? Infinity : ms(overlay.bake, Infinity);
  const steps = asArray(traffic.steps).flatMap((s) => {
    const step = asRecord(s);
    if (!step || typeof step.weight !== 'number') return [];
    return [{ weight: step.weight, bakeMs: Math.min(ms(step.bake, 0), bakeCap), environment: typeof step.environment === 'string' ? step.environment : undefined }];
  });
  for (let i = 1; i < steps.length; i++) {
    if (steps[i].weight <= steps[i - 1].weight) problems.push(source.problem(['traffic', 'steps', i, 'weight'], `weight ${steps[i].weight} does not grow from the step before (${steps[i - 1].weight})`, 'weights climb, e.g. 10, 50, 100'));
  }
  if (steps.length > 0 && steps[steps.length - 1].weight !== 100) {
    problems.push(source.problem(['traffic', 'steps', steps.length - 1, 'weight'], `the last step sends ${steps[steps.length - 1].weight}% to the new unit; it must end at 100`, 'add a step { weight: 100 }'));
  }
  const checks = (list: unknown, path: PathKey[]): MetricCheck[] => asArray(list).flatMap((c, i) => metricCheck(ctx, asRecord(c), [...path, i]));
  const strategy = ctx.overlay?.strategy === 'inPlace' ? 'inPlace' : 'releaseUnit';
  return {
    strategy,
    unit: unitOf(ctx)!,
    components: unitComponents,
    onAbort: raw.onAbort === 'remove' ? 'remove' : 'keep',
    traffic: {
      component: trafficName,
      parameter: typeof traffic.parameter === 'string' ? traffic.parameter : 'origins',
      hostOutput: typeof traffic.hostOutput === 'string' ? traffic.hostOutput : 'hostName',
      intervalMs: ms(overlay?.interval ?? traffic.interval, 60_000),
      steps,
      health: checks(traffic.health, ['traffic', 'health']),
    },
    teardown: {
      environment: typeof teardown?.environment === 'string' ? teardown.environment : undefined,
      checks: teardown?.checks === undefined ? metricCheck(ctx, DEFAULT_TEARDOWN_CHECK, ['teardown']) : checks(teardown.checks, ['teardown', 'checks']),
    },
  };
}

/** A component health's metric condition, checked like the traffic checks. */
export function stampMetric(ctx: { source: SpecSource; problems: SpecProblem[] }, raw: RawMetricCheck, path: PathKey[]): MetricCheck {
  return metricCheck(ctx, raw as Record<string, unknown>, path)[0] ?? { metric: 'errorRatio', maxErrorRatio: 0.01, windowMs: 300_000, minRequests: 10 };
}

function metricCheck(ctx: { source: SpecSource; problems: SpecProblem[] }, raw: Record<string, unknown> | undefined, path: PathKey[]): MetricCheck[] {
  if (!raw || (raw.metric !== 'errorRatio' && raw.metric !== 'noTraffic')) return [];
  const windowMs = raw.window === undefined ? 300_000 : parseDuration(String(raw.window)) ?? 300_000;
  if (windowMs <= 0) ctx.problems.push(ctx.source.problem([...path, 'window'], 'a metric window must be longer than 0'));
  const below = raw.below === undefined ? 1 : typeof raw.below === 'number' ? raw.below : Number(String(raw.below).replace('%', ''));
  if (raw.metric === 'noTraffic' && (raw.below !== undefined || raw.minRequests !== undefined)) {
    ctx.problems.push(ctx.source.problem(path, 'noTraffic takes only a window', 'remove below and minRequests', true));
  }
  return [{ metric: raw.metric, maxErrorRatio: below / 100, windowMs, minRequests: typeof raw.minRequests === 'number' ? raw.minRequests : raw.metric === 'errorRatio' ? 10 : 0 }];
}
