import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LOGGING_CONFIG_RESOURCE_TYPE } from '../../cdk/constants';
import { InvocationLoggingConfiguration, type InvocationLoggingConfigurationProps } from '../../cdk/constructs/invocation-logging-configuration';
import { Names } from '../../cdk/names';

function synth(extra: Partial<InvocationLoggingConfigurationProps> = {}): Template {
  const stack = new Stack(new App(), 'Test');
  const bucket = new s3.Bucket(stack, 'Bucket');
  new InvocationLoggingConfiguration(stack, 'Logging', {
    names: new Names('bedrock-logs'),
    code: 'exports.handler = async () => {};',
    runtime: 'nodejs22.x',
    trustScope: 'function-arn',
    bucket,
    keyPrefix: '',
    dataTypes: ['text', 'audio'],
    existingConfiguration: 'merge',
    ...extra,
  });
  return Template.fromStack(stack);
}

test('passes the bucket by reference and one flag per data type', () => {
  synth().hasResourceProperties(LOGGING_CONFIG_RESOURCE_TYPE, {
    BucketName: { Ref: Match.stringLikeRegexp('^Bucket') },
    KeyPrefix: '',
    ExistingConfiguration: 'merge',
    TextDataDeliveryEnabled: 'true',
    ImageDataDeliveryEnabled: 'false',
    EmbeddingDataDeliveryEnabled: 'false',
    VideoDataDeliveryEnabled: 'false',
    AudioDataDeliveryEnabled: 'true',
  });
});

test('passes no strictness and no CloudWatch Logs destination unless given', () => {
  const [resource] = Object.values(synth().findResources(LOGGING_CONFIG_RESOURCE_TYPE)) as { Properties: Record<string, unknown> }[];
  for (const key of ['RequireAllDataTypes', 'CloudWatchLogGroupName', 'CloudWatchRoleArn', 'LargeDataBucketName', 'LargeDataKeyPrefix']) {
    expect(resource.Properties).not.toHaveProperty(key);
  }
});

test("passes the organization's CloudWatch Logs destination and the strict setting through", () => {
  synth({
    requireAllDataTypes: true,
    cloudWatch: {
      logGroupName: '/aws/bedrock/bedrock-logs-invocations',
      roleArn: 'arn:aws:iam::111111111111:role/bedrock-logs-cloudwatch',
      largeDataBucketName: 'bedrock-logs-111111111111-us-east-1',
      largeDataKeyPrefix: 'large-data',
    },
  }).hasResourceProperties(LOGGING_CONFIG_RESOURCE_TYPE, {
    RequireAllDataTypes: 'true',
    CloudWatchLogGroupName: '/aws/bedrock/bedrock-logs-invocations',
    CloudWatchRoleArn: 'arn:aws:iam::111111111111:role/bedrock-logs-cloudwatch',
    LargeDataBucketName: 'bedrock-logs-111111111111-us-east-1',
    LargeDataKeyPrefix: 'large-data',
  });
});
