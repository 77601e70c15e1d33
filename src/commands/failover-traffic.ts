/**
 * The Traffic port as the spec's traffic component redeployed with new priorities (as AlwaysOn redeploys its Front
 * Door with new weights): the component's template takes `{ target: priority }` in the parameter the failover section
 * names, and maps it onto Front Door origins or Traffic Manager endpoints itself.
 */
import type { Deployer } from '../engine/ports.js';
import type { Traffic, TrafficSwitch } from '../engine/failover/ports.js';
import { planRollout } from '../plan/planner.js';
import { DEPLOYMENT_TAGS } from '../plan/types.js';
import type { LoadedSpec } from '../spec/types.js';
import type { Clock } from '../time/clock.js';

export class RedeployTraffic implements Traffic {
  private readonly spec: LoadedSpec;
  private readonly deployer: (spec: LoadedSpec) => Deployer;
  private readonly clock: Clock;

  constructor(spec: LoadedSpec, deployer: (spec: LoadedSpec) => Deployer, clock: Clock) {
    if (!spec.failover) throw new Error('the spec has no failover section');
    this.spec = spec;
    this.deployer = deployer;
    this.clock = clock;
  }

  async route(change: TrafficSwitch, signal: AbortSignal): Promise<{ detail: string }> {
    const { component, parameter } = this.spec.failover!.traffic;
    const stamp = this.spec.stamps.find((s) => s.component === component)!;
    const key = Object.keys(stamp.parameters).find((k) => k.toLowerCase() === parameter.toLowerCase()) ?? parameter;
    const routed: LoadedSpec = {
      ...this.spec,
      stamps: this.spec.stamps.map((s) => (s === stamp ? { ...s, parameters: { ...s.parameters, [key]: { value: change.priorities, secure: false, source: 'failover' } } } : s)),
    };
    const plan = planRollout(routed);
    const stage = plan.stages.find((s) => s.stamps.some((p) => p.id === stamp.id))!;
    const planned = stage.stamps.find((p) => p.id === stamp.id)!;
    // The spec's own content hash, not this deployment's: a later onChange rollout then sees the traffic component as
    // unchanged and leaves the failover's routing alone instead of putting traffic back on the spec's priorities.
    const specHash = planRollout(this.spec).stages.flatMap((s) => s.stamps).find((p) => p.id === stamp.id)!.contentHash;
    // One name per switch (the time it was made): the deployer adopts an earlier deployment of the same name and content,
    // which would leave traffic where a later switch moved it.
    const at = new Date(this.clock.now()).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const deploymentName = `${this.spec.name}-${component}-failover-${change.active}`.replace(/[^-\w.()]/g, '-').slice(0, 47) + `-${at}`;
    const deployment = await this.deployer(routed).deploy(
      {
        stamp: { ...planned, deploymentName },
        stage,
        rollout: plan.rollout,
        tags: {
          [DEPLOYMENT_TAGS.rolloutId]: plan.rollout.id,
          [DEPLOYMENT_TAGS.version]: plan.rollout.version,
          [DEPLOYMENT_TAGS.stage]: stage.name,
          [DEPLOYMENT_TAGS.stamp]: stamp.id,
          [DEPLOYMENT_TAGS.contentHash]: specHash,
          [DEPLOYMENT_TAGS.specHash]: plan.rollout.specHash,
          'failover-active-target': change.active,
        },
      },
      signal,
    );
    const order = Object.entries(change.priorities)
      .sort((a, b) => a[1] - b[1])
      .map(([name, priority]) => `${name}=${priority}`)
      .join(', ');
    return { detail: `redeployed ${component} as ${deployment.deploymentName} with ${parameter} ${order}${deployment.correlationId ? `, correlation id ${deployment.correlationId}` : ''}` };
  }
}
