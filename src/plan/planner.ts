import type { LoadedSpec, ResolvedStamp } from '../spec/types.js';
import { canonicalJson, sha256 } from './hash.js';
import { deploymentName } from './names.js';
import { dependencyOrder } from './order.js';
import type { ObservedState, Plan, PlannedParameter, PlanStamp, StampDecision } from './types.js';

/**
 * Spec + observed state -> plan. Pure: the same inputs give a byte-identical plan. `observed` undefined means the
 * planner could not look at Azure (an offline plan); a stamp missing from it was never deployed.
 */
export function planRollout(spec: LoadedSpec, observed?: ObservedState): Plan {
  const rolloutId = `${spec.name}@${spec.version}`;
  const stamps = spec.stamps.map((s) => planStamp(spec, s, rolloutId, observed));
  // Release units: the traffic stamp is deployed by the controller at each weight step, not by a stage.
  const trafficComponent = spec.releaseUnits?.traffic.component;
  const inStages = (s: PlanStamp): boolean => s.component !== trafficComponent;
  const plan: Plan = {
    formatVersion: 1,
    rollout: { id: rolloutId, name: spec.name, version: spec.version, mode: spec.mode, specHash: spec.specHash, specFile: spec.file },
    rollback: { scope: spec.rollback.scope, deleteNew: spec.rollback.deleteNew },
    stages: spec.stages.map((stage, index) => ({
      name: stage.name,
      index,
      environment: stage.environment,
      ...(stage.environmentUrl ? { environmentUrl: stage.environmentUrl } : {}),
      regions: stage.regions,
      bakeMs: stage.bakeMs,
      maxParallel: stage.maxParallel,
      stamps: dependencyOrder(stamps.filter((s, i) => spec.stamps[i].stage === stage.name && inStages(s))).map((s) => ({ ...s, requires: s.requires.filter((r) => r !== trafficComponent) })),
    })),
  };
  if (spec.releaseUnits) {
    plan.releaseUnits = { ...spec.releaseUnits, traffic: { ...spec.releaseUnits.traffic, stamp: stamps.find((s) => !inStages(s)) } };
  }
  return plan;
}

function planStamp(spec: LoadedSpec, s: ResolvedStamp, rolloutId: string, observed: ObservedState | undefined): PlanStamp {
  const parameters = Object.fromEntries(Object.keys(s.parameters).sort().map((name) => [name, shownParameter(s.parameters[name])]));
  const contentHash = sha256(
    canonicalJson({
      scope: s.scope,
      subscription: s.subscription,
      resourceGroup: s.resourceGroup ?? null,
      ...(s.managementGroup !== undefined ? { managementGroup: s.managementGroup } : {}),
      location: s.location,
      template: s.template.content,
      // Secure values enter the hash by their source, never by value: the hash is stored in ARM tags.
      parameters,
      // Which stamps feed the `{outputs...}` placeholders: a new region feeding the Front Door is a change of content.
      ...(s.outputsFrom ? { outputsFrom: s.outputsFrom } : {}),
    }),
  );
  return {
    id: s.id,
    component: s.component,
    region: s.region,
    global: s.global,
    scope: s.scope,
    subscription: s.subscription,
    resourceGroup: s.resourceGroup,
    ...(s.managementGroup !== undefined ? { managementGroup: s.managementGroup } : {}),
    location: s.location,
    deploymentName: s.deploymentName ?? deploymentName(spec.name, s.component, s.region, spec.version),
    template: s.template.path,
    parametersFile: s.parametersFile,
    parameters,
    requires: s.requires,
    ...(s.outputsFrom ? { outputsFrom: s.outputsFrom } : {}),
    contentHash,
    policy: s.policy,
    decision: decide(s, contentHash, rolloutId, observed),
    health: s.health,
  };
}

function shownParameter(p: ResolvedStamp['parameters'][string]): PlannedParameter {
  if (p.reference !== undefined) return { reference: p.reference };
  if (p.secure) return { secure: true, source: p.source };
  return { value: p.value };
}

function decide(s: ResolvedStamp, hash: string, rolloutId: string, observed: ObservedState | undefined): StampDecision {
  if (s.policy === 'never') return { action: 'skip', reason: 'never', detail: 'deploy: never' };
  if (observed === undefined) {
    if (s.policy === 'always') return { action: 'deploy', reason: 'always', detail: 'deploy: always' };
    return { action: 'deploy', reason: 'state-unknown', detail: 'Azure not consulted (offline plan): deploys unless found unchanged' };
  }
  const last = observed[s.id];
  if (last && last.rolloutId === rolloutId && last.contentHash === hash) {
    return { action: 'skip', reason: 'already-deployed-by-this-rollout', detail: `already deployed by this rollout (${last.deploymentName})` };
  }
  if (s.policy === 'always') return { action: 'deploy', reason: 'always', detail: 'deploy: always' };
  if (!last) return { action: 'deploy', reason: 'not-deployed', detail: 'no successful deployment yet' };
  if (last.contentHash === hash) {
    return { action: 'skip', reason: 'unchanged', detail: `template and parameters unchanged since ${last.deploymentName}${last.version ? ` (version ${last.version})` : ''}` };
  }
  return { action: 'deploy', reason: 'changed', detail: `template or parameters changed since ${last.deploymentName}` };
}
