import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { BAD_INPUT_DIR, badFixtures } from '../helpers/bad-fixtures.js';
import { runCli } from '../helpers/run-action.js';

// Every broken spec, deployed for real: the bundled CLI against the local ARM endpoint over HTTPS. The endpoint's own
// request log is the witness that nothing was written, not even a resource group or a validate call.
const WRITES = new Set(['PUT', 'POST', 'PATCH', 'DELETE']);
const fixtures = [...badFixtures('examples/bad'), ...badFixtures(BAD_INPUT_DIR)];

describe('deploy of a bad spec writes nothing to ARM', () => {
  let sim: ArmSim;
  beforeAll(async () => {
    sim = await startArmSim({ deploymentLatencyMs: 200 });
  });
  afterAll(async () => {
    await sim.stop();
  });
  const deploy = (spec: string, env: Record<string, string>) => {
    const journal = path.join(mkdtempSync(path.join(tmpdir(), 'staged-rollout-bad-')), 'journal.jsonl');
    return runCli(['deploy', '--spec', spec, '--version', '1.0.0', '--arm-endpoint', sim.endpoint, '--arm-ca', sim.caFile, '--journal', journal], env);
  };

  it.each(fixtures)('$spec: exit 2, the problems on stderr, no write request', async ({ spec, env }) => {
    const before = sim.requests.length;
    const run = await deploy(spec, env);
    expect(run.stderr).toMatch(/^staged-rollout: The rollout spec has \d+ problems?; nothing was deployed:\n {2}\S+:\d+:\d+: /);
    expect(run.code).toBe(2);
    expect(sim.requests.slice(before).filter((r) => WRITES.has(r.method))).toEqual([]);
  });

  it('while a good spec through the same path does write (so the log above can tell)', async () => {
    const before = sim.requests.length;
    const env = { SECRETIVE_SUBSCRIPTION: '00000000-0000-0000-0000-0000000000c2', SECRETIVE_API_KEY: 'k-1', SECRETIVE_PROBE_KEY: 'p-1' };
    const run = await deploy('__tests__/fixtures/secrets/rollout.yaml', env);
    expect(run.code).toBe(0);
    expect(sim.requests.slice(before).filter((r) => WRITES.has(r.method)).length).toBeGreaterThan(0);
  });
});
