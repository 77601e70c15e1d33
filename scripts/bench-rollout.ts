// Rollout overhead, ARM request cost, polling delay, 429s and memory for rollouts of 100 to 2,000 stamps (npm run bench),
// printed as one table of figures with their targets (issue 10).
//
// Overhead and requests: the real engine, deployer and probes against the local ARM endpoint in this process, with a
// fixed deployment latency, on a virtual clock, at ARM's public-cloud throttling limits.
// Memory: the bundled CLI's `deploy` in a process of its own, in real time with short waits, against a standalone local
// endpoint in another process, so the peak RSS is the engine's alone, not the simulated ARM's and its stamp apps'.
//
// The floor is what no orchestrator can beat: for each stage, the slowest stamp chain (one deployment here) plus the
// health windows (wait + healthyFor, as the stamps answer healthy at once) plus the bake. Overhead is the rest:
// polling granularity, read budget queuing, the post-bake re-check.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { startArmSim, trustSimCa, type RequestLogEntry } from '../sim/index.js';
import { rehearse } from '../src/commands/rehearse.js';
import { MemoryJournal } from '../src/engine/journal.js';
import { VirtualClock } from '../src/time/clock.js';

const DEPLOY_MS = 10 * 60_000;
const HEALTH = { interval: '30s', wait: '1m', within: '10m', healthyFor: '5m' };
const BAKES_MS = [3_600_000, 3_600_000, 0];

function specFor(stamps: number, dir: string, health: Record<string, string> = HEALTH, bakes: number[] = BAKES_MS): string {
  const regions = Array.from({ length: stamps }, (_, i) => `r${String(i).padStart(3, '0')}`);
  const canary = Math.max(1, Math.round(stamps * 0.1));
  const pilot = Math.max(1, Math.round(stamps * 0.3));
  const stages = [regions.slice(0, canary), regions.slice(canary, canary + pilot), regions.slice(canary + pilot)];
  cpSync(path.resolve(import.meta.dirname, '..', 'examples/basic/templates/app.json'), path.join(dir, 'app.json'));
  const spec = {
    name: 'bench',
    subscription: '00000000-0000-0000-0000-00000000bec4',
    regions: Object.fromEntries(regions.map((r) => [r, { short: r }])),
    components: {
      app: {
        perRegion: true,
        resourceGroup: 'bench-{region}',
        template: 'app.json',
        parameters: { siteName: 'bench-{region}', planName: 'plan-{region}', location: '{region}', image: 'bench:{version}', version: '{version}' },
        deploy: 'always',
        health: { url: '{outputs.endpoint}/healthz', ...health },
      },
    },
    stages: stages.map((r, i) => ({ name: ['canary', 'pilot', 'broad'][i], regions: r, maxParallel: r.length, bake: `${bakes[i] / 1000}s` })),
  };
  writeFileSync(path.join(dir, 'rollout.yaml'), stringify(spec));
  return 'rollout.yaml';
}

interface Figures {
  status: string;
  overhead: number;
  requestsPerStamp: number;
  p95SeenMs: number;
  throttled: number;
}

/**
 * Two rollouts onto the same stamps, 1.0.0 then 2.0.0: the first is a stamp's first deployment ever, the second the
 * steady state of a pipeline (the stamps have a deployment history, so the first poll can wait for the usual duration).
 */
async function bench(stamps: number): Promise<{ first: Figures; second: Figures; realMs: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-bench-'));
  const clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
  // Retry-After 10 s on a running deployment: what the deployer is asked to pace its polls by.
  const sim = await startArmSim({ clock, deploymentLatencyMs: DEPLOY_MS, throttleScale: 1, deploymentRetryAfterSeconds: 10 });
  trustSimCa(sim.ca);
  const real = Date.now();
  try {
    const spec = specFor(stamps, dir);
    const journal = new MemoryJournal();
    const once = async (version: string): Promise<Figures> => {
      sim.requests.length = 0;
      const { result } = await rehearse({ specFile: spec, mode: 'standard', version, repoRoot: dir, env: {}, journal, reporter: { event: () => undefined }, sim: { sim, clock } });
      const healthMs = 60_000 + 5 * 60_000;
      const floor = BAKES_MS.reduce((sum, bake) => sum + DEPLOY_MS + healthMs + bake, 0);
      return {
        status: result!.status,
        overhead: (result!.durationMs - floor) / floor,
        requestsPerStamp: sim.requests.length / stamps,
        p95SeenMs: p95(seenAfterEnd(sim.requests)),
        throttled: sim.requests.filter((r) => r.status === 429).length,
      };
    };
    const first = await once('1.0.0');
    const second = await once('2.0.0');
    return { first, second, realMs: Date.now() - real };
  } finally {
    await sim.stop();
    clock.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Per deployment: from its end (accepted PUT + the fixed latency) to the first poll after it, in clock ms. */
function seenAfterEnd(log: RequestLogEntry[]): number[] {
  const ends = new Map<string, number>();
  const seen: number[] = [];
  for (const r of log) {
    const m = /\/deployments\/([^/]+)(\/operationStatuses\/[^/]+)?$/.exec(r.path);
    if (!m) continue;
    if (r.method === 'PUT' && (r.status === 200 || r.status === 201)) ends.set(m[1], r.time + DEPLOY_MS);
    else if (r.method === 'GET' && ends.has(m[1]) && r.time >= ends.get(m[1])!) {
      seen.push(r.time - ends.get(m[1])!);
      ends.delete(m[1]);
    }
  }
  return seen;
}

function p95(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

/** Peak RSS of `staged-rollout deploy` (dist/cli) rolling out `stamps` stamps against a sim in another process. */
async function engineRss(stamps: number): Promise<number> {
  const { spawn, spawnSync } = await import('node:child_process');
  const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-bench-rss-'));
  const cli = path.resolve('dist/cli/index.js');
  const sim = spawn(process.execPath, [cli, 'sim', '--deployment-latency', '1000', '--throttle-scale', '10'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const banner = await new Promise<string>((resolve, reject) => {
      let text = '';
      sim.stdout.on('data', (d) => {
        text += d;
        if (text.includes('CA file:')) resolve(text);
      });
      sim.on('exit', () => reject(new Error(`the standalone sim exited: ${text}`)));
    });
    const endpoint = /ARM endpoint: (\S+)/.exec(banner)![1];
    const caFile = /CA file:\s+(\S+)/.exec(banner)![1];
    const spec = specFor(stamps, dir, { interval: '250ms', timeout: '250ms', wait: '0', within: '20s', healthyFor: '1s' }, [0, 0, 0]);
    const reportRss = process.env.BENCH_MEMWATCH ?? "data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss='+process.resourceUsage().maxRSS+'\\n'))";
    const run = spawnSync(
      process.execPath,
      ['--import', reportRss, cli, 'deploy', '--spec', spec, '--version', '1.0.0', '--arm-endpoint', endpoint, '--arm-ca', caFile, '--requests-per-second', '250,100', '--journal', path.join(dir, 'journal.json')],
      { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 600_000 },
    );
    if (process.env.BENCH_MEMWATCH) process.stderr.write(run.stderr.split('\n').filter((l) => l.startsWith('peak')).join('\n') + '\n');
    const rss = /maxrss=(\d+)/.exec(run.stderr)?.[1];
    if (run.status !== 0 || !rss) throw new Error(`the engine run failed (${run.status}): ${run.stderr.slice(-2000)}\n${run.stdout.slice(-2000)}`);
    return Number(rss) / 1024;
  } finally {
    sim.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

// Each measurement runs in its own process so that its numbers belong to it alone. A missed target is printed as
// missed; every figure is printed whatever the others did.
const arg = process.argv[2];
if (arg === 'rollout') {
  const stamps = Number(process.argv[3]);
  process.stdout.write(`${JSON.stringify(await bench(stamps))}\n`);
} else if (arg === 'rss') {
  process.stdout.write(`${JSON.stringify({ rssMb: await engineRss(Number(process.argv[3])) })}\n`);
} else {
  const { spawnSync } = await import('node:child_process');
  const measure = <T>(args: string[]): T | { error: string } => {
    const child = spawnSync(process.execPath, [...process.execArgv, new URL(import.meta.url).pathname, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 1_800_000 });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    try {
      return JSON.parse(line) as T;
    } catch {
      return { error: `${args.join(' ')} failed (${child.status ?? child.signal}): ${(child.stderr || child.stdout).trim().split('\n').slice(-3).join(' / ')}` };
    }
  };
  type Bench = { first: Figures; second: Figures; realMs: number };
  const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;
  // Each row as soon as it is measured: a long run still leaves the figures it got.
  console.log('| figure | measured | target | |');
  console.log('|---|---|---|---|');
  const add = (figure: string, value: string, target: string, ok: boolean): void => console.log(`| ${figure} | ${value} | ${target} | ${ok ? 'met' : 'MISSED'} |`);
  for (const n of [100, 500, 1000, 2000]) {
    const run = measure<Bench>(['rollout', String(n)]);
    if ('error' in run) {
      add(`rollout of ${n} stamps`, run.error, 'runs', false);
      continue;
    }
    const both = `${run.first.status}/${run.second.status}`;
    if (n === 100) add(`ARM requests per stamp, 100 stamps, 10-minute deployments (2nd rollout; 1st: ${run.first.requestsPerStamp.toFixed(1)})`, run.second.requestsPerStamp.toFixed(1), '<= 8', run.second.requestsPerStamp <= 8);
    if (n === 500) add('rehearse 500 stamps, real time (mean of two rollouts)', `${(run.realMs / 2000).toFixed(1)} s`, '<= 8 s', run.realMs / 2 <= 8_000);
    if (n === 1000 || n === 2000) {
      const target = n === 1000 ? 0.02 : 0.03;
      add(`overhead over the critical-path floor, ${n} stamps (2nd rollout; 1st: ${pct(run.first.overhead)}; ${both})`, pct(run.second.overhead), `<= ${pct(target)}`, run.second.status === 'succeeded' && run.second.overhead <= target);
    }
    if (n === 1000) add(`p95 from a deployment's end to our seeing it, 1,000 stamps (2nd rollout; 1st: ${(run.first.p95SeenMs / 1000).toFixed(1)} s)`, `${(run.second.p95SeenMs / 1000).toFixed(1)} s`, '<= 10 s', run.second.p95SeenMs <= 10_000);
    if (n === 2000) add("429s at ARM's public limits, 2,000 stamps (both rollouts)", String(run.first.throttled + run.second.throttled), '0', run.first.throttled + run.second.throttled === 0);
  }
  for (const [n, target] of [[500, 150], [2000, 250]] as const) {
    const r = measure<{ rssMb: number }>(['rss', String(n)]);
    if ('error' in r) add(`engine peak RSS, ${n} stamps`, r.error, `<= ${target} MB`, false);
    else add(`engine peak RSS, ${n} stamps`, `${r.rssMb.toFixed(0)} MB`, `<= ${target} MB`, r.rssMb <= target);
  }
}
