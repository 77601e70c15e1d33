// `deploy --only`: which stamps the cut-down plan keeps, and why it says so. Until now only an e2e test of the built
// CLI ran selectOnly, which mutation runs cannot see (every mutant of src/plan/only.ts was "not covered").
import { describe, expect, it } from '@jest/globals';
import { OnlySelectorError, onlyText, selectOnly } from '../../src/plan/only.js';
import type { PlanStamp } from '../../src/plan/types.js';
import { makePlan, stamp } from '../engine/fakes.js';

const never = (s: PlanStamp): PlanStamp => ({ ...s, policy: 'never', decision: { action: 'skip', reason: 'never', detail: 'deploy: never' } });
// network <- cluster <- app, per region; a global dns the apps also require.
const plan = makePlan([
  { name: 'canary', stamps: [stamp('dns', { region: 'global', global: true }), stamp('network@eastus', { region: 'eastus' }), stamp('cluster@eastus', { region: 'eastus', requires: ['network@eastus'] }), stamp('app@eastus', { region: 'eastus', requires: ['cluster@eastus', 'dns'] })] },
  { name: 'rest', stamps: [stamp('network@westus', { region: 'westus' }), stamp('cluster@westus', { region: 'westus', requires: ['network@westus'] }), stamp('app@westus', { region: 'westus', requires: ['cluster@westus', 'dns'] })] },
]);
const ids = (p: ReturnType<typeof selectOnly>): string[][] => p.stages.map((s) => s.stamps.map((x) => x.id));

describe('selectOnly', () => {
  it('keeps a component in one region and, without Azure consulted, every prerequisite, in order', () => {
    const only = selectOnly(plan, 'app@eastus', undefined);
    expect(ids(only)).toEqual([['dns', 'network@eastus', 'cluster@eastus', 'app@eastus']]);
    expect(only.stages.map((s) => [s.name, s.index])).toEqual([['canary', 0]]);
    expect(only.only).toEqual({
      selector: 'app@eastus',
      stamps: [
        { id: 'dns', included: true, role: 'prerequisite', why: 'app@eastus requires dns; Azure not consulted, so deployed to be sure' },
        { id: 'network@eastus', included: true, role: 'prerequisite', why: 'cluster@eastus requires network@eastus; Azure not consulted, so deployed to be sure' },
        { id: 'cluster@eastus', included: true, role: 'prerequisite', why: 'app@eastus requires cluster@eastus; Azure not consulted, so deployed to be sure' },
        { id: 'app@eastus', included: true, role: 'requested', why: 'requested with --only app@eastus' },
      ],
      outside: [],
    });
    expect(only.stages[0].stamps.map((s) => s.decision)).toEqual([
      { action: 'deploy', reason: 'prerequisite', detail: 'app@eastus requires dns; Azure not consulted, so deployed to be sure' },
      { action: 'deploy', reason: 'prerequisite', detail: 'cluster@eastus requires network@eastus; Azure not consulted, so deployed to be sure' },
      { action: 'deploy', reason: 'prerequisite', detail: 'app@eastus requires cluster@eastus; Azure not consulted, so deployed to be sure' },
      { action: 'deploy', reason: 'requested', detail: 'requested with --only app@eastus' },
    ]);
    expect(only.rollout).toEqual(plan.rollout);
  });

  it('keeps a component in every region without @REGION, stage by stage', () => {
    const only = selectOnly(plan, 'cluster', undefined);
    expect(ids(only)).toEqual([['network@eastus', 'cluster@eastus'], ['network@westus', 'cluster@westus']]);
    expect(only.stages.map((s) => s.index)).toEqual([0, 1]);
  });

  it('decides a prerequisite shared by two requested stamps once, by the first that requires it', () => {
    const only = selectOnly(plan, 'app', undefined);
    expect(only.only.stamps.filter((s) => s.id === 'dns')).toEqual([
      { id: 'dns', included: true, role: 'prerequisite', why: 'app@eastus requires dns; Azure not consulted, so deployed to be sure' },
    ]);
    expect(ids(only)).toEqual([['dns', 'network@eastus', 'cluster@eastus', 'app@eastus'], ['network@westus', 'cluster@westus', 'app@westus']]);
  });

  it('leaves out a prerequisite whose current content is deployed, and redeploys one whose content changed', () => {
    const observed = {
      dns: { deploymentName: 'dns-1', contentHash: 'hash-dns' },
      'cluster@westus': { deploymentName: 'cluster-westus-1', contentHash: 'old' },
    };
    const only = selectOnly(plan, 'app@westus', observed);
    expect(ids(only)).toEqual([['network@westus', 'cluster@westus', 'app@westus']]);
    expect(only.only.stamps).toEqual([
      { id: 'dns', included: false, role: 'prerequisite', why: 'app@westus requires dns; its current content is deployed already (dns-1)' },
      { id: 'network@westus', included: true, role: 'prerequisite', why: 'cluster@westus requires network@westus; it has no successful deployment yet' },
      { id: 'cluster@westus', included: true, role: 'prerequisite', why: 'app@westus requires cluster@westus; its content changed since cluster-westus-1' },
      { id: 'app@westus', included: true, role: 'requested', why: 'requested with --only app@westus' },
    ]);
    expect(only.only.outside.map((s) => s.id)).toEqual(['dns']);
    expect(onlyText(only.only)).toBe(
      [
        '--only app@westus:',
        '  leave  dns (prerequisite): app@westus requires dns; its current content is deployed already (dns-1)',
        '  deploy network@westus (prerequisite): cluster@westus requires network@westus; it has no successful deployment yet',
        '  deploy cluster@westus (prerequisite): app@westus requires cluster@westus; its content changed since cluster-westus-1',
        '  deploy app@westus (requested): requested with --only app@westus',
      ].join('\n'),
    );
  });

  it('does not deploy a stamp whose policy is never, requested or required, and says so', () => {
    const p = makePlan([{ name: 'one', stamps: [never(stamp('network@eastus', { region: 'eastus' })), stamp('app@eastus', { region: 'eastus', requires: ['network@eastus'] }), never(stamp('job@eastus', { region: 'eastus' }))] }]);
    const only = selectOnly(p, 'app', {});
    expect(ids(only)).toEqual([['app@eastus']]);
    expect(only.only.stamps).toEqual([
      { id: 'network@eastus', included: false, role: 'prerequisite', why: 'app@eastus requires network@eastus; it has no successful deployment yet, but its deploy policy is never' },
      { id: 'app@eastus', included: true, role: 'requested', why: 'requested with --only app' },
    ]);
    const job = selectOnly(p, 'job@eastus', {});
    expect(job.stages).toEqual([]);
    expect(job.only.stamps).toEqual([{ id: 'job@eastus', included: false, role: 'requested', why: 'requested, but its deploy policy is never' }]);
    expect(job.only.outside.map((s) => [s.id, s.decision])).toEqual([['job@eastus', { action: 'skip', reason: 'never', detail: 'deploy: never' }]]);
  });

  it('keeps a stamp it does not know out of the walk (a require of nothing in the plan)', () => {
    const p = makePlan([{ name: 'one', stamps: [stamp('app@eastus', { region: 'eastus', requires: ['elsewhere'] })] }]);
    expect(selectOnly(p, 'app@eastus', undefined).only.stamps.map((s) => s.id)).toEqual(['app@eastus']);
  });

  it('names the stamps of a component, or the components, when the selector matches nothing', () => {
    expect(() => selectOnly(plan, 'app@northeurope', undefined)).toThrow(new OnlySelectorError('--only app@northeurope matches no stamp of the plan; stamps of app: app@eastus, app@westus'));
    expect(() => selectOnly(plan, 'web', undefined)).toThrow(new OnlySelectorError('--only web matches no stamp of the plan; components: dns, network, cluster, app'));
    expect(() => selectOnly(plan, 'web', undefined)).toThrow(OnlySelectorError);
  });
});
