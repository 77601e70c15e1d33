import { describe, expect, it } from '@jest/globals';
import { planCommand } from '../../src/commands/plan.js';
import type { RolloutResult } from '../../src/engine/result.js';
import type { DeploymentRecords, StageOutcome, StageRunInfo } from '../../src/github/deployments.js';
import { environmentUrl, StageRecorder } from '../../src/github/stage-records.js';
import type { Plan } from '../../src/plan/types.js';
import { repoRoot } from '../helpers/in-process-action.js';

const SHA = 'feedfacefeedfacefeedfacefeedfacefeedface';
const basic = planCommand({ specFile: 'examples/basic/rollout.yaml', mode: 'standard', version: '1.0.0', env: {}, repoRoot }).plan;
// broad without an environment (recorded under <rollout>-<stage>) and pilot with its own URL template.
const plan: Plan = {
  ...basic,
  stages: basic.stages.map((s) =>
    s.name === 'broad' ? { ...s, environment: undefined } : s.name === 'pilot' ? { ...s, environmentUrl: 'https://{outputs.host}/status' } : s,
  ),
};
const stage = (name: string) => plan.stages.find((s) => s.name === name)!;

/** The DeploymentRecords port, recording what the recorder asks of GitHub; `refuse` makes start fail for a stage. */
function recordingRecords(refuse: string[] = []) {
  const calls: Array<{ started: StageRunInfo; finished: StageOutcome[] }> = [];
  const records: DeploymentRecords = {
    start: async (run) => {
      if (refuse.includes(run.stage)) throw new Error(`403 for ${run.stage}`);
      const call = { started: run, finished: [] as StageOutcome[] };
      calls.push(call);
      return { id: calls.length, finish: async (outcome) => void call.finished.push(outcome) };
    },
    latest: async () => undefined,
  };
  return { records, calls };
}

const result = (stages: Array<{ name: string; status: string; stamps?: unknown[] }>, message = 'the rollout stopped'): RolloutResult =>
  ({ stages: stages.map((s) => ({ stamps: [], ...s })), message }) as unknown as RolloutResult;

describe('StageRecorder', () => {
  it('begin records the stage with the rollout, environment, sha, mode and stamps, once however often it is called', async () => {
    const { records, calls } = recordingRecords();
    const recorder = new StageRecorder(records, plan, SHA);
    await recorder.begin(stage('canary'));
    await recorder.begin(stage('canary'));
    expect(calls.map((c) => c.started)).toEqual([
      {
        rolloutId: 'contoso-web@1.0.0',
        version: '1.0.0',
        specHash: plan.rollout.specHash,
        stage: 'canary',
        environment: 'prod-canary',
        sha: SHA,
        mode: 'standard',
        stamps: ['global', 'cluster@eastus', 'app@eastus'],
      },
    ]);
  });

  it('a permission error of the first record surfaces from begin', async () => {
    const { records } = recordingRecords(['canary']);
    await expect(new StageRecorder(records, plan, SHA).begin(stage('canary'))).rejects.toThrow('403 for canary');
  });

  it('records later stages as the engine starts them; other events, unknown and already recorded stages add none', async () => {
    const { records, calls } = recordingRecords();
    const recorder = new StageRecorder(records, plan, SHA);
    await recorder.begin(stage('canary'));
    recorder.onEvent({ type: 'stage-started', stage: 'canary', index: 0, stamps: 3 });
    recorder.onEvent({ type: 'stage-finished', stage: 'pilot', status: 'succeeded', durationMs: 1 });
    recorder.onEvent({ type: 'stage-started', stage: 'nowhere', index: 7, stamps: 0 });
    recorder.onEvent({ type: 'stage-started', stage: 'broad', index: 2, stamps: 4 });
    recorder.onEvent({ type: 'stage-started', stage: 'broad', index: 2, stamps: 4 });
    await recorder.finish(undefined, 'stopped');
    expect(calls.map((c) => [c.started.stage, c.started.environment])).toEqual([
      ['canary', 'prod-canary'],
      ['broad', 'contoso-web-broad'],
    ]);
  });

  it('finish closes each record with its stage outcome, message and URL', async () => {
    const { records, calls } = recordingRecords();
    const recorder = new StageRecorder(records, plan, SHA);
    await recorder.begin(stage('canary'));
    recorder.onEvent({ type: 'stage-started', stage: 'pilot', index: 1, stamps: 4 });
    recorder.onEvent({ type: 'stage-started', stage: 'broad', index: 2, stamps: 4 });
    await recorder.finish(
      result([
        { name: 'canary', status: 'already-completed', stamps: [{ outputs: { endpoint: { type: 'String', value: 'https://eus.example' } } }] },
        { name: 'pilot', status: 'succeeded', stamps: [{ outputs: { host: { type: 'string', value: 'wus.example' } } }] },
        { name: 'broad', status: 'rolled-back' },
      ]),
    );
    expect(calls.map((c) => c.finished)).toEqual([
      [{ state: 'success', rolledBack: false, message: 'stage canary succeeded', environmentUrl: 'https://eus.example' }],
      [{ state: 'success', rolledBack: false, message: 'stage pilot succeeded', environmentUrl: 'https://wus.example/status' }],
      [{ state: 'failure', rolledBack: true, message: 'the rollout stopped', environmentUrl: undefined }],
    ]);
  });

  it('a failed stage without rollback, a run without a result, and one with neither result nor error', async () => {
    const failed = recordingRecords();
    const one = new StageRecorder(failed.records, plan, SHA);
    await one.begin(stage('canary'));
    await one.finish(result([{ name: 'canary', status: 'failed' }], 'app@eastus failed'));
    expect(failed.calls[0].finished).toEqual([{ state: 'failure', rolledBack: false, message: 'app@eastus failed', environmentUrl: undefined }]);

    const errored = recordingRecords();
    const two = new StageRecorder(errored.records, plan, SHA);
    await two.begin(stage('pilot'));
    await two.finish(undefined, 'ARM unreachable');
    expect(errored.calls[0].finished).toEqual([{ state: 'failure', rolledBack: false, message: 'ARM unreachable', environmentUrl: undefined }]);

    const silent = recordingRecords();
    const three = new StageRecorder(silent.records, plan, SHA);
    await three.begin(stage('broad'));
    await three.finish(undefined);
    expect(silent.calls[0].finished).toEqual([{ state: 'failure', rolledBack: false, message: 'stage broad did not finish', environmentUrl: undefined }]);
  });

  it('a later stage whose record could not be started is skipped at finish, the others closed', async () => {
    const { records, calls } = recordingRecords(['pilot']);
    const recorder = new StageRecorder(records, plan, SHA);
    await recorder.begin(stage('canary'));
    recorder.onEvent({ type: 'stage-started', stage: 'pilot', index: 1, stamps: 4 });
    await recorder.finish(result([{ name: 'canary', status: 'succeeded' }, { name: 'pilot', status: 'succeeded' }]));
    expect(calls.map((c) => [c.started.stage, c.finished.map((f) => f.state)])).toEqual([['canary', ['success']]]);
  });
});

describe('environmentUrl', () => {
  const out = (outputs: Record<string, { type: string; value: unknown }>) => ({ outputs });

  it('fills the template from the first stamp that has every output it names', () => {
    expect(environmentUrl('{outputs.endpoint}', [{}, out({ other: { type: 'String', value: 'x' } }), out({ endpoint: { type: 'String', value: 'https://b.example' } })])).toBe('https://b.example');
    expect(environmentUrl('https://{outputs.host}:{outputs.port}/x', [out({ host: { type: 'String', value: 'h' } }), out({ host: { type: 'String', value: 'a' }, port: { type: 'String', value: '8443' } })])).toBe('https://a:8443/x');
  });

  it('never from a secure output, a value that is not a string, or a URL that is not http(s)', () => {
    expect(environmentUrl('{outputs.endpoint}', [out({ endpoint: { type: 'SecureString', value: 'https://secret.example' } })])).toBeUndefined();
    expect(environmentUrl('{outputs.endpoint}', [out({ endpoint: { type: 'Int', value: 8080 } })])).toBeUndefined();
    expect(environmentUrl('{outputs.endpoint}', [out({ endpoint: { type: 'String', value: 'ftp://a.example' } })])).toBeUndefined();
    expect(environmentUrl('{outputs.endpoint}', [out({ endpoint: { type: 'String', value: 'see https://a.example' } })])).toBeUndefined();
    expect(environmentUrl('{outputs.endpoint}', [out({ endpoint: { type: 'String', value: 'ftp://a' } }), out({ endpoint: { type: 'String', value: 'http://b.example' } })])).toBe('http://b.example');
  });

  it('a fixed http URL needs no output; no stamps, no URL', () => {
    expect(environmentUrl('https://status.example', [{}])).toBe('https://status.example');
    expect(environmentUrl('https://status.example', [])).toBeUndefined();
  });
});
