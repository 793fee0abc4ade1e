/**
 * Template lint gates: aws-cdk-lib's built-in CloudFormation validator, the Control Tower proactive
 * controls (cfn-guard, Control Tower rules on) and cdk-nag's AwsSolutions pack, all run on the
 * real stacks of the example and of the example map's `all-options` environment (every option on). A canary stack with
 * known faults proves each gate can fail.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { addStacks } from '../../cdk/package/synth';
import { allOptionsConfig, exampleConfig } from '../helpers/example';
import { handlers } from '../helpers/synth';

interface Violation {
  readonly plugin: string;
  readonly rule: string;
  readonly paths: string[];
}

const CANARY = 'lint-canary';
let violations: Violation[] = [];
const acknowledgements: { path: string; id: string; reason: string }[] = [];
let outdir: string;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));
  const app = new App({
    outdir,
    builtinCloudFormationValidation: true,
    context: { '@aws-cdk/core:validationReportJson': true },
  });
  addStacks(app, exampleConfig(), handlers());
  // Every option on: customer managed keys, CloudWatch Logs delivery, Object Lock, RTC, a key prefix,
  // the newest runtime, the account-wide Lambda trust (cdk/env/map.example.ts, `all-options`).
  addStacks(app, allOptionsConfig(), handlers());

  // Known faults, one per gate: an unencrypted public-ish bucket, a wildcard admin policy, an unknown property.
  const canary = new Stack(app, CANARY);
  new CfnResource(canary, 'OpenBucket', { type: 'AWS::S3::Bucket', properties: { NotAProperty: true } });
  new iam.Role(canary, 'AdminRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    inlinePolicies: { All: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })] }) },
  });

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new CfnGuardValidator({ controlTowerRulesEnabled: true }) as never);
  try {
    app.synth();
  } catch {
    // The canary makes synthesis fail on purpose; the report below says why.
  }
  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'policy-validation-report.json'), 'utf8')) as {
    pluginReports: { summary: { pluginName: string }; violations: { ruleName: string; violatingResources: { constructPath?: string; resourceLogicalId?: string; templatePath?: string }[] }[] }[];
  };
  violations = report.pluginReports.flatMap((p) =>
    p.violations.map((v) => ({
      plugin: p.summary.pluginName,
      rule: v.ruleName,
      paths: v.violatingResources.map((r) => r.constructPath ?? `${path.basename(r.templatePath ?? '')}#${r.resourceLogicalId}`),
    })),
  );

  const walk = (c: IConstruct): void => {
    for (const entry of c.node.metadata) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) acknowledgements.push({ path: c.node.path, id, reason });
      }
    }
    c.node.children.forEach(walk);
  };
  walk(app);
}, 180_000);

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

const onCanary = (v: Violation): boolean => v.paths.some((p) => p.includes(CANARY));

test('the package\'s templates have no unacknowledged finding from any gate', () => {
  const findings = violations.filter((v) => !onCanary(v)).map((v) => `${v.plugin}: ${v.rule} at ${v.paths.join(', ')}`);
  expect(findings).toEqual([]);
});

test.each([['AwsSolutions'], ['cdk-validator-cfnguard'], ['CloudFormation Validate']])(
  'the %s gate is live: it flags the canary stack',
  (plugin) => {
    expect(violations.filter((v) => v.plugin === plugin && onCanary(v)).length).toBeGreaterThan(0);
  },
);

test('every acknowledgement names a rule and gives a reason a reviewer can check', () => {
  expect(acknowledgements.length).toBeGreaterThan(0);
  for (const ack of acknowledgements) {
    expect(ack.id).toMatch(/^(Annotation::AwsSolutions-[A-Z0-9]+(\[.+\])?|cdk-validator-cfnguard::[a-z0-9_]+)$/);
    expect(ack.reason.length).toBeGreaterThan(60);
  }
});

test('Object Lock is acknowledged on the central bucket only where it is not configured', () => {
  const lockAcks = acknowledgements.filter((a) => a.id.endsWith('s3_bucket_object_lock_enabled_check') && a.path.includes('CentralBucket'));
  expect(lockAcks.map((a) => a.path.split('/')[0])).toEqual(['bedrock-logs-aggregation']);
});
