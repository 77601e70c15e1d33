import type { IncomingHttpHeaders } from 'node:http';

/**
 * The caller's object id, as ARM reads it: the `oid` claim of the bearer token. The sim checks no signature (any
 * token is accepted); a token that is not a JWT has no principal, so no excludedPrincipals entry can match it.
 */
export function callerPrincipal(headers: IncomingHttpHeaders): string | undefined {
  const auth = String(headers.authorization ?? '');
  const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { oid?: unknown };
    return typeof claims.oid === 'string' ? claims.oid : undefined;
  } catch {
    return undefined;
  }
}
