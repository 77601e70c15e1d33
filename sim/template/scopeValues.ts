import { TemplateError } from '../errors.js';
import { templateHash } from '../format.js';
import { resourceIdFor, scopeId, type Scope } from '../ids.js';
import type { TemplateContext } from './evaluate.js';

/** What resourceGroup(), subscription(), deployment(), tenant() and managementGroup() return, as ARM documents it. */

export function resourceGroupValue(ctx: TemplateContext): unknown {
  const rg = ctx.resourceGroup;
  if (ctx.scope.kind !== 'resourceGroup' || !rg) {
    throw new TemplateError(`The template function 'RESOURCEGROUP' is not expected at this location. Please see https://aka.ms/arm-functions for usage details`);
  }
  return {
    id: scopeId(ctx.scope),
    name: rg.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: rg.location,
    tags: rg.tags ?? {},
    properties: { provisioningState: 'Succeeded' },
  };
}

export function subscriptionValue(ctx: TemplateContext): unknown {
  const s = ctx.scope;
  if (s.kind !== 'subscription' && s.kind !== 'resourceGroup') {
    throw new TemplateError(`The template function 'SUBSCRIPTION' is not expected at this location. Please see https://aka.ms/arm-functions for usage details`);
  }
  return { id: `/subscriptions/${s.subscription}`, subscriptionId: s.subscription, tenantId: ctx.tenantId, displayName: 'Simulated subscription' };
}

export function deploymentValue(ctx: TemplateContext, template: Record<string, unknown>): unknown {
  const properties: Record<string, unknown> = {};
  if (ctx.templateLink) properties.templateLink = ctx.templateLink;
  properties.template = template;
  properties.templateHash = templateHash(template);
  properties.parameters = ctx.suppliedParameters ?? {};
  properties.mode = ctx.mode;
  properties.provisioningState = 'Accepted';
  // ARM: the location property only for deployments above resource-group scope.
  return ctx.scope.kind === 'resourceGroup' ? { name: ctx.deploymentName, properties } : { name: ctx.deploymentName, location: ctx.deploymentLocation, properties };
}

export function tenantValue(ctx: TemplateContext): unknown {
  return { countryCode: 'US', displayName: 'Simulated tenant', id: `/tenants/${ctx.tenantId}`, tenantId: ctx.tenantId };
}

export function managementGroupValue(ctx: TemplateContext): unknown {
  const s = ctx.scope;
  if (s.kind !== 'managementGroup') {
    throw new TemplateError(`The template function 'MANAGEMENTGROUP' is not expected at this location. It can only be used in a deployment to a management group. Please see https://aka.ms/arm-functions for usage details`);
  }
  return {
    id: `/providers/Microsoft.Management/managementGroups/${s.groupId}`,
    name: s.groupId,
    type: '/providers/Microsoft.Management/managementGroups',
    properties: { tenantId: ctx.tenantId, displayName: s.groupId },
  };
}

/** `resourceId()` with the deployment's subscription and resource group as defaults. */
export function resourceIdIn(s: Scope, subscription: string | undefined, resourceGroup: string | undefined, type: string, names: string[]): string {
  const sub = subscription ?? (s.kind === 'subscription' || s.kind === 'resourceGroup' ? s.subscription : undefined);
  const rg = resourceGroup ?? (s.kind === 'resourceGroup' && subscription === undefined ? s.resourceGroup : undefined);
  let prefix: string;
  if (sub && rg) prefix = `/subscriptions/${sub}/resourceGroups/${rg}`;
  else if (sub) prefix = `/subscriptions/${sub}`;
  else prefix = '';
  return resourceIdFor(prefix, type, names.join('/'));
}
