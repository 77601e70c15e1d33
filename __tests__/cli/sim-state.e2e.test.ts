// `sim --state DIR`: the endpoint killed mid-rollout and started again keeps its deployments, its stamp apps and its
// CA, and the CLI, which only saw ARM unreachable for a while, finishes the rollout without a second PUT.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RequestLogEntry } from '../../sim/index.js';
import { spawnCli, startStandaloneSim, waitFor, type StandaloneSim } from '../helpers/standalone-sim.js';

const isPut = (r: RequestLogEntry): boolean => r.method === 'PUT' && r.path.endsWith('/deployments/faulty-app-eastus-3.0.0');

describe('sim --state DIR', () => {
  const sims: StandaloneSim[] = [];
  afterAll(async () => {
    for (const s of sims) await s.stop();
  });

  it('a rollout survives the endpoint being killed and restarted mid-deployment', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-state-'));
    const args = ['--state', path.join(dir, 'arm'), '--deployment-latency', '4000'];
    const first = await startStandaloneSim(args);
    sims.push(first);
    const ca = readFileSync(first.caFile, 'utf8');
    const run = spawnCli(['deploy', '--spec', '__tests__/fixtures/arm-faults/rollout.yaml', '--version', '3.0.0', '--arm-endpoint', first.endpoint, '--arm-ca', first.caFile, '--journal', path.join(dir, 'journal.jsonl'), '--request-timeout', '3s']);
    const put = await waitFor('an accepted PUT', async () => (await first.requests()).find((r) => isPut(r) && r.status === 201));
    await new Promise((r) => setTimeout(r, 300)); // past the next save of the state
    await first.kill();
    const second = await startStandaloneSim(args);
    sims.push(second);
    expect(second.endpoint).toBe(first.endpoint);
    expect(second.caFile).toBe(first.caFile);
    expect(readFileSync(second.caFile, 'utf8')).toBe(ca);
    const done = await run.done;
    expect(done.stdout).toContain('Rollout faulty@3.0.0 (standard): SUCCEEDED');
    expect(done.code).toBe(0);
    expect(put).toBeDefined();
    expect((await second.requests()).filter(isPut)).toHaveLength(0);
    const got = await second.get('/subscriptions/00000000-0000-0000-0000-0000000000f1/resourceGroups/faulty-eus/providers/Microsoft.Resources/deployments/faulty-app-eastus-3.0.0?api-version=2025-04-01');
    expect((got.body as { properties: { provisioningState: string } }).properties.provisioningState).toBe('Succeeded');
  });
});
