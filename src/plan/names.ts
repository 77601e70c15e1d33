import { sha256 } from './hash.js';

export const DEPLOYMENT_NAME_MAX = 64;
const UNSAFE = /[^-\w.()]/g;

/**
 * `rollout-component-region-version`: deterministic (a re-run finds its own deployment), holds the region (ARM refuses
 * a subscription-scope name reused in another location), and fits ARM's 64 characters: a longer one keeps its
 * readable start and ends in a hash of the whole, so two long names never collide.
 */
export function deploymentName(rollout: string, component: string, region: string, version: string): string {
  const full = [rollout, component, region, version].join('-').replace(UNSAFE, '-');
  if (full.length <= DEPLOYMENT_NAME_MAX) return full;
  const suffix = sha256(full).slice(0, 8);
  return `${full.slice(0, DEPLOYMENT_NAME_MAX - suffix.length - 1).replace(/[.]+$/, '')}-${suffix}`;
}
