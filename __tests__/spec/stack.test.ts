// `stack:` on a component: validated at its own line and column with a hint, defaults filled in, principals
// interpolated, and only at the scopes deployment stacks deploy to.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { planCommand } from '../../src/commands/plan.js';
import { formatProblem, SpecError } from '../../src/spec/problems.js';
import { specJsonSchema } from '../../src/spec/schema.js';

const TEMPLATE = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', parameters: {}, resources: [] });

function load(stack: string, extra = '', env: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-stack-'));
  writeFileSync(path.join(dir, 't.json'), TEMPLATE);
  writeFileSync(
    path.join(dir, 'rollout.yaml'),
    `name: web
subscription: "00000000-0000-0000-0000-000000000001"
regions: { eastus: { short: eus } }
components:
  app:
    perRegion: true
    resourceGroup: "web-{region.short}"
    template: t.json${extra}
    stack: ${stack}
stages:
  - { name: canary, regions: [eastus] }
`,
  );
  return planCommand({ specFile: 'rollout.yaml', mode: 'standard', version: '1.0.0', env, repoRoot: dir });
}

function problems(stack: string, extra = ''): string[] {
  try {
    load(stack, extra);
  } catch (error) {
    if (error instanceof SpecError) return error.problems.map((p) => formatProblem(p));
    throw error;
  }
  throw new Error('accepted');
}

describe('stack: in the spec', () => {
  it('resolves the settings, with detach and none as defaults and {env.X} in excludedPrincipals', () => {
    const { spec } = load('{ actionOnUnmanage: delete, denySettings: denyWriteAndDelete, excludedPrincipals: ["{env.OPS}", "fixed-id"] }', '', { OPS: 'ops-oid' });
    expect(spec.stamps[0].stack).toEqual({ actionOnUnmanage: 'delete', denySettings: 'denyWriteAndDelete', excludedPrincipals: ['ops-oid', 'fixed-id'] });
    expect(load('{}').spec.stamps[0].stack).toEqual({ actionOnUnmanage: 'detach', denySettings: 'none', excludedPrincipals: [] });
  });

  it('points a wrong value at its line and column and lists the allowed ones', () => {
    expect(problems('{ actionOnUnmanage: remove }')).toEqual(['rollout.yaml:9:32: components.app.stack.actionOnUnmanage: "remove" is not allowed (use one of: detach, delete)']);
    expect(problems('{ denySettings: denyAll }')).toEqual(['rollout.yaml:9:28: components.app.stack.denySettings: "denyAll" is not allowed (use one of: none, denyDelete, denyWriteAndDelete)']);
  });

  it('suggests the key meant for a misspelt one', () => {
    expect(problems('{ actionOnUnmanaged: delete }')).toEqual([expect.stringMatching(/^rollout\.yaml:9:\d+: components\.app\.stack\.actionOnUnmanaged: unknown key "actionOnUnmanaged" \(did you mean "actionOnUnmanage"\?\)$/)]);
  });

  it('refuses more than five excluded principals (ARM\'s limit)', () => {
    const six = JSON.stringify(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(problems(`{ excludedPrincipals: ${six} }`)).toEqual([expect.stringMatching(/^rollout\.yaml:9:\d+: components\.app\.stack\.excludedPrincipals: .*at most 5/)]);
  });

  it('is in the JSON Schema editors use, with its enums', () => {
    const text = JSON.stringify(specJsonSchema());
    expect(text).toContain('"denyWriteAndDelete"');
    expect(text).toContain('"actionOnUnmanage"');
  });
});
