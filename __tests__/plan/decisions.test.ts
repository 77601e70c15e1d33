// Every decision the planner can make, with its exact reason and detail, per deploy policy and observed state.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { planRollout } from '../../src/plan/planner.js';
import type { ObservedState, Plan, StampDecision } from '../../src/plan/types.js';
import { loadSpec } from '../../src/spec/load.js';

const repo = mkdtempSync(path.join(tmpdir(), 'staged-rollout-decisions-'));
writeFileSync(path.join(repo, 't.json'), JSON.stringify({ contentVersion: '1.0.0.0', resources: [] }));
const text = `name: decide
subscription: 00000000-0000-0000-0000-000000000001
regions: { eastus: {} }
components:
  app: { perRegion: true, resourceGroup: "rg-{region}", template: t.json, deploy: onChange }
  web: { perRegion: true, resourceGroup: "rg-{region}", template: t.json, deploy: always }
  job: { perRegion: true, resourceGroup: "rg-{region}", template: t.json, deploy: never }
stages:
  - { name: one, regions: [eastus] }
`;
const plan = (observed?: ObservedState, version = '1.0.0'): Plan => planRollout(loadSpec('rollout.yaml', { mode: 'standard', version, env: {}, repoRoot: repo, text }), observed);
const decisions = (p: Plan): Record<string, StampDecision> => Object.fromEntries(p.stages.flatMap((s) => s.stamps).map((s) => [s.id, s.decision]));
// Planned inside each test, not when the file loads: what runs at load time is no test's coverage, so a mutation run
// would take the offline plan's mutants as static (left out) and never run the first test against them.
const offline = (): Plan => plan();
const hash = (id: string): string => offline().stages[0].stamps.find((s) => s.id === id)!.contentHash;

describe('planner decisions', () => {
  it('without Azure consulted: always deploys, onChange deploys unless found unchanged, never skips', () => {
    expect(decisions(offline())).toEqual({
      'app@eastus': { action: 'deploy', reason: 'state-unknown', detail: 'Azure not consulted (offline plan): deploys unless found unchanged' },
      'web@eastus': { action: 'deploy', reason: 'always', detail: 'deploy: always' },
      'job@eastus': { action: 'skip', reason: 'never', detail: 'deploy: never' },
    });
  });

  it('with nothing deployed yet', () => {
    expect(decisions(plan({}))).toEqual({
      'app@eastus': { action: 'deploy', reason: 'not-deployed', detail: 'no successful deployment yet' },
      'web@eastus': { action: 'deploy', reason: 'always', detail: 'deploy: always' },
      'job@eastus': { action: 'skip', reason: 'never', detail: 'deploy: never' },
    });
  });

  it('with the same content deployed by another rollout, with and without its version', () => {
    const observed = (version?: string): ObservedState => ({
      'app@eastus': { deploymentName: 'app-0', rolloutId: 'decide@0.9.0', contentHash: hash('app@eastus'), ...(version ? { version } : {}) },
      'web@eastus': { deploymentName: 'web-0', rolloutId: 'decide@0.9.0', contentHash: hash('web@eastus') },
      'job@eastus': { deploymentName: 'job-0', rolloutId: offline().rollout.id, contentHash: hash('job@eastus') },
    });
    expect(decisions(plan(observed()))).toEqual({
      'app@eastus': { action: 'skip', reason: 'unchanged', detail: 'template and parameters unchanged since app-0' },
      'web@eastus': { action: 'deploy', reason: 'always', detail: 'deploy: always' },
      'job@eastus': { action: 'skip', reason: 'never', detail: 'deploy: never' },
    });
    expect(decisions(plan(observed('0.9.0')))['app@eastus'].detail).toBe('template and parameters unchanged since app-0 (version 0.9.0)');
  });

  it('with other content deployed, by this rollout or another', () => {
    for (const rolloutId of [offline().rollout.id, 'decide@0.9.0']) {
      expect(decisions(plan({ 'app@eastus': { deploymentName: 'app-0', rolloutId, contentHash: 'other' } }))['app@eastus']).toEqual({
        action: 'deploy',
        reason: 'changed',
        detail: 'template or parameters changed since app-0',
      });
    }
  });

  it('with this content deployed by this very rollout: skipped, even deploy: always', () => {
    const observed: ObservedState = {
      'app@eastus': { deploymentName: 'app-1', rolloutId: offline().rollout.id, contentHash: hash('app@eastus') },
      'web@eastus': { deploymentName: 'web-1', rolloutId: offline().rollout.id, contentHash: hash('web@eastus') },
    };
    expect(decisions(plan(observed))).toEqual({
      'app@eastus': { action: 'skip', reason: 'already-deployed-by-this-rollout', detail: 'already deployed by this rollout (app-1)' },
      'web@eastus': { action: 'skip', reason: 'already-deployed-by-this-rollout', detail: 'already deployed by this rollout (web-1)' },
      'job@eastus': { action: 'skip', reason: 'never', detail: 'deploy: never' },
    });
    // Another version is another rollout: deploy: always deploys again.
    expect(decisions(plan(observed, '1.0.1'))['web@eastus']).toEqual({ action: 'deploy', reason: 'always', detail: 'deploy: always' });
  });
});
