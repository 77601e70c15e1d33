import { sha256 } from './hash.js';
import type { ResolvedStamp } from '../spec/types.js';

export const DEPLOYMENT_NAME_MAX = 64;
const UNSAFE = /[^-\w.()]/g;

/**
 * `rollout-component-region-version`: deterministic (a re-run finds its own deployment), holds the region (ARM refuses
 * a subscription-scope name reused in another location), and fits ARM's 64 characters. A longer one shortens the
 * rollout and component names first, keeps the region whole, and ends in a hash of the full name so that two
 * shortened names never collide.
 */
export function deploymentName(rollout: string, component: string, region: string, version: string): string {
  const safe = (text: string): string => text.replace(UNSAFE, '-');
  const full = safe([rollout, component, region, version].join('-'));
  if (full.length <= DEPLOYMENT_NAME_MAX) return full;
  const tail = safe(`-${region}-${version.slice(0, 16).replace(/[^A-Za-z0-9]+$/, '')}-${sha256(full).slice(0, 8)}`);
  const head = safe(`${rollout}-${component}`).slice(0, Math.max(1, DEPLOYMENT_NAME_MAX - tail.length));
  return `${head}${tail}`.slice(0, DEPLOYMENT_NAME_MAX);
}

/** Where a stamp deploys, in words: the scope ARM keeps its deployments in. */
export function scopeWhere(stamp: Pick<ResolvedStamp, 'scope' | 'subscription' | 'resourceGroup' | 'managementGroup'>): string {
  return { subscription: `subscription ${stamp.subscription}`, resourceGroup: `resource group ${stamp.resourceGroup}`, managementGroup: `management group ${stamp.managementGroup}`, tenant: 'the tenant' }[stamp.scope];
}
