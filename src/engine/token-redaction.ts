/**
 * Every token a credential hands out joins the redactor before anything could print it (an ARM error or a debug log
 * may quote the Authorization header). Typed by shape, not by @azure/core-auth: the engine knows no Azure, and any
 * credential with `getToken` (Azure's TokenCredential among them) fits.
 */
export interface TokenSource {
  getToken(...args: never[]): Promise<{ token: string } | null | undefined>;
}

export function withTokenRedaction<C extends TokenSource>(credential: C, redactor: { add(value: unknown): void }): C {
  const getToken = async (...args: Parameters<C['getToken']>): Promise<Awaited<ReturnType<C['getToken']>>> => {
    const token = (await credential.getToken(...(args as never[]))) as Awaited<ReturnType<C['getToken']>>;
    if (token) redactor.add(token.token);
    return token;
  };
  return { getToken } as unknown as C;
}
