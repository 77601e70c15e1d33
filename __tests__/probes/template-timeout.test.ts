// The probes' two helpers on their own: `{outputs.NAME}` lookup (exact name first, then any case) and withTimeout's
// wiring of the outer signal, the deadline, and what it leaves behind. (Mutation testing found these unasserted.)
import { describe, expect, it } from '@jest/globals';
import { createProber } from '../../src/probes/index.js';
import { resolveOutputs } from '../../src/probes/template.js';
import { ProbeTimeout, withTimeout } from '../../src/probes/timeout.js';
import { SystemClock, VirtualClock } from '../../src/time/clock.js';
import { HEALTH, stamp } from '../engine/fakes.js';

describe('resolveOutputs', () => {
  it('takes the output of exactly that name before one that differs only in case', () => {
    const outputs = { Endpoint: { type: 'String', value: 'upper' }, endpoint: { type: 'String', value: 'lower' } };
    expect(resolveOutputs('{outputs.endpoint}', outputs)).toEqual({ ok: true, value: 'lower', shown: 'lower', secure: false });
    expect(resolveOutputs('{outputs.Endpoint}', outputs)).toEqual({ ok: true, value: 'upper', shown: 'upper', secure: false });
  });

  it('finds an output whatever the case of its name, as ARM does', () => {
    const outputs = { hostName: { type: 'String', value: 'app.example' } };
    expect(resolveOutputs('https://{outputs.HOSTNAME}/', outputs)).toEqual({ ok: true, value: 'https://app.example/', shown: 'https://app.example/', secure: false });
    expect(resolveOutputs('{outputs.hostname}', outputs)).toMatchObject({ ok: true, value: 'app.example' });
  });

  it('says so when the deployment has no outputs at all', () => {
    expect(resolveOutputs('{outputs.x}', {})).toEqual({ ok: false, detail: "output 'x' not found in the deployment's outputs (it has none)" });
  });
});

describe('withTimeout', () => {
  const never = (signal: AbortSignal): Promise<string> => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));

  it('is a ProbeTimeout, named so', () => {
    expect(new ProbeTimeout(5)).toMatchObject({ name: 'ProbeTimeout', message: 'timed out after 5ms' });
  });

  it('throws the reason of an outer signal already aborted, without starting the work', async () => {
    const outer = new AbortController();
    const reason = new Error('cancelled');
    outer.abort(reason);
    let started = false;
    await expect(withTimeout(new SystemClock(), 1000, outer.signal, async () => ((started = true), 'done'))).rejects.toBe(reason);
    expect(started).toBe(false);
  });

  it('passes an outer abort on to the work, with its reason', async () => {
    const outer = new AbortController();
    const reason = new Error('cancelled');
    const pending = withTimeout(new SystemClock(), 60_000, outer.signal, never);
    outer.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('aborts the work at the deadline of the clock, with the timeout as the reason', async () => {
    const clock = new VirtualClock();
    let seen: AbortSignal | undefined;
    const pending = withTimeout(clock, 60_000, new AbortController().signal, (signal) => ((seen = signal), never(signal)));
    clock.advance(60_000);
    await expect(pending).rejects.toEqual(new ProbeTimeout(60_000));
    expect(seen!.reason).toEqual(new ProbeTimeout(60_000));
  });

  it('leaves no clock timer and no live signal behind once the work is done', async () => {
    const clock = new VirtualClock();
    let seen: AbortSignal | undefined;
    expect(await withTimeout(clock, 60_000, new AbortController().signal, async (signal) => ((seen = signal), 'done'))).toBe('done');
    expect(clock.pending).toBe(0);
    expect(seen!.aborted).toBe(true);
    expect((seen!.reason as Error).message).toBe('probe finished');
  });
});

describe('prober', () => {
  it('takes an empty command list as no command: the url is probed', async () => {
    const prober = createProber({ clock: new SystemClock() });
    const target = { stamp: stamp('app@eastus', { region: 'eastus' }), outputs: {}, rollout: { id: 'r@1', version: '1', mode: 'standard' } };
    const answer = await prober.probe({ ...HEALTH, url: 'ftp://example.invalid/', command: [] }, target, new AbortController().signal);
    expect(answer).toEqual({ healthy: false, latencyMs: 0, detail: 'not an http(s) URL: ftp://example.invalid/' });
  });
});
