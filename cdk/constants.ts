/** Named constants shared by the stacks, the policies, the manifest writer and the tests. */

/** Tag key of the ABAC audit tag carried by the project's functions and roles. */
export const AUDIT_TAG_KEY = 'Audit';
/** Tag value of the audit tag. */
export const AUDIT_TAG_VALUE = 'true';

export const BEDROCK_SERVICE_PRINCIPAL = 'bedrock.amazonaws.com';
export const LAMBDA_SERVICE_PRINCIPAL = 'lambda.amazonaws.com';
export const S3_SERVICE_PRINCIPAL = 's3.amazonaws.com';

/**
 * CloudWatch Logs' regional service principal, which a key policy names to let the service encrypt
 * and decrypt a log group's events ("Encrypt log data in CloudWatch Logs using AWS KMS",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html).
 */
export function logsServicePrincipal(region: string): string {
  return `logs.${region}.amazonaws.com`;
}

/** `kms:ViaService` of requests S3 makes to KMS on a principal's behalf in `region`. */
export function s3ViaService(region: string): string {
  return `s3.${region}.amazonaws.com`;
}

/**
 * What S3 replication does in the destination bucket with the replication role's credentials.
 * `s3:ReplicateDelete` is deliberately not here: `deny-bucket-changes` denies it to everyone but the
 * exempt roles (the member buckets do not replicate delete markers).
 */
export const REPLICATION_WRITE_ACTIONS = ['s3:ReplicateObject', 's3:ReplicateTags', 's3:ObjectOwnerOverrideToBucketOwner'] as const;

/**
 * The log stream Bedrock writes in the CloudWatch Logs log group; its role needs
 * `logs:CreateLogStream` and `logs:PutLogEvents` on exactly this stream (Bedrock user guide, "Set up a
 * CloudWatch Logs destination", https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html).
 */
export const BEDROCK_LOG_STREAM = 'aws/bedrock/modelinvocations';

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

/**
 * Limits the package lives within; where each comes from is in the limits table of the README
 * (`cdk/package/limits.ts`) and in `cdk/handlers/README.md`.
 */
export const LIMITS = {
  /**
   * Inline Lambda code (`Code.ZipFile`): CloudFormation writes it to `index.js` and zips it, and
   * "this zip file cannot exceed 4MB" (AWS::Lambda::Function Code). The old 4,096-character cap
   * was lifted in 2022. Checked on the uncompressed text (the deflated zip is much smaller), with
   * 4 MB read as 4,000,000 bytes (the smaller reading).
   */
  inlineCodeBytes: 4_000_000,
  templateResources: 500,
  templateParameters: 200,
  templateOutputs: 200,
  /**
   * Template size CfCT can deploy: it passes templates by TemplateURL, documented as 1 MB; the
   * API references still quote 460,800 bytes, kept as the working limit.
   */
  templateBytes: 460_800,
  /**
   * The build's own budget for the member template, which carries both handlers inline: small
   * enough to review and to diff, with room for SDK growth, well inside `templateBytes`.
   */
  memberTemplateBudgetBytes: 250_000,
  stackInstancesPerStackSet: 100_000,
  /**
   * A bucket policy: "Bucket policies are limited to 20 KB in size" (Amazon S3 User Guide, "Bucket
   * policies and user policies"), with 20 KB read as 20,000 bytes (the smaller reading).
   */
  bucketPolicyBytes: 20_000,
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
