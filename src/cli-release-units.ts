/**
 * `staged-rollout rehearse-units`: a release-unit rollout on the local endpoint, with users on its Front Door, on a
 * virtual clock. The previous version goes live first; then the new one moves users over in its weight steps and
 * the old unit is torn down: days of release in seconds. `--errors RATIO` makes the new unit fail that share of
 * its users' requests from its second step on (its /healthz stays fine), to see the revert.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startArmSim } from '../sim/index.js';
import { rehearse } from './commands/rehearse.js';
import { FileJournal } from './engine/file-journal.js';
import type { Reporter } from './engine/ports.js';
import { progressLine } from './report/progress.js';
import { resultText } from './report/result-text.js';
import { VirtualClock } from './time/clock.js';
import { InputError } from './commands/plan.js';

export interface RehearseUnitsOptions {
  spec: string;
  mode: string;
  from: string;
  version: string;
  users: string;
  errors?: string;
}

export async function rehearseUnitsCli(values: RehearseUnitsOptions): Promise<number> {
  const users = Number(values.users);
  const errors = values.errors === undefined ? undefined : Number(values.errors);
  if (!(users > 0)) throw new InputError('--users must be a number of requests per minute above 0');
  if (errors !== undefined && !(errors > 0 && errors <= 1)) throw new InputError('--errors must be a share between 0 and 1, e.g. 0.2');
  const clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
  const sim = await startArmSim({ clock, deploymentLatencyMs: 60_000 });
  const journal = new FileJournal(path.join(mkdtempSync(path.join(tmpdir(), 'staged-rollout-units-')), 'journal.jsonl'));
  let started: number | undefined;
  let steps = 0;
  const reporter: Reporter = {
    event(event) {
      started ??= clock.now();
      if (event.type === 'traffic-step-started' && ++steps === 2 && errors !== undefined) sim.setUserErrors([{ version: values.version!, ratio: errors }]);
      const line = progressLine(event, clock.now() - started);
      if (line) process.stdout.write(`${line}\n`);
    },
  };
  const run = (version: string) => rehearse({ specFile: values.spec!, mode: values.mode!, version, repoRoot: process.cwd(), env: process.env, journal, reporter, sim: { sim, clock } });
  try {
    const real = Date.now();
    process.stdout.write(`Release units on the local endpoint (virtual clock): ${values.from} goes live, then ${values.version} replaces it, ${users} user request(s) a minute${errors ? `, ${values.version} failing ${errors * 100}% of them from its second step` : ''}\n\n== ${values.from}\n`);
    const first = await run(values.from!);
    if (first.result?.status !== 'succeeded') {
      process.stdout.write(`${resultText(first.result!)}\n`);
      return 1;
    }
    const traffic = first.plan.releaseUnits?.traffic.stamp;
    if (!traffic?.resourceGroup) throw new Error(`${values.spec} declares no release units (releaseUnits, traffic)`);
    const endpoint = await frontDoorEndpoint(sim.endpoint, traffic.subscription, traffic.resourceGroup);
    if (!endpoint) throw new Error(`the traffic component's deployment has no endpoint output to send users to`);
    sim.startLoad({ url: endpoint, ratePerMinute: users });
    process.stdout.write(`\n== ${values.version}\n`);
    started = undefined;
    const second = await run(values.version!);
    process.stdout.write(`\n${resultText(second.result!)}\n(rehearsed ${(second.result!.durationMs / 3_600_000).toFixed(1)} h of release in ${((Date.now() - real) / 1000).toFixed(1)} s)\n`);
    return second.result!.status === 'succeeded' ? 0 : 1;
  } finally {
    await sim.stop();
    clock.stop();
  }
}

/** The traffic component's `endpoint` output (the Front Door endpoint), read through the ARM API like any client would. */
async function frontDoorEndpoint(armEndpoint: string, subscription: string, resourceGroup: string): Promise<string | undefined> {
  const { DeploymentsClient } = await import('@azure/arm-resourcesdeployments');
  const { LocalEndpointCredential } = await import('./azure/credentials.js');
  const client = new DeploymentsClient(new LocalEndpointCredential(), subscription, { endpoint: armEndpoint });
  for await (const d of client.deployments.listByResourceGroup(resourceGroup)) {
    const value = (d.properties?.outputs as Record<string, { value?: unknown }> | undefined)?.endpoint?.value;
    if (typeof value === 'string') return value;
  }
  return undefined;
}
