import { didYouMean, type SpecProblem } from './problems.js';
import type { SpecSource } from './source.js';

/**
 * Rules between fields: stages and regions, `requires`, global placement, mode overlays. They read the raw data
 * defensively, so they run even when the schema found other mistakes and every problem is reported in one pass.
 */
export function checkStructure(source: SpecSource): SpecProblem[] {
  const data = asRecord(source.data);
  if (!data) return [];
  return [...checkStages(source, data), ...checkComponents(source, data), ...checkModes(source, data)];
}

function checkStages(source: SpecSource, data: Record<string, unknown>): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const regions = Object.keys(asRecord(data.regions) ?? {});
  const placed = new Map<string, string>();
  const names = new Set<string>();
  asArray(data.stages).forEach((raw, i) => {
    const stage = asRecord(raw);
    if (!stage) return;
    const name = typeof stage.name === 'string' ? stage.name : `#${i + 1}`;
    if (names.has(name)) problems.push(source.problem(['stages', i, 'name'], `stage name "${name}" is used twice`, 'stage names must be unique'));
    names.add(name);
    asArray(stage.regions).forEach((region, j) => {
      if (typeof region !== 'string') return;
      const path = ['stages', i, 'regions', j];
      if (asRecord(data.regions) && !regions.includes(region)) {
        problems.push(source.problem(path, `region "${region}" is not defined under regions`, didYouMean(region, regions) ?? `add it to regions, or use one of: ${regions.join(', ')}`));
      } else if (placed.has(region)) {
        problems.push(source.problem(path, `region "${region}" is already in stage "${placed.get(region)}"`, 'each region belongs to exactly one stage'));
      } else {
        placed.set(region, name);
      }
    });
  });
  if (asArray(data.stages).length > 0) {
    for (const region of regions) {
      if (!placed.has(region)) problems.push(source.problem(['regions', region], `region "${region}" is in no stage`, 'add it to a stage, or remove it from regions', true));
    }
  }
  return problems;
}

function checkComponents(source: SpecSource, data: Record<string, unknown>): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const components = asRecord(data.components) ?? {};
  const names = Object.keys(components);
  const stageNames = asArray(data.stages).map((s) => asRecord(s)?.name).filter((n): n is string => typeof n === 'string');
  const graph = new Map<string, string[]>();
  for (const name of names) {
    const component = asRecord(components[name]);
    if (!component) continue;
    const perRegion = component.perRegion === true;
    const requires: string[] = [];
    asArray(component.requires).forEach((req, i) => {
      if (typeof req !== 'string') return;
      const path = ['components', name, 'requires', i];
      if (req === name) problems.push(source.problem(path, `component "${name}" requires itself`, 'remove it from its own requires'));
      else if (!names.includes(req)) problems.push(source.problem(path, `requires unknown component "${req}"`, didYouMean(req, names) ?? `known components: ${names.join(', ')}`));
      // A global component may require a per-region one: it then deploys after every region's stamp (stamps.ts).
      else requires.push(req);
    });
    graph.set(name, requires);
    const scope = component.scope ?? 'resourceGroup'; // an unknown scope is the schema's to report, and matches neither below
    if (scope === 'resourceGroup' && component.resourceGroup === undefined) {
      problems.push(source.problem(['components', name], `component "${name}" deploys at resourceGroup scope but names no resourceGroup`, 'add resourceGroup: NAME, or scope: subscription', true));
    }
    if (scope === 'subscription' && component.resourceGroup !== undefined) {
      problems.push(source.problem(['components', name, 'resourceGroup'], 'a subscription-scope deployment has no resource group', 'remove resourceGroup, or use scope: resourceGroup', true));
    }
    problems.push(...scopeProblems(source, name, scope, component));
    // A perRegion the schema refused (`perRegion: yes`) is reported there; "global without location" would restate it.
    if (!perRegion && component.location === undefined && (component.perRegion === undefined || component.perRegion === false)) {
      problems.push(source.problem(['components', name], `global component "${name}" needs a location`, 'add location: eastus (the region ARM stores the deployment in)', true));
    }
    if (perRegion && component.stage !== undefined) {
      problems.push(source.problem(['components', name, 'stage'], 'a per-region component is deployed in every stage; stage is for global components', 'remove stage, or remove perRegion: true', true));
    } else if (typeof component.stage === 'string' && !stageNames.includes(component.stage)) {
      problems.push(source.problem(['components', name, 'stage'], `unknown stage "${component.stage}"`, didYouMean(component.stage, stageNames) ?? `stages: ${stageNames.join(', ')}`));
    }
    const health = asRecord(component.health);
    if (health && [health.url, health.command, health.metric].filter((v) => v !== undefined).length !== 1) {
      problems.push(source.problem(['components', name, 'health'], 'a health check needs exactly one of url, command or metric', 'give url: https://HOST/healthz, command: [ARGV...] or metric: {...}, and only one of them', true));
    }
  }
  for (const cycle of findCycles(graph)) {
    problems.push(source.problem(['components', cycle[0], 'requires'], `requires forms a cycle: ${cycle.join(' -> ')}`, 'remove one of these requires', true));
  }
  return problems;
}

/** Management-group and tenant scope: a management group id exactly where one is deployed to, no resource group. */
function scopeProblems(source: SpecSource, name: string, scope: unknown, component: Record<string, unknown>): SpecProblem[] {
  const problems: SpecProblem[] = [];
  if ((scope === 'managementGroup' || scope === 'tenant') && component.resourceGroup !== undefined) {
    problems.push(source.problem(['components', name, 'resourceGroup'], `a ${scope}-scope deployment has no resource group`, 'remove resourceGroup, or use scope: resourceGroup', true));
  }
  if (scope === 'managementGroup' && component.managementGroup === undefined) {
    problems.push(source.problem(['components', name], `component "${name}" deploys at managementGroup scope but names no managementGroup`, 'add managementGroup: ID, the management group to deploy to, e.g. managementGroup: contoso-platform', true));
  }
  if (scope !== 'managementGroup' && component.managementGroup !== undefined) {
    problems.push(source.problem(['components', name, 'managementGroup'], 'only a managementGroup-scope deployment names a management group', 'remove managementGroup, or use scope: managementGroup', true));
  }
  return problems;
}

function checkModes(source: SpecSource, data: Record<string, unknown>): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const stageNames = asArray(data.stages).map((s) => asRecord(s)?.name).filter((n): n is string => typeof n === 'string');
  for (const [mode, raw] of Object.entries(asRecord(data.modes) ?? {})) {
    for (const stage of Object.keys(asRecord(asRecord(raw)?.stages) ?? {})) {
      if (!stageNames.includes(stage)) {
        problems.push(source.problem(['modes', mode, 'stages', stage], `mode "${mode}" overrides unknown stage "${stage}"`, didYouMean(stage, stageNames) ?? `stages: ${stageNames.join(', ')}`, true));
      }
    }
  }
  return problems;
}

/** Each cycle once, starting from its first node in declaration order, closed: a -> b -> a. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...cycle.slice(0, -1)].sort().join(',');
        if (!seen.has(key)) cycles.push(cycle);
        seen.add(key);
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
