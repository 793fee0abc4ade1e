/**
 * Bundled in place of `@aws-sdk/token-providers` (see `cdk/bundle.ts`). Bearer tokens (Bedrock API
 * keys, SSO) are not how a Lambda function signs its calls: SigV4 with the execution role's
 * credentials is.
 */
function noBearerToken(): () => Promise<never> {
  return async () => {
    throw new Error('no bearer-token provider in this bundle: the handlers sign with SigV4');
  };
}

export const fromEnvSigningName = noBearerToken;
export const nodeProvider = noBearerToken;
