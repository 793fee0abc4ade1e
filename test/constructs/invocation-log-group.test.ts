import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { AUDIT_TAG_KEY, AUDIT_TAG_VALUE } from '../../cdk/constants';
import { InvocationLogGroup } from '../../cdk/constructs/invocation-log-group';
import { KEY_POLICY_SIDS, LogBucketKey } from '../../cdk/constructs/log-bucket-key';
import { Names } from '../../cdk/names';

interface Built {
  readonly template: Template;
  readonly construct: InvocationLogGroup;
  readonly bucket: s3.Bucket;
}

function build(retentionDays: number, withKey: boolean): Built {
  const stack = new Stack(new App(), 'Test');
  const key = withKey
    ? new LogBucketKey(stack, 'Key', { aliasName: 'alias/x', description: 'k', administratorRoleNames: ['AWSControlTowerExecution'], pendingWindow: Duration.days(30) })
    : undefined;
  const construct = new InvocationLogGroup(stack, 'InvocationLogs', { names: new Names('bedrock-logs'), retentionDays, encryptionKey: key });
  const bucket = new s3.Bucket(stack, 'Bucket');
  return { template: Template.fromStack(stack), construct, bucket };
}

/** The rule ids acknowledged on a construct. */
function acknowledged(scope: IConstruct): string[] {
  return scope.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.keys(m.data as Record<string, string>));
}

const { template, construct } = build(30, false);

test('is a log group named from the registry, with the configured retention, deleted with the stack', () => {
  template.hasResource('AWS::Logs::LogGroup', {
    DeletionPolicy: 'Delete',
    Properties: { LogGroupName: '/aws/bedrock/bedrock-logs-invocations', RetentionInDays: 30, Tags: [{ Key: AUDIT_TAG_KEY, Value: AUDIT_TAG_VALUE }] },
  });
  build(3653, false).template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 3653 });
});

test('has a role only Bedrock, for this account and region, can assume', () => {
  template.resourceCountIs('AWS::IAM::Role', 1);
  template.hasResourceProperties('AWS::IAM::Role', {
    RoleName: Match.objectEquals({ 'Fn::Sub': 'bedrock-logs-cloudwatch-${AWS::Region}' }),
    AssumeRolePolicyDocument: {
      Statement: Match.exact([{
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'bedrock.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*']] } },
        },
      }]),
    },
    Tags: Match.arrayWith([Match.objectEquals({ Key: AUDIT_TAG_KEY, Value: AUDIT_TAG_VALUE })]),
  });
});

test("lets the role write to Bedrock's log stream of this group and nothing else (no log group creation)", () => {
  template.hasResourceProperties('AWS::IAM::Role', {
    Policies: Match.exact([{
      PolicyName: 'Delivery',
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [{
          Sid: 'WriteInvocationLogStream',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: {
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' },
              ':log-group:/aws/bedrock/bedrock-logs-invocations:log-stream:aws/bedrock/modelinvocations']],
          },
        }],
      },
    }]),
  });
  template.resourceCountIs('AWS::IAM::Policy', 0);
});

test('without a key: CloudWatch Logs encryption, acknowledged; with one: the member key, which admits CloudWatch Logs for this group', () => {
  template.allResourcesProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.absent() });
  expect(acknowledged(construct.logGroup)).toContain('cdk-validator-cfnguard::cloudwatch_log_group_encrypted_check');

  const encrypted = build(30, true);
  encrypted.template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } });
  encrypted.template.hasResourceProperties('AWS::KMS::Key', { KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: KEY_POLICY_SIDS.logs })]) } });
  expect(acknowledged(encrypted.construct.logGroup)).not.toContain('cdk-validator-cfnguard::cloudwatch_log_group_encrypted_check');
});

test("acknowledges Control Tower's one-year retention control only below a year", () => {
  expect(acknowledged(construct.logGroup)).toContain('cdk-validator-cfnguard::cloudwatch_log_group_retention_period_check');
  expect(acknowledged(build(365, false).construct.logGroup)).not.toContain('cdk-validator-cfnguard::cloudwatch_log_group_retention_period_check');
});

test('gives the logging configuration its destination: group, role, large bodies to the bucket under the prefix', () => {
  const built = build(30, false);
  expect(built.construct.destination(built.bucket, 'genai')).toEqual({
    logGroup: built.construct.logGroup, role: built.construct.role, largeDataBucket: built.bucket, largeDataKeyPrefix: 'genai',
  });
  expect(built.construct.destination(built.bucket, '').largeDataKeyPrefix).toBeUndefined();
});
