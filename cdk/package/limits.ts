import { LIMITS } from '../constants';
import { KNOWN_REGIONS } from '../env/regions';
import { bucketPolicySizes } from './bucket-policies';
import type { BuiltPackage } from './build';
import { Names, STACK_SET_ORDER } from '../names';
import { renderTemplate } from './synth';
import { formatCount } from '../errors';

/** One limit the package lives within, with what a build uses of it. */
export interface LimitRow {
  readonly limit: string;
  /** What the build uses, as a number where it can be measured. */
  readonly used: number;
  readonly max: number;
  /** Where the limit comes from, or how it applies. */
  readonly note: string;
}

function percent(used: number, max: number): string {
  return `${((used / max) * 100).toFixed(1)} %`;
}

/** Every limit the package lives within, measured on a built package. */
export function measureLimits(built: BuiltPackage): LimitRow[] {
  const rows: LimitRow[] = [];
  const { config } = built;
  const scps = built.policies.filter((p) => p.kind === 'scp');
  for (const policy of built.policies) {
    rows.push({
      limit: `${policy.kind.toUpperCase()} size: ${policy.name} (characters after CfCT's whitespace rewrite)`,
      used: policy.cfctSize,
      max: policy.budget,
      note: policy.kind === 'scp' ? 'policies.scpSizeBudget; Organizations allows 10,240 since 2026-05-15 (5,120 before)' : 'RCPs: 5,120 characters',
    });
  }
  rows.push({
    limit: 'Guardrail SCP characters, every part together',
    used: scps.reduce((sum, p) => sum + p.cfctSize, 0),
    max: config.policies.scpSizeBudget * config.policies.freeScpSlots,
    note: 'policies.scpSizeBudget × policies.freeScpSlots: the room the split guardrails can take (exemptions add to every statement)',
  });
  rows.push({
    limit: 'SCPs attached to each target OU by this package',
    used: scps.length,
    max: config.policies.freeScpSlots,
    note: 'policies.freeScpSlots: slots left on every target after Control Tower\'s and your own SCPs (10 per target since 2026-05-15, 5 before)',
  });
  if (built.policies.some((p) => p.kind === 'rcp')) {
    rows.push({ limit: 'RCPs attached to the aggregation OU', used: 1, max: 5, note: 'Organizations: 5 RCPs per target' });
  }
  const names = new Names(config.prefix);
  for (const kind of STACK_SET_ORDER) {
    const template = built.templates[kind] as { Resources?: object; Parameters?: object; Outputs?: object };
    rows.push({
      limit: `Template size: ${names.stackSet(kind)} (bytes)`,
      used: Buffer.byteLength(renderTemplate(built.templates[kind])),
      max: kind === 'member' ? LIMITS.memberTemplateBudgetBytes : LIMITS.templateBytes,
      note:
        kind === 'member'
          ? 'the build\'s budget for the template that carries both handlers inline (fails the build above it); CloudFormation allows 1 MB by TemplateURL, which CfCT uses'
          : 'CfCT deploys by TemplateURL: 1 MB documented (CloudFormation quotas), 460,800 bytes kept as the working limit',
    });
    rows.push({
      limit: `Resources in ${names.stackSet(kind)}`,
      used: Object.keys(template.Resources ?? {}).length,
      max: LIMITS.templateResources,
      note: 'CloudFormation: 500 resources per template',
    });
  }
  const [largest] = bucketPolicySizes(built.templates).sort((a, b) => b.bytes - a.bytes);
  if (largest !== undefined) {
    rows.push({
      limit: `Largest bucket policy: ${largest.logicalId} (bytes at most)`,
      used: largest.bytes,
      max: LIMITS.bucketPolicyBytes,
      note: 'S3: "Bucket policies are limited to 20 KB"; every account in members.accounts adds 30',
    });
  }
  for (const [handler, code] of Object.entries(built.handlers)) {
    rows.push({
      limit: `Inline code: ${handler} (bytes)`,
      used: Buffer.byteLength(code),
      max: LIMITS.inlineCodeBytes,
      note: 'CloudFormation zips Code.ZipFile and "this zip file cannot exceed 4MB" (AWS::Lambda::Function Code); the 4,096-character cap was lifted in 2022 (aws/aws-cdk#20624)',
    });
  }
  const regions = config.members.regions.length;
  rows.push({
    limit: 'Member stack instances per target account (one per member region)',
    used: regions,
    max: LIMITS.stackInstancesPerStackSet,
    note: `CloudFormation: 100,000 instances per StackSet, so up to ${formatCount(Math.floor(LIMITS.stackInstancesPerStackSet / regions))} member accounts at ${regions} regions`,
  });
  rows.push({
    limit: 'Member regions (each one a stack instance per account, run in parallel by CfCT)',
    used: regions,
    max: KNOWN_REGIONS.length,
    note: 'regions of the aws partition the validator knows (cdk/env/regions.ts); Bedrock must be offered there',
  });
  return rows;
}

/** The limits as a Markdown table with headroom. */
export function limitsMarkdown(rows: readonly LimitRow[]): string {
  const lines = ['| limit | used | maximum | used share | note |', '|---|---:|---:|---:|---|'];
  for (const row of rows) {
    lines.push(`| ${row.limit} | ${formatCount(row.used)} | ${formatCount(row.max)} | ${percent(row.used, row.max)} | ${row.note} |`);
  }
  return lines.join('\n');
}
