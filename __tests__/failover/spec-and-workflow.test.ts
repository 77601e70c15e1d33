import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { failoverWorkflowCommand } from '../../src/commands/failover-workflow.js';
import { loadSpec } from '../../src/spec/load.js';
import { SpecError } from '../../src/spec/problems.js';
import { specJsonSchema } from '../../src/spec/schema.js';
import { workflowErrors } from '../github/validator.js';
import { FAILOVER_SPEC } from '../helpers/failover-world.js';
import { repoRoot } from '../helpers/run-action.js';

const env = { PRIMARY_HOST: '127.0.0.1:4001', SECONDARY_HOST: '127.0.0.1:4002', FAILOVER_TABLE_ENDPOINT: 'http://127.0.0.1:10002/devstoreaccount1', FAILOVER_TABLE: 'failoverstate' };
const specText = readFileSync(path.join(repoRoot, FAILOVER_SPEC), 'utf8');
const load = (text: string) => loadSpec(FAILOVER_SPEC, { mode: 'standard', version: '1.0.0', env, repoRoot, text });
const problemsOf = (text: string): string[] => {
  try {
    load(text);
  } catch (error) {
    if (error instanceof SpecError) return error.problems.map((p) => `${p.line}:${p.col} ${p.path}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
    throw error;
  }
  return [];
};

describe('the failover section of a spec', () => {
  test('resolves targets, the traffic component, the health check and the state table', () => {
    const { failover } = load(specText);
    expect(failover).toMatchObject({
      targets: [
        { name: 'primary', region: 'eastus', endpoint: 'https://127.0.0.1:4001/healthz' },
        { name: 'secondary', region: 'westus', endpoint: 'https://127.0.0.1:4002/healthz' },
      ],
      traffic: { component: 'traffic', parameter: 'priorities' },
      failures: 3,
      cooldownMs: 30 * 60_000,
      state: { endpoint: 'http://127.0.0.1:10002/devstoreaccount1', table: 'failoverstate' },
    });
    // Three probes ten seconds apart: the first healthy one ends the check.
    expect(failover!.health).toMatchObject({ url: '{outputs.endpoint}', intervalMs: 10_000, timeoutMs: 5_000, waitMs: 0, withinMs: 20_000, healthyForMs: 0 });
  });

  test('reports each mistake at its line and column, with a fix', () => {
    const bad = specText
      .replace('region: westus, endpoint', 'region: centralus, endpoint')
      .replace('name: secondary', 'name: Secondary')
      .replace('traffic: { component: traffic }', 'traffic: { component: app, parmeter: x }')
      .replace('cooldown: 30m', 'cooldown: soon')
      .replace('state: { endpoint: "{env.FAILOVER_TABLE_ENDPOINT}", table: "{env.FAILOVER_TABLE}" }', 'state: { table: "no" }');
    const problems = problemsOf(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^28:\d+ failover\.targets\[1\]\.name: .*is not a valid target name/),
        expect.stringMatching(/^29:\d+ failover\.traffic\.parmeter: unknown key "parmeter" \(did you mean "parameter"/),
        expect.stringMatching(/^35:\d+ failover\.cooldown: "soon" is not a duration/),
      ]),
    );
    // The schema pass stops at shape errors; the checks of names and URLs run on a well-shaped section.
    const semantic = problemsOf(
      specText
        .replace('region: westus, endpoint', 'region: centralus, endpoint')
        .replace('traffic: { component: traffic }', 'traffic: { component: app }')
        .replace('state: { endpoint: "{env.FAILOVER_TABLE_ENDPOINT}", table: "{env.FAILOVER_TABLE}" }', 'state: { table: "no" }'),
    );
    expect(semantic).toEqual([
      expect.stringMatching(/^28:\d+ failover\.targets\[1\]\.region: region "centralus" is not defined under regions \(use one of: eastus, westus\)/),
      expect.stringMatching(/^29:\d+ failover\.traffic\.component: component "app" is per region; traffic is switched by one global component/),
      expect.stringMatching(/^36:\d+ failover\.state: the state needs a storage account or a table endpoint/),
      expect.stringMatching(/^36:\d+ failover\.state\.table: "no" is not a valid table name/),
    ]);
    expect(problemsOf(specText.replace('traffic: { component: traffic }', 'traffic: { component: traffic, parameter: weights }'))).toEqual([
      expect.stringMatching(/failover\.traffic\.parameter: the template of "traffic" has no parameter "weights" \(declare an object parameter "weights".*or name one of: profileName, primaryHost, secondaryHost, priorities\)/),
    ]);
  });

  test('is in the committed JSON Schema', () => {
    const schema = specJsonSchema() as { properties: Record<string, { properties?: Record<string, unknown> }> };
    expect(Object.keys(schema.properties.failover.properties ?? {})).toEqual(['targets', 'traffic', 'health', 'failures', 'cooldown', 'state']);
    const committed = JSON.parse(readFileSync(path.join(repoRoot, 'schema', 'rollout.schema.json'), 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(specJsonSchema())));
  });
});

describe('the scheduled failover workflow', () => {
  const { file, text } = failoverWorkflowCommand({ specFile: FAILOVER_SPEC, repoRoot, options: {} });
  const doc = parse(text);

  test("validates against GitHub's workflow schema, in every variant", () => {
    expect(workflowErrors(text)).toEqual([]);
    expect(workflowErrors(failoverWorkflowCommand({ specFile: FAILOVER_SPEC, repoRoot, options: { uses: './', schedule: '7,37 * * * *', runsOn: 'self-hosted' } }).text)).toEqual([]);
  });

  test('runs one evaluation on a schedule, never two at once, signed in with OIDC', () => {
    expect(path.relative(repoRoot, file)).toBe(path.join('.github', 'workflows', 'contoso-failover-failover.yml'));
    expect(doc.on.schedule).toEqual([{ cron: '*/5 * * * *' }]);
    expect(doc.on.workflow_dispatch.inputs.failover.options).toEqual(['evaluate', 'status', 'init', 'switch']);
    expect(doc.concurrency).toEqual({ group: 'staged-rollout-failover-contoso-failover', 'cancel-in-progress': false });
    expect(doc.jobs.failover.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(doc.jobs.failover.env).toEqual({
      FAILOVER_TABLE: '${{ vars.FAILOVER_TABLE }}',
      FAILOVER_TABLE_ENDPOINT: '${{ vars.FAILOVER_TABLE_ENDPOINT }}',
      PRIMARY_HOST: '${{ vars.PRIMARY_HOST }}',
      SECONDARY_HOST: '${{ vars.SECONDARY_HOST }}',
    });
    expect(doc.jobs.failover.steps[1].with).toMatchObject({ command: 'failover', spec: FAILOVER_SPEC.split(path.sep).join('/'), failover: "${{ inputs.failover || 'evaluate' }}", 'client-id': '${{ vars.AZURE_CLIENT_ID }}' });
  });

  test('is refused for a spec without a failover section', () => {
    expect(() => failoverWorkflowCommand({ specFile: 'examples/basic/rollout.yaml', repoRoot, options: {} })).toThrow(/has no failover section/);
  });
});
