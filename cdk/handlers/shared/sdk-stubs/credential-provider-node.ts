/**
 * Bundled in place of `@aws-sdk/credential-provider-node` (see `cdk/bundle.ts`). Lambda passes the
 * function's credentials in environment variables, so a bundled client is given `fromEnv()`
 * explicitly; the default chain (SSO, INI files, web identity, IMDS, ...) is never needed and
 * would add its code and its nested STS/SSO clients to the inline handler.
 */
export function defaultProvider(): () => Promise<never> {
  return async () => {
    throw new Error('no default credential chain in this bundle: give the client credentials: fromEnv()');
  };
}
