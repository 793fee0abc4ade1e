/** What the AWS-facing commands share about the SDK's configuration. */

/**
 * The endpoint the SDK uses for a service when one is configured in the environment
 * (`AWS_ENDPOINT_URL_<SERVICE>`, else `AWS_ENDPOINT_URL`); undefined when neither is set (or empty).
 */
export function configuredEndpoint(serviceEnvSuffix: string, env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  return env[`AWS_ENDPOINT_URL_${serviceEnvSuffix}`] || env.AWS_ENDPOINT_URL || undefined;
}
