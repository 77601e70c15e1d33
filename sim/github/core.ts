import type { SimUser, TokenSpec } from './auth.js';
import { GitHubApiError } from './errors.js';
import type { IdSource, RepoState } from './state.js';

export interface GhRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  token: TokenSpec;
}

export interface GhReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What every handler gets: the repository addressed, the clock, and how to spell URLs as GitHub would. */
export interface GhContext {
  repo: RepoState;
  ids: IdSource;
  now(): number;
  /** `http://127.0.0.1:PORT`: the API base, as GITHUB_API_URL would name it. */
  apiUrl: string;
  /** The web base, as GITHUB_SERVER_URL would name it. */
  serverUrl: string;
  users: Map<number, SimUser>;
  teams: Map<number, { id: number; slug: string; name: string }>;
  /** Branch and tag names -> commit sha; a 40-hex ref is a commit. */
  refs: Map<string, string>;
  /** Reviewers and wait timers refused, as on a private repository of a Free/Pro/Team plan. */
  planGated: boolean;
}

export const json = (status: number, body?: unknown, headers?: Record<string, string>): GhReply => ({ status, body, headers });

export const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** GitHub's global node ids are opaque base64; tests only need them stable and distinct. */
export const nodeId = (prefix: string, id: number): string => `${prefix}_${Buffer.from(`sim:${prefix}:${id}`).toString('base64url')}`;

export function simpleUser(user: SimUser, apiUrl: string): Record<string, unknown> {
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId('U', user.id),
    type: user.type ?? 'User',
    site_admin: false,
    url: `${apiUrl}/users/${encodeURIComponent(user.login)}`,
  };
}

/** Reads a JSON object body; GitHub answers a non-object with 400 "Problems parsing JSON". */
export function objectBody(req: GhRequest): Record<string, unknown> {
  if (req.body === undefined) return {};
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) throw new GitHubApiError(400, 'Problems parsing JSON');
  return req.body as Record<string, unknown>;
}

export function positiveInt(text: string, docs: string): number {
  if (!/^\d{1,15}$/.test(text)) throw new GitHubApiError(404, 'Not Found', { documentationUrl: docs });
  return Number(text);
}
