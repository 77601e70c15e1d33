import type { FailoverSpec } from './failover.js';
import type { ReleaseUnitPlan } from '../plan/release-units.js';
import type { DeployPolicy, DeploymentScope, HealthCheck, RollbackScope } from '../plan/types.js';
import type { SpecProblem } from './problems.js';
import type { StackSettings } from './stack-schema.js';

/** The spec after validation, mode overlay and interpolation: what the planner reads. Holds real secure values. */
export interface LoadedSpec {
  file: string;
  /** sha256 of the spec and every file it names. */
  specHash: string;
  name: string;
  mode: string;
  version: string;
  stages: ResolvedStage[];
  /** Stamps in declaration order: components in spec order, regions in stage order. */
  stamps: ResolvedStamp[];
  rollback: { scope: RollbackScope; deleteNew: boolean };
  /** The `failover` section, when the spec has one. */
  failover?: FailoverSpec;
  /** Every secure value the spec resolved (secure parameters, env values in health headers): mask before printing. */
  secrets: string[];
  /** The release-unit strategy (seed 002), when the spec declares releaseUnits. */
  releaseUnits?: ReleaseUnitPlan;
  /** Things that work but are likely not what was meant (a maxParallel above the stage's stamps). */
  warnings: SpecProblem[];
}

export interface ResolvedStage {
  name: string;
  environment?: string;
  /** `{outputs.NAME}` text for the stage's GitHub deployment URL, filled from its stamps' outputs. */
  environmentUrl?: string;
  regions: string[];
  bakeMs: number;
  maxParallel: number;
}

export interface ResolvedParameter {
  /** Absent for Key Vault references. */
  value?: unknown;
  reference?: unknown;
  secure: boolean;
  /** Where the value came from, shown instead of a secure value: `spec`, `parameters file`, or the raw `{env.X}` text. */
  source: string;
}

export interface ResolvedStamp {
  id: string;
  component: string;
  region: string;
  global: boolean;
  stage: string;
  scope: DeploymentScope;
  subscription: string;
  resourceGroup?: string;
  /** At managementGroup scope: the management group's id. */
  managementGroup?: string;
  location: string;
  /** Set when the spec names the deployment itself. */
  deploymentName?: string;
  template: { path: string; content: Record<string, unknown> };
  parametersFile?: string;
  parameters: Record<string, ResolvedParameter>;
  requires: string[];
  /** Stamps whose outputs fill `{outputs.COMPONENT.NAME}` in this stamp's parameters, in the order a list takes them. */
  outputsFrom?: string[];
  policy: DeployPolicy;
  health?: HealthCheck;
  /** `deploymentTimeout`: absent means the deployer's default. */
  deploymentTimeoutMs?: number;
  /** Set when the component deploys as a deployment stack. */
  stack?: StackSettings;
}
