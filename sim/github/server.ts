import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readCappedBody } from '../body.js';
import { acceptedHeader, authenticate, authorize, type TokenSpec } from './auth.js';
import type { GhContext, GhReply } from './core.js';
import { GitHubApiError, notFound } from './errors.js';
import { route } from './router.js';
import type { RepoState } from './state.js';

export interface GitHubRequestLogEntry {
  method: string;
  /** Path and query as sent. */
  url: string;
  status: number;
  /** The token that authenticated, if one did. */
  token?: string;
  body?: unknown;
}

export interface ServerDeps {
  tokens: TokenSpec[];
  repos: Map<string, RepoState>;
  context(repo: RepoState): GhContext;
  log: GitHubRequestLogEntry[];
}

/** GitHub answers a body over its limit before parsing; 1 MiB is far above anything this endpoint's routes take. */
const MAX_BODY = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const { body, size } = await readCappedBody(req, MAX_BODY);
  if (size > MAX_BODY) throw new GitHubApiError(413, 'Request body too large');
  return body.toString('utf8');
}

function segments(path: string): string[] {
  try {
    return path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw notFound();
  }
}

async function answer(deps: ServerDeps, req: IncomingMessage, entry: GitHubRequestLogEntry): Promise<GhReply> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();
  const text = await readBody(req);
  let body: unknown;
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new GitHubApiError(400, 'Problems parsing JSON');
    }
  }
  entry.body = body;
  const token = authenticate(deps.tokens, req.headers.authorization);
  entry.token = token.token;
  const seg = segments(url.pathname);
  if (seg[0] !== 'repos' || seg.length < 4) throw notFound();
  // Owner and repository names are not case sensitive on GitHub.
  const repo = deps.repos.get(`${seg[1]}/${seg[2]}`.toLowerCase());
  const methods = route(seg.slice(3));
  const r = methods?.[method];
  if (!repo || !r) throw notFound();
  const headers = { 'x-accepted-github-permissions': acceptedHeader(r.need) };
  authorize(token, r.need, r.docs);
  const reply = r.handle(deps.context(repo), { method, path: url.pathname, query: url.searchParams, body, token });
  return { ...reply, headers: { ...headers, ...(reply.headers ?? {}) } };
}

function send(res: ServerResponse, reply: GhReply): void {
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
    ...(reply.headers ?? {}),
  });
  res.end(text);
}

export interface GhServer {
  port: number;
  close(): Promise<void>;
}

export async function startServer(port: number, deps: ServerDeps): Promise<GhServer> {
  const server = http.createServer((req, res) => {
    const entry: GitHubRequestLogEntry = { method: (req.method ?? 'GET').toUpperCase(), url: req.url ?? '/', status: 0 };
    deps.log.push(entry);
    answer(deps, req, entry)
      .catch((err: unknown): GhReply => {
        if (err instanceof GitHubApiError) return { status: err.status, body: err.body(), headers: err.headers };
        // The endpoint keeps serving whatever one request did; the stack goes to stderr for the test's author.
        process.stderr.write(`staged-rollout github sim: internal error on ${entry.method} ${entry.url}: ${(err as Error)?.stack ?? err}\n`);
        return { status: 500, body: { message: 'Server Error', documentation_url: 'https://docs.github.com/rest', status: '500' } };
      })
      .then((reply) => {
        entry.status = reply.status;
        send(res, reply);
      });
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
