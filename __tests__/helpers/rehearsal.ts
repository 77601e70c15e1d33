import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startArmSim, type ArmSim, type FaultRule } from '../../sim/index.js';
import { rehearse } from '../../src/commands/rehearse.js';
import { FileJournal } from '../../src/engine/file-journal.js';
import type { RolloutEvent } from '../../src/engine/ports.js';
import { VirtualClock } from '../../src/time/clock.js';
import { repoRoot } from './run-action.js';

/** One local ARM endpoint on a virtual clock, shared by the rollouts of one test, with a journal and an event log. */
export class Rehearsal {
  readonly events: RolloutEvent[] = [];
  readonly journalFile = path.join(mkdtempSync(path.join(tmpdir(), 'staged-rollout-e2e-')), 'journal.jsonl');
  clock!: VirtualClock;
  sim!: ArmSim;

  async start(): Promise<this> {
    this.clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
    this.sim = await startArmSim({ clock: this.clock, deploymentLatencyMs: 60_000 });
    return this;
  }

  async stop(): Promise<void> {
    await this.sim?.stop();
    this.clock?.stop();
  }

  run(version: string, options: { mode?: string; faults?: FaultRule[]; stage?: string; spec?: string; signal?: AbortSignal; env?: Record<string, string>; bicepPath?: string; only?: string } = {}) {
    return rehearse({
      specFile: options.spec ?? 'examples/basic/rollout.yaml',
      mode: options.mode ?? 'standard',
      version,
      repoRoot,
      env: options.env ?? {},
      stage: options.stage,
      faults: options.faults,
      journal: new FileJournal(this.journalFile),
      reporter: { event: (e) => this.events.push(e) },
      sim: { sim: this.sim, clock: this.clock },
      signal: options.signal,
      bicepPath: options.bicepPath,
      only: options.only,
    });
  }

  /** PUTs of deployments the endpoint received, as `resourceGroup/name`. */
  deploymentPuts(): string[] {
    return this.sim.requests
      .filter((r) => r.method === 'PUT' && /\/deployments\/[^/]+$/.test(r.path))
      .map((r) => r.path.replace(/^.*resourcegroups\/([^/]+)\/providers\/Microsoft\.Resources\/deployments\/(.+)$/i, '$1/$2'));
  }
}
