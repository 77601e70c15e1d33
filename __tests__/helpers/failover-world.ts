import https from 'node:https';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { ArmDeployer } from '../../src/azure/deployer.js';
import { LocalEndpointCredential } from '../../src/azure/credentials.js';
import { TableStateStore } from '../../src/azure/table-state.js';
import { failoverCommand, type FailoverAction, type FailoverOutcome } from '../../src/commands/failover.js';
import { createProber } from '../../src/probes/index.js';
import { startAzurite, type Azurite } from './azurite.js';
import { Rehearsal } from './rehearsal.js';
import { repoRoot } from './run-action.js';

export const FAILOVER_SPEC = path.join('__tests__', 'fixtures', 'failover', 'rollout.yaml');
/** The same service, deciding on one probe two seconds long: for the bundled action, which runs on real time. */
export const ONE_PROBE_SPEC = path.join('__tests__', 'fixtures', 'failover', 'one-probe.yaml');

/**
 * Everything the failover loop touches, all local: the simulated ARM endpoint on a virtual clock with the two regional
 * apps and the Traffic Manager profile rolled out by a real rollout, and Azurite holding the state table.
 */
export class FailoverWorld {
  readonly rehearsal = new Rehearsal();
  readonly specFile = FAILOVER_SPEC;
  azurite!: Azurite;
  env: Record<string, string> = {};
  /** The Traffic Manager profile's address (its router in the local endpoint). */
  router = '';
  private static tables = 0;

  async start(): Promise<this> {
    [this.azurite] = await Promise.all([startAzurite(), this.rehearsal.start()]);
    this.env = { FAILOVER_TABLE_ENDPOINT: this.azurite.endpoint, FAILOVER_TABLE: `failoverstate${++FailoverWorld.tables}`, PRIMARY_HOST: 'pending:1', SECONDARY_HOST: 'pending:2' };
    // First the apps (their hosts are known once they run), then the traffic profile pointing at them.
    await this.rehearsal.run('1.0.0', { spec: FAILOVER_SPEC, env: this.env });
    const host = (region: string): string => this.rehearsal.sim.apps().find((a) => a.region === region)!.url.replace('https://', '');
    this.env = { ...this.env, PRIMARY_HOST: host('eastus'), SECONDARY_HOST: host('westus') };
    // A new version: the same one would be skipped as already deployed by this rollout.
    const { result } = await this.rehearsal.run('1.0.1', { spec: FAILOVER_SPEC, env: this.env });
    if (result?.status !== 'succeeded') throw new Error(`the rollout before the failover tests did not succeed: ${JSON.stringify(result)}`);
    const traffic = result.stages.flatMap((s) => s.stamps).find((s) => s.id === 'traffic')!;
    this.router = String(traffic.outputs?.endpoint?.value);
    return this;
  }

  async stop(): Promise<void> {
    await this.rehearsal.stop();
    await this.azurite?.stop();
  }

  get clock() {
    return this.rehearsal.clock;
  }

  table(): TableClient {
    return TableClient.fromConnectionString(this.azurite.connectionString, this.env.FAILOVER_TABLE, { allowInsecureConnection: true });
  }

  async entity(): Promise<Record<string, unknown>> {
    return (await this.table().getEntity('failover', 'state')) as Record<string, unknown>;
  }

  run(action: FailoverAction, signal = new AbortController().signal): Promise<FailoverOutcome> {
    const { clock, sim } = this.rehearsal;
    return failoverCommand(
      {
        specFile: FAILOVER_SPEC,
        env: this.env,
        repoRoot,
        clock,
        signal,
        prober: createProber({ clock, env: this.env }),
        store: (f) => new TableStateStore({ endpoint: f.state.endpoint, table: f.state.table, connectionString: this.azurite.connectionString, clock }),
        deployer: (spec) => new ArmDeployer({ credential: new LocalEndpointCredential(), endpoint: sim.endpoint, clock, spec, pollMs: { first: 5_000, max: 30_000 } }),
      },
      action,
    );
  }

  /** Deployments of the traffic component made by failover switches. */
  trafficSwitches(): string[] {
    return this.rehearsal.deploymentPuts().filter((d) => d.includes('-traffic-failover-'));
  }

  /** What a user's request to the traffic profile reaches: the endpoint's name and the app's region. */
  async userRequest(): Promise<{ endpoint: string; region: string; status: number }> {
    return new Promise((resolve, reject) => {
      https
        .get(`${this.router}/`, { agent: false }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ endpoint: String(res.headers['x-sim-traffic-endpoint']), region: (JSON.parse(body) as { region: string }).region, status: res.statusCode ?? 0 }));
        })
        .on('error', reject);
    });
  }
}
