/**
 * One rollout at a time, seen from ARM: the journal lease (journal-lease.ts) only stops a second run on the same
 * journal, so two machines, two checkouts, or the CLI beside the action would both deploy. Before its first write a
 * run asks the Deployer which deployments of this spec's stamps are still running; one tagged with another run's id
 * means that run is in flight, and this one refuses, naming it. A run id this journal recorded is an earlier run of
 * this very journal, whose lease this run now holds (it is gone): its deployments are adopted, as a resume does.
 */
import { randomUUID } from 'node:crypto';
import type { Plan } from '../plan/types.js';
import type { ActiveDeployment, Deployer, JournalEvent } from './ports.js';

/** A fresh id per process: short enough to read in a message, random enough never to repeat. */
export function newRunId(): string {
  return randomUUID().slice(0, 13);
}

/** Run ids this journal knows as its own: earlier runs on it, and runs it took over. */
export function knownRunIds(events: JournalEvent[]): Set<string> {
  const known = new Set<string>();
  for (const event of events) {
    if (event.type === 'rollout-started' && event.runId) known.add(event.runId);
    if (event.type === 'run-taken-over') for (const id of [event.runId, ...event.from]) known.add(id);
  }
  return known;
}

/** The running deployments that belong to a run other than this one and the ones its journal knows. */
export function otherRuns(active: ActiveDeployment[], runId: string, known: Set<string>): ActiveDeployment[] {
  return active.filter((d) => d.runId !== runId && !(d.runId !== undefined && known.has(d.runId)));
}

/** Another run of the spec is deploying: an operational refusal, said in one line, before anything was written. */
export class OtherRunInFlight extends Error {
  readonly deployments: ActiveDeployment[];

  constructor(spec: string, deployments: ActiveDeployment[], flag: string) {
    const [first] = deployments;
    const started = first.startedAt ? `, running since ${new Date(first.startedAt).toISOString()}` : '';
    const restore = first.restoredFrom ? ` (a rollback restoring ${first.restoredFrom})` : '';
    const more = deployments.length > 1 ? ` and ${deployments.length - 1} more deployment(s) (${deployments.slice(1).map((d) => d.deploymentName).join(', ')})` : '';
    super(
      `another run of ${spec} is in flight: deployment ${first.deploymentName}${restore} in ${first.where} is ${first.state} for run ${first.runId ?? '(no run id)'} of ${first.rolloutId ?? 'an unknown rollout'}${started}${more}. ` +
        `Nothing was deployed. Wait for that run to finish and re-run. If that run is gone (its machine or job died), re-run with ${flag}: this run then takes over its deployments, and the journal records it.`,
    );
    this.name = 'OtherRunInFlight';
    this.deployments = deployments;
  }
}

export interface OtherRunCheck {
  plan: Plan;
  deployer: Deployer;
  runId: string;
  /** This run's journal, as it was before the run. */
  events: JournalEvent[];
  /** Proceed over the other run (it is gone); who did it is recorded. */
  takeOver?: { by: string; record: (event: JournalEvent) => Promise<void> };
  /** The flag that takes over, as the face names it. */
  flag: string;
  /** Clock time, for the journal's record of a take-over. */
  now: number;
  signal: AbortSignal;
}

/** Throws OtherRunInFlight, or records the take-over and returns the deployments taken over. */
export async function refuseWhileOtherRun(check: OtherRunCheck): Promise<ActiveDeployment[]> {
  if (!check.deployer.activeDeployments) return [];
  const stamps = check.plan.stages.flatMap((s) => s.stamps);
  const others = otherRuns(await check.deployer.activeDeployments(stamps, check.signal), check.runId, knownRunIds(check.events));
  if (others.length === 0) return [];
  if (!check.takeOver) throw new OtherRunInFlight(check.plan.rollout.id.replace(/@[^@]*$/, ''), others, check.flag);
  const from = [...new Set(others.map((d) => d.runId ?? '(no run id)'))];
  await check.takeOver.record({ type: 'run-taken-over', rolloutId: check.plan.rollout.id, at: check.now, runId: check.runId, from, deployments: others.map((d) => d.deploymentName), by: check.takeOver.by });
  return others;
}
