import { z } from 'zod';

/**
 * `stack:` on a component: deploy it as an Azure deployment stack (Microsoft.Resources/deploymentStacks) instead of
 * a plain deployment. The stack manages what the template creates: resources dropped from a later version are
 * deleted or detached, and deny settings lock them against changes made outside the stack.
 */
export const stackSchema = z
  .strictObject({
    actionOnUnmanage: z.enum(['detach', 'delete']).optional().describe('What happens to a resource dropped from the template, and to the stack\'s resources at teardown: detach (default: it stays) or delete.'),
    denySettings: z.enum(['none', 'denyDelete', 'denyWriteAndDelete']).optional().describe('Lock on the stack\'s resources (default none): denyDelete refuses deletes, denyWriteAndDelete also changes, except through the stack.'),
    excludedPrincipals: z.array(z.string().min(1)).max(5, { error: 'takes at most 5 principals (ARM\'s limit)' }).optional().describe('Object ids of principals the deny settings do not apply to (at most 5); `{env.NAME}` works.'),
  })
  .describe('Deploy this component as a deployment stack (resource-group or subscription scope).');

export type RawStack = z.infer<typeof stackSchema>;

export const STACK_KEYS = Object.keys(stackSchema.shape);

/** A component's stack settings after interpolation: what the deployer and teardown read. */
export interface StackSettings {
  actionOnUnmanage: 'detach' | 'delete';
  denySettings: 'none' | 'denyDelete' | 'denyWriteAndDelete';
  excludedPrincipals: string[];
}

/** The defaults filled in (detach, none: what ARM's own tools default to) and each principal interpolated. */
export function resolveStack(raw: RawStack, text: (value: string, index: number) => string): StackSettings {
  return {
    actionOnUnmanage: raw.actionOnUnmanage ?? 'detach',
    denySettings: raw.denySettings ?? 'none',
    excludedPrincipals: (raw.excludedPrincipals ?? []).map((p, i) => text(p, i)),
  };
}

/** Stacks exist at resource-group, subscription and management-group scope; this project deploys them at the first two. */
export const STACK_SCOPES: readonly string[] = ['resourceGroup', 'subscription'];
