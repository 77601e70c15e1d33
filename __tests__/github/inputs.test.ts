import { afterAll, describe, expect, it } from '@jest/globals';
import os from 'node:os';
import path from 'node:path';
import { planRequest, readInputs, type ActionInputs } from '../../src/github/inputs.js';
import { redact } from '../../src/github/masking.js';
import { actionHarness, commands, repoRoot } from '../helpers/in-process-action.js';

const harness = actionHarness();
afterAll(() => harness.cleanup());

/** readInputs under the runner's environment; the error it throws, if any. */
async function read(inputs: Record<string, string>, env: Record<string, string | undefined> = {}) {
  let value: ActionInputs | undefined;
  const run = await harness.run(inputs, () => {
    value = readInputs();
  }, env);
  return { value, error: run.error };
}

async function refusal(inputs: Record<string, string>, env: Record<string, string | undefined> = {}): Promise<string> {
  const { error } = await read(inputs, env);
  expect((error as Error).name).toBe('InputError');
  return (error as Error).message;
}

describe('readInputs: the defaults action.yml documents', () => {
  it('an empty step is a plan of rollout.yaml at the short sha, all stages, journal under RUNNER_TEMP', async () => {
    const { value } = await read({});
    expect(value).toStrictEqual({
      command: 'plan',
      spec: 'rollout.yaml',
      mode: 'standard',
      version: '0123456',
      stage: 'all',
      dryRun: false,
      clientId: undefined,
      tenantId: undefined,
      armEndpoint: undefined,
      armCa: undefined,
      plan: undefined,
      token: undefined,
      maxWaitMs: 5 * 3_600_000,
      strict: false,
      workflow: undefined,
      journal: path.join(harness.dir, 'staged-rollout', 'journal.jsonl'),
      workspace: repoRoot,
    });
  });

  it('without RUNNER_TEMP the journal is in the system temp folder; without GITHUB_WORKSPACE the workspace is the cwd', async () => {
    const { value } = await read({ spec: 'examples/basic/rollout.yaml' }, { RUNNER_TEMP: undefined, GITHUB_WORKSPACE: undefined });
    expect(value?.journal).toBe(path.join(os.tmpdir(), 'staged-rollout', 'journal.jsonl'));
    expect(value?.workspace).toBe(process.cwd());
  });

  it('empty RUNNER_TEMP and GITHUB_WORKSPACE count as unset', async () => {
    const { value } = await read({ spec: 'examples/basic/rollout.yaml' }, { RUNNER_TEMP: '', GITHUB_WORKSPACE: '' });
    expect(value?.journal).toBe(path.join(os.tmpdir(), 'staged-rollout', 'journal.jsonl'));
    expect(value?.workspace).toBe(process.cwd());
  });

  it('the version is the first 7 characters of GITHUB_SHA, or all of a shorter one', async () => {
    expect((await read({}, { GITHUB_SHA: 'abc' })).value?.version).toBe('abc');
    expect((await read({}, { GITHUB_SHA: 'fedcba9876' })).value?.version).toBe('fedcba9');
  });

  it('reads the environment it is given rather than process.env for the sha, workspace and temp folder', async () => {
    let value: ActionInputs | undefined;
    await harness.run({}, () => {
      value = readInputs({ GITHUB_SHA: 'feedfacecafe', GITHUB_WORKSPACE: path.join(repoRoot, 'examples'), RUNNER_TEMP: '/runner/tmp' });
    });
    expect(value).toMatchObject({ version: 'feedfac', workspace: path.join(repoRoot, 'examples'), journal: path.join('/runner/tmp', 'staged-rollout', 'journal.jsonl') });
  });
});

describe('readInputs: every input given', () => {
  it('passes each through under its name', async () => {
    const { value } = await read({
      command: 'deploy',
      spec: 'examples/basic/rollout.yaml',
      mode: 'hotfix',
      version: '2.0.1',
      stage: 'canary',
      'dry-run': 'true',
      'client-id': 'app-id',
      'tenant-id': 'tenant',
      'arm-endpoint': 'https://management.local',
      'arm-ca': 'certs/ca.pem',
      plan: '{"formatVersion":1}',
      token: 'ghs_token',
      'max-wait': '90m',
      strict: 'true',
      workflow: '.github/workflows/rollout.yml',
      journal: '/tmp/j.jsonl',
    });
    expect(value).toStrictEqual({
      command: 'deploy',
      spec: 'examples/basic/rollout.yaml',
      mode: 'hotfix',
      version: '2.0.1',
      stage: 'canary',
      dryRun: true,
      clientId: 'app-id',
      tenantId: 'tenant',
      armEndpoint: 'https://management.local',
      armCa: 'certs/ca.pem',
      plan: '{"formatVersion":1}',
      token: 'ghs_token',
      maxWaitMs: 90 * 60_000,
      strict: true,
      workflow: '.github/workflows/rollout.yml',
      journal: '/tmp/j.jsonl',
      workspace: repoRoot,
    });
  });

  it.each(['plan', 'deploy', 'workflow', 'environments', 'failover', 'status', 'teardown', 'abort', 'promote'])('takes command %s', async (command) => {
    expect((await read({ command })).value?.command).toBe(command);
  });

  it('dry-run and strict false are false; max-wait 0 is no wait', async () => {
    const { value } = await read({ 'dry-run': 'false', strict: 'false', 'max-wait': '0' });
    expect([value?.dryRun, value?.strict, value?.maxWaitMs]).toEqual([false, false, 0]);
  });
});

describe('readInputs: refusals name the input and the fix', () => {
  it('an unknown command lists the known ones', async () => {
    expect(await refusal({ command: 'deploi' })).toBe('input command "deploi" is not known; use one of: plan, deploy, workflow, environments, failover, status, teardown, abort, promote');
  });

  it('no version and no GITHUB_SHA', async () => {
    expect(await refusal({}, { GITHUB_SHA: undefined })).toBe('input version is empty and GITHUB_SHA is not set; give version: (e.g. a release tag)');
    expect((await read({ version: '1.0.0' }, { GITHUB_SHA: undefined })).value?.version).toBe('1.0.0');
  });

  it.each([
    ['dry-run', 'yes'],
    ['strict', 'TRUE'],
  ])('%s must be true or false', async (name, value) => {
    expect(await refusal({ [name]: value })).toBe(`input ${name} is "${value}"; use true or false`);
  });

  it.each([
    [{ 'client-id': 'app-id' }],
    [{ 'tenant-id': 'tenant' }],
  ])('client-id and tenant-id go together: %j', async (inputs) => {
    expect(await refusal(inputs)).toBe('client-id and tenant-id go together: give both for OIDC sign-in, or neither to use azure/login or the environment');
  });

  it('a max-wait written in words gets the exact fix, anything else the general rule', async () => {
    expect(await refusal({ 'max-wait': '90 minutes' })).toBe('input max-wait is "90 minutes"; write 90m');
    expect(await refusal({ 'max-wait': 'soon' })).toBe('input max-wait is "soon"; write a duration like 90s, 10m, 4h, 1d or ISO 8601 like PT24H');
  });

  it('the spec must lie inside the workspace', async () => {
    expect(await refusal({ spec: '../rollout.yaml' })).toBe(`input spec "../rollout.yaml" lies outside the workspace (${repoRoot}); give the spec as a path relative to the repository root, e.g. spec: deploy/rollout.yaml`);
  });
});

describe('planRequest', () => {
  it('asks the planner for the spec, mode and version in the workspace, with the bicep-path input', async () => {
    let request: ReturnType<typeof planRequest> | undefined;
    await harness.run({ spec: 'examples/basic/rollout.yaml', mode: 'hotfix', version: '3.1.0', 'bicep-path': '/opt/bicep' }, () => {
      request = planRequest(readInputs());
    });
    expect(request).toMatchObject({ specFile: 'examples/basic/rollout.yaml', mode: 'hotfix', version: '3.1.0', env: process.env, repoRoot, bicepPath: '/opt/bicep' });
  });

  it('no bicep-path is the bicep on PATH', async () => {
    let request: ReturnType<typeof planRequest> | undefined;
    await harness.run({}, () => {
      request = planRequest(readInputs());
    });
    expect(request?.bicepPath).toBeUndefined();
    expect('bicepPath' in request!).toBe(true);
  });

  it('masks each secret the planner finds with the runner, then redacts it', async () => {
    let redacted = '';
    const run = await harness.run({}, () => {
      planRequest(readInputs()).onSecrets!(['first-5ecret', 'second 5ecret']);
      redacted = redact('a first-5ecret and a second 5ecret');
    });
    expect(commands(run.stdout, 'add-mask')).toEqual(['::add-mask::first-5ecret', '::add-mask::second 5ecret', '::add-mask::second%25205ecret', '::add-mask::second+5ecret']);
    // Workflow commands escape % as %25: the runner unescapes it back to the URL-encoded form.
    expect(redacted).toBe('a *** and a ***');
  });

  it('annotates each spec warning on its file, line and column, with its key and hint', async () => {
    const run = await harness.run({}, () => {
      planRequest(readInputs()).onWarnings!([
        { file: 'rollout.yaml', line: 15, col: 52, path: 'stages[1].maxParallel', message: 'maxParallel 4 is too many', hint: 'lower it to 1' },
        { file: 'rollout.yaml', line: 3, col: 1, message: 'no key' },
      ]);
    });
    expect(commands(run.stdout, 'warning')).toEqual([
      '::warning title=staged-rollout%3A spec warning,file=rollout.yaml,line=15,col=52::stages[1].maxParallel: maxParallel 4 is too many (lower it to 1)',
      '::warning title=staged-rollout%3A spec warning,file=rollout.yaml,line=3,col=1::no key',
    ]);
  });
});
