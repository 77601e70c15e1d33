import type { Requirement } from './auth.js';
import { positiveInt, type GhContext, type GhReply, type GhRequest } from './core.js';
import * as dep from './deployments.js';
import * as env from './environments.js';
import * as pending from './pending.js';

export interface Route {
  /** The fine-grained permission the endpoint needs (GitHub's "Permissions required for fine-grained tokens"). */
  need: Requirement;
  docs: string;
  handle(c: GhContext, req: GhRequest): GhReply;
}

type Methods = Partial<Record<string, Route>>;

const read = (permission: Requirement['permission']): Requirement => ({ permission, level: 'read' });
const write = (permission: Requirement['permission']): Requirement => ({ permission, level: 'write' });

/** Routes under `/repos/{owner}/{repo}/`; undefined for a path this endpoint does not serve. */
export function route(rest: string[]): Methods | undefined {
  const [a, b, c, d] = rest;
  if (a === 'deployments') {
    if (rest.length === 1) {
      return {
        GET: { need: read('deployments'), docs: dep.DEPLOYMENT_DOCS.list, handle: dep.listDeployments },
        POST: { need: write('deployments'), docs: dep.DEPLOYMENT_DOCS.create, handle: dep.createDeployment },
      };
    }
    const id = (docs: string): number => positiveInt(b, docs);
    if (rest.length === 2) return { GET: { need: read('deployments'), docs: dep.DEPLOYMENT_DOCS.get, handle: (ctx) => dep.getDeployment(ctx, id(dep.DEPLOYMENT_DOCS.get)) } };
    if (rest.length === 3 && c === 'statuses') {
      const docs = dep.STATUS_DOCS_URLS;
      return {
        GET: { need: read('deployments'), docs: docs.list, handle: (ctx, req) => dep.listStatuses(ctx, req, id(docs.list)) },
        POST: { need: write('deployments'), docs: docs.create, handle: (ctx, req) => dep.createStatus(ctx, req, id(docs.create)) },
      };
    }
    return undefined;
  }
  if (a === 'environments') {
    const docs = env.ENVIRONMENT_DOCS;
    if (rest.length === 1) return { GET: { need: read('actions'), docs: docs.list, handle: env.listEnvironments } };
    if (rest.length === 2) {
      return {
        GET: { need: read('actions'), docs: docs.get, handle: (ctx) => env.getEnvironment(ctx, b) },
        // Creating or changing protection rules is a repository administration task: GITHUB_TOKEN never can.
        PUT: { need: write('administration'), docs: docs.put, handle: (ctx, req) => env.putEnvironment(ctx, req, b) },
      };
    }
    return undefined;
  }
  if (a === 'actions' && b === 'runs' && rest.length === 4) {
    const docs = pending.PENDING_DOCS;
    const runId = (url: string): number => positiveInt(c, url);
    if (d === 'pending_deployments') {
      return {
        GET: { need: read('actions'), docs: docs.list, handle: (ctx, req) => pending.listPending(ctx, req, runId(docs.list)) },
        POST: { need: read('deployments'), docs: docs.review, handle: (ctx, req) => pending.reviewPending(ctx, req, runId(docs.review)) },
      };
    }
    if (d === 'approvals') return { GET: { need: read('actions'), docs: docs.approvals, handle: (ctx) => pending.listApprovals(ctx, runId(docs.approvals)) } };
  }
  return undefined;
}
