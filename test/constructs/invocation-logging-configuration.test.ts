import { App, Stack } from 'aws-cdk-lib';
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
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
import { resourceMatches, sidsGranting } from '../helpers/synth';

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
  synth().hasResourceProperties(LOGGING_CONFIG_RESOURCE_TYPE, {
    RequireAllDataTypes: Match.absent(),
    CloudWatchLogGroupName: Match.absent(),
    CloudWatchRoleArn: Match.absent(),
    LargeDataBucketName: Match.absent(),
    LargeDataKeyPrefix: Match.absent(),
  });
});

/** The logical ID of the logging function's role (the role with the Bedrock statement). */
function loggingRoleId(template: Template): string {
  return template.getResourceId('AWS::IAM::Role', {
    Properties: {
      Policies: [{ PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['bedrock:PutModelInvocationLoggingConfiguration']) })]) } }],
    },
  });
}

/** Asserts that the role's one inline policy has exactly one statement granting iam:PassRole, equal to `statement`. */
function passRoleStatementIs(template: Template, statement: Record<string, unknown>): void {
  const roleId = loggingRoleId(template);
  expect(sidsGranting(template, roleId, 'iam:PassRole')).toEqual([statement.Sid]);
  resourceMatches(template, roleId, 'AWS::IAM::Role', {
    Properties: { Policies: [{ PolicyDocument: { Statement: Match.arrayWith([Match.objectEquals(statement)]) } }] },
  });
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
  passRoleStatementIs(template, {
    Sid: 'PassCloudWatchRoleToBedrock',
    Effect: 'Allow',
    Action: 'iam:PassRole',
    Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CloudWatchRole'), 'Arn'] },
    Condition: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
  });
});

test("without the organization's destination, lets merge and fail pass a team's role of this account to Bedrock, and overwrite none", () => {
  for (const existingConfiguration of ['merge', 'fail'] as const) {
    passRoleStatementIs(synth({ existingConfiguration }), {
      Sid: 'PassTeamCloudWatchRoleToBedrock',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/*']] },
      Condition: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
    });
  }
  const overwrite = synth({ existingConfiguration: 'overwrite' });
  const statements = new Capture();
  resourceMatches(overwrite, loggingRoleId(overwrite), 'AWS::IAM::Role', { Properties: { Policies: [{ PolicyDocument: { Statement: statements } }] } });
  // The statements as text: iam:PassRole nowhere in them.
  expect(JSON.stringify(statements.asArray())).not.toContain('iam:PassRole');
});
