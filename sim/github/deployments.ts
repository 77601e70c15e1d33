import { ACTIONS_BOT } from './auth.js';
import { iso, json, nodeId, objectBody, simpleUser, type GhContext, type GhReply, type GhRequest } from './core.js';
import { GitHubApiError, invalidRequest, notFound, validationFailed } from './errors.js';
import { paginate } from './paging.js';
import { STATUS_STATES, type DeploymentRecord, type StatusRecord, type StatusState } from './state.js';
import { ensureEnvironment } from './environments.js';

const DOCS = 'https://docs.github.com/rest/deployments/deployments';
const STATUS_DOCS = 'https://docs.github.com/rest/deployments/statuses';
export const DEPLOYMENT_DOCS = { create: `${DOCS}#create-a-deployment`, list: `${DOCS}#list-deployments`, get: `${DOCS}#get-a-deployment` };
export const STATUS_DOCS_URLS = { create: `${STATUS_DOCS}#create-a-deployment-status`, list: `${STATUS_DOCS}#list-deployment-statuses` };

const repoUrl = (c: GhContext): string => `${c.apiUrl}/repos/${c.repo.owner}/${c.repo.name}`;

export function deploymentView(c: GhContext, d: DeploymentRecord): Record<string, unknown> {
  const url = `${repoUrl(c)}/deployments/${d.id}`;
  return {
    url,
    id: d.id,
    node_id: nodeId('DE', d.id),
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.originalEnvironment,
    environment: d.environment,
    description: d.description,
    creator: simpleUser(d.creator, c.apiUrl),
    created_at: iso(d.createdAt),
    updated_at: iso(d.updatedAt),
    statuses_url: `${url}/statuses`,
    repository_url: repoUrl(c),
    transient_environment: d.transient,
    production_environment: d.production,
  };
}

function statusView(c: GhContext, s: StatusRecord): Record<string, unknown> {
  const deploymentUrl = `${repoUrl(c)}/deployments/${s.deploymentId}`;
  return {
    url: `${deploymentUrl}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId('DES', s.id),
    state: s.state,
    creator: simpleUser(s.creator, c.apiUrl),
    description: s.description,
    environment: s.environment,
    target_url: s.targetUrl,
    created_at: iso(s.createdAt),
    updated_at: iso(s.createdAt),
    deployment_url: deploymentUrl,
    repository_url: repoUrl(c),
    environment_url: s.environmentUrl,
    log_url: s.logUrl,
  };
}

function optionalString(body: Record<string, unknown>, key: string, docs: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidRequest(`For '${key}', ${JSON.stringify(v)} is not a string.`, docs);
  return v;
}

function optionalBool(body: Record<string, unknown>, key: string, docs: string): boolean | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalidRequest(`For '${key}', ${JSON.stringify(v)} is not a boolean.`, docs);
  return v;
}

function resolveRef(c: GhContext, ref: string): string {
  if (/^[0-9a-f]{40}$/i.test(ref)) return ref.toLowerCase();
  const sha = c.refs.get(ref.replace(/^refs\/(heads|tags)\//, ''));
  if (!sha) throw new GitHubApiError(422, `No ref found for: ${ref}`, { documentationUrl: DEPLOYMENT_DOCS.create });
  return sha;
}

export function createDeployment(c: GhContext, req: GhRequest): GhReply {
  const docs = DEPLOYMENT_DOCS.create;
  const body = objectBody(req);
  const ref = optionalString(body, 'ref', docs);
  if (ref === undefined) throw invalidRequest(`"ref" wasn't supplied.`, docs);
  const environment = optionalString(body, 'environment', docs) ?? 'production';
  const requiredContexts = body.required_contexts;
  if (requiredContexts !== undefined && (!Array.isArray(requiredContexts) || requiredContexts.some((x) => typeof x !== 'string'))) {
    throw invalidRequest(`For 'required_contexts', ${JSON.stringify(requiredContexts)} is not an array of strings.`, docs);
  }
  // The endpoint has no commit statuses and no branches behind the default one: required_contexts always pass and
  // auto_merge never has anything to merge. Both are validated, so a client sending the wrong type still hears of it.
  optionalBool(body, 'auto_merge', docs);
  let payload: unknown = body.payload ?? {};
  if (typeof payload === 'string') {
    try {
      payload = payload === '' ? {} : JSON.parse(payload);
    } catch {
      /* GitHub keeps a payload string that is not JSON as it is */
    }
  } else if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw invalidRequest(`For 'payload', ${JSON.stringify(payload)} is not an object or string.`, docs);
  }
  const sha = resolveRef(c, ref);
  const now = c.now();
  const record: DeploymentRecord = {
    id: c.ids.take(),
    sha,
    ref,
    task: optionalString(body, 'task', docs) ?? 'deploy',
    payload,
    originalEnvironment: environment,
    environment,
    description: optionalString(body, 'description', docs) ?? null,
    transient: optionalBool(body, 'transient_environment', docs) ?? false,
    // GitHub's default: production only for the environment literally named "production".
    production: optionalBool(body, 'production_environment', docs) ?? environment === 'production',
    creator: req.token.user ?? ACTIONS_BOT,
    createdAt: now,
    updatedAt: now,
  };
  // A deployment to an environment that does not exist yet creates it, as on GitHub.
  ensureEnvironment(c, environment);
  c.repo.deployments.push(record);
  c.repo.statuses.set(record.id, []);
  return json(201, deploymentView(c, record));
}

export function listDeployments(c: GhContext, req: GhRequest): GhReply {
  const q = req.query;
  const match = (d: DeploymentRecord): boolean =>
    (!q.get('sha') || d.sha === q.get('sha')) &&
    (!q.get('ref') || d.ref === q.get('ref')) &&
    (!q.get('task') || d.task === q.get('task')) &&
    (!q.get('environment') || d.environment.toLowerCase() === q.get('environment')!.toLowerCase());
  // Newest first, as GitHub lists them.
  const all = c.repo.deployments.filter(match).sort((a, b) => b.id - a.id);
  const page = paginate(all, q, `${repoUrl(c)}/deployments`);
  return json(200, page.items.map((d) => deploymentView(c, d)), page.headers);
}

export function findDeployment(c: GhContext, id: number, docs: string): DeploymentRecord {
  const d = c.repo.deployments.find((x) => x.id === id);
  if (!d) throw notFound(docs);
  return d;
}

export function getDeployment(c: GhContext, id: number): GhReply {
  return json(200, deploymentView(c, findDeployment(c, id, DEPLOYMENT_DOCS.get)));
}

export function createStatus(c: GhContext, req: GhRequest, id: number): GhReply {
  const docs = STATUS_DOCS_URLS.create;
  const deployment = findDeployment(c, id, docs);
  const body = objectBody(req);
  const state = body.state;
  if (typeof state !== 'string' || !(STATUS_STATES as readonly string[]).includes(state)) {
    throw invalidRequest(state === undefined ? `"state" wasn't supplied.` : `For 'state', ${JSON.stringify(state)} is not a valid value.`, docs);
  }
  const description = optionalString(body, 'description', docs) ?? '';
  if (description.length > 140) {
    throw validationFailed([{ resource: 'DeploymentStatus', code: 'custom', field: 'description', message: 'description is too long (maximum is 140 characters)' }], docs);
  }
  // log_url replaces target_url; setting either sets both, as GitHub documents.
  const logUrl = optionalString(body, 'log_url', docs) ?? optionalString(body, 'target_url', docs) ?? '';
  const environment = optionalString(body, 'environment', docs);
  if (environment !== undefined && environment !== deployment.environment) {
    deployment.environment = environment;
    ensureEnvironment(c, environment);
  }
  const now = c.now();
  const status: StatusRecord = {
    id: c.ids.take(),
    deploymentId: id,
    state: state as StatusState,
    description,
    environment: deployment.environment,
    targetUrl: logUrl,
    logUrl,
    environmentUrl: optionalString(body, 'environment_url', docs) ?? '',
    creator: req.token.user ?? ACTIONS_BOT,
    createdAt: now,
  };
  c.repo.statuses.get(id)!.push(status);
  deployment.updatedAt = now;
  if (state === 'success' && (optionalBool(body, 'auto_inactive', docs) ?? true)) inactivatePrior(c, deployment, status);
  return json(201, statusView(c, status));
}

/**
 * auto_inactive: earlier non-transient deployments of the same environment whose latest status is success get an
 * `inactive` status, so only the newest deployment shows as active. (The docs once excluded production environments;
 * that limit went with the flash preview, and GitHub's own environment deployments inactivate production ones too.)
 */
function inactivatePrior(c: GhContext, current: DeploymentRecord, cause: StatusRecord): void {
  for (const d of c.repo.deployments) {
    if (d.id >= current.id || d.transient || d.environment.toLowerCase() !== current.environment.toLowerCase()) continue;
    const statuses = c.repo.statuses.get(d.id)!;
    if (statuses.at(-1)?.state !== 'success') continue;
    statuses.push({ ...statuses.at(-1)!, id: c.ids.take(), state: 'inactive', description: '', creator: cause.creator, createdAt: cause.createdAt });
    d.updatedAt = cause.createdAt;
  }
}

export function listStatuses(c: GhContext, req: GhRequest, id: number): GhReply {
  findDeployment(c, id, STATUS_DOCS_URLS.list);
  const all = [...c.repo.statuses.get(id)!].sort((a, b) => b.id - a.id);
  const page = paginate(all, req.query, `${repoUrl(c)}/deployments/${id}/statuses`);
  return json(200, page.items.map((s) => statusView(c, s)), page.headers);
}
