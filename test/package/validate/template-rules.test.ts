import * as fs from 'fs';
import * as path from 'path';
import { LIMITS } from '../../../cdk/constants';
import { AGGREGATION_TEMPLATE, copyFixture, editJson, issuesOf, MEMBER_TEMPLATE, onlyIssue, replaceIn } from './fixture';

function withTemplate(file: string, edit: (template: any) => void): string {
  const dir = copyFixture();
  editJson(dir, file, edit);
  return dir;
}

/** 1-based line of the first line of a package file that contains `needle`. */
function lineOf(dir: string, file: string, needle: string): number {
  return fs.readFileSync(path.join(dir, file), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('template-json', () => {
  test('leaves a YAML template (another team\'s, as CfCT allows) to CloudFormation, but checks a .json one that is not JSON', () => {
    const dir = copyFixture();
    fs.mkdirSync(path.join(dir, 'templates'));
    fs.writeFileSync(path.join(dir, 'templates', 'team.template'), 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n');
    replaceIn(dir, 'manifest.yaml', 'customizations/bedrock-logs-aggregation.template.json', 'templates/team.template');
    expect(issuesOf(dir, 'template-json')).toEqual([]);
    replaceIn(dir, 'manifest.yaml', 'templates/team.template', 'templates/team.template.json');
    fs.renameSync(path.join(dir, 'templates', 'team.template'), path.join(dir, 'templates', 'team.template.json'));
    expect(onlyIssue(dir, 'template-json').message).toMatch(/^not valid JSON/);
  });

  test('fails if the template is not valid JSON, with the line', () => {
    const dir = copyFixture();
    const full = path.join(dir, AGGREGATION_TEMPLATE);
    fs.writeFileSync(full, fs.readFileSync(full, 'utf8').replace('"Retain"\n', '"Retain",\n'));
    const issue = onlyIssue(dir, 'template-json');
    expect(issue).toMatchObject({ file: AGGREGATION_TEMPLATE, path: '' });
    expect(issue.line).toBe(lineOf(dir, AGGREGATION_TEMPLATE, '"DeletionPolicy": "Retain",') + 1);
    expect(issue.message).toBe('not valid JSON: expected a key in double quotes, found "}"');
  });

  test('fails if the template has no resources', () => {
    const dir = withTemplate(AGGREGATION_TEMPLATE, (t) => (t.Resources = {}));
    const issue = onlyIssue(dir, 'template-json');
    expect(issue).toMatchObject({ path: 'Resources', line: lineOf(dir, AGGREGATION_TEMPLATE, '"Resources"') });
    expect(issue.message).toContain('at least one');
  });

  test('fails if a section is unknown', () => {
    const dir = withTemplate(AGGREGATION_TEMPLATE, (t) => (t.Output = {}));
    expect(onlyIssue(dir, 'template-json')).toMatchObject({ path: 'Output', value: 'Output', message: 'not a template section' });
  });

  test('fails if a resource has no Type', () => {
    const dir = withTemplate(AGGREGATION_TEMPLATE, (t) => delete t.Resources.CentralBucketPolicy.Type);
    expect(onlyIssue(dir, 'template-json')).toMatchObject({ path: 'Resources.CentralBucketPolicy' });
  });
});

describe('template-limits', () => {
  test(`fails if the template is over ${LIMITS.templateBytes} bytes`, () => {
    const dir = withTemplate(AGGREGATION_TEMPLATE, (t) => (t.Description = 'x'.repeat(LIMITS.templateBytes)));
    const issue = onlyIssue(dir, 'template-limits');
    expect(issue).toMatchObject({ file: AGGREGATION_TEMPLATE, line: 1 });
    expect(issue.message).toContain(`over the ${LIMITS.templateBytes}-byte budget`);
  });

  test(`fails if the template has more than ${LIMITS.templateResources} resources`, () => {
    const dir = withTemplate(AGGREGATION_TEMPLATE, (t) => {
      for (let i = 0; i < LIMITS.templateResources; i++) t.Resources[`Topic${i}`] = { Type: 'AWS::SNS::Topic' };
    });
    const issue = onlyIssue(dir, 'template-limits');
    expect(issue).toMatchObject({ path: 'Resources', value: String(LIMITS.templateResources + 2) });
    expect(issue.fix).toBe('split the stack into more StackSets');
  });

  test(`fails if the template has more than ${LIMITS.templateParameters} parameters`, () => {
    const dir = withTemplate(MEMBER_TEMPLATE, (t) => {
      for (let i = 0; i < LIMITS.templateParameters; i++) t.Parameters[`P${i}`] = { Type: 'String', Default: '' };
    });
    expect(onlyIssue(dir, 'template-limits').message).toBe(`${LIMITS.templateParameters + 3} parameters, over CloudFormation's limit of ${LIMITS.templateParameters}`);
  });
});

describe('template-cdk-leftovers', () => {
  test('fails if the BootstrapVersion parameter and rule are left in', () => {
    const dir = withTemplate(AGGREGATION_TEMPLATE, (t) => {
      t.Parameters = { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' } };
      t.Rules = { CheckBootstrapVersion: { Assertions: [{ Assert: { 'Fn::Not': [{ 'Fn::Contains': [['1'], { Ref: 'BootstrapVersion' }] }] } }] } };
    });
    const issues = issuesOf(dir, 'template-cdk-leftovers');
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['Parameters.BootstrapVersion', 'the CDK bootstrap version parameter'],
      ['Rules.CheckBootstrapVersion', 'the CDK bootstrap version rule'],
    ]);
    expect(issues[0].fix).toContain('npm run build');
    expect(issues[0].line).toBe(lineOf(dir, AGGREGATION_TEMPLATE, '"BootstrapVersion": {'));
  });

  test('fails if CDKMetadata is left in', () => {
    const dir = withTemplate(AGGREGATION_TEMPLATE, (t) => {
      t.Resources.CDKMetadata = { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:x' }, Condition: 'CDKMetadataAvailable' };
      t.Conditions = { CDKMetadataAvailable: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } };
    });
    const paths = issuesOf(dir, 'template-cdk-leftovers').map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['Resources.CDKMetadata', 'Conditions.CDKMetadataAvailable']));
  });

  test('fails if a Transform is left in', () => {
    const dir = withTemplate(AGGREGATION_TEMPLATE, (t) => (t.Transform = 'AWS::Serverless-2016-10-31'));
    expect(onlyIssue(dir, 'template-cdk-leftovers')).toMatchObject({ path: 'Transform', value: '"AWS::Serverless-2016-10-31"' });
  });

  test('fails if an asset parameter is left in', () => {
    const dir = withTemplate(AGGREGATION_TEMPLATE, (t) => (t.Parameters = { AssetParametersabc123S3Bucket: { Type: 'String' } }));
    expect(onlyIssue(dir, 'template-cdk-leftovers')).toMatchObject({ path: 'Parameters.AssetParametersabc123S3Bucket', message: 'a CDK asset parameter' });
  });

  test('fails if a string references the cdk-hnb659fds bootstrap bucket', () => {
    const dir = withTemplate(MEMBER_TEMPLATE, (t) => {
      t.Resources.BucketEmptierFunction.Properties.Code = { S3Bucket: { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' }, S3Key: 'a.zip' };
    });
    const issue = onlyIssue(dir, 'template-cdk-leftovers');
    expect(issue).toMatchObject({ path: 'Resources.BucketEmptierFunction.Properties.Code.S3Bucket.Fn::Sub' });
    expect(issue.message).toBe('a reference to the CDK bootstrap resources');
  });

  test('fails if aws:cdk:* metadata is left in', () => {
    const dir = withTemplate(AGGREGATION_TEMPLATE, (t) => (t.Resources.CentralBucket.Metadata = { 'aws:cdk:path': 'Aggregation/CentralBucket/Resource' }));
    const issue = onlyIssue(dir, 'template-cdk-leftovers');
    expect(issue).toMatchObject({ path: 'Resources.CentralBucket.Metadata.aws:cdk:path', value: 'aws:cdk:path' });
  });
});

describe('template-inline-code', () => {
  const over = LIMITS.inlineCodeBytes + 1;

  test(`fails if inline code is over ${LIMITS.inlineCodeBytes} bytes`, () => {
    const dir = withTemplate(MEMBER_TEMPLATE, (t) => (t.Resources.BucketEmptierFunction.Properties.Code.ZipFile = 'x'.repeat(over)));
    const issue = onlyIssue(dir, 'template-inline-code');
    expect(issue).toMatchObject({
      file: MEMBER_TEMPLATE,
      path: 'Resources.BucketEmptierFunction.Properties.Code.ZipFile',
      line: lineOf(dir, MEMBER_TEMPLATE, '"ZipFile"'),
      value: String(over),
    });
    expect(issue.message).toContain('(4 MB zipped)');
  });

  test('counts bytes, not characters', () => {
    const dir = withTemplate(MEMBER_TEMPLATE, (t) => (t.Resources.BucketEmptierFunction.Properties.Code.ZipFile = 'é'.repeat(LIMITS.inlineCodeBytes / 2 + 1)));
    expect(onlyIssue(dir, 'template-inline-code').value).toBe(String(LIMITS.inlineCodeBytes + 2));
  });

  test('fails if joined literal inline code is over the limit', () => {
    const dir = withTemplate(MEMBER_TEMPLATE, (t) => {
      t.Resources.BucketEmptierFunction.Properties.Code.ZipFile = { 'Fn::Join': ['\n', ['x'.repeat(LIMITS.inlineCodeBytes / 2), 'y'.repeat(LIMITS.inlineCodeBytes / 2)]] };
    });
    expect(onlyIssue(dir, 'template-inline-code').value).toBe(String(LIMITS.inlineCodeBytes + 1));
  });

  test('accepts inline code far over the 4,096 characters CloudFormation once allowed', () => {
    const dir = withTemplate(MEMBER_TEMPLATE, (t) => (t.Resources.BucketEmptierFunction.Properties.Code.ZipFile = 'x'.repeat(200_000)));
    expect(issuesOf(dir, 'template-inline-code')).toEqual([]);
  });

  test('fails if a function takes its code from a bucket', () => {
    const dir = withTemplate(MEMBER_TEMPLATE, (t) => (t.Resources.BucketEmptierFunction.Properties.Code = { S3Bucket: 'my-bucket', S3Key: 'code.zip' }));
    const issue = onlyIssue(dir, 'template-inline-code');
    expect(issue).toMatchObject({ path: 'Resources.BucketEmptierFunction.Properties.Code.S3Bucket', message: 'code from a bucket or image, not inline' });
  });
});
