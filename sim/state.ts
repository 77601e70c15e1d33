import type { ArmErrorDetail } from './errors.js';
import type { Scope } from './ids.js';
import type { ResolvedParameter, TemplatePlan } from './template/evaluate.js';

export type ProvisioningState = 'Accepted' | 'Running' | 'Succeeded' | 'Failed' | 'Canceled';

export interface ResourceGroupRec {
  subscription: string;
  name: string;
  location: string;
  tags?: Record<string, string>;
  managedBy?: string;
  provisioningState: 'Succeeded' | 'Deleting';
}

export interface ResourceRec {
  id: string;
  type: string;
  name: string;
  apiVersion: string;
  location?: string;
  tags?: Record<string, string>;
  properties: Record<string, unknown>;
  /** sku, kind, identity, plan, zones, managedBy as last deployed (and completed by the provider). */
  topLevel?: Record<string, unknown>;
  subscription?: string;
  resourceGroup?: string;
  /** Scope key of the deployment that last wrote it. */
  scopeKey: string;
  deploymentName: string;
}

export interface DeploymentOperationRec {
  operationId: string;
  provisioningOperation: 'Create' | 'Read' | 'EvaluateDeploymentOutput';
  provisioningState: string;
  timestamp: number;
  durationMs: number;
  statusCode: string;
  statusMessage?: { status: string; error: ArmErrorDetail };
  targetResource?: { id: string; resourceType: string; resourceName: string; apiVersion: string };
}

export interface DeploymentRec {
  scope: Scope;
  name: string;
  id: string;
  location?: string;
  tags?: Record<string, string>;
  mode: 'Incremental' | 'Complete';
  template: Record<string, unknown>;
  templateLink?: Record<string, unknown>;
  onErrorDeployment?: Record<string, unknown>;
  debugSetting?: Record<string, unknown>;
  parameters: Record<string, ResolvedParameter>;
  plan: TemplatePlan;
  state: ProvisioningState;
  correlationId: string;
  startedAt: number;
  timestamp: number;
  endedAt?: number;
  outputs?: Record<string, { type: string; value?: unknown }>;
  outputResources: string[];
  error?: ArmErrorDetail;
  operations: DeploymentOperationRec[];
  asyncOperationId: string;
  abort: AbortController;
  /** For fault matching: rollout-version tag, else the version of the first stamp app in the template. */
  version?: string;
  regions: string[];
  /** The PUT body as received: `sim --state` evaluates a running deployment's plan again from it after a restart. */
  requestBody?: unknown;
}

export const isActive = (d: DeploymentRec): boolean => d.state === 'Accepted' || d.state === 'Running';

/** Everything the simulated ARM knows. Keys are lower-cased: ARM names are case-insensitive. */
export class SimState {
  readonly resourceGroups = new Map<string, ResourceGroupRec>();
  readonly resources = new Map<string, ResourceRec>();
  /** scope key -> lower-cased name -> deployment, in creation order (Map keeps insertion order). */
  readonly deployments = new Map<string, Map<string, DeploymentRec>>();

  deploymentsIn(scopeKey: string): Map<string, DeploymentRec> {
    let m = this.deployments.get(scopeKey);
    if (!m) {
      m = new Map();
      this.deployments.set(scopeKey, m);
    }
    return m;
  }

  resourcesIn(scopePrefix: string): ResourceRec[] {
    const p = `${scopePrefix.toLowerCase()}/providers/`;
    return [...this.resources.values()].filter((r) => r.id.toLowerCase().startsWith(p));
  }
}
