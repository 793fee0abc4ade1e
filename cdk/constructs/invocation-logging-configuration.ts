import { Aws, Duration, type CustomResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BEDROCK_SERVICE_PRINCIPAL, LOGGING_CONFIG_RESOURCE_TYPE, LOGGING_CONFIG_TIMEOUT_SECONDS } from '../constants';
import type { ExistingConfigurationPolicy, LambdaRuntime, LambdaTrustScope } from '../env/types';
import {
  ALL_DATA_TYPES,
  dataTypeProperty,
  type LoggedDataType,
  LOGGING_PROPERTIES,
} from '../handlers/configure-invocation-logging/properties';
import { acknowledgeNag, iam5 } from '../lint/acknowledge';
import { type Names, SUB_REGION } from '../names';
import { CustomResourceFunction } from './custom-resource-function';

/** The organization's CloudWatch Logs destination for invocation logs, next to the S3 delivery. */
export interface CloudWatchDestination {
  /** Log group Bedrock delivers to (in this account and region). */
  readonly logGroup: logs.ILogGroup;
  /**
   * Role Bedrock assumes to write to the log group. The logging function may pass it to Bedrock (and
   * to nothing else): the Put is refused without `iam:PassRole` on it.
   */
  readonly role: iam.IRole;
  /**
   * Bucket for request and response bodies too large for CloudWatch Logs.
   *
   * @default - Bedrock drops bodies too large for CloudWatch Logs
   */
  readonly largeDataBucket?: s3.IBucket;
  /**
   * Key prefix of the large bodies in `largeDataBucket`.
   *
   * @default - no prefix
   */
  readonly largeDataKeyPrefix?: string;
}

export interface InvocationLoggingConfigurationProps {
  readonly names: Names;
  /** Bundled `configure-invocation-logging` handler. */
  readonly code: string;
  readonly runtime: LambdaRuntime;
  readonly trustScope: LambdaTrustScope;
  /** The member log bucket (same account and region). */
  readonly bucket: s3.IBucket;
  /** Key prefix without a trailing `/`, empty for none (Bedrock adds the `/`). */
  readonly keyPrefix: string;
  readonly dataTypes: readonly LoggedDataType[];
  readonly existingConfiguration: ExistingConfigurationPolicy;
  /**
   * Fail the stack when the region does not offer a requested data type.
   *
   * When false, the configuration is put with what the region offers, and the answer (`Data`)
   * and the function's log say which types are not offered.
   *
   * @default false
   */
  readonly requireAllDataTypes?: boolean;
  /**
   * The organization's CloudWatch Logs destination. There is one per account and region: when set,
   * it replaces a team's CloudWatch delivery whatever `existingConfiguration` says.
   *
   * @default - none: `merge` keeps a team's CloudWatch delivery
   */
  readonly cloudWatch?: CloudWatchDestination;
}

/**
 * Bedrock model invocation logging for this account and region, which CloudFormation has no
 * resource type for: a Lambda-backed custom resource puts the configuration on Create and Update,
 * reads it back, and removes it on Delete when it is still the one it set.
 */
export class InvocationLoggingConfiguration extends Construct {
  public readonly handler: CustomResourceFunction;
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: InvocationLoggingConfigurationProps) {
    super(scope, id);
    const passTeamRole = passesTeamRole(props);
    this.handler = new CustomResourceFunction(this, 'Function', {
      functionName: props.names.loggingConfigFunction,
      roleNameSub: props.names.loggingConfigRole(SUB_REGION),
      code: props.code,
      runtime: props.runtime,
      trustScope: props.trustScope,
      timeout: Duration.seconds(LOGGING_CONFIG_TIMEOUT_SECONDS),
      description: 'Puts and removes the Bedrock model invocation logging configuration (CfCT custom resource)',
      statements: [
        new iam.PolicyStatement({
          sid: 'BedrockInvocationLogging',
          actions: [
            'bedrock:GetModelInvocationLoggingConfiguration',
            'bedrock:PutModelInvocationLoggingConfiguration',
            'bedrock:DeleteModelInvocationLoggingConfiguration',
          ],
          resources: ['*'],
        }),
        ...passRoleStatements(props.cloudWatch, passTeamRole),
      ],
    });
    if (passTeamRole) {
      acknowledgeNag(this.handler.role, {
        id: iam5('arn:<AWS::Partition>:iam::<AWS::AccountId>:role/*'),
        reason: "merge and fail keep a team's own CloudWatch Logs delivery, whose role the Put (and the Delete's restore) must pass again; "
          + 'its name is not known in advance. Passing is limited to Bedrock (iam:PassedToService), and the function may call only the logging-configuration API.',
      });
    }

    acknowledgeNag(this.handler.role, {
      id: iam5('*'),
      reason: 'The Bedrock model invocation logging API has no resource type: IAM only accepts "*" for bedrock:{Get,Put,Delete}ModelInvocationLoggingConfiguration.',
    });

    this.resource = this.handler.addCustomResource(this, 'Resource', LOGGING_CONFIG_RESOURCE_TYPE, loggingProperties(props));
  }
}

/**
 * `iam:PassRole` to Bedrock only, for the role of the CloudWatch Logs delivery the Put carries. The
 * Service Authorization Reference lists no dependent action for `PutModelInvocationLoggingConfiguration`,
 * but Bedrock refuses a Put naming a role the caller may not pass ("is not authorized to perform:
 * iam:PassRole", alphagov/govuk-infrastructure#2439; the AWS sample
 * aws-samples/enable-bedrock-logging-using-cloudformation grants it too).
 *
 * - With the organization's destination: its role only (it replaces a team's under every policy).
 * - Without it, under `merge` and `fail`: any role of this account, since a team's delivery is kept
 *   and put again with the team's role, whose name is unknown. `overwrite` never puts a team's role.
 */
function passRoleStatements(cloudWatch: CloudWatchDestination | undefined, passTeamRole: boolean): iam.PolicyStatement[] {
  if (cloudWatch === undefined && !passTeamRole) return [];
  return [
    new iam.PolicyStatement({
      sid: cloudWatch ? 'PassCloudWatchRoleToBedrock' : 'PassTeamCloudWatchRoleToBedrock',
      actions: ['iam:PassRole'],
      resources: [cloudWatch ? cloudWatch.role.roleArn : `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/*`],
      conditions: { StringEquals: { 'iam:PassedToService': BEDROCK_SERVICE_PRINCIPAL } },
    }),
  ];
}

/**
 * Whether the function passes a team's own CloudWatch Logs role: without the organization's
 * destination, under `merge` and `fail` (`overwrite` never puts a team's role).
 */
function passesTeamRole(props: InvocationLoggingConfigurationProps): boolean {
  return props.cloudWatch === undefined && props.existingConfiguration !== 'overwrite';
}

/** The custom resource's properties, as the handler reads them (`LOGGING_PROPERTIES`). */
function loggingProperties(props: InvocationLoggingConfigurationProps): Record<string, string> {
  const properties: Record<string, string> = {
    [LOGGING_PROPERTIES.bucketName]: props.bucket.bucketName,
    [LOGGING_PROPERTIES.keyPrefix]: props.keyPrefix,
    [LOGGING_PROPERTIES.existingConfiguration]: props.existingConfiguration,
  };
  for (const type of ALL_DATA_TYPES) {
    properties[dataTypeProperty(type)] = String(props.dataTypes.includes(type));
  }
  if (props.requireAllDataTypes !== undefined) {
    properties[LOGGING_PROPERTIES.requireAllDataTypes] = String(props.requireAllDataTypes);
  }
  const { cloudWatch } = props;
  if (cloudWatch !== undefined) {
    properties[LOGGING_PROPERTIES.cloudWatchLogGroupName] = cloudWatch.logGroup.logGroupName;
    properties[LOGGING_PROPERTIES.cloudWatchRoleArn] = cloudWatch.role.roleArn;
    if (cloudWatch.largeDataBucket !== undefined) {
      properties[LOGGING_PROPERTIES.largeDataBucketName] = cloudWatch.largeDataBucket.bucketName;
    }
    if (cloudWatch.largeDataKeyPrefix !== undefined) {
      properties[LOGGING_PROPERTIES.largeDataKeyPrefix] = cloudWatch.largeDataKeyPrefix;
    }
  }
  return properties;
}
