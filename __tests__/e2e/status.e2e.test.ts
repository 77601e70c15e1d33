import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { trustSimCa } from '../../sim/index.js';
import { LocalEndpointCredential } from '../../src/azure/credentials.js';
import { ArmDeployer } from '../../src/azure/deployer.js';
import { planCommand } from '../../src/commands/plan.js';
import { statusCommand } from '../../src/commands/status.js';
import { createGitHubClient } from '../../src/github/client.js';
import { GitHubDeploymentRecords, recordEnvironment } from '../../src/github/deployments.js';
import { statusText } from '../../src/report/status-text.js';
import { Rehearsal } from '../helpers/rehearsal.js';
import { repoRoot } from '../helpers/run-action.js';

const SPEC = 'examples/basic/rollout.yaml';

describe('status after the demo', () => {
  const rehearsal = new Rehearsal();
  let github: GitHubSim;
  beforeAll(async () => {
    await rehearsal.start();
    trustSimCa(rehearsal.sim.ca);
    // The demo: 1.0.0 everywhere, then 2.0.0 with westus (pilot) turning unhealthy; the pilot stage rolls back.
    expect((await rehearsal.run('1.0.0')).result!.status).toBe('succeeded');
    expect((await rehearsal.run('2.0.0', { faults: [{ kind: 'healthFails', region: 'westus', version: '2.0.0', afterMs: 180_000 }] })).result!.status).toBe('rolled-back');
    github = await startGitHubSim({ clock: rehearsal.clock });
  }, 120_000);
  afterAll(async () => {
    await github?.stop();
    await rehearsal.stop();
  });

  const status = (records?: GitHubDeploymentRecords, version?: string) =>
    statusCommand({
      specFile: SPEC,
      mode: 'standard',
      version,
      env: {},
      repoRoot,
      clock: rehearsal.clock,
      signal: new AbortController().signal,
      deployer: (spec) => new ArmDeployer({ credential: new LocalEndpointCredential(), endpoint: rehearsal.sim.endpoint, clock: rehearsal.clock, spec }),
      records,
    });

  it("from ARM's tags alone: each region's version, and that the last rollout (2.0.0) stopped after its first stage", async () => {
    const s = await status();
    expect(s.version).toBe('2.0.0');
    expect(s.records).toBe(false);
    const versions = Object.fromEntries(s.stages.flatMap((stage) => stage.stamps.filter((x) => x.stamp.startsWith('app@')).map((x) => [x.stamp, x.version])));
    expect(versions).toEqual({ 'app@eastus': '2.0.0', 'app@westus': '1.0.0', 'app@northeurope': '1.0.0', 'app@westeurope': '1.0.0', 'app@southeastasia': '1.0.0' });
    expect(s.stages.map((x) => [x.name, x.state])).toEqual([['canary', 'partial'], ['pilot', 'not-started'], ['broad', 'not-started']]);
    const text = statusText(s);
    expect(text).toContain("Rollout contoso-web@2.0.0 (ARM's deployment tags only");
    expect(text).toMatch(/pilot\s+not-started\s+cluster@westus\s+1\.0\.0\s+contoso-web-cluster-westus-1\.0\.0/);
    expect(text).toMatch(/app@westus\s+1\.0\.0\s+contoso-web-app-westus-1\.0\.0/);
    // Asked about 1.0.0, every stage runs it.
    const old = await status(undefined, '1.0.0');
    expect(old.stages.map((x) => x.state)).toEqual(['partial', 'deployed', 'deployed']);
  });

  it("with GitHub's deployment records: the stage states, the bake left and the next gate", async () => {
    const records = new GitHubDeploymentRecords({ client: createGitHubClient('github-token', { apiUrl: github.url }), owner: 'contoso', repo: 'web' });
    const { plan } = planCommand({ specFile: SPEC, mode: 'standard', version: '2.0.0', env: {}, repoRoot });
    const record = (index: number) => {
      const stage = plan.stages[index];
      return records.start({ rolloutId: plan.rollout.id, version: '2.0.0', specHash: plan.rollout.specHash, stage: stage.name, environment: recordEnvironment(stage, plan.rollout.name), sha: '0123456789abcdef0123456789abcdef01234567', mode: 'standard', stamps: stage.stamps.map((s) => s.id) });
    };
    await (await record(0)).finish({ state: 'success', message: 'healthy' });
    rehearsal.clock.advance(15 * 60_000);
    const baking = await status(records);
    expect(baking.records).toBe(true);
    expect(baking.stages.map((x) => x.state)).toEqual(['succeeded', 'not-started', 'not-started']);
    // The clock moves a little while ARM is read (virtual time, its poll waits).
    expect(baking.stages[0].bakeRemainingMs).toBeGreaterThan(44 * 60_000);
    expect(baking.stages[0].bakeRemainingMs).toBeLessThanOrEqual(45 * 60_000);
    expect(baking.next).toMatch(/^stage pilot \(environment prod-pilot\), after canary's bake: 4[45]m(\d+s)? left$/);
    expect(statusText(baking)).toMatch(/canary\s+succeeded, baking 4[45]m(\d+s)? left/);

    await (await record(1)).finish({ state: 'failure', rolledBack: true, message: 'app@westus unhealthy in healthyFor' });
    const stopped = await status(records);
    expect(stopped.stages.map((x) => x.state)).toEqual(['succeeded', 'failed', 'not-started']);
    expect(stopped.next).toMatch(/^stopped: stage pilot failed \(.*app@westus unhealthy in healthyFor/);
    expect(JSON.parse(JSON.stringify(stopped)).stages[1].stamps.find((x: { stamp: string }) => x.stamp === 'app@westus').version).toBe('1.0.0');
  });
});
