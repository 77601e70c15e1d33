// What the plan carries for stamps outside a resource group and for stages with a URL, key by key: the plan file is
// read back by later jobs (`--plan`), so a key present as undefined or missing where it is set is a real difference.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { planRollout } from '../../src/plan/planner.js';
import type { Plan, PlanStamp } from '../../src/plan/types.js';
import { loadSpec } from '../../src/spec/load.js';

const FILE = '__tests__/fixtures/scopes/rollout.yaml';
const root = fileURLToPath(new URL('../..', import.meta.url));
const scoped = (text = readFileSync(path.join(root, FILE), 'utf8')): Plan =>
  planRollout(loadSpec(FILE, { mode: 'standard', version: '1.0.0', env: {}, repoRoot: root, text }));
const stamp = (p: Plan, id: string): PlanStamp => p.stages.flatMap((s) => s.stamps).find((s) => s.id === id)!;

describe('planRollout: stamps at tenant, management-group and resource-group scope', () => {
  const plan = scoped();

  it('keeps the management group on its stamp only, and no resource group outside one', () => {
    expect(stamp(plan, 'policy')).toMatchObject({ scope: 'managementGroup', managementGroup: 'scoped-platform', resourceGroup: undefined });
    expect(Object.keys(stamp(plan, 'platform'))).not.toContain('managementGroup');
    expect(Object.keys(stamp(plan, 'app@eastus'))).not.toContain('managementGroup');
    expect(stamp(plan, 'app@eastus').resourceGroup).toBe('scoped-eus');
  });

  it('names the stamps that feed a stamp\'s outputs placeholders, and only on that stamp', () => {
    expect(stamp(plan, 'policy').outputsFrom).toEqual(['platform']);
    expect(Object.keys(stamp(plan, 'app@eastus'))).not.toContain('outputsFrom');
  });

  it('changes a stamp\'s content hash when its management group changes, and no other stamp\'s', () => {
    const moved = scoped(readFileSync(path.join(root, FILE), 'utf8').replace('managementGroup: scoped-platform', 'managementGroup: other-platform'));
    expect(stamp(moved, 'policy').managementGroup).toBe('other-platform');
    expect(stamp(moved, 'policy').contentHash).not.toBe(stamp(plan, 'policy').contentHash);
    for (const id of ['platform', 'app@eastus', 'app@westus']) expect(stamp(moved, id).contentHash).toBe(stamp(plan, id).contentHash);
  });
});

describe('planRollout: the stage URL', () => {
  it('is on the stages that name one, and absent (not undefined) on the others', () => {
    const text = readFileSync(path.join(root, FILE), 'utf8').replace(
      '  - { name: second, regions: [westus] }',
      '  - { name: second, regions: [westus], environment: prod, environmentUrl: "https://{outputs.siteName}/healthz" }',
    );
    const plan = scoped(text);
    expect(plan.stages[1]).toMatchObject({ name: 'second', environment: 'prod', environmentUrl: 'https://{outputs.siteName}/healthz' });
    expect(Object.keys(plan.stages[0])).not.toContain('environmentUrl');
  });
});
