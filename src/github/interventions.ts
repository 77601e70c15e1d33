import { rolloutJobs, type RolloutJob } from '../plan/job-sequence.js';
import type { Plan } from '../plan/types.js';
import type { GitHubClient } from './client.js';
import { explainGitHubError } from './api-errors.js';
import { GitHubDeploymentRecords, recordEnvironment, shorten, type StageRecord } from './deployments.js';
import { InputError } from '../commands/plan.js';

/**
 * An operator's word on a rollout in flight, kept as a status on the stage's GitHub deployment record, with who and
 * why: `abort` marks the stage failed, so the next stage job refuses; `promote` marks a stage that succeeded as done
 * baking, so the next stage job does not wait out the rest of its bake. The description starts with a fixed word the
 * stage gate reads back.
 */
export type Intervention = 'abort' | 'promote';

export const PROMOTED = 'Promoted by';
export const ABORTED = 'Aborted by';

export interface InterventionRequest {
  client: GitHubClient;
  owner: string;
  repo: string;
  plan: Plan;
  /** The stage to act on; abort's default is the furthest stage that has a record. */
  stage?: string;
  action: Intervention;
  by: string;
  reason: string;
}

export interface InterventionOutcome {
  stage: string;
  deploymentId: number;
  description: string;
  /** The record's state before: an abort of a stage whose job still runs does not stop that job. */
  was: StageRecord['state'];
}

export async function recordIntervention(request: InterventionRequest): Promise<InterventionOutcome> {
  const { plan } = request;
  const records = new GitHubDeploymentRecords({ client: request.client, owner: request.owner, repo: request.repo });
  // Traffic steps and the teardown of release units are jobs with records too (src/plan/job-sequence.ts).
  const jobs = rolloutJobs(plan);
  const latest = (stage: RolloutJob) => records.latest({ rolloutId: plan.rollout.id, version: plan.rollout.version, specHash: plan.rollout.specHash, stage: stage.name, environment: recordEnvironment(stage, plan.rollout.name) });
  let stage: RolloutJob | undefined;
  let record: StageRecord | undefined;
  if (request.stage) {
    stage = jobs.find((s) => s.name === request.stage);
    if (!stage) throw new InputError(`no stage "${request.stage}" in ${plan.rollout.name}; its stages are ${jobs.map((s) => s.name).join(', ')}`);
    record = await latest(stage);
  } else {
    for (const candidate of [...jobs].reverse()) {
      record = await latest(candidate);
      if (record) {
        stage = candidate;
        break;
      }
    }
  }
  if (!stage || !record) throw new InputError(`${plan.rollout.id} has no GitHub deployment record${request.stage ? ` for stage ${request.stage}` : ''}: nothing of it ran, so there is nothing to ${request.action}`);
  if (request.action === 'promote' && record.state !== 'success') {
    throw new InputError(`stage ${stage.name} of ${plan.rollout.id} ${record.state === 'failure' ? `failed (${record.description})` : 'is still in progress'}: only a stage that succeeded can be promoted past its bake`);
  }
  const description = shorten(`${request.action === 'abort' ? ABORTED : PROMOTED} ${request.by}: ${request.reason}`);
  try {
    await request.client.rest.repos.createDeploymentStatus({
      owner: request.owner,
      repo: request.repo,
      deployment_id: record.deploymentId,
      state: request.action === 'abort' ? 'failure' : 'success',
      description,
    });
  } catch (error) {
    throw explainGitHubError(error, `record the ${request.action} of stage ${stage.name} on deployment ${record.deploymentId}`, 'deployments: write');
  }
  return { stage: stage.name, deploymentId: record.deploymentId, description, was: record.state };
}

/** Whether a stage's record says an operator promoted it past its bake. */
export function promoted(record: Pick<StageRecord, 'state' | 'description'>): boolean {
  return record.state === 'success' && record.description.startsWith(PROMOTED);
}

/**
 * After `abort --rollback`: what the rollback did, as one more failure status on the aborted stage's record (it starts
 * with the abort's words, so the next stage job still reads an abort).
 */
export async function recordAbortRollback(request: Pick<InterventionRequest, 'client' | 'owner' | 'repo' | 'by' | 'reason'> & { deploymentId: number; clause: string }): Promise<string> {
  const description = shorten(`${ABORTED} ${request.by}: ${request.clause}; ${request.reason}`);
  try {
    await request.client.rest.repos.createDeploymentStatus({ owner: request.owner, repo: request.repo, deployment_id: request.deploymentId, state: 'failure', description });
  } catch (error) {
    throw explainGitHubError(error, `record the rollback after the abort on deployment ${request.deploymentId}`, 'deployments: write');
  }
  return description;
}
