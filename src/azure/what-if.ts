import type { TokenCredential } from '@azure/core-auth';
import { DeploymentsClient, type Deployment as ArmDeployment, type WhatIfChange } from '@azure/arm-resourcesdeployments';
import type { Outputs } from '../engine/ports.js';
import type { PlanStamp } from '../plan/types.js';
import type { StampWhatIf, WhatIfChangeType, WhatIfPropertyDiff } from '../plan/what-if.js';
import type { LoadedSpec, ResolvedStamp } from '../spec/types.js';
import type { Clock } from '../time/clock.js';
import { fromSdkError } from './arm-errors.js';
import { armParameters } from './deployer.js';
import { stackName, stackWhatIfNote } from './stack-deployment.js';
import { deploymentLocation, scopedDeployments } from './deployment-scope.js';
import { specCorrelationId, withArmPolicies } from './pipeline.js';

export interface ArmWhatIfOptions {
  credential: TokenCredential;
  endpoint?: string;
  clock: Clock;
  spec: LoadedSpec;
  /** The latest outputs of a stamp (for `{outputs...}` parameters); undefined when it was never deployed. */
  outputsOf: (stamp: PlanStamp) => Promise<Outputs | undefined>;
  /** Every stamp of the plan by id, including those this run does not deploy. */
  stamps: Map<string, PlanStamp>;
}

const REDACTED = '[redacted]';

/**
 * ARM what-if for one stamp, on the real SDK: what its deployment would create, modify, delete or leave. Parameters
 * from outputs of stamps not deployed yet are shown as a marker (ARM then predicts with that text). Secure values
 * (the spec's secure parameters) are replaced in everything returned.
 */
export class ArmWhatIf {
  private readonly options: ArmWhatIfOptions;
  private readonly resolved: Map<string, ResolvedStamp>;
  private readonly clients = new Map<string, DeploymentsClient['deployments']>();

  constructor(options: ArmWhatIfOptions) {
    this.options = options;
    this.resolved = new Map(options.spec.stamps.map((s) => [s.id, s]));
  }

  async whatIf(stamp: PlanStamp, stage: string, signal: AbortSignal): Promise<StampWhatIf> {
    const resolved = this.resolved.get(stamp.id);
    if (!resolved) throw new Error(`stamp ${stamp.id} is not in the loaded spec`);
    const base = { stamp: stamp.id, stage, deploymentName: stamp.deploymentName };
    const body: ArmDeployment = {
      location: deploymentLocation(stamp),
      properties: { mode: 'Incremental', template: resolved.template.content, parameters: armParameters(resolved, await this.inputs(stamp), stamp.outputsFrom) },
    };
    const client = this.client(stamp.subscription);
    try {
      const poller = scopedDeployments(client, stamp).whatIf(stamp.deploymentName, body, { abortSignal: signal, updateIntervalInMs: 1_000 });
      const result = await this.options.clock.track(poller.pollUntilDone());
      if (result.error) return { ...base, changes: [], error: { code: result.error.code ?? 'WhatIfFailed', message: this.redact(result.error.message ?? 'what-if failed') as string } };
      return { ...base, changes: (result.changes ?? []).map((c) => this.change(c)), ...(resolved.stack ? { note: stackWhatIfNote(stackName(this.options.spec.name, stamp), resolved.stack) } : {}) };
    } catch (error) {
      const failure = fromSdkError(error, `what-if of ${stamp.deploymentName}`);
      // A resource group that does not exist yet: everything in the template would be created.
      if (failure.code === 'ResourceGroupNotFound' && stamp.scope === 'resourceGroup') {
        return { ...base, changes: [{ resourceId: `/subscriptions/${stamp.subscription}/resourceGroups/${stamp.resourceGroup}`, changeType: 'Create' }], note: `resource group ${stamp.resourceGroup} does not exist yet: it is created, and everything in the template with it` };
      }
      return { ...base, changes: [], error: { code: failure.code, message: this.redact(failure.message) as string, correlationId: failure.correlationId } };
    }
  }

  private change(c: WhatIfChange): StampWhatIf['changes'][number] {
    // A property that holds a secret now held the old secret before (a rotation): its old value is hidden whole.
    const delta = c.delta?.length
      ? flattenDelta(c.delta as never, '').map((d) => {
          const after = this.redact(d.after);
          const secret = JSON.stringify(after) !== JSON.stringify(d.after);
          return { ...d, ...(d.before !== undefined ? { before: secret ? REDACTED : this.redact(d.before) } : {}), ...(d.after !== undefined ? { after } : {}) };
        })
      : undefined;
    return { resourceId: c.resourceId ?? '', changeType: c.changeType as WhatIfChangeType, ...(delta ? { delta } : {}) };
  }

  /** Outputs feeding this stamp; a stamp not deployed yet gives "(known after STAMP deploys)" for each output. */
  private async inputs(stamp: PlanStamp): Promise<Record<string, Outputs> | undefined> {
    if (!stamp.outputsFrom?.length) return undefined;
    const inputs: Record<string, Outputs> = {};
    for (const id of stamp.outputsFrom) {
      const source = this.options.stamps.get(id);
      const known = source ? await this.options.outputsOf(source) : undefined;
      const declared = Object.keys((this.resolved.get(id)?.template.content.outputs ?? {}) as object);
      inputs[id] = known ?? Object.fromEntries(declared.map((name) => [name, { type: 'String', value: `(known after ${id} deploys)` }]));
    }
    return inputs;
  }

  private redact(value: unknown): unknown {
    const secrets = this.options.spec.secrets;
    if (secrets.length === 0) return value;
    const text = (s: string): string => secrets.reduce((acc, secret) => (secret ? acc.split(secret).join(REDACTED) : acc), s);
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return text(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
      return v;
    };
    return walk(value);
  }

  private client(subscription: string): DeploymentsClient['deployments'] {
    let client = this.clients.get(subscription);
    if (!client) {
      const bare = new DeploymentsClient(this.options.credential, subscription, { ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}), retryOptions: { maxRetries: 2 } });
      client = withArmPolicies(bare, this.options.credential, specCorrelationId(this.options.spec)).deployments;
      this.clients.set(subscription, client);
    }
    return client;
  }
}

/**
 * ARM nests property changes (`children`): an object's with paths relative to it, an `Array` change's by element
 * index ("0", "1"). Flattened here to one line per leaf path, indices in brackets: `appSettings[0].value`.
 */
function flattenDelta(changes: Array<{ path: string; propertyChangeType: string; before?: unknown; after?: unknown; children?: unknown[] }>, prefix: string, elements = false): WhatIfPropertyDiff[] {
  const out: WhatIfPropertyDiff[] = [];
  for (const c of changes) {
    const path = elements ? `${prefix}[${c.path}]` : prefix ? `${prefix}.${c.path}` : c.path;
    if (c.children?.length) out.push(...flattenDelta(c.children as never, path, c.propertyChangeType === 'Array'));
    else out.push({ path, change: c.propertyChangeType, ...(c.before !== undefined ? { before: c.before } : {}), ...(c.after !== undefined ? { after: c.after } : {}) });
  }
  return out;
}
