import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LOGGING_CONFIG_RESOURCE_TYPE } from '../../cdk/constants';
import {
  type CloudWatchDestination,
  InvocationLoggingConfiguration,
  type InvocationLoggingConfigurationProps,
} from '../../cdk/constructs/invocation-logging-configuration';
import { Names } from '../../cdk/names';

type Extra = Partial<Omit<InvocationLoggingConfigurationProps, 'cloudWatch'>> & {
  readonly cloudWatch?: (stack: Stack, bucket: s3.IBucket) => CloudWatchDestination;
};

function synth({ cloudWatch, ...extra }: Extra = {}): Template {
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
    cloudWatch: cloudWatch?.(stack, bucket),
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

/** The statements of the logging function's role (found by its Bedrock statement). */
function loggingRolePolicy(template: Template): Record<string, any>[] {
  const roles = Object.values(template.findResources('AWS::IAM::Role')) as Record<string, any>[];
  const role = roles.find((r) => JSON.stringify(r).includes('bedrock:PutModelInvocationLoggingConfiguration'));
  if (role === undefined) throw new Error('no logging-configuration role');
  return role.Properties.Policies[0].PolicyDocument.Statement as Record<string, any>[];
}

test("passes the organization's CloudWatch Logs destination (by reference) and the strict setting through", () => {
  const template = synth({
    requireAllDataTypes: true,
    cloudWatch: (stack, bucket) => ({
      logGroup: new logs.LogGroup(stack, 'Group', { logGroupName: '/aws/bedrock/bedrock-logs-invocations' }),
      role: new iam.Role(stack, 'CloudWatchRole', { assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') }),
      largeDataBucket: bucket,
      largeDataKeyPrefix: 'large-data',
    }),
  });
  template.hasResourceProperties(LOGGING_CONFIG_RESOURCE_TYPE, {
    RequireAllDataTypes: 'true',
    CloudWatchLogGroupName: { Ref: Match.stringLikeRegexp('^Group') },
    CloudWatchRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CloudWatchRole'), 'Arn'] },
    LargeDataBucketName: { Ref: Match.stringLikeRegexp('^Bucket') },
    LargeDataKeyPrefix: 'large-data',
  });
});

test('lets the function pass the CloudWatch role, and only to Bedrock, when there is a CloudWatch destination', () => {
  const template = synth({
    cloudWatch: (stack) => ({
      logGroup: new logs.LogGroup(stack, 'Group'),
      role: new iam.Role(stack, 'CloudWatchRole', { assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') }),
    }),
  });
  expect(loggingRolePolicy(template).filter((s) => s.Action === 'iam:PassRole')).toEqual([{
    Sid: 'PassCloudWatchRoleToBedrock',
    Effect: 'Allow',
    Action: 'iam:PassRole',
    Resource: { 'Fn::GetAtt': [expect.stringMatching(/^CloudWatchRole/), 'Arn'] },
    Condition: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
  }]);
});

test("without the organization's destination, lets merge and fail pass a team's role of this account to Bedrock, and overwrite none", () => {
  for (const existingConfiguration of ['merge', 'fail'] as const) {
    expect(loggingRolePolicy(synth({ existingConfiguration })).filter((s) => s.Action === 'iam:PassRole')).toEqual([{
      Sid: 'PassTeamCloudWatchRoleToBedrock',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/*']] },
      Condition: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
    }]);
  }
  expect(JSON.stringify(loggingRolePolicy(synth({ existingConfiguration: 'overwrite' })))).not.toContain('iam:PassRole');
});
