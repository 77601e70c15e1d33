import { randomUUID } from 'node:crypto';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { ChainedTokenCredential, ClientAssertionCredential, AzureCliCredential, EnvironmentCredential, ManagedIdentityCredential } from '@azure/identity';

export interface CredentialOptions {
  clientId?: string;
  tenantId?: string;
  /** Returns a fresh OIDC token (GitHub's `core.getIDToken`); called for every new ARM token, so long runs never expire. */
  federatedToken?: () => Promise<string>;
  /** ARM endpoint; a loopback one (the local simulated endpoint) gets a local token and never a real one. */
  endpoint?: string;
  /** Entra's login endpoint: the public cloud's by default; sovereign clouds have their own. */
  authorityHost?: string;
}

/**
 * Picks how to sign in. client-id + tenant-id: workload identity federation with a fresh GitHub OIDC assertion per
 * token (no az CLI; tokens never outlive a multi-hour rollout). Otherwise the environment, managed identity, then the az
 * CLI (after azure/login).
 */
export function createCredential(options: CredentialOptions): TokenCredential {
  if (options.endpoint && isLoopback(options.endpoint) && !options.clientId) return new LocalEndpointCredential();
  if (options.clientId && options.tenantId) {
    if (!options.federatedToken) throw new Error('client-id and tenant-id need a federated token source (permissions: id-token: write)');
    return new ClientAssertionCredential(options.tenantId, options.clientId, options.federatedToken, {
      authorityHost: options.authorityHost,
      // A custom authority (a sovereign cloud's) is used as given, without asking the public cloud about it.
      disableInstanceDiscovery: options.authorityHost !== undefined,
    });
  }
  return new ChainedTokenCredential(new EnvironmentCredential(), new ManagedIdentityCredential(), new AzureCliCredential());
}

export function isLoopback(endpoint: string): boolean {
  try {
    // URL gives an IPv6 host in brackets: `[::1]`.
    const host = new URL(endpoint).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

/**
 * The local simulated endpoint takes any bearer token. It is still treated as a secret (masked, never logged), and
 * STAGED_ROLLOUT_LOCAL_TOKEN lets a test choose it and then look for it in every log.
 */
export class LocalEndpointCredential implements TokenCredential {
  private readonly token = process.env.STAGED_ROLLOUT_LOCAL_TOKEN || `local-${randomUUID()}`;

  async getToken(): Promise<AccessToken> {
    return { token: this.token, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}
