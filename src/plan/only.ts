import type { ObservedState, Plan, PlanStamp, StampDecision } from './types.js';

/**
 * `deploy --only COMPONENT[@REGION]`: the plan cut down to the requested stamps and, first, every stamp they require
 * (transitively) that has no successful deployment of its current content. The rest is left out, and the plan says
 * for each stamp considered why it is in or out. Pure: spec, observed state and selector in, plan out.
 */
export interface OnlySelection {
  selector: string;
  /** Every stamp considered: the requested ones and all their prerequisites, in deployment order. */
  stamps: Array<{ id: string; included: boolean; role: 'requested' | 'prerequisite'; why: string }>;
  /** Prerequisites left out: still read for their outputs (`{outputs.cluster.id}`) when a selected stamp takes them. */
  outside: PlanStamp[];
}

export class OnlySelectorError extends Error {}

export function selectOnly(plan: Plan, selector: string, observed: ObservedState | undefined): Plan & { only: OnlySelection } {
  const all = plan.stages.flatMap((s) => s.stamps);
  const byId = new Map(all.map((s) => [s.id, s]));
  const [component, region] = selector.split('@');
  const requested = all.filter((s) => s.component === component && (region === undefined || s.region === region || s.id === selector));
  if (requested.length === 0) {
    const components = [...new Set(all.map((s) => s.component))];
    const known = components.includes(component) ? all.filter((s) => s.component === component).map((s) => s.id) : components;
    throw new OnlySelectorError(`--only ${selector} matches no stamp of the plan; ${components.includes(component) ? `stamps of ${component}` : 'components'}: ${known.join(', ')}`);
  }
  const decisions = new Map<string, { included: boolean; role: 'requested' | 'prerequisite'; why: string; decision: StampDecision }>();
  for (const s of requested) {
    const why = s.policy === 'never' ? 'requested, but its deploy policy is never' : `requested with --only ${selector}`;
    decisions.set(s.id, { included: s.policy !== 'never', role: 'requested', why, decision: s.policy === 'never' ? s.decision : { action: 'deploy', reason: 'requested', detail: why } });
  }
  const visit = (stamp: PlanStamp, path: string): void => {
    for (const id of stamp.requires) {
      if (decisions.has(id)) continue;
      const req = byId.get(id);
      if (!req) continue;
      const last = observed?.[id];
      const current = last !== undefined && last.contentHash === req.contentHash;
      const via = `${path} requires ${id}`;
      const why = observed === undefined
        ? `${via}; Azure not consulted, so deployed to be sure`
        : current
          ? `${via}; its current content is deployed already (${last!.deploymentName})`
          : last
            ? `${via}; its content changed since ${last.deploymentName}`
            : `${via}; it has no successful deployment yet`;
      const included = !current && req.policy !== 'never';
      decisions.set(id, { included, role: 'prerequisite', why: req.policy === 'never' && !current ? `${why}, but its deploy policy is never` : why, decision: included ? { action: 'deploy', reason: 'prerequisite', detail: why } : req.decision });
      visit(req, id);
    }
  };
  for (const s of requested) visit(s, s.id);

  const stages = plan.stages
    .map((stage) => ({
      ...stage,
      stamps: stage.stamps.filter((s) => decisions.get(s.id)?.included).map((s) => ({ ...s, decision: decisions.get(s.id)!.decision })),
    }))
    .filter((stage) => stage.stamps.length > 0)
    .map((stage, index) => ({ ...stage, index }));
  const order = all.map((s) => s.id).filter((id) => decisions.has(id));
  return {
    ...plan,
    stages,
    only: {
      selector,
      stamps: order.map((id) => ({ id, included: decisions.get(id)!.included, role: decisions.get(id)!.role, why: decisions.get(id)!.why })),
      outside: order.filter((id) => !decisions.get(id)!.included).map((id) => byId.get(id)!),
    },
  };
}

export function onlyText(only: OnlySelection): string {
  const lines = [`--only ${only.selector}:`];
  for (const s of only.stamps) lines.push(`  ${s.included ? 'deploy' : 'leave '} ${s.id} (${s.role}): ${s.why}`);
  return lines.join('\n');
}
