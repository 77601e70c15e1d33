// What a command probe's answer says, exactly: the command as shown, its exit, the tail of its output, and the cases
// with nothing to run or a signal already aborted. (Mutation testing found each of these unasserted.)
import { describe, expect, it } from '@jest/globals';
import type { HealthCheck } from '../../src/plan/types.js';
import { commandProbe } from '../../src/probes/index.js';
import { SystemClock } from '../../src/time/clock.js';
import { HEALTH } from '../engine/fakes.js';
import { probeTarget } from './target.js';

const node = process.execPath;
const target = probeTarget('https://app.example');
const check = (command: string[] | undefined, over: Partial<HealthCheck> = {}): HealthCheck => ({ ...HEALTH, url: undefined, command, ...over });
const probe = commandProbe({ clock: new SystemClock(), env: { PATH: process.env.PATH } });
const signal = new AbortController().signal;

describe('command probe answers', () => {
  it('has nothing to run without a command, or with an empty one', async () => {
    expect(await probe(check([]), target, signal)).toEqual({ healthy: false, latencyMs: 0, detail: 'no command to run' });
    expect(await probe(check(undefined), target, signal)).toEqual({ healthy: false, latencyMs: 0, detail: 'no command to run' });
  });

  it('names the stamp and the missing output when an argument cannot be resolved', async () => {
    expect(await probe(check([node, '{outputs.missing}']), target, signal)).toEqual({
      healthy: false,
      latencyMs: 0,
      detail: "app@eastus: output 'missing' not found in the deployment's outputs (endpoint)",
    });
  });

  it('shows the command with an argument holding whitespace quoted, and says nothing more when it said nothing', async () => {
    const before = performance.now();
    const answer = await probe(check([node, '-e', 'process.exit( 2 )']), target, signal);
    const took = performance.now() - before;
    expect(answer).toEqual({ healthy: false, status: 2, latencyMs: expect.any(Number), detail: `${node} -e "process.exit( 2 )" exited 2 in ${answer.latencyMs}ms` });
    // The latency is of this run: never more than the call took.
    expect(answer.latencyMs).toBeLessThanOrEqual(Math.ceil(took));
  });

  it('gives the last 240 characters of what the command said, whitespace runs as one space', async () => {
    const script = `process.stdout.write('x'.repeat(300) + '  \\n\\n\\t' + 'END of   it\\n'); process.exit(4)`;
    const answer = await probe(check([node, '-e', script]), target, signal);
    const said = `${'x'.repeat(300)} END of it`.slice(-240);
    expect(answer.detail).toBe(`${node} -e ${JSON.stringify(script)} exited 4 in ${answer.latencyMs}ms: ${said}`);
  });

  it('says which signal killed a command, and gives no exit status', async () => {
    const answer = await probe(check([node, '-e', 'console.log("going"); process.kill(process.pid, "SIGTERM")']), target, signal);
    expect(answer).toEqual({ healthy: false, latencyMs: expect.any(Number), detail: `${node} -e "console.log(\\"going\\"); process.kill(process.pid, \\"SIGTERM\\")" was killed by SIGTERM: going` });
  });

  it('runs the command with the env it was given, not the runner\'s own', async () => {
    process.env.STAGED_ROLLOUT_RUNNER_ONLY = 'runner';
    try {
      const script = 'process.exit(process.env.GIVEN === "given" && process.env.STAGED_ROLLOUT_RUNNER_ONLY === undefined ? 0 : 5)';
      const given = commandProbe({ clock: new SystemClock(), env: { GIVEN: 'given' } });
      expect(await given(check([node, '-e', script]), target, signal)).toMatchObject({ healthy: true, status: 0 });
      // Without one, the runner's own (as for any workflow step).
      const own = commandProbe({ clock: new SystemClock() });
      expect(await own(check([node, '-e', 'process.exit(process.env.STAGED_ROLLOUT_RUNNER_ONLY === "runner" ? 0 : 5)']), target, signal)).toMatchObject({ healthy: true });
    } finally {
      delete process.env.STAGED_ROLLOUT_RUNNER_ONLY;
    }
  });

  it('gives the command no stdin: one that reads to its end finishes at once', async () => {
    const answer = await probe(check([node, '-e', 'process.stdin.resume(); process.stdin.on("end", () => process.exit(0))'], { timeoutMs: 15_000 }), target, signal);
    expect(answer).toMatchObject({ healthy: true, status: 0 });
  });

  it('throws the reason of a signal aborted before it starts, and runs nothing', async () => {
    const aborted = new AbortController();
    const reason = new Error('rollout cancelled');
    aborted.abort(reason);
    await expect(probe(check([node, '-e', 'process.exit(0)']), target, aborted.signal)).rejects.toBe(reason);
  });

  it('kills the command when the rollout aborts while it runs', async () => {
    const running = new AbortController();
    // The command is started (and the abort wired to it) before probe() returns its promise.
    const answer = probe(check([node, '-e', 'setTimeout(() => process.exit(0), 20000)'], { timeoutMs: 60_000 }), target, running.signal);
    running.abort(new Error('rollout cancelled'));
    expect(await answer).toMatchObject({ healthy: false, detail: expect.stringMatching(/was killed by SIGKILL$/) });
  });
});
