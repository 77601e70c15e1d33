import type { Deployment, DeploymentExportResult, DeploymentExtended, DeploymentsClient, DeploymentValidateResult, WhatIfOperationResult } from '@azure/arm-resourcesdeployments';
import type { PlanStamp } from '../plan/types.js';

type Operations = DeploymentsClient['deployments'];
type Options = Record<string, unknown>;
type Poller<T> = ReturnType<Operations['createOrUpdate']> extends infer P ? (P extends { pollUntilDone(): Promise<unknown> } ? Omit<P, 'pollUntilDone'> & { pollUntilDone(): Promise<T> } : never) : never;

/** Where a stamp deploys: ARM has one deployments API per scope, with the same operations. */
export type StampScope = Pick<PlanStamp, 'scope' | 'resourceGroup' | 'managementGroup'>;

/**
 * A stamp's deployment operations at its own scope (resource group, subscription, management group or tenant), so
 * that callers name an operation once instead of choosing among ARM's four spellings of it.
 */
export interface ScopedDeployments {
  createOrUpdate(name: string, body: Deployment, options: Options): Poller<DeploymentExtended>;
  get(name: string, options: Options): Promise<DeploymentExtended>;
  list(options: Options): AsyncIterableIterator<DeploymentExtended> & { byPage(): AsyncIterableIterator<DeploymentExtended[]> };
  validate(name: string, body: Deployment, options: Options): Poller<DeploymentValidateResult>;
  whatIf(name: string, body: Deployment, options: Options): Poller<WhatIfOperationResult>;
  cancel(name: string, options: Options): Promise<void>;
  exportTemplate(name: string, options: Options): Promise<DeploymentExportResult>;
}

export function scopedDeployments(ops: Operations, stamp: StampScope): ScopedDeployments {
  const o = (options: Options): never => options as never;
  const b = (body: Deployment): never => body as never;
  switch (stamp.scope) {
    case 'resourceGroup': {
      const rg = stamp.resourceGroup!;
      return {
        createOrUpdate: (n, body, options) => ops.createOrUpdate(rg, n, b(body), o(options)) as never,
        get: (n, options) => ops.get(rg, n, o(options)),
        list: (options) => ops.listByResourceGroup(rg, o(options)) as never,
        validate: (n, body, options) => ops.validate(rg, n, b(body), o(options)) as never,
        whatIf: (n, body, options) => ops.whatIf(rg, n, b(body), o(options)) as never,
        cancel: (n, options) => ops.cancel(rg, n, o(options)),
        exportTemplate: (n, options) => ops.exportTemplate(rg, n, o(options)),
      };
    }
    case 'subscription':
      return {
        createOrUpdate: (n, body, options) => ops.createOrUpdateAtSubscriptionScope(n, b(body), o(options)) as never,
        get: (n, options) => ops.getAtSubscriptionScope(n, o(options)),
        list: (options) => ops.listAtSubscriptionScope(o(options)) as never,
        validate: (n, body, options) => ops.validateAtSubscriptionScope(n, b(body), o(options)) as never,
        whatIf: (n, body, options) => ops.whatIfAtSubscriptionScope(n, b(body), o(options)) as never,
        cancel: (n, options) => ops.cancelAtSubscriptionScope(n, o(options)),
        exportTemplate: (n, options) => ops.exportTemplateAtSubscriptionScope(n, o(options)),
      };
    case 'managementGroup': {
      const group = stamp.managementGroup!;
      return {
        createOrUpdate: (n, body, options) => ops.createOrUpdateAtManagementGroupScope(group, n, b(body), o(options)) as never,
        get: (n, options) => ops.getAtManagementGroupScope(group, n, o(options)),
        list: (options) => ops.listAtManagementGroupScope(group, o(options)) as never,
        validate: (n, body, options) => ops.validateAtManagementGroupScope(group, n, b(body), o(options)) as never,
        whatIf: (n, body, options) => ops.whatIfAtManagementGroupScope(group, n, b(body), o(options)) as never,
        cancel: (n, options) => ops.cancelAtManagementGroupScope(group, n, o(options)),
        exportTemplate: (n, options) => ops.exportTemplateAtManagementGroupScope(group, n, o(options)),
      };
    }
    case 'tenant':
      return {
        createOrUpdate: (n, body, options) => ops.createOrUpdateAtTenantScope(n, b(body), o(options)) as never,
        get: (n, options) => ops.getAtTenantScope(n, o(options)),
        list: (options) => ops.listAtTenantScope(o(options)) as never,
        validate: (n, body, options) => ops.validateAtTenantScope(n, b(body), o(options)) as never,
        whatIf: (n, body, options) => ops.whatIfAtTenantScope(n, b(body), o(options)) as never,
        cancel: (n, options) => ops.cancelAtTenantScope(n, o(options)),
        exportTemplate: (n, options) => ops.exportTemplateAtTenantScope(n, o(options)),
      };
  }
}

/** ARM stores a deployment above resource-group scope in a location, and requires one in the request. */
export function deploymentLocation(stamp: StampScope & Pick<PlanStamp, 'location'>): string | undefined {
  return stamp.scope === 'resourceGroup' ? undefined : stamp.location;
}

/** A key naming the stamp's deployment history (ARM keeps one per scope), for in-flight bookkeeping. */
export function scopeKey(stamp: StampScope & Pick<PlanStamp, 'subscription'>): string {
  switch (stamp.scope) {
    case 'resourceGroup':
      return `${stamp.subscription}/${stamp.resourceGroup}`;
    case 'subscription':
      return `${stamp.subscription}/`;
    case 'managementGroup':
      return `mg:${stamp.managementGroup}`;
    case 'tenant':
      return 'tenant:';
  }
}
