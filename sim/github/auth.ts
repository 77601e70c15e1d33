import { GitHubApiError } from './errors.js';

export type Level = 'read' | 'write' | 'admin';

/** A fine-grained permission set, as a GitHub App installation token (GITHUB_TOKEN) or a fine-grained PAT holds it. */
export type Permissions = Partial<Record<'actions' | 'administration' | 'contents' | 'deployments' | 'environments' | 'metadata', Level>>;

export interface SimUser {
  login: string;
  id: number;
  type?: 'User' | 'Bot';
}

export interface TokenSpec {
  token: string;
  permissions: Permissions;
  /** Who acts: deployments' `creator`, an approval's `user`. Default github-actions[bot]. */
  user?: SimUser;
  /** `integration` (GITHUB_TOKEN, App tokens) or `pat`: only changes the wording of a 403, as on GitHub. */
  kind?: 'integration' | 'pat';
}

export const ACTIONS_BOT: SimUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

/**
 * Two tokens unless the test says otherwise: `github-token` holds what the generated workflow grants a stage job
 * (deployments: write, contents: read), `admin-token` what `environments` needs (administration: write); GITHUB_TOKEN
 * can never hold administration.
 */
export const DEFAULT_TOKENS: TokenSpec[] = [
  { token: 'github-token', permissions: { contents: 'read', deployments: 'write', metadata: 'read' } },
  {
    token: 'admin-token',
    permissions: { actions: 'write', administration: 'write', contents: 'write', deployments: 'write', environments: 'write', metadata: 'read' },
    user: { login: 'octo-admin', id: 583231, type: 'User' },
    kind: 'pat',
  },
];

const RANK: Record<Level, number> = { read: 1, write: 2, admin: 3 };

export function authenticate(tokens: TokenSpec[], header: string | undefined): TokenSpec {
  if (!header) throw new GitHubApiError(401, 'Requires authentication');
  // Octokit sends `token X`; curl users and Apps send `Bearer X`. Both are accepted by GitHub.
  const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim());
  const found = m ? tokens.find((t) => t.token === m[1]) : undefined;
  if (!found) throw new GitHubApiError(401, 'Bad credentials');
  return found;
}

/** A required permission, as GitHub names it in `x-accepted-github-permissions` (`deployments=write`). */
export interface Requirement {
  permission: keyof Permissions;
  level: Level;
}

export function acceptedHeader(need: Requirement): string {
  return `${need.permission}=${need.level}`;
}

/** 403 exactly as GitHub words it for a token that lacks the endpoint's permission. */
export function authorize(token: TokenSpec, need: Requirement, docs: string): void {
  const held = token.permissions[need.permission];
  if (held && RANK[held] >= RANK[need.level]) return;
  const who = token.kind === 'pat' ? 'personal access token' : 'integration';
  throw new GitHubApiError(403, `Resource not accessible by ${who}`, {
    documentationUrl: docs,
    headers: { 'x-accepted-github-permissions': acceptedHeader(need) },
  });
}
