import type { TokenCredential } from '@azure/core-auth';
import { CdnManagementClient } from '@azure/arm-cdn';
import type { PlanStamp, Plan } from '../plan/types.js';
import { DEPLOYMENT_TAGS } from '../plan/types.js';
import { ORIGIN_GROUP_OUTPUT } from '../plan/release-units.js';
import type { LoadedSpec } from '../spec/types.js';
import type { Clock } from '../time/clock.js';
import { originName, parseOriginName, type SetWeightsOptions, type Traffic, type TrafficState, type UnitWeight } from '../engine/traffic.js';
import { fromSdkError } from './arm-errors.js';
import { ArmDeployer } from './deployer.js';
import { specCorrelationId, withArmPolicies } from './pipeline.js';

/**
 * The Traffic port on Azure Front Door Standard/Premium, as AlwaysOn does it: the traffic component's own template
 * is redeployed with the origins and their weights as a parameter (an ARM deployment through the ARM deployer), and
 * Front Door is read back through @azure/arm-cdn. The template must output `originGroupId`, the origin group
 * that holds the units' origins. Entries of a unit that leaves are deleted: an Incremental redeploy keeps them.
 */
export interface FrontDoorTrafficOptions {
  credential: TokenCredential;
  endpoint?: string;
  clock: Clock;
  spec: LoadedSpec;
  plan: Plan;
}

/** How often an origin's update or delete is polled when Front Door sends no Retry-After (the SDK poller honours it). */
const ORIGIN_POLL_MS = 2_000;

/** A Front Door origin's weight is 1-1000 and never 0: a unit at 0 % keeps its origins, disabled. */
export function originWeights(weights: UnitWeight[]): Array<{ name: string; hostName: string; httpsPort: number; weight: number; enabledState: 'Enabled' | 'Disabled' }> {
  return weights.flatMap((u) =>
    u.origins.map((o) => {
      const [host, port] = o.hostName.split(':');
      const weight = Math.min(1000, Math.max(1, Math.round((u.weight * 10) / u.origins.length)));
      return { name: originName(u.unit, o.region), hostName: host, httpsPort: port ? Number(port) : 443, weight, enabledState: u.weight > 0 ? ('Enabled' as const) : ('Disabled' as const) };
    }),
  );
}

export class FrontDoorTraffic implements Traffic {
  private readonly options: FrontDoorTrafficOptions;
  private readonly stamp: PlanStamp;
  private originGroupId?: string;
  private client?: CdnManagementClient;

  constructor(options: FrontDoorTrafficOptions) {
    this.options = options;
    const stamp = options.plan.releaseUnits?.traffic.stamp;
    if (!stamp) throw new Error('the plan has no traffic stamp (releaseUnits.traffic.component)');
    this.stamp = stamp;
  }

  /** The Front Door profile whose metrics count the origins' requests. */
  async profileId(signal: AbortSignal): Promise<string | undefined> {
    const group = await this.groupId(signal);
    return group?.slice(0, group.toLowerCase().indexOf('/origingroups/'));
  }

  async current(signal: AbortSignal): Promise<TrafficState> {
    const group = await this.groupId(signal);
    if (!group) return { units: [] };
    const origins = await this.listOrigins(group, signal);
    const units = new Map<string, UnitWeight & { raw: number }>();
    let total = 0;
    for (const o of origins) {
      const parsed = parseOriginName(o.name);
      if (!parsed) continue;
      const enabled = o.enabledState !== 'Disabled';
      const weight = enabled ? o.weight : 0;
      total += weight;
      const unit = units.get(parsed.unit) ?? { unit: parsed.unit, weight: 0, raw: 0, origins: [] };
      unit.raw += weight;
      unit.origins.push({ unit: parsed.unit, region: parsed.region, hostName: o.port === 443 ? o.hostName : `${o.hostName}:${o.port}` });
      units.set(parsed.unit, unit);
    }
    return { units: [...units.values()].map(({ raw, ...u }) => ({ ...u, weight: total === 0 ? 0 : Math.round((100 * raw) / total) })) };
  }

  async setWeights(weights: UnitWeight[], label: string, signal: AbortSignal, options: SetWeightsOptions = {}): Promise<{ deploymentName: string }> {
    const { spec, plan } = this.options;
    const parameter = plan.releaseUnits!.traffic.parameter;
    const origins = originWeights(weights);
    const group = await this.groupId(signal);
    if (options.immediate && group) {
      // Straight to the origins (a PATCH each, seconds), before the redeploy that records the same shares.
      const { rg, profile, originGroup } = parts(group);
      for (const o of origins) {
        await this.options.clock
          .track(this.cdn().afdOrigins.beginUpdateAndWait(rg, profile, originGroup, o.name, { weight: o.weight, enabledState: o.enabledState }, { abortSignal: signal, updateIntervalInMs: ORIGIN_POLL_MS }))
          .catch((error) => {
            throw fromSdkError(error, `updating origin ${o.name}`);
          });
      }
    }
    const withOrigins: LoadedSpec = {
      ...spec,
      stamps: spec.stamps.map((s) => (s.id === this.stamp.id ? { ...s, parameters: { ...s.parameters, [parameter]: { value: origins, secure: false, source: 'traffic step' } } } : s)),
    };
    const deploymentName = `${this.stamp.deploymentName}-${label}`.slice(0, 64);
    const deployer = new ArmDeployer({ credential: this.options.credential, endpoint: this.options.endpoint, clock: this.options.clock, spec: withOrigins });
    const stage = { name: 'traffic', index: plan.stages.length, regions: [], bakeMs: 0, maxParallel: 1, stamps: [] };
    const tags = {
      [DEPLOYMENT_TAGS.rolloutId]: plan.rollout.id,
      [DEPLOYMENT_TAGS.version]: plan.rollout.version,
      [DEPLOYMENT_TAGS.stage]: `traffic-${label}`,
      [DEPLOYMENT_TAGS.stamp]: this.stamp.id,
      [DEPLOYMENT_TAGS.contentHash]: this.stamp.contentHash,
      [DEPLOYMENT_TAGS.specHash]: plan.rollout.specHash,
    };
    const done = await deployer.deploy({ stamp: { ...this.stamp, deploymentName }, stage, rollout: plan.rollout, tags }, signal);
    const deployedGroup = done.outputs[ORIGIN_GROUP_OUTPUT]?.value;
    if (typeof deployedGroup !== 'string') throw new Error(`the traffic component's template must output ${ORIGIN_GROUP_OUTPUT} (the origin group holding the units' origins); ${deploymentName} did not`);
    this.originGroupId = deployedGroup;
    // Incremental deployments keep resources they no longer declare: a unit that left must lose its origins here.
    const keep = new Set(origins.map((o) => o.name.toLowerCase()));
    for (const o of await this.listOrigins(deployedGroup, signal)) {
      if (keep.has(o.name.toLowerCase())) continue;
      const { rg, profile, originGroup } = parts(deployedGroup);
      await this.options.clock.track(this.cdn().afdOrigins.beginDeleteAndWait(rg, profile, originGroup, o.name, { abortSignal: signal, updateIntervalInMs: ORIGIN_POLL_MS })).catch((error) => {
        throw fromSdkError(error, `deleting origin ${o.name}`);
      });
    }
    return { deploymentName };
  }

  private async groupId(signal: AbortSignal): Promise<string | undefined> {
    if (this.originGroupId) return this.originGroupId;
    const deployer = new ArmDeployer({ credential: this.options.credential, endpoint: this.options.endpoint, clock: this.options.clock, spec: this.options.spec });
    const last = await deployer.lastSuccessful(this.stamp, {}, signal);
    const group = last?.outputs?.[ORIGIN_GROUP_OUTPUT]?.value;
    if (typeof group === 'string') this.originGroupId = group;
    return this.originGroupId;
  }

  private async listOrigins(group: string, signal: AbortSignal): Promise<Array<{ name: string; hostName: string; port: number; weight: number; enabledState?: string }>> {
    const { rg, profile, originGroup } = parts(group);
    const out: Array<{ name: string; hostName: string; port: number; weight: number; enabledState?: string }> = [];
    const list = async (): Promise<void> => {
      for await (const o of this.cdn().afdOrigins.listByOriginGroup(rg, profile, originGroup, { abortSignal: signal })) {
        out.push({ name: o.name!, hostName: o.hostName ?? '', port: o.httpsPort ?? 443, weight: o.weight ?? 50, enabledState: o.enabledState });
      }
    };
    await this.options.clock.track(list()).catch((error) => {
      throw fromSdkError(error, `listing the origins of ${originGroup}`);
    });
    return out;
  }

  /** One client, with the rollout's correlation id and ARM connections on every request, as the deployer's. */
  private cdn(): CdnManagementClient {
    const { credential, endpoint, spec } = this.options;
    return (this.client ??= withArmPolicies(new CdnManagementClient(credential, this.stamp.subscription, { endpoint }), credential, specCorrelationId(spec)));
  }
}

function parts(groupId: string): { rg: string; profile: string; originGroup: string } {
  const s = groupId.split('/');
  const at = (name: string): string => s[s.findIndex((x) => x.toLowerCase() === name) + 1];
  return { rg: at('resourcegroups'), profile: at('profiles'), originGroup: at('origingroups') };
}
