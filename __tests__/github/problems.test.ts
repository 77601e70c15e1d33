import { afterAll, describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/commands/plan.js';
import { DeploymentFailure } from '../../src/engine/errors.js';
import { GitHubAccessError } from '../../src/github/api-errors.js';
import { actionRedactor } from '../../src/github/masking.js';
import { failStep } from '../../src/github/problems.js';
import { SpecError } from '../../src/spec/problems.js';
import { actionHarness, commands } from '../helpers/in-process-action.js';

const harness = actionHarness();
afterAll(() => harness.cleanup());
const SECRET = 'hunter2-5ecret';

/** failStep in the runner's environment: the ::error lines it wrote (no ::add-mask::), and the exit code. */
async function fail(error: unknown) {
  const run = await harness.run({}, () => {
    actionRedactor().add(SECRET);
    failStep(error);
  });
  return { errors: commands(run.stdout, 'error'), exitCode: run.exitCode, stdout: run.stdout.replace(/^::add-mask::.*\n/gm, '') };
}

describe('failStep', () => {
  it('a spec error: one annotation per problem on its file, line and column, then the whole message', async () => {
    const error = new SpecError([
      { file: 'rollout.yaml', line: 14, col: 15, path: 'components.app.template', message: 'template "x.json" does not exist', hint: 'check the path' },
      { file: 'rollout.yaml', line: 3, col: 1, message: `value ${SECRET} is not allowed` },
    ]);
    const { errors, exitCode, stdout } = await fail(error);
    expect(exitCode).toBe(1);
    expect(errors).toEqual([
      '::error title=staged-rollout%3A spec problem,file=rollout.yaml,line=3,col=1::value *** is not allowed',
      '::error title=staged-rollout%3A spec problem,file=rollout.yaml,line=14,col=15::components.app.template: template "x.json" does not exist (check the path)',
      '::error::The rollout spec has 2 problems; nothing was deployed:%0A  rollout.yaml:3:1: value *** is not allowed%0A  rollout.yaml:14:15: components.app.template: template "x.json" does not exist (check the path)',
    ]);
    expect(stdout).toBe(`${errors.join('\n')}\n`);
  });

  it('a deployment failure: its code and message, with the correlation id when ARM gave one', async () => {
    expect((await fail(new DeploymentFailure({ code: 'Conflict', message: `key ${SECRET} taken`, correlationId: 'c0ffee' }))).errors).toEqual(['::error::Conflict: key *** taken (correlation id c0ffee)']);
    expect((await fail(new DeploymentFailure({ code: 'InvalidTemplate', message: 'bad' }))).errors).toEqual(['::error::InvalidTemplate: bad']);
  });

  it('an input error (and a GitHub access error) is its message alone, no stack', async () => {
    expect(await fail(new InputError(`input token ${SECRET} is wrong`))).toEqual({ errors: ['::error::input token *** is wrong'], exitCode: 1, stdout: '::error::input token *** is wrong\n' });
    expect((await fail(new GitHubAccessError('the GitHub token was refused', 401))).errors).toEqual(['::error::the GitHub token was refused']);
  });

  it('an operational error is its one line with what to do', async () => {
    const refused = Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:1 ${SECRET}`), { code: 'ECONNREFUSED' });
    expect((await fail(refused)).errors).toEqual([
      '::error::connect ECONNREFUSED 127.0.0.1:1 *** (ECONNREFUSED). Check that the ARM endpoint is reachable, then re-run; a re-run resumes from the journal.',
    ]);
  });

  it('a bug keeps its stack; without one, its message; a thrown non-error is printed as it is', async () => {
    const bug = new Error(`boom ${SECRET}`);
    const escaped = bug.stack!.replaceAll(SECRET, '***').replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    expect((await fail(bug)).errors).toEqual([`::error::${escaped}`]);
    expect(escaped.startsWith('Error: boom ***%0A    at ')).toBe(true);
    const bare = new Error('no stack here');
    bare.stack = undefined;
    expect((await fail(bare)).errors).toEqual(['::error::no stack here']);
    expect((await fail(`thrown ${SECRET}`)).errors).toEqual(['::error::thrown ***']);
    expect((await fail(42)).errors).toEqual(['::error::42']);
  });
});
