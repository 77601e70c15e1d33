import { startArmSim, trustSimCa, type ArmSim, type FaultRule } from '../../sim/index.js';
import { ArmDeployer } from '../azure/deployer.js';
import { LocalEndpointCredential } from '../azure/credentials.js';
import { AzureMonitorMetrics } from '../azure/metrics.js';
import { specCorrelationId } from '../azure/pipeline.js';
import { azureReleaseUnitAdapters } from '../azure/release-unit-adapters.js';
import type { Journal, Reporter } from '../engine/ports.js';
import { createProber } from '../probes/index.js';
import { VirtualClock } from '../time/clock.js';
import { deployCommand, type DeployCommandResult } from './deploy.js';

export interface RehearsalRequest {
  specFile: string;
  mode: string;
  version: string;
  repoRoot: string;
  env: Record<string, string | undefined>;
  stage?: string;
  faults?: FaultRule[];
  journal: Journal;
  reporter: Reporter;
  /** Reuse a running local endpoint and its clock (a demo rolls several versions onto the same stamps). */
  sim?: { sim: ArmSim; clock: VirtualClock };
  signal?: AbortSignal;
  /** Every secret value the spec resolves, for the face's redactor. */
  onSecrets?: (secrets: string[]) => void;
  /** Release units: abort the release in flight (all traffic back to the previous unit). */
  abort?: boolean;
  /** The ARM adapter's lines (retries, adopted and canceled deployments). */
  log?: (line: string) => void;
  bicepPath?: string;
  only?: string;
}

/**
 * A rollout against the local ARM endpoint on a virtual clock: the real deploy path (spec, planner, engine, the Azure
 * SDK over HTTPS, HTTP probes) with only Azure and the passing of time simulated. A 3-day rollout takes seconds.
 */
export async function rehearse(request: RehearsalRequest): Promise<DeployCommandResult & { sim: ArmSim; clock: VirtualClock }> {
  const own = request.sim === undefined;
  const clock = request.sim?.clock ?? new VirtualClock(Date.UTC(2026, 0, 1)).start();
  const sim = request.sim?.sim ?? (await startArmSim({ clock, deploymentLatencyMs: 60_000 }));
  trustSimCa(sim.ca);
  const added = (request.faults ?? []).map((f) => sim.faults.add(f));
  try {
    const outcome = await deployCommand({
      specFile: request.specFile,
      mode: request.mode,
      version: request.version,
      env: request.env,
      repoRoot: request.repoRoot,
      onSecrets: request.onSecrets,
      bicepPath: request.bicepPath,
      only: request.only,
      stage: request.stage ?? 'all',
      dryRun: false,
      clock,
      journal: request.journal,
      reporter: request.reporter,
      signal: request.signal ?? new AbortController().signal,
      deployer: (spec) => new ArmDeployer({ credential: new LocalEndpointCredential(), endpoint: sim.endpoint, clock, spec, log: request.log }),
      prober: createProber({ clock, env: request.env, cwd: request.repoRoot }),
      releaseUnits: azureReleaseUnitAdapters({ credential: new LocalEndpointCredential(), endpoint: sim.endpoint, clock }),
      abort: request.abort,
      resourceMetrics: (spec) => new AzureMonitorMetrics({ credential: new LocalEndpointCredential(), endpoint: sim.endpoint, clock, correlationId: specCorrelationId(spec) }),
    });
    return { ...outcome, sim, clock };
  } finally {
    for (const id of added) sim.faults.remove(id);
    if (own) {
      await sim.stop();
      clock.stop();
    }
  }
}
