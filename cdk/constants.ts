/** Named constants shared by the stacks, the policies, the manifest writer and the tests. */

/** Tag key of the ABAC audit tag carried by the project's functions and roles. */
export const AUDIT_TAG_KEY = 'Audit';
/** Tag value of the audit tag. */
export const AUDIT_TAG_VALUE = 'true';

export const BEDROCK_SERVICE_PRINCIPAL = 'bedrock.amazonaws.com';
export const LAMBDA_SERVICE_PRINCIPAL = 'lambda.amazonaws.com';
export const S3_SERVICE_PRINCIPAL = 's3.amazonaws.com';

/** CfCT manifest schema version; written as an unquoted YAML date. */
export const MANIFEST_VERSION = '2021-03-15';

/** Parameters of the member template, passed by the manifest. */
export const MEMBER_PARAMETERS = {
  centralBucketName: 'CentralBucketName',
  centralAccountId: 'CentralAccountId',
} as const;

/** Custom-resource types (the `Custom::` part is what CloudFormation shows in events). */
export const LOGGING_CONFIG_RESOURCE_TYPE = 'Custom::BedrockInvocationLogging';
export const BUCKET_EMPTIER_RESOURCE_TYPE = 'Custom::EmptyLogBucket';

/**
 * How long CloudFormation waits for each custom resource's answer (`ServiceTimeout`), and the
 * Lambda timeout of its function. The function answers before its own timeout; CloudFormation's
 * bound is a little longer so that answer always lands.
 */
export const LOGGING_CONFIG_TIMEOUT_SECONDS = 300;
export const BUCKET_EMPTIER_TIMEOUT_SECONDS = 900;
export const SERVICE_TIMEOUT_MARGIN_SECONDS = 60;

/** Limits the package lives within (FACTS.md §1, §4, §6, §7). */
export const LIMITS = {
  inlineCodeChars: 4096,
  templateResources: 500,
  templateParameters: 200,
  templateOutputs: 200,
  /** Template size CfCT can deploy (TemplateURL); the documented limit is 1 MB, this keeps headroom. */
  templateBytes: 460_800,
  stackInstancesPerStackSet: 100_000,
  scpMaxChars: 10_240,
  rcpMaxChars: 5_120,
  bucketNameChars: 63,
  roleNameChars: 64,
  functionNameChars: 64,
  stackSetNameChars: 128,
  policyNameChars: 128,
} as const;

/** CfCT names each StackSet `CustomControlTower-<resource name>`. */
export const STACK_SET_NAME_PREFIX = 'CustomControlTower-';
