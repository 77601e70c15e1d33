import { ArmError, badRequest } from './errors.js';

/** Where a deployment lives. ARM keeps a separate deployment history (and 800-limit) per scope. */
export type Scope =
  | { kind: 'tenant' }
  | { kind: 'managementGroup'; groupId: string }
  | { kind: 'subscription'; subscription: string }
  | { kind: 'resourceGroup'; subscription: string; resourceGroup: string };

export function scopeId(scope: Scope): string {
  switch (scope.kind) {
    case 'tenant':
      return '';
    case 'managementGroup':
      return `/providers/Microsoft.Management/managementGroups/${scope.groupId}`;
    case 'subscription':
      return `/subscriptions/${scope.subscription}`;
    case 'resourceGroup':
      return `/subscriptions/${scope.subscription}/resourceGroups/${scope.resourceGroup}`;
  }
}

/** Map key: ARM names are case-insensitive. */
export const scopeKey = (scope: Scope): string => scopeId(scope).toLowerCase();
export const rgKey = (subscription: string, rg: string): string => `${subscription}/${rg}`.toLowerCase();

export function subscriptionOf(scope: Scope): string | undefined {
  return scope.kind === 'subscription' || scope.kind === 'resourceGroup' ? scope.subscription : undefined;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkSubscription(id: string): void {
  if (!GUID.test(id)) {
    throw badRequest('InvalidSubscriptionId', `The provided subscription identifier '${id}' is malformed or invalid.`);
  }
}

// ARM: 1-90 chars, letters/digits/underscore/parentheses/hyphen/period, not ending in a period.
const RG_NAME = /^[-\w._()\p{L}]{1,90}$/u;
export function checkResourceGroupName(name: string): void {
  if (!RG_NAME.test(name) || name.endsWith('.')) {
    throw badRequest(
      'InvalidResourceGroupName',
      `Resource group name '${name}' is invalid. It can include alphanumeric, underscore, parentheses, hyphen, period (except at end), and Unicode characters that match the allowed characters.`,
    );
  }
}

const DEPLOYMENT_NAME = /^[-\w._()]+$/;
export function checkDeploymentName(name: string): void {
  if (name.length > 64) {
    throw badRequest(
      'DeploymentNameLengthLimitExceeded',
      `The provided deployment name '${name}' has a length of '${name.length}' which exceeds the maximum length of '64'. Please see https://aka.ms/arm-deploy for usage details.`,
    );
  }
  if (!DEPLOYMENT_NAME.test(name)) {
    throw badRequest(
      'DeploymentNameInvalidCharacters',
      `The provided deployment name '${name}' has these invalid characters: '${[...new Set(name.replace(/[-\w._()]/g, ''))].join('')}'. The name can only be a letter, digit, '-', '.', '_', '(' or ')'. Please see https://aka.ms/arm-deploy for usage details.`,
    );
  }
}

/** ARM accepts display names ("East US") and stores the normalized short name ("eastus"). */
export function normalizeLocation(location: unknown): string {
  if (typeof location !== 'string' || location.trim() === '') {
    throw badRequest('LocationRequired', 'The location property is required for this definition.');
  }
  return location.replace(/\s+/g, '').toLowerCase();
}

export interface ParsedResourceId {
  subscription?: string;
  resourceGroup?: string;
  namespace: string;
  types: string[];
  names: string[];
}

/** `Microsoft.Web/sites/config` + `site/web` -> one id; the counts of type and name segments must agree. */
export function resourceIdFor(scopePrefix: string, type: string, name: string): string {
  const [ns, ...types] = type.split('/');
  const names = name.split('/');
  if (!ns || types.length === 0 || types.length !== names.length || names.some((n) => n === '')) {
    throw new ArmError(
      400,
      'InvalidTemplate',
      `Deployment template validation failed: 'The template resource '${name}' for type '${type}' has incorrect segment lengths. A nested resource type must have identical number of segments as its resource name.'.`,
    );
  }
  if (type.toLowerCase() === 'microsoft.resources/resourcegroups') return `${scopePrefix}/resourceGroups/${name}`;
  return `${scopePrefix}/providers/${ns}/${types.map((t, i) => `${t}/${names[i]}`).join('/')}`;
}

export function parseResourceId(id: string): ParsedResourceId | undefined {
  const m = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?\/providers\/([^/]+)\/(.+)$/i.exec(id);
  if (!m) return undefined;
  const rest = m[4].split('/');
  if (rest.length % 2 !== 0) return undefined;
  const types: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    types.push(rest[i]);
    names.push(rest[i + 1]);
  }
  return { subscription: m[1], resourceGroup: m[2], namespace: m[3], types, names };
}
