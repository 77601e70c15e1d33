import { iso, json, nodeId, objectBody, simpleUser, type GhContext, type GhReply, type GhRequest } from './core.js';
import { GitHubApiError, notFound, validationFailed } from './errors.js';
import { paginate } from './paging.js';
import type { EnvironmentRecord, Reviewer } from './state.js';

const DOCS = 'https://docs.github.com/rest/deployments/environments';
export const ENVIRONMENT_DOCS = { get: `${DOCS}#get-an-environment`, list: `${DOCS}#list-environments`, put: `${DOCS}#create-or-update-an-environment` };

/** GitHub's limits: a wait timer of 0 to 43,200 minutes (30 days), at most 6 reviewers. */
export const MAX_WAIT_TIMER = 43_200;
export const MAX_REVIEWERS = 6;

export function ensureEnvironment(c: GhContext, name: string): EnvironmentRecord {
  const existing = c.repo.environment(name);
  if (existing) return existing;
  const now = c.now();
  const record: EnvironmentRecord = {
    id: c.ids.take(),
    name,
    waitTimer: 0,
    preventSelfReview: false,
    reviewers: [],
    branchPolicy: null,
    canAdminsBypass: true,
    createdAt: now,
    updatedAt: now,
    ruleIds: { wait_timer: c.ids.take(), required_reviewers: c.ids.take(), branch_policy: c.ids.take() },
  };
  c.repo.environments.set(name.toLowerCase(), record);
  return record;
}

export function reviewerView(c: GhContext, r: Reviewer): Record<string, unknown> {
  if (r.type === 'Team') {
    const team = c.teams.get(r.id)!;
    return { type: 'Team', reviewer: { id: team.id, node_id: nodeId('T', team.id), slug: team.slug, name: team.name, url: `${c.apiUrl}/teams/${team.id}` } };
  }
  return { type: 'User', reviewer: simpleUser(c.users.get(r.id)!, c.apiUrl) };
}

export function environmentSummary(c: GhContext, e: EnvironmentRecord): Record<string, unknown> {
  const name = encodeURIComponent(e.name);
  return {
    id: e.id,
    node_id: nodeId('EN', e.id),
    name: e.name,
    url: `${c.apiUrl}/repos/${c.repo.owner}/${c.repo.name}/environments/${name}`,
    html_url: `${c.serverUrl}/${c.repo.owner}/${c.repo.name}/deployments/activity_log?environments_filter=${name}`,
    created_at: iso(e.createdAt),
    updated_at: iso(e.updatedAt),
  };
}

function environmentView(c: GhContext, e: EnvironmentRecord): Record<string, unknown> {
  // A rule appears only while it is set, as GitHub lists them.
  const rules: Record<string, unknown>[] = [];
  if (e.waitTimer > 0) rules.push({ id: e.ruleIds.wait_timer, node_id: nodeId('GA', e.ruleIds.wait_timer), type: 'wait_timer', wait_timer: e.waitTimer });
  if (e.reviewers.length > 0) {
    rules.push({
      id: e.ruleIds.required_reviewers,
      node_id: nodeId('GA', e.ruleIds.required_reviewers),
      prevent_self_review: e.preventSelfReview,
      type: 'required_reviewers',
      reviewers: e.reviewers.map((r) => reviewerView(c, r)),
    });
  }
  if (e.branchPolicy) rules.push({ id: e.ruleIds.branch_policy, node_id: nodeId('GA', e.ruleIds.branch_policy), type: 'branch_policy' });
  return { ...environmentSummary(c, e), can_admins_bypass: e.canAdminsBypass, protection_rules: rules, deployment_branch_policy: e.branchPolicy };
}

export function getEnvironment(c: GhContext, name: string): GhReply {
  const e = c.repo.environment(name);
  if (!e) throw notFound(ENVIRONMENT_DOCS.get);
  return json(200, environmentView(c, e));
}

export function listEnvironments(c: GhContext, req: GhRequest): GhReply {
  const all = [...c.repo.environments.values()].sort((a, b) => a.name.localeCompare(b.name));
  const page = paginate(all, req.query, `${c.apiUrl}/repos/${c.repo.owner}/${c.repo.name}/environments`);
  return json(200, { total_count: all.length, environments: page.items.map((e) => environmentView(c, e)) }, page.headers);
}

const invalid = (field: string, message: string): GitHubApiError =>
  validationFailed([{ resource: 'Environment', code: 'invalid', field, message }], ENVIRONMENT_DOCS.put);

/** PUT creates or updates; a field left out keeps its value (so a tool that manages only the wait timer keeps reviewers). */
export function putEnvironment(c: GhContext, req: GhRequest, name: string): GhReply {
  const body = objectBody(req);
  if (name.length === 0 || name.length > 255 || /[\x00-\x1f]/.test(name)) throw invalid('name', 'Name is invalid');
  const gated = ['wait_timer', 'reviewers', 'prevent_self_review'].filter((k) => body[k] !== undefined);
  if (c.planGated && gated.length > 0) {
    throw new GitHubApiError(422, 'Failed to create the environment protection rule', { documentationUrl: ENVIRONMENT_DOCS.put });
  }
  const update: Partial<EnvironmentRecord> = {};
  if (body.wait_timer !== undefined) {
    const w = body.wait_timer;
    if (typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > MAX_WAIT_TIMER) {
      throw invalid('wait_timer', `Wait timer must be an integer between 0 and ${MAX_WAIT_TIMER}`);
    }
    update.waitTimer = w;
  }
  if (body.prevent_self_review !== undefined) {
    if (typeof body.prevent_self_review !== 'boolean') throw invalid('prevent_self_review', 'prevent_self_review must be a boolean');
    update.preventSelfReview = body.prevent_self_review;
  }
  if (body.can_admins_bypass !== undefined) {
    if (typeof body.can_admins_bypass !== 'boolean') throw invalid('can_admins_bypass', 'can_admins_bypass must be a boolean');
    update.canAdminsBypass = body.can_admins_bypass;
  }
  if (body.reviewers !== undefined) update.reviewers = reviewers(c, body.reviewers);
  if (body.deployment_branch_policy !== undefined) update.branchPolicy = branchPolicy(body.deployment_branch_policy);
  const e = ensureEnvironment(c, name);
  Object.assign(e, update, { updatedAt: c.now() });
  return json(200, environmentView(c, e));
}

function reviewers(c: GhContext, raw: unknown): Reviewer[] {
  if (raw === null) return [];
  if (!Array.isArray(raw)) throw invalid('reviewers', 'reviewers must be an array');
  if (raw.length > MAX_REVIEWERS) throw invalid('reviewers', `Only ${MAX_REVIEWERS} reviewers can be added`);
  return raw.map((r: { type?: unknown; id?: unknown }) => {
    if ((r?.type !== 'User' && r?.type !== 'Team') || typeof r.id !== 'number') throw invalid('reviewers', 'Each reviewer needs type User or Team and a numeric id');
    const known = r.type === 'User' ? c.users.has(r.id) : c.teams.has(r.id);
    if (!known) throw invalid('reviewers', `${r.type} with id ${r.id} could not be found or has no access to the repository`);
    return { type: r.type, id: r.id };
  });
}

function branchPolicy(raw: unknown): EnvironmentRecord['branchPolicy'] {
  if (raw === null) return null;
  const p = raw as { protected_branches?: unknown; custom_branch_policies?: unknown };
  if (typeof p !== 'object' || typeof p.protected_branches !== 'boolean' || typeof p.custom_branch_policies !== 'boolean') {
    throw invalid('deployment_branch_policy', 'deployment_branch_policy needs protected_branches and custom_branch_policies (booleans), or null');
  }
  if (p.protected_branches === p.custom_branch_policies) {
    throw invalid('deployment_branch_policy', 'Only one of protected_branches and custom_branch_policies can be true');
  }
  return { protected_branches: p.protected_branches, custom_branch_policies: p.custom_branch_policies };
}
