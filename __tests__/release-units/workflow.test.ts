import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { specShape } from '../../src/commands/workflow.js';
import { generateWorkflow } from '../../src/github/workflow/generate.js';
import { workflowErrors } from '../github/validator.js';
import { repoRoot } from '../helpers/run-action.js';

const committed = path.join(repoRoot, 'examples', 'workflows', 'release-units.yml');
const fresh = (mode?: string) => generateWorkflow(specShape('examples/release-units/rollout.yaml', repoRoot, mode));

describe('the workflow of a release-unit rollout', () => {
  const doc = parse(fresh());

  it('has a job per stage, per traffic step and for the teardown, each after the one before and with its environment', () => {
    expect(Object.keys(doc.jobs)).toEqual(['plan', 'first', 'rest', 'traffic-10', 'traffic-50', 'traffic-100', 'teardown']);
    expect(doc.jobs['traffic-10']).toMatchObject({ needs: ['plan', 'rest'], environment: 'prod-traffic-10', name: 'Traffic 10% to the new unit (judged for 1d)' });
    expect(doc.jobs['traffic-50']).toMatchObject({ needs: ['plan', 'traffic-10'], environment: 'prod-traffic-50' });
    expect(doc.jobs['traffic-100']).toMatchObject({ needs: ['plan', 'traffic-50'], environment: 'prod-traffic-100' });
    expect(doc.jobs.teardown).toMatchObject({ needs: ['plan', 'traffic-100'], environment: 'prod-teardown' });
    for (const job of ['traffic-10', 'traffic-50', 'traffic-100', 'teardown']) expect(doc.jobs[job].steps[1].with).toMatchObject({ command: 'deploy', stage: job });
  });

  it('validates against GitHub\'s workflow schema', () => {
    expect(workflowErrors(fresh())).toEqual([]);
  });

  it('examples/workflows/release-units.yml is exactly what the generator writes', () => {
    if (process.env.UPDATE_EXAMPLES === '1') writeFileSync(committed, fresh());
    expect(readFileSync(committed, 'utf8')).toBe(fresh());
  });

  it('a hotfix workflow has no traffic step and no teardown: it goes in place into the live unit', () => {
    const hotfix = parse(generateWorkflow(specShape('examples/release-units/rollout.yaml', repoRoot, 'hotfix'), { trigger: 'dispatch', mode: 'hotfix' }));
    expect(Object.keys(hotfix.jobs)).toEqual(['plan', 'first', 'rest']);
  });
});
