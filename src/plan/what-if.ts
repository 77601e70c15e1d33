/**
 * ARM what-if of the stamps that would deploy: plain data, in the plan output and the job summary. Secure values are
 * redacted before they get here.
 */
export type WhatIfChangeType = 'Create' | 'Delete' | 'Modify' | 'NoChange' | 'Ignore' | 'Deploy' | 'Unsupported';

export const WHAT_IF_TYPES: WhatIfChangeType[] = ['Create', 'Modify', 'Delete', 'Deploy', 'NoChange', 'Ignore', 'Unsupported'];

export interface WhatIfPropertyDiff {
  path: string;
  change: string;
  before?: unknown;
  after?: unknown;
}

export interface WhatIfResourceChange {
  resourceId: string;
  changeType: WhatIfChangeType;
  /** For Modify: property-level differences, before -> after. */
  delta?: WhatIfPropertyDiff[];
}

export interface StampWhatIf {
  stamp: string;
  stage: string;
  deploymentName: string;
  changes: WhatIfResourceChange[];
  /** Said instead of ARM's prediction, when ARM cannot make one yet (a resource group the stamp creates). */
  note?: string;
  /** What-if itself failed: ARM's code and message. */
  error?: { code: string; message: string; correlationId?: string };
}

/** `what-if-exclude: [noChange, ignore]`, as in Azure/bicep-deploy: change types left out of what is shown. */
export function parseWhatIfExclude(text: string | undefined): WhatIfChangeType[] {
  if (!text) return [];
  const names = text.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
  return names.map((n) => {
    const found = WHAT_IF_TYPES.find((t) => t.toLowerCase() === n.toLowerCase());
    if (!found) throw new Error(`what-if-exclude: "${n}" is not a what-if change type; use ${WHAT_IF_TYPES.map((t) => t[0].toLowerCase() + t.slice(1)).join(', ')}`);
    return found;
  });
}

export function excludeChanges(results: StampWhatIf[], exclude: WhatIfChangeType[]): StampWhatIf[] {
  return results.map((r) => ({ ...r, changes: r.changes.filter((c) => !exclude.includes(c.changeType)) }));
}
