import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadSpec } from '../../src/spec/load.js';
import { workflowDrift } from '../../src/github/workflow/drift.js';
import { generateWorkflow, type WorkflowOptions } from '../../src/github/workflow/generate.js';
import { workflowInput, type WorkflowInput } from '../../src/github/workflow/input.js';
import { repoRoot } from '../helpers/run-action.js';
import { actionErrors, workflowErrors } from './validator.js';

const SPEC = 'examples/basic/rollout.yaml';
const specText = readFileSync(path.join(repoRoot, SPEC), 'utf8');
const inputFor = (mode: string): WorkflowInput => workflowInput(loadSpec(SPEC, { mode, version: '0', env: {}, repoRoot }), specText);
const standard = inputFor('standard');
const examplesDir = path.join(repoRoot, 'examples', 'workflows');

/** The committed examples the generator owns, and how each is made. `UPDATE_EXAMPLES=1` rewrites them. */
const GENERATED: Record<string, () => string> = {
  'rollout.yml': () => generateWorkflow(standard),
  'hotfix.yml': () => generateWorkflow(inputFor('hotfix'), { trigger: 'dispatch', mode: 'hotfix' }),
};

describe('generated workflows', () => {
  const doc = parse(generateWorkflow(standard));

  it('validate against GitHub\'s workflow schema, in every variant', () => {
    for (const options of [{}, { uses: './' }, { trigger: 'dispatch', mode: 'hotfix' }, { runsOn: 'self-hosted', defaultBranch: 'trunk' }] as WorkflowOptions[]) {
      expect(workflowErrors(generateWorkflow(standard, options))).toEqual([]);
    }
  });

  it('are deterministic', () => {
    expect(generateWorkflow(inputFor('standard'))).toBe(generateWorkflow(inputFor('standard')));
  });

  it('have a plan job and one job per stage, each gated by its environment and chained by needs', () => {
    expect(Object.keys(doc.jobs)).toEqual(['plan', 'canary', 'pilot', 'broad']);
    expect(doc.jobs.plan.outputs.plan).toBe('${{ steps.plan.outputs.plan }}');
    expect(doc.jobs.canary).toMatchObject({ environment: 'prod-canary', needs: ['plan'] });
    expect(doc.jobs.canary.if).toBeUndefined();
    expect(doc.jobs.pilot).toMatchObject({ environment: 'prod-pilot', needs: ['plan', 'canary'], if: '${{ !failure() && !cancelled() }}' });
    expect(doc.jobs.broad).toMatchObject({ environment: 'prod', needs: ['plan', 'pilot'] });
    expect(doc.jobs.pilot.steps[1].with).toEqual({
      command: 'deploy',
      spec: SPEC,
      stage: 'pilot',
      plan: '${{ needs.plan.outputs.plan }}',
      mode: "${{ inputs.mode || 'standard' }}",
      version: '${{ inputs.version }}',
      'client-id': '${{ vars.AZURE_CLIENT_ID }}',
      'tenant-id': '${{ vars.AZURE_TENANT_ID }}',
    });
  });

  it('run one rollout at a time with least privilege, on push and on dispatch with the spec\'s modes', () => {
    expect(doc.concurrency).toEqual({ group: 'staged-rollout-contoso-web', 'cancel-in-progress': false });
    expect(doc.permissions).toEqual({ contents: 'read' });
    expect(doc.jobs.canary.permissions).toEqual({ contents: 'read', deployments: 'write', 'id-token': 'write' });
    expect(doc.on.push).toEqual({ branches: ['main'] });
    expect(doc.on.workflow_dispatch.inputs.mode).toMatchObject({ type: 'choice', options: ['standard', 'hotfix'], default: 'standard' });
    expect(doc.on.workflow_dispatch.inputs.version).toMatchObject({ type: 'string', required: false });
  });

  it('pass the variables the spec reads: secure ones from secrets, the rest from vars; not ones only in comments', () => {
    const text = `# {env.IN_A_COMMENT}\n${specText.replace('"00000000-0000-0000-0000-000000000001"', '"{env.AZURE_SUBSCRIPTION_ID}"')}`;
    const spec = loadSpec(SPEC, { mode: 'standard', version: '0', env: { AZURE_SUBSCRIPTION_ID: '00000000-0000-0000-0000-000000000001' }, repoRoot, text });
    const input = workflowInput(spec, text);
    expect(input.env).toEqual({ vars: ['AZURE_SUBSCRIPTION_ID'], secrets: [] });
    const jobs = parse(generateWorkflow(input)).jobs;
    expect(jobs.plan.env).toEqual({ AZURE_SUBSCRIPTION_ID: '${{ vars.AZURE_SUBSCRIPTION_ID }}' });
    expect(jobs.broad.env).toEqual(jobs.plan.env);
  });

  it('give a stage without environment a job without one, and never a job id clash with plan', () => {
    const input: WorkflowInput = { ...standard, stages: [{ name: 'plan', regions: ['eastus'], bakeMs: 0 }, { name: 'int', regions: ['westus'], bakeMs: 0 }] };
    const text = generateWorkflow(input);
    expect(workflowErrors(text)).toEqual([]);
    const jobs = parse(text).jobs;
    expect(Object.keys(jobs)).toEqual(['plan', 'stage-plan', 'int']);
    expect(jobs['stage-plan'].environment).toBeUndefined();
    expect(jobs.int.needs).toEqual(['plan', 'stage-plan']);
  });

  it('use a fixed mode and dispatch only for a hotfix workflow', () => {
    const hot = parse(generateWorkflow(inputFor('hotfix'), { trigger: 'dispatch', mode: 'hotfix' }));
    expect(Object.keys(hot.on)).toEqual(['workflow_dispatch']);
    expect(hot.on.workflow_dispatch.inputs.mode).toBeUndefined();
    expect(hot.jobs.plan.steps[1].with.mode).toBe('hotfix');
    expect(hot.jobs.broad.steps[1].with.mode).toBe('hotfix');
    expect(hot.concurrency.group).toBe('staged-rollout-contoso-web');
  });
});

describe('examples/workflows', () => {
  const files = readdirSync(examplesDir).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml')).sort();

  it('are the four documented examples', () => {
    expect(files).toEqual(['hotfix.yml', 'int-single-job.yml', 'release-units.yml', 'rollout.yml']);
  });

  it.each(files)('%s validates against GitHub\'s workflow schema', (file) => {
    expect(workflowErrors(readFileSync(path.join(examplesDir, file), 'utf8'))).toEqual([]);
  });

  it.each(Object.keys(GENERATED))('%s is exactly what the generator writes', (file) => {
    const fresh = GENERATED[file]();
    if (process.env.UPDATE_EXAMPLES === '1') writeFileSync(path.join(examplesDir, file), fresh);
    expect(readFileSync(path.join(examplesDir, file), 'utf8')).toBe(fresh);
  });

  it('int-single-job.yml deploys all stages in one job', () => {
    const job = parse(readFileSync(path.join(examplesDir, 'int-single-job.yml'), 'utf8')).jobs.rollout;
    expect(job.steps[1].with).toMatchObject({ command: 'deploy', stage: 'all' });
  });
});

describe('action.yml', () => {
  it('validates against GitHub\'s action schema', () => {
    const text = readFileSync(path.join(repoRoot, 'action.yml'), 'utf8');
    expect(parse(text).runs.using).toBe('node24');
    // @action-validator/core 0.6.0 (its latest) embeds a schema that predates node24 and knows node12/16/20 only; the
    // runtime is the one fact it cannot judge, so everything else is validated with that one value swapped.
    expect(actionErrors(text)).toEqual(['/runs OneOf conditions are not met']);
    expect(actionErrors(text.replace(/using: node24/, 'using: node20'))).toEqual([]);
  });

  it('the validator does catch mistakes (so an empty list means something)', () => {
    expect(workflowErrors('name: x\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n').length).toBeGreaterThan(0);
    expect(actionErrors('name: x\nruns:\n  using: node24\n').length).toBeGreaterThan(0);
  });
});

describe('workflowDrift', () => {
  const committed = generateWorkflow(standard);

  it('finds nothing in the generated workflow, nor in one a user customised (runners, extra steps)', () => {
    expect(workflowDrift(committed, standard)).toEqual([]);
    const custom = parse(committed);
    custom.jobs.pilot['runs-on'] = 'self-hosted';
    custom.jobs.pilot.steps.push({ run: 'echo done' });
    custom.jobs.extra = { 'runs-on': 'ubuntu-latest', steps: [{ run: 'true' }] };
    expect(workflowDrift(JSON.stringify(custom), standard)).toEqual([]);
  });

  it('says what no longer matches the spec, one sentence each', () => {
    const stages = [
      { ...standard.stages[0], environment: 'prod-first' },
      standard.stages[1],
      { name: 'late', environment: 'prod-late', regions: ['westeurope'], bakeMs: 0 },
    ];
    const changed: WorkflowInput = { ...standard, stages, modes: ['hotfix', 'emergency'] };
    const edited = committed.replace('  broad:\n', '  broad2:\n').replace('- canary\n', '- plan\n').replace('group: staged-rollout-contoso-web', 'group: other');
    expect(workflowDrift(edited, changed)).toEqual([
      'job canary deploys stage canary in environment prod-canary; the spec says prod-first',
      'job pilot (stage pilot) does not wait for job canary (stage canary); add it to needs',
      'stage late (environment prod-late) has no job',
      'job broad2 deploys stage broad, which the spec does not have',
      'the dispatch mode choice lacks emergency, which the spec defines',
      "the workflow's concurrency group is other; staged-rollout-contoso-web keeps two runs from deploying at once",
    ]);
  });

  it('reports a file that is not YAML or has no plan job', () => {
    expect(workflowDrift('jobs: [', standard)[0]).toMatch(/^the workflow is not valid YAML: /);
    expect(workflowDrift('on: push\njobs: {}\n', standard)).toContain('no job runs the action with command: plan, so the stage jobs have no plan to deploy');
  });

  it('accepts the committed hotfix example against the hotfix spec', () => {
    expect(workflowDrift(readFileSync(path.join(examplesDir, 'hotfix.yml'), 'utf8'), inputFor('hotfix'), { trigger: 'dispatch', mode: 'hotfix' })).toEqual([]);
  });
});
