import { describe, expect, it } from '@jest/globals';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Prober } from '../../src/engine/ports.js';
import type { HealthCheck } from '../../src/plan/types.js';
import { commandProbe, createProber, envName } from '../../src/probes/index.js';
import type { ProbeTarget } from '../../src/probes/types.js';
import { SystemClock, VirtualClock } from '../../src/time/clock.js';
import { HEALTH, stamp } from '../engine/fakes.js';

const node = process.execPath;
const target: ProbeTarget = {
  stamp: stamp('app@eastus', { region: 'eastus' }),
  outputs: {
    endpoint: { type: 'String', value: 'https://app.example' },
    'port-map': { type: 'Object', value: { http: 80 } },
    adminKey: { type: 'SecureString', value: 'never-in-env' },
  },
  rollout: { id: 'contoso@2.0.0', version: '2.0.0', mode: 'hotfix' },
};
const check = (command: string[], over: Partial<HealthCheck> = {}): HealthCheck => ({ ...HEALTH, url: undefined, command, ...over });
const probe = commandProbe({ clock: new SystemClock(), env: { PATH: process.env.PATH } });
const signal = new AbortController().signal;

describe('command probe', () => {
  it('is healthy on exit 0, with the stamp facts in its env and no secure output among them', async () => {
    const script = `
      const e = process.env;
      const ok = e.STAMP_ID === 'app@eastus' && e.STAMP_REGION === 'eastus' && e.STAMP_COMPONENT === 'app'
        && e.STAMP_RESOURCE_GROUP === 'rg-eastus' && e.ROLLOUT_VERSION === '2.0.0' && e.ROLLOUT_MODE === 'hotfix'
        && e.STAMP_OUTPUT_ENDPOINT === 'https://app.example' && e.STAMP_OUTPUT_PORT_MAP === '{"http":80}'
        && !Object.values(e).includes('never-in-env');
      process.exit(ok ? 0 : 7);`;
    const answer = await probe(check([node, '-e', script]), target, signal);
    expect(answer).toMatchObject({ healthy: true, status: 0 });
    expect(answer.detail).toMatch(/exited 0 in \d+ms$/);
  });

  it('is unhealthy on another exit code, with the tail of what it said', async () => {
    const answer = await probe(check([node, '-e', 'console.error("db: connection refused"); process.exit(3)']), target, signal);
    expect(answer).toMatchObject({ healthy: false, status: 3 });
    expect(answer.detail).toMatch(/exited 3 in \d+ms: db: connection refused$/);
  });

  it('passes arguments as they are, with outputs resolved and no shell in between', async () => {
    const answer = await probe(
      check([node, '-e', 'console.log(JSON.stringify(process.argv.slice(1))); process.exit(1)', '$(whoami); {outputs.endpoint}']),
      target,
      signal,
    );
    expect(answer.detail).toContain('["$(whoami); https://app.example"]');
    const secure = await probe(check([node, '{outputs.adminKey}']), target, signal);
    expect(secure).toMatchObject({ healthy: false, detail: 'app@eastus: a secure output cannot be passed as a command argument' });
  });

  it('kills a command past its timeout, even on a virtual clock', async () => {
    const clock = new VirtualClock().start();
    try {
      const pidFile = join(tmpdir(), `probe-pid-${process.pid}-${Date.now()}`);
      const answer = await commandProbe({ clock })(check([node, '-e', `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setTimeout(() => {}, 30000)`], { timeoutMs: 300 }), target, signal);
      expect(answer.healthy).toBe(false);
      expect(answer.detail).toMatch(/timed out after 300ms; killed$/);
      // The command is gone, not left running its 30 s.
      const pid = Number(readFileSync(pidFile, 'utf8'));
      rmSync(pidFile, { force: true });
      // SIGKILL is sent as the answer is given; the process is reaped a moment later (looked at up to 100 times).
      let gone: string | undefined;
      for (let i = 0; i < 100 && gone === undefined; i++) {
        try {
          process.kill(pid, 0);
          await new Promise((resolve) => setTimeout(resolve, 20));
        } catch (error) {
          gone = (error as NodeJS.ErrnoException).code;
        }
      }
      expect(gone).toBe('ESRCH');
    } finally {
      clock.stop();
    }
  });

  it('is unhealthy when the program does not exist', async () => {
    const answer = await probe(check(['/no/such/probe-binary']), target, signal);
    expect(answer.healthy).toBe(false);
    expect(answer.detail).toMatch(/could not start: .*ENOENT/);
  });

  it('names env vars after outputs', () => {
    expect(envName('endpoint')).toBe('STAMP_OUTPUT_ENDPOINT');
    expect(envName('port-map.v2')).toBe('STAMP_OUTPUT_PORT_MAP_V2');
  });
});

describe('prober', () => {
  it('dispatches on command or url and fits the engine port', async () => {
    const prober: Prober = createProber({ clock: new SystemClock(), env: { PATH: process.env.PATH } });
    expect((await prober.probe(check([node, '-e', '']), target, signal)).healthy).toBe(true);
    const none = await prober.probe({ ...HEALTH, url: undefined }, target, signal);
    expect(none).toMatchObject({ healthy: false, detail: 'app@eastus: the health check has neither url nor command' });
    const url = await prober.probe({ ...HEALTH, url: 'http://127.0.0.1:1/' }, target, signal);
    expect(url.detail).toMatch(/^GET http:\/\/127\.0\.0\.1:1\/: .*ECONNREFUSED/);
  });
});
