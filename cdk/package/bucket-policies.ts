/**
 * Bucket policies have a size limit of their own: "Bucket policies are limited to 20 KB in size"
 * (Amazon S3 User Guide, "Bucket policies and user policies",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-iam-policies.html). The central
 * bucket's policy names every account of `members.accounts` and the path of every member OU whose
 * ID is known (twice each), so long lists outgrow it, and CloudFormation would fail the aggregation
 * stack at deployment. The build measures each bucket
 * policy of the synthesized templates and refuses one over the limit.
 *
 * CloudFormation sends a policy with its intrinsic functions resolved, so each is counted at the
 * longest value it can take (a bucket ARN in the `aws-us-gov` partition with a 63-character name,
 * and so on): the figure is an upper bound, never an underestimate.
 */
import { LIMITS } from '../constants';
import { formatCount, issue, UserError } from '../errors';
import type { ResolvedConfig } from '../env/resolve';
import type { StackSetKind } from '../names';

/** One bucket policy of a template and its size at most, in bytes of compact JSON. */
export interface BucketPolicySize {
  readonly stackSet: StackSetKind;
  /** The logical ID of the `AWS::S3::BucketPolicy`. */
  readonly logicalId: string;
  readonly bytes: number;
}

interface TemplateResource {
  readonly Type?: string;
  readonly Properties?: Record<string, unknown>;
}

type Resources = Readonly<Record<string, TemplateResource>>;

/** The longest value of each pseudo parameter (`aws-us-gov` is the longest partition name). */
const PSEUDO_PARAMETERS: Readonly<Record<string, number>> = {
  'AWS::Partition': 'aws-us-gov'.length,
  'AWS::AccountId': 12,
  'AWS::Region': 20,
  'AWS::URLSuffix': 'amazonaws.com.cn'.length,
  'AWS::StackName': 128,
  'AWS::StackId': 256,
};
/** An ARN or name of a resource type this measure does not know: long enough for any of ours. */
const OTHER_VALUE = 256;
const BUCKET_ARN = `arn:aws-us-gov:s3:::${'b'.repeat(LIMITS.bucketNameChars)}`;

const filler = (length: number): string => 'x'.repeat(length);

/** `value` with every intrinsic function replaced by a string as long as its longest value. */
function longest(value: unknown, resources: Resources): unknown {
  if (Array.isArray(value)) return value.map((item) => longest(item, resources));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && (entries[0][0] === 'Ref' || entries[0][0].startsWith('Fn::'))) {
    return intrinsic(entries[0][0], entries[0][1], resources);
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, longest(item, resources)]));
}

function reference(name: string, attribute: string | undefined, resources: Resources): string {
  const pseudo = PSEUDO_PARAMETERS[name];
  if (pseudo !== undefined) return filler(pseudo);
  const isBucket = resources[name]?.Type === 'AWS::S3::Bucket';
  if (isBucket && attribute === undefined) return filler(LIMITS.bucketNameChars);
  if (isBucket && attribute === 'Arn') return BUCKET_ARN;
  return filler(OTHER_VALUE);
}

function intrinsic(name: string, argument: unknown, resources: Resources): string {
  if (name === 'Ref' && typeof argument === 'string') return reference(argument, undefined, resources);
  if (name === 'Fn::GetAtt' && Array.isArray(argument) && typeof argument[0] === 'string') return reference(argument[0], String(argument[1]), resources);
  if (name === 'Fn::Join' && Array.isArray(argument) && typeof argument[0] === 'string' && Array.isArray(argument[1])) {
    return argument[1].map((part) => String(longest(part, resources))).join(argument[0]);
  }
  if (name === 'Fn::Sub' && typeof argument === 'string') {
    // `${!x}` is the literal `${x}` (an IAM policy variable); `${Name}` and `${Name.Attr}` are references.
    return argument.replace(/\$\{(!?)([^}]*)\}/g, (_whole, literal: string, inner: string) => {
      if (literal) return `\${${inner}}`;
      const [resource, attribute] = inner.split('.');
      return reference(resource, attribute, resources);
    });
  }
  throw new Error(`bucket policy size: ${name} ${JSON.stringify(argument)} is not an intrinsic function this measure resolves; teach longest() its longest value`);
}

/** Every bucket policy of the templates, with its size at most. */
export function bucketPolicySizes(templates: Readonly<Record<StackSetKind, Record<string, unknown>>>): BucketPolicySize[] {
  const sizes: BucketPolicySize[] = [];
  for (const [stackSet, template] of Object.entries(templates) as [StackSetKind, { Resources?: Resources }][]) {
    const resources = template.Resources ?? {};
    for (const [logicalId, resource] of Object.entries(resources)) {
      if (resource.Type !== 'AWS::S3::BucketPolicy') continue;
      const document = longest(resource.Properties?.PolicyDocument, resources);
      sizes.push({ stackSet, logicalId, bytes: Buffer.byteLength(JSON.stringify(document)) });
    }
  }
  return sizes;
}

/** Refuses the build when a bucket policy could be over S3's limit, naming the map field that grows it. */
export function checkBucketPolicySizes(config: ResolvedConfig, templates: Readonly<Record<StackSetKind, Record<string, unknown>>>): void {
  const over = bucketPolicySizes(templates).filter((size) => size.bytes > LIMITS.bucketPolicyBytes);
  if (over.length === 0) return;
  const { accounts, organizationalUnits } = config.members;
  throw new UserError(`environment "${config.name}" (bucket policies)`, over.map((size) => issue(
    'members',
    `makes the policy ${size.logicalId} of the ${size.stackSet} stack up to ${formatCount(size.bytes)} bytes, over S3's ${formatCount(LIMITS.bucketPolicyBytes)} per bucket policy ` +
      '(it names each account of members.accounts, and the path of each member OU whose ID is known, twice)',
    `accounts: ${formatCount(accounts.length)}, OUs: ${formatCount(organizationalUnits.length)}`,
    'list fewer accounts (target their OUs instead: an account in a listed OU needs no entry), or split the organization into environments of the map',
  )));
}
