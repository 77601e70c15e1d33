import { ACTIONS_BOT } from './auth.js';
import { iso, json, objectBody, simpleUser, type GhContext, type GhReply, type GhRequest } from './core.js';
import { deploymentView } from './deployments.js';
import { GitHubApiError, invalidRequest, notFound } from './errors.js';
import { environmentSummary, reviewerView } from './environments.js';
import type { DeploymentRecord, RunRecord } from './state.js';

const DOCS = 'https://docs.github.com/rest/actions/workflow-runs';
export const PENDING_DOCS = {
  list: `${DOCS}#get-pending-deployments-for-a-workflow-run`,
  review: `${DOCS}#review-pending-deployments-for-a-workflow-run`,
  approvals: `${DOCS}#get-the-review-history-for-a-workflow-run`,
};

function run(c: GhContext, id: number, docs: string): RunRecord {
  const r = c.repo.runs.get(id);
  if (!r) throw notFound(docs);
  return r;
}

export function listPending(c: GhContext, req: GhRequest, runId: number): GhReply {
  const r = run(c, runId, PENDING_DOCS.list);
  const me = req.token.user?.id;
  return json(
    200,
    r.pending.map((p) => {
      const env = c.repo.environment(p.environment)!;
      return {
        environment: environmentSummary(c, env),
        wait_timer: env.waitTimer,
        wait_timer_started_at: iso(p.waitTimerStartedAt),
        // Only a required reviewer may approve; a token acting as nobody in particular can approve nothing.
        current_user_can_approve: me !== undefined && env.reviewers.some((x) => x.type === 'User' && x.id === me),
        reviewers: env.reviewers.map((x) => reviewerView(c, x)),
      };
    }),
  );
}

/** Approve or reject waiting environments; an approval starts each one's job, which creates its deployment. */
export function reviewPending(c: GhContext, req: GhRequest, runId: number): GhReply {
  const docs = PENDING_DOCS.review;
  const r = run(c, runId, docs);
  const body = objectBody(req);
  const ids = body.environment_ids;
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((x) => typeof x !== 'number')) throw invalidRequest(`"environment_ids" wasn't supplied.`, docs);
  if (body.state !== 'approved' && body.state !== 'rejected') throw invalidRequest(`For 'state', ${JSON.stringify(body.state)} is not a valid value.`, docs);
  if (typeof body.comment !== 'string') throw invalidRequest(`"comment" wasn't supplied.`, docs);
  const targets = ids.map((id) => {
    const p = r.pending.find((x) => c.repo.environment(x.environment)?.id === id);
    if (!p) throw new GitHubApiError(422, `Environment ${id} is not waiting for review in this run`, { documentationUrl: docs });
    return p;
  });
  const user = req.token.user ?? ACTIONS_BOT;
  r.pending = r.pending.filter((p) => !targets.includes(p));
  r.approvals.push({ environments: targets.map((t) => t.environment), state: body.state, comment: body.comment, user });
  if (body.state === 'rejected') return json(200, []);
  const now = c.now();
  const created = targets.map((t): DeploymentRecord => {
    const d: DeploymentRecord = {
      id: c.ids.take(),
      sha: r.headSha,
      ref: r.headSha,
      task: 'deploy',
      payload: {},
      originalEnvironment: t.environment,
      environment: t.environment,
      description: null,
      transient: false,
      production: false,
      creator: user,
      createdAt: now,
      updatedAt: now,
    };
    c.repo.deployments.push(d);
    c.repo.statuses.set(d.id, []);
    return d;
  });
  return json(200, created.map((d) => deploymentView(c, d)));
}

export function listApprovals(c: GhContext, runId: number): GhReply {
  const r = run(c, runId, PENDING_DOCS.approvals);
  return json(
    200,
    [...r.approvals].reverse().map((a) => ({
      environments: a.environments.map((name) => environmentSummary(c, c.repo.environment(name)!)),
      state: a.state,
      comment: a.comment,
      user: simpleUser(a.user, c.apiUrl),
    })),
  );
}
