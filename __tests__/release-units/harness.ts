import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CdnManagementClient } from '@azure/arm-cdn';
import { ResourceManagementClient } from '@azure/arm-resources';
import { startArmSim, trustSimCa, type ArmSim, type UserLoad } from '../../sim/index.js';
import { rehearse } from '../../src/commands/rehearse.js';
import { FileJournal } from '../../src/engine/file-journal.js';
import type { RolloutEvent } from '../../src/engine/ports.js';
import { VirtualClock } from '../../src/time/clock.js';
import { repoRoot } from '../helpers/run-action.js';
import { credential, SUB } from '../sim/helpers.js';

export const SPEC = '__tests__/fixtures/release-units/rollout.yaml';

/** The local endpoint on a virtual clock, users on its Front Door, and release-unit rollouts through the real SDKs. */
export class UnitRehearsal {
  readonly events: RolloutEvent[] = [];
  readonly journalFile = path.join(mkdtempSync(path.join(tmpdir(), 'staged-rollout-units-')), 'journal.jsonl');
  clock!: VirtualClock;
  sim!: ArmSim;
  load?: UserLoad;
  onEvent?: (event: RolloutEvent) => void;

  async start(): Promise<this> {
    this.clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
    this.sim = await startArmSim({ clock: this.clock, deploymentLatencyMs: 60_000 });
    trustSimCa(this.sim.ca);
    return this;
  }

  async stop(): Promise<void> {
    await this.load?.stop();
    await this.sim?.stop();
    this.clock?.stop();
  }

  /** `ownJournal`: a job on a fresh runner, which knows only what Azure (Front Door, ARM) says. */
  run(version: string, options: { mode?: string; signal?: AbortSignal; abort?: boolean; stage?: string; ownJournal?: boolean; spec?: string } = {}) {
    return rehearse({
      specFile: options.spec ?? SPEC,
      mode: options.mode ?? 'standard',
      version,
      repoRoot,
      env: {},
      journal: new FileJournal(options.ownJournal ? path.join(mkdtempSync(path.join(tmpdir(), 'staged-rollout-job-')), 'journal.jsonl') : this.journalFile),
      stage: options.stage,
      reporter: {
        event: (e) => {
          this.events.push(e);
          this.onEvent?.(e);
        },
      },
      sim: { sim: this.sim, clock: this.clock },
      signal: options.signal,
      abort: options.abort,
    });
  }

  cdn(): CdnManagementClient {
    return new CdnManagementClient(credential, SUB, { endpoint: this.sim.endpoint });
  }

  rm(): ResourceManagementClient {
    return new ResourceManagementClient(credential, SUB, { endpoint: this.sim.endpoint });
  }

  /** Users at `ratePerMinute` on the Front Door endpoint, read through @azure/arm-cdn like a person would look it up. */
  async startUsers(ratePerMinute: number): Promise<UserLoad> {
    const endpoint = await this.cdn().afdEndpoints.get('shop-global', 'shop-fd', 'web');
    this.load = this.sim.startLoad({ url: `https://${endpoint.hostName}`, ratePerMinute });
    return this.load;
  }

  async origins(): Promise<Array<{ name: string; weight?: number; enabledState?: string }>> {
    const out = [];
    for await (const o of this.cdn().afdOrigins.listByOriginGroup('shop-global', 'shop-fd', 'units')) out.push({ name: o.name!, weight: o.weight, enabledState: o.enabledState });
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async groupExists(name: string): Promise<boolean> {
    return (await this.rm().resourceGroups.checkExistence(name)).body;
  }

  /** Writes (anything but GET/HEAD) the endpoint received under these resource groups, from request index `from`. */
  writesTo(groups: string[], from = 0): string[] {
    return this.sim.requests
      .slice(from)
      .filter((r) => r.method !== 'GET' && r.method !== 'HEAD' && groups.some((g) => r.path.toLowerCase().includes(`/resourcegroups/${g}`)))
      .map((r) => `${r.method} ${r.path}`);
  }
}
