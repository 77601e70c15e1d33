import { createHash } from 'node:crypto';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import https from 'node:https';
import { agentPolicy, type Pipeline, type PipelinePolicy, type PipelineRequest, type PipelineResponse, type SendRequest } from '@azure/core-rest-pipeline';

/**
 * What every ARM request of one deployer goes through, on top of the SDK's own pipeline: the rollout's correlation id,
 * a timeout, and a bearer token that is refreshed once when ARM says it expired. The SDK's retries stay off (see
 * clientOptions in deployer.ts): every retry is the deployer's, on the engine's clock, with a log line.
 */
export interface ArmPipelineOptions {
  credential: TokenCredential;
  /** Sent as `x-ms-correlation-request-id` on every request: ARM ties all of one rollout's calls together with it. */
  correlationId: string;
  /** Milliseconds one request may take before it is cut and reported as a transient `RequestTimeout`. */
  requestTimeoutMs: number;
  /** Told about each token refresh (a log line). */
  onTokenRefresh?: (reason: string) => void;
}

const ARM_SCOPE = 'https://management.azure.com/.default';
const SDK_AUTH_POLICY = 'bearerTokenAuthenticationPolicy';

/**
 * Connections to ARM, for every client of this process: kept alive, and at most this many open at once. The SDK's own
 * agent has no bound, so a burst of polls for a thousand stamps opened hundreds of TLS connections, each with its own
 * buffers; the request budget paces how many requests a second go out, this bounds how many are on the wire.
 */
export const MAX_ARM_CONNECTIONS = 32;
const armAgent = new https.Agent({ keepAlive: true, maxSockets: MAX_ARM_CONNECTIONS, maxFreeSockets: MAX_ARM_CONNECTIONS });

export function installArmPolicies(pipeline: Pipeline, options: ArmPipelineOptions): void {
  pipeline.removePolicy({ name: SDK_AUTH_POLICY });
  pipeline.addPolicy(agentPolicy(armAgent));
  pipeline.addPolicy(correlationPolicy(options.correlationId));
  pipeline.addPolicy(authPolicy(options.credential, options.onTokenRefresh), { phase: 'Sign' });
  // Last, next to the wire: the timeout covers the request alone, not the token fetch in front of it.
  pipeline.addPolicy(timeoutPolicy(options.requestTimeoutMs), { afterPhase: 'Sign' });
}

/**
 * The same policies on a client outside the deployer (Front Door, Azure Monitor, teardown, what-if): the rollout's
 * correlation id, ARM's shared connections, a request timeout and a refreshed token. Their SDK retries stay as set.
 * Without a correlation id (a client made before any rollout is known) the client is left as the SDK made it.
 */
export function withArmPolicies<T extends { pipeline: Pipeline }>(client: T, credential: TokenCredential, correlationId: string | undefined): T {
  if (correlationId) installArmPolicies(client.pipeline, { credential, correlationId, requestTimeoutMs: 60_000 });
  return client;
}

/** The correlation id of the rollout of this spec and version: what the deployer sends by default. */
export function specCorrelationId(spec: { name: string; version: string }): string {
  return rolloutCorrelationId(`${spec.name}@${spec.version}`);
}

/** A UUID derived from the rollout id, so every run and every job of one rollout carries the same one. */
export function rolloutCorrelationId(rolloutId: string): string {
  const h = createHash('sha256').update(`staged-rollout:${rolloutId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

function correlationPolicy(correlationId: string): PipelinePolicy {
  return {
    name: 'stagedRolloutCorrelationPolicy',
    sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
      request.headers.set('x-ms-correlation-request-id', correlationId);
      return next(request);
    },
  };
}

/** A request cut by our timeout: transient, so the caller retries it like a reset connection. */
export class RequestTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(request: PipelineRequest, ms: number) {
    super(`${request.method} ${new URL(request.url).pathname} got no answer within ${ms} ms (request timeout)`);
    this.name = 'RequestTimeoutError';
  }
}

function timeoutPolicy(ms: number): PipelinePolicy {
  return {
    name: 'stagedRolloutTimeoutPolicy',
    async sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
      const timer = new AbortController();
      const handle = setTimeout(() => timer.abort(new RequestTimeoutError(request, ms)), ms);
      const outer = request.abortSignal as AbortSignal | undefined;
      // One plain signal per request, fed by the caller's: not AbortSignal.any, whose signal Node keeps alive for as long
      // as a listener is on it. The SDK's HTTP client takes its listener off whatever request.abortSignal is by the
      // time the body has been read, which is the caller's again: every request of a rollout stayed in memory.
      const onOuterAbort = (): void => timer.abort(outer!.reason);
      if (outer?.aborted) onOuterAbort();
      else outer?.addEventListener('abort', onOuterAbort, { once: true });
      request.abortSignal = timer.signal;
      try {
        return await next(request);
      } catch (error) {
        if (timer.signal.aborted && !outer?.aborted) throw timer.signal.reason;
        throw error;
      } finally {
        clearTimeout(handle);
        outer?.removeEventListener('abort', onOuterAbort);
        request.abortSignal = outer;
      }
    },
  };
}

const EXPIRED = /ExpiredAuthenticationToken|InvalidAuthenticationToken/;

/**
 * The bearer token, cached until five minutes before it expires. A 401 that says the token expired or is invalid
 * (ARM's clock, a revoked token) gets one fresh token and one retry; a second 401 is ARM's answer.
 */
function authPolicy(credential: TokenCredential, onRefresh?: (reason: string) => void): PipelinePolicy {
  let cached: AccessToken | undefined;
  let pending: Promise<AccessToken> | undefined;
  const token = async (fresh: boolean, signal?: AbortSignal): Promise<string> => {
    if (fresh) cached = undefined;
    if (cached && cached.expiresOnTimestamp - Date.now() > 5 * 60_000) return cached.token;
    pending ??= credential
      .getToken(ARM_SCOPE, { abortSignal: signal })
      .then((t) => {
        if (!t) throw new Error('the credential returned no token for Azure Resource Manager');
        cached = t;
        return t;
      })
      .finally(() => (pending = undefined));
    return (await pending).token;
  };
  return {
    name: 'stagedRolloutAuthPolicy',
    async sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
      request.headers.set('authorization', `Bearer ${await token(false, request.abortSignal as AbortSignal | undefined)}`);
      const response = await next(request);
      if (response.status !== 401) return response;
      const code = /ExpiredAuthenticationToken|InvalidAuthenticationToken/.exec(`${response.headers.get('www-authenticate') ?? ''} ${response.bodyAsText ?? ''}`)?.[0];
      if (!code || !EXPIRED.test(code)) return response;
      onRefresh?.(`ARM answered 401 ${code} on ${request.method} ${new URL(request.url).pathname}: refreshing the token and retrying once`);
      request.headers.set('authorization', `Bearer ${await token(true, request.abortSignal as AbortSignal | undefined)}`);
      return next(request);
    },
  };
}
