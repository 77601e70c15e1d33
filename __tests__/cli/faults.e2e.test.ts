/**
 * The bundled CLI in processes of its own against the local ARM endpoint (in the test's process): killed with SIGKILL
 * at chosen moments and re-run, two runs at once, a parameter changed between runs, a stage run before the previous
 * one baked, and an ARM error quoting a secret. Each re-run must end in the state an uninterrupted run ends in.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { parseDuration } from '../../src/time/duration.js';
import { repoRoot } from '../helpers/run-action.js';

const FIXTURES = path.join(repoRoot, '__tests__', 'fixtures', 'faults');
const SECRET = 'k"5ecret/+&x y';
const PROBE_KEY = 'p-5ecret-probe';
const written: string[] = [];
let sim: ArmSim;
let subscriptions = 0;

beforeAll(async () => {
  sim = await startArmSim({ deploymentLatencyMs: 300 });
});
afterAll(async () => {
  await sim.stop();
  for (const file of written) rmSync(file, { force: true });
});

interface SpecOptions {
  canaryBake?: string;
  westusGreeting?: string;
}

/** A spec of its own per test (own name, subscription and resource groups), next to the fixture's template. */
function writeSpec(name: string, options: SpecOptions = {}): string {
  const source = readFileSync(path.join(FIXTURES, 'rollout.yaml'), 'utf8')
    .replace('name: faulty', `name: ${name}`)
    .replace('bake: 3s', `bake: ${options.canaryBake ?? '3s'}`)
    .replace('greeting: "{env.FAULTY_WESTUS_GREETING}"', `greeting: ${options.westusGreeting ?? 'hi'}`)
    .replace(/faulty-\{region\.short\}/g, `${name}-{region.short}`);
  const file = path.join(FIXTURES, `.run-${name}.yaml`);
  writeFileSync(file, source);
  written.push(file);
  return path.relative(repoRoot, file);
}

interface Cli {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp): Promise<void>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function startCli(args: string[], env: Record<string, string>): Cli {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'staged-rollout.js'), ...args], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  const check = (): void => {
    for (const w of [...waiters]) if (w.pattern.test(stdout)) waiters.splice(waiters.indexOf(w), 1) && w.resolve();
  };
  child.stdout!.on('data', (d) => {
    stdout += d;
    check();
  });
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => {
      for (const w of waiters) w.resolve(); // the process ended: the test's own expectations say what was missing
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return {
    child,
    output: () => stdout,
    waitFor: (pattern) => new Promise<void>((resolve) => {
      waiters.push({ pattern, resolve });
      check();
    }),
    done,
  };
}

/** A fresh journal, subscription and spec: one isolated estate per test. */
function estate(name: string, options: SpecOptions = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), `staged-rollout-${name}-`));
  const journal = path.join(dir, 'journal.jsonl');
  const subscription = `00000000-0000-0000-0000-${String(++subscriptions).padStart(12, '0')}`;
  const env = { FAULTY_SUBSCRIPTION: subscription, FAULTY_API_KEY: SECRET, FAULTY_PROBE_KEY: PROBE_KEY };
  let spec = writeSpec(name, options);
  const args = (version: string, ...more: string[]) => ['deploy', '--spec', spec, '--version', version, '--arm-endpoint', sim.endpoint, '--arm-ca', sim.caFile, '--journal', journal, ...more];
  return {
    journal,
    subscription,
    deploy: (version: string, ...more: string[]) => startCli(args(version, ...more), env),
    respec: (next: SpecOptions) => (spec = writeSpec(name, { ...options, ...next })),
    /** Versions the apps of this estate run, by region. */
    versions: () => Object.fromEntries(sim.apps().filter((a) => a.subscription === subscription).map((a) => [a.region, a.version])),
    /** Accepted PUTs per deployment name of this estate. */
    puts: () => {
      const counts: Record<string, number> = {};
      for (const r of sim.requests) {
        const m = /\/subscriptions\/([^/]+)\/resourcegroups\/[^/]+\/providers\/Microsoft\.Resources\/deployments\/([^/?]+)$/i.exec(r.path);
        if (r.method === 'PUT' && m && m[1] === subscription && r.status >= 200 && r.status < 300) counts[m[2]] = (counts[m[2]] ?? 0) + 1;
      }
      return counts;
    },
  };
}

describe('the CLI under kills and re-runs', () => {
  it('SIGKILL mid-bake: the re-run skips what was deployed, bakes the rest and succeeds; one PUT per name', async () => {
    const e = estate('killbake');
    const first = e.deploy('1.0.0');
    await first.waitFor(/stage canary: baking/);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    const again = await e.deploy('1.0.0').done;
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/resuming rollout killbake@1.0.0/);
    expect(again.stdout).toMatch(/app@eastus: skipped, already deployed by this rollout/);
    // What is left of the bake depends on when the kill landed: anything from a few ms to the whole 3s.
    expect(again.stdout).toMatch(/stage canary: baking (\d+ms|\d+(\.\d+)?s) \(of 3s\)/);
    expect(again.stdout).toContain('Rollout killbake@1.0.0 (standard): SUCCEEDED');
    expect(e.versions()).toEqual({ eastus: '1.0.0', westus: '1.0.0' });
    expect(e.puts()).toEqual({ 'killbake-app-eastus-1.0.0': 1, 'killbake-app-westus-1.0.0': 1 });
  });

  it('SIGKILL mid-probe: the re-run probes again and succeeds without deploying twice', async () => {
    const e = estate('killprobe');
    const first = e.deploy('1.0.0');
    await first.waitFor(/app@westus: health check, phase within/);
    first.child.kill('SIGKILL');
    await first.done;
    const again = await e.deploy('1.0.0').done;
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Stage 1 canary: already-completed/);
    expect(again.stdout).toMatch(/app@westus: healthy \(health check/);
    expect(e.versions()).toEqual({ eastus: '1.0.0', westus: '1.0.0' });
    expect(e.puts()).toEqual({ 'killprobe-app-eastus-1.0.0': 1, 'killprobe-app-westus-1.0.0': 1 });
  });

  it('SIGKILL mid-rollback: the re-run finishes the rollback and reports rolled back, as an uninterrupted run would', async () => {
    const e = estate('killrb', { canaryBake: '1s' });
    expect((await e.deploy('1.0.0').done).code).toBe(0);
    sim.faults.add({ kind: 'healthFails', region: 'westus', version: '2.0.0', resourceGroup: 'killrb-wus' });
    const first = e.deploy('2.0.0');
    await first.waitFor(/ROLLBACK \(scope stage\)/);
    first.child.kill('SIGKILL');
    await first.done;
    const again = await e.deploy('2.0.0').done;
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/an earlier run was stopped during its rollback .*this run finished it: rolled back 1 stamp\(s\)/);
    expect(again.stdout).toContain('Rollout killrb@2.0.0 (standard): ROLLED-BACK');
    expect(again.stdout).not.toMatch(/SUCCEEDED/);
    // The state of an uninterrupted run: canary on 2.0.0 (scope stage), the failed pilot back on 1.0.0.
    expect(e.versions()).toEqual({ eastus: '2.0.0', westus: '1.0.0' });
    const puts = e.puts();
    expect(puts['killrb-app-westus-2.0.0']).toBe(1);
    expect(puts['killrb-app-eastus-2.0.0']).toBe(1);
  });
});

describe('one rollout at a time', () => {
  it('a second run on the same journal refuses, naming the run that holds it; the first finishes', async () => {
    const e = estate('twice');
    const first = e.deploy('1.0.0');
    await first.waitFor(/starting rollout twice@1.0.0/);
    const second = await e.deploy('2.0.0').done;
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`another run holds the journal .*: deploy --spec .*--version 1\\.0\\.0 --stage all \\(pid ${first.child.pid} on .*\\). Wait for it to finish\\. If that run is gone .*--break-lease`));
    expect(second.stderr).not.toMatch(/\n\s+at /);
    const done = await first.done;
    expect(done.code).toBe(0);
    expect(e.versions()).toEqual({ eastus: '1.0.0', westus: '1.0.0' });
    expect(existsSync(`${e.journal}.lease`)).toBe(false);
  });
});

describe('operational errors', () => {
  it('a journal that cannot be read is one line saying what to do, not a stack trace; nothing is deployed', async () => {
    const e = estate('unreadable');
    const folder = mkdtempSync(path.join(tmpdir(), 'staged-rollout-folder-'));
    const spec = writeSpec('unreadable');
    const run = await startCli(['deploy', '--spec', spec, '--version', '1.0.0', '--arm-endpoint', sim.endpoint, '--arm-ca', sim.caFile, '--journal', folder], { FAULTY_SUBSCRIPTION: e.subscription, FAULTY_API_KEY: SECRET, FAULTY_PROBE_KEY: PROBE_KEY }).done;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^staged-rollout: cannot read the journal .*: EISDIR .*; make it readable, or pass --journal with another file\n$/);
    expect(e.puts()).toEqual({});
  });
});

describe('re-runs of the same version', () => {
  it('deploys exactly the stamps whose parameters changed since the earlier run', async () => {
    const e = estate('changed', { canaryBake: '1s' });
    expect((await e.deploy('1.0.0').done).code).toBe(0);
    e.respec({ westusGreeting: 'howdy' });
    const again = await e.deploy('1.0.0').done;
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Stage 1 canary: already-completed/);
    expect(again.stdout).toMatch(/app@westus: deploying/);
    expect(again.stdout).not.toMatch(/app@eastus: deploying/);
    expect(e.puts()).toEqual({ 'changed-app-eastus-1.0.0': 1, 'changed-app-westus-1.0.0': 2 });
  });
});

describe('one gate for every face', () => {
  it('--stage pilot right after --stage canary refuses naming the bake left; after the bake it runs', async () => {
    // Two estates: an hour's bake for the refusal (however slowly the next CLI process starts, the bake is still
    // running), and a 1 s bake for the run after it (real time: the CLI runs on the system clock). Their canaries run at once.
    const e = estate('gate', { canaryBake: '1h' });
    const baked = estate('gate-baked', { canaryBake: '1s' });
    const [canary, bakedCanary] = await Promise.all([e.deploy('1.0.0', '--stage', 'canary').done, baked.deploy('1.0.0', '--stage', 'canary').done]);
    const bakeOver = Date.now() + 1_000;
    expect(canary.code).toBe(0);
    expect(bakedCanary.code).toBe(0);
    const early = await e.deploy('1.0.0', '--stage', 'pilot').done;
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/stage canary is still baking: its bake of 1h ends in (59m\d+s|1h)\. Run stage pilot after that/);
    expect(e.versions()).toEqual({ eastus: '1.0.0' });
    const before = await e.deploy('2.0.0', '--stage', 'pilot').done;
    expect(before.stderr).toMatch(/stage canary of gate@2.0.0 has not succeeded: by ARM, app@eastus \(.*\)\. Stage pilot cannot start before it/);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, bakeOver - Date.now()))); // what is left of the 1 s bake
    const later = await baked.deploy('1.0.0', '--stage', 'pilot').done;
    expect(later.stderr).toBe('');
    expect(later.code).toBe(0);
    expect(baked.versions()).toEqual({ eastus: '1.0.0', westus: '1.0.0' });
  });

  it('--force skips the checks and the journal records who and why', async () => {
    const e = estate('forced', { canaryBake: '1h' });
    expect((await e.deploy('1.0.0', '--stage', 'canary').done).code).toBe(0);
    const forced = await e.deploy('1.0.0', '--stage', 'pilot', '--force', 'incident 4711').done;
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/checks before stage pilot skipped by --force \(by .+\): incident 4711/);
    const events = readFileSync(e.journal, 'utf8').trim().split('\n').slice(1).map((l) => JSON.parse(l));
    expect(events.find((ev) => ev.type === 'gate-forced')).toMatchObject({ stage: 'pilot', reason: 'incident 4711', by: expect.any(String) });
  });
});

describe('health watched during a bake', () => {
  it('a rehearsed stage turning unhealthy 1 h into a 24 h bake is rolled back within one watch interval of that hour', async () => {
    const spec = writeSpec('watched', { canaryBake: '24h' });
    const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-watched-'));
    const faults = path.join(dir, 'faults.json');
    writeFileSync(faults, JSON.stringify([{ kind: 'healthFails', region: 'eastus', version: '2.0.0', afterMs: 3_600_000 }]));
    const env = { FAULTY_SUBSCRIPTION: '00000000-0000-0000-0000-0000000000ee', FAULTY_API_KEY: SECRET, FAULTY_PROBE_KEY: PROBE_KEY };
    const run = await startCli(['rehearse', '--spec', spec, '--version', '2.0.0', '--faults', faults, '--journal', path.join(dir, 'journal.jsonl')], env).done;
    expect(run.code).toBe(1);
    const at = (pattern: RegExp): number => {
      const line = run.stdout.split('\n').find((l) => pattern.test(l));
      expect(line).toBeDefined();
      return parseDuration(/^\[\+([^\]]+)\]/.exec(line!)![1])!;
    };
    const deployed = at(/app@eastus: deployed in/);
    const unhealthy = at(/app@eastus: UNHEALTHY \(re-check, phase healthyFor\): turned unhealthy .* into the bake/);
    // The app turned at deployed + 1 h; the bake of a 24 h stage is watched every 5 minutes by default.
    expect(unhealthy - (deployed + 3_600_000)).toBeGreaterThanOrEqual(0);
    expect(unhealthy - (deployed + 3_600_000)).toBeLessThanOrEqual(5 * 60_000);
    expect(run.stdout).toMatch(/ROLLBACK \(scope stage\) of app@eastus: stage canary during its bake: app@eastus unhealthy/);
    expect(run.stdout).not.toMatch(/stage pilot: 1 stamp/);
  });
});

describe('secrets in every sink', () => {
  it('an ARM error quoting the secure value is masked raw, URL-encoded and JSON-escaped everywhere', async () => {
    const e = estate('leaky');
    const forms = [SECRET, encodeURIComponent(SECRET), JSON.stringify(SECRET).slice(1, -1)];
    sim.faults.add({ kind: 'deploymentFails', resourceGroup: 'leaky-eus', code: 'BadKey', message: `the key '${forms[0]}' (${forms[1]}) is not valid: {"apiKey":"${forms[2]}"}` });
    const run = await e.deploy('1.0.0').done;
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/app@eastus: FAILED BadKey: .*the key '\*\*\*' \(\*\*\*\) is not valid: \{"apiKey":"\*\*\*"\}/);
    const sinks = { stdout: run.stdout, stderr: run.stderr, journal: readFileSync(e.journal, 'utf8') };
    expect(sinks.journal).toContain('BadKey');
    for (const [sink, text] of Object.entries(sinks)) {
      for (const form of [...forms, PROBE_KEY]) expect({ sink, leaked: text.includes(form) }).toEqual({ sink, leaked: false });
    }
  });
});
