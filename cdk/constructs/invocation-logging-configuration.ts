import { Duration, type CustomResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { LOGGING_CONFIG_RESOURCE_TYPE, LOGGING_CONFIG_TIMEOUT_SECONDS } from '../constants';
import type { ExistingConfigurationPolicy, LambdaRuntime, LambdaTrustScope, LoggedDataType } from '../env/types';
import { acknowledgeNag } from '../lint/acknowledge';
import { type Names, SUB_REGION } from '../names';
import { CustomResourceFunction } from './custom-resource-function';

export interface InvocationLoggingConfigurationProps {
  readonly names: Names;
  /** Bundled `configure-invocation-logging` handler. */
  readonly code: string;
  readonly runtime: LambdaRuntime;
  readonly trustScope: LambdaTrustScope;
  /** The member log bucket (same account and region). */
  readonly bucketName: string;
  /** Key prefix without a trailing `/`, empty for none (Bedrock adds the `/`). */
  readonly keyPrefix: string;
  readonly dataTypes: readonly LoggedDataType[];
  readonly existingConfiguration: ExistingConfigurationPolicy;
}

/** Custom-resource property per data type, as the handler reads them. */
const DATA_TYPE_PROPERTIES: Record<LoggedDataType, string> = {
  text: 'TextDataDeliveryEnabled',
  image: 'ImageDataDeliveryEnabled',
  embedding: 'EmbeddingDataDeliveryEnabled',
  video: 'VideoDataDeliveryEnabled',
  audio: 'AudioDataDeliveryEnabled',
};

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
      ],
    });

    acknowledgeNag(this.handler.role, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'The Bedrock model invocation logging API has no resource type: IAM only accepts "*" for bedrock:{Get,Put,Delete}ModelInvocationLoggingConfiguration.',
    });

    const properties: Record<string, string> = {
      BucketName: props.bucketName,
      KeyPrefix: props.keyPrefix,
      ExistingConfiguration: props.existingConfiguration,
    };
    for (const [type, property] of Object.entries(DATA_TYPE_PROPERTIES)) {
      properties[property] = String(props.dataTypes.includes(type as LoggedDataType));
    }
    this.resource = this.handler.addCustomResource(this, 'Resource', LOGGING_CONFIG_RESOURCE_TYPE, properties);
  }
}
