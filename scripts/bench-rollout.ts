// Rollout overhead, ARM request cost and memory for rollouts of 10, 100 and 500 stamps (npm run bench).
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
import { startArmSim, trustSimCa } from '../sim/index.js';
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

async function bench(stamps: number): Promise<{ ok: boolean; line: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-bench-'));
  const clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
  const sim = await startArmSim({ clock, deploymentLatencyMs: DEPLOY_MS, throttleScale: 1 });
  trustSimCa(sim.ca);
  const real = Date.now();
  try {
    const { result } = await rehearse({
      specFile: specFor(stamps, dir),
      mode: 'standard',
      version: '1.0.0',
      repoRoot: dir,
      env: {},
      journal: new MemoryJournal(),
      reporter: { event: () => undefined },
      sim: { sim, clock },
    });
    const healthMs = 60_000 + 5 * 60_000;
    const floor = BAKES_MS.reduce((sum, bake) => sum + DEPLOY_MS + healthMs + bake, 0);
    const overhead = (result!.durationMs - floor) / floor;
    const requests = sim.requests.length;
    const throttled = sim.requests.filter((r) => r.status === 429).length;
    const rssMb = await engineRss(stamps);
    const line = [
      `${String(stamps).padStart(3)} stamps: ${result!.status}`,
      `rollout ${(result!.durationMs / 60_000).toFixed(1)} min vs floor ${(floor / 60_000).toFixed(1)} min (overhead ${(overhead * 100).toFixed(2)}%)`,
      `${(requests / stamps).toFixed(1)} ARM requests/stamp, ${throttled} throttled (429)`,
      `engine peak RSS ${rssMb.toFixed(0)} MB`,
      `${((Date.now() - real) / 1000).toFixed(1)} s real`,
    ].join(' | ');
    const ok = result!.status === 'succeeded' && throttled === 0 && (stamps !== 100 || overhead < 0.05) && (stamps !== 500 || rssMb < 200);
    return { ok, line };
  } finally {
    await sim.stop();
    clock.stop();
    rmSync(dir, { recursive: true, force: true });
  }
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

// Each size runs in its own process so that its numbers belong to that size alone.
const size = Number(process.argv[2]);
if (size > 0) {
  const { ok, line } = await bench(size);
  console.log(`${line}${ok ? '' : '   <-- misses a target'}`);
  process.exitCode = ok ? 0 : 1;
} else {
  const { spawnSync } = await import('node:child_process');
  console.log('targets: overhead < 5% of the floor at 100 stamps, no 429 at ARM\'s read budget, peak RSS < 200 MB at 500 stamps');
  let failed = false;
  for (const n of [10, 100, 500]) {
    const child = spawnSync(process.execPath, [...process.execArgv, new URL(import.meta.url).pathname, String(n)], { stdio: 'inherit' });
    failed ||= child.status !== 0;
  }
  process.exitCode = failed ? 1 : 0;
}
