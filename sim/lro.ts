import { randomUUID } from 'node:crypto';
import type { ArmErrorDetail } from './errors.js';

/**
 * Long-running operations polled through a Location header (resource group delete, deployment delete, what-if):
 * 202 while running, then the final answer. Deployments themselves are polled through Azure-AsyncOperation and
 * their own status resource (see deployments.ts).
 */
export interface LocationOperation {
  /** undefined while running. */
  final(): { status: number; body?: unknown } | undefined;
  error?: ArmErrorDetail;
}

export class LocationOperations {
  private readonly ops = new Map<string, LocationOperation>();

  create(op: LocationOperation): string {
    const id = randomUUID().replace(/-/g, '').toUpperCase();
    this.ops.set(id, op);
    return id;
  }

  get(id: string): LocationOperation | undefined {
    return this.ops.get(id.toUpperCase());
  }
}

/** `Location` of an operation result, absolute on the sim's endpoint (the SDK polls it as given). */
export function operationResultUrl(endpoint: string, subscription: string | undefined, id: string, apiVersion: string): string {
  const base = subscription ? `/subscriptions/${subscription}` : '/providers/Microsoft.Resources';
  return `${endpoint}${base}/operationresults/${id}?api-version=${encodeURIComponent(apiVersion)}`;
}
