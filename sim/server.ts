import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { parseArmJson } from './armJson.js';
import { readCappedBody } from './body.js';
import type { SimCert } from './certs.js';
import { control, type ControlDeps } from './control.js';
import type { ArmReply, ArmRequest } from './core.js';
import { ArmError, invalidContent } from './errors.js';
import { rgKey } from './ids.js';
import { dispatch } from './router.js';
import { operationKind, type OperationKind, type Throttle } from './throttle.js';

export interface RequestLogEntry {
  method: string;
  path: string;
  /** Path and query as sent. */
  url: string;
  /** 0 when a fault refused or reset the connection, -1 while a request is left unanswered (requestHangs). */
  status: number;
  /** The answer was dropped after the request took effect (answerLost). */
  lost?: boolean;
  /** x-ms-correlation-request-id as the client sent it. */
  correlationId?: string;
  /** Clock milliseconds. */
  time: number;
  operation: OperationKind;
}

/** ARM's request size limit. */
export const MAX_BODY = 4 * 1024 * 1024;

interface ServerDeps extends ControlDeps {
  throttle: Throttle;
}

function segmentsOf(path: string): string[] {
  try {
    return path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw new ArmError(400, 'InvalidRequestUri', `The request URI '${path}' is not valid: it has a malformed percent-encoding.`);
  }
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { core, throttle, log } = deps;
  // Concatenate, not resolve: ARM tolerates `//subscriptions/...` (the SDK's getById sends it), a base URL would not.
  const url = new URL(`https://127.0.0.1${(req.url ?? '/').startsWith('/') ? '' : '/'}${req.url ?? '/'}`);
  const method = (req.method ?? 'GET').toUpperCase();
  const { body: raw, size } = await readCappedBody(req, MAX_BODY);

  if (url.pathname === '/_sim' || url.pathname.startsWith('/_sim/')) {
    let parsed: unknown;
    try {
      parsed = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      return send(res, method, { status: 400, body: { error: { code: 'InvalidSimControlRequest', message: 'The body is not valid JSON.' } } }, {});
    }
    return send(res, method, control(deps, method, url.pathname, parsed), {});
  }

  const kind = operationKind(method);
  const correlationId = String(req.headers['x-ms-correlation-request-id'] ?? randomUUID());
  const headers: Record<string, string> = { 'x-ms-request-id': randomUUID(), 'x-ms-correlation-request-id': correlationId };
  const sentCorrelation = req.headers['x-ms-correlation-request-id'];
  const entry: RequestLogEntry = { method, path: url.pathname, url: `${url.pathname}${url.search}`, status: 0, time: core.clock.now(), operation: kind, ...(sentCorrelation ? { correlationId: String(sentCorrelation) } : {}) };
  log.push(entry);

  let reply: ArmReply;
  let lost = false;
  let hang = false;
  let segments: string[] = [];
  let subscription: string | undefined;
  try {
    segments = segmentsOf(url.pathname);
    const l = segments.map((s) => s.toLowerCase());
    subscription = l[0] === 'subscriptions' ? segments[1] : undefined;
    const rgAt = l.indexOf('resourcegroups');
    const resourceGroup = rgAt >= 0 ? segments[rgAt + 1] : undefined;
    const depAt = l.lastIndexOf('deployments');
    const rg = subscription && resourceGroup ? core.state.resourceGroups.get(rgKey(subscription, resourceGroup)) : undefined;
    const subject = {
      subscription,
      resourceGroup,
      deploymentName: depAt >= 0 ? segments[depAt + 1] : undefined,
      region: rg ? [rg.location] : [],
      method,
      path: url.pathname,
      operation: kind,
    };
    const cut = core.faults.take(['requestRefused', 'requestReset'], subject);
    if (cut) {
      if (cut.kind === 'requestReset') {
        // A TLS socket cannot send an RST itself; the TCP socket under it can.
        const tcp = (req.socket as unknown as { _parent?: import('node:net').Socket })._parent;
        if (tcp) tcp.resetAndDestroy();
        else req.socket.destroy();
      } else req.socket.destroy();
      return;
    }
    const auth = req.headers.authorization;
    if (!auth) throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
    if (!/^Bearer\s+\S+/i.test(auth)) throw new ArmError(401, 'InvalidAuthenticationToken', 'The access token is invalid: the Authorization header must be a Bearer token.');
    const apiVersion = url.searchParams.get('api-version');
    if (!apiVersion) {
      throw new ArmError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
    }
    const broken = core.faults.take(['requestHangs', 'serverError', 'notFound', 'authExpired'], subject);
    if (broken?.kind === 'requestHangs' && !broken.afterAct) {
      entry.status = -1;
      return; // never answered; the socket is closed when the client gives up or the sim stops
    }
    if (broken?.kind === 'authExpired') {
      throw new ArmError(401, 'ExpiredAuthenticationToken', `The access token expiry UTC time '${new Date(core.clock.now() - 60_000).toUTCString()}' is earlier than current UTC time '${new Date(core.clock.now()).toUTCString()}'.`, {
        headers: { 'WWW-Authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The access token has expired."' },
      });
    }
    if (broken?.kind === 'notFound') {
      throw new ArmError(404, broken.code ?? 'NotFound', broken.message ?? 'The requested resource was not found. Diagnostic information: injected by the local ARM simulator.');
    }
    if (broken?.kind === 'serverError') {
      throw new ArmError(broken.status ?? 500, broken.code ?? 'InternalServerError', broken.message ?? 'Encountered internal server error. Diagnostic information: injected by the local ARM simulator.');
    }
    lost = core.faults.take(['answerLost'], subject) !== undefined;
    hang = broken?.kind === 'requestHangs';
    const injected = core.faults.take(['throttle'], subject);
    const bucket = throttle.take(subscription ?? 'tenant', kind);
    headers[`x-ms-ratelimit-remaining-${subscription ? 'subscription' : 'tenant'}-${kind}s`] = String(injected ? 0 : bucket.remaining);
    if (injected || !bucket.ok) {
      const retryAfter = injected ? (injected.retryAfterSeconds ?? 1) : bucket.retryAfterSeconds;
      throw new ArmError(
        429,
        injected?.code ?? 'SubscriptionRequestsThrottled',
        injected?.code
          ? `The request is being throttled by the resource provider. Please try again after '${retryAfter}' seconds.`
          : `Number of '${kind}' requests for subscription '${subscription ?? 'tenant'}' actor '${correlationId}' exceeded. Please try again after '${retryAfter}' seconds after the last request.`,
        { headers: { 'Retry-After': String(retryAfter) } },
      );
    }
    if (size > MAX_BODY) {
      throw new ArmError(413, 'RequestContentTooLarge', `The request content size '${size}' exceeds the maximum size of '${MAX_BODY}' bytes (4 MiB).`);
    }
    let body: unknown;
    if (raw.length > 0) {
      const type = String(req.headers['content-type'] ?? '');
      if (!/^application\/(.+\+)?json/i.test(type)) {
        throw new ArmError(415, 'UnsupportedMediaType', `The content media type '${type || '(none)'}' is not supported. Only 'application/json' is supported.`);
      }
      try {
        body = parseArmJson(raw.toString('utf8'));
      } catch (err) {
        throw invalidContent((err as Error).message);
      }
    }
    const armReq: ArmRequest = { method, path: url.pathname, query: url.searchParams, body, headers: req.headers, apiVersion, correlationId };
    reply = dispatch(core, armReq, segments);
  } catch (err) {
    if (err instanceof ArmError) {
      reply = { status: err.status, body: err.body(), headers: err.headers };
    } else {
      process.stderr.write(`staged-rollout sim: internal error on ${method} ${url.pathname}: ${(err as Error)?.stack ?? err}\n`);
      reply = { status: 500, body: { error: { code: 'InternalServerError', message: 'The local ARM simulator hit an internal error; see its stderr.' } } };
    }
  }
  if (!headers[`x-ms-ratelimit-remaining-subscription-${kind}s`] && !headers[`x-ms-ratelimit-remaining-tenant-${kind}s`]) {
    headers[`x-ms-ratelimit-remaining-${subscription ? 'subscription' : 'tenant'}-${kind}s`] = String(throttle.remaining(subscription ?? 'tenant', kind));
  }
  entry.status = reply.status;
  if (hang) {
    entry.lost = true;
    return; // ARM acted; the answer never comes
  }
  if (lost) {
    // ARM acted; the client never learns it.
    entry.lost = true;
    const tcp = (req.socket as unknown as { _parent?: import('node:net').Socket })._parent;
    if (tcp) tcp.resetAndDestroy();
    else req.socket.destroy();
    return;
  }
  send(res, method, reply, headers);
}

function send(res: ServerResponse, method: string, reply: { status: number; body?: unknown; headers?: Record<string, string> }, base: Record<string, string>): void {
  const headers: Record<string, string> = { ...base, ...(reply.headers ?? {}) };
  const text = reply.body === undefined || method === 'HEAD' ? undefined : JSON.stringify(reply.body);
  if (text !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
  headers['content-length'] = String(text === undefined ? 0 : Buffer.byteLength(text));
  res.writeHead(reply.status, headers);
  res.end(text);
}

export interface ArmServer {
  server: https.Server;
  port: number;
  close(): Promise<void>;
}

export async function startServer(cert: SimCert, port: number, deps: () => ServerDeps): Promise<ArmServer> {
  const server = https.createServer({ key: cert.key, cert: cert.cert });
  server.on('request', (req, res) => {
    handle(deps(), req, res).catch((err) => {
      // The server must keep serving whatever one request did.
      process.stderr.write(`staged-rollout sim: request failed: ${(err as Error)?.stack ?? err}\n`);
      if (!res.headersSent) send(res, 'GET', { status: 500, body: { error: { code: 'InternalServerError', message: 'internal error' } } }, {});
      else res.destroy();
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
