/**
 * Resolves the CloudFormation intrinsics of a synthesized template for one concrete account and
 * region, so the bucket policies the templates ship can be evaluated as the deployed stack would
 * hold them. Supports what the package's templates use in bucket policies: `Ref` (pseudo
 * parameters, parameters, resources with a literal name), `Fn::GetAtt <bucket>.Arn`, `Fn::Join`
 * and `Fn::Sub`. Anything else is an error, never silently kept.
 */

/** Where the stack instance runs, and its parameter values. */
export interface StackInstance {
  readonly account: string;
  readonly region: string;
  readonly partition?: string;
  readonly parameters?: Readonly<Record<string, string>>;
}

type Template = { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }> };

function pseudo(name: string, at: StackInstance): string | undefined {
  const values: Record<string, string> = {
    'AWS::AccountId': at.account,
    'AWS::Region': at.region,
    'AWS::Partition': at.partition ?? 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
  };
  return values[name] ?? at.parameters?.[name];
}

/** `Fn::Sub` text: `${Name}` replaced, `${!Literal}` kept as `${Literal}` (IAM policy variables). */
function sub(text: string, at: StackInstance, template: Template): string {
  return text.replace(/\$\{(!?)([^}]+)\}/g, (_, bang: string, name: string) => {
    if (bang === '!') return `\${${name}}`;
    const value = pseudo(name, at) ?? refResource(name, at, template);
    if (value === undefined) throw new Error(`Fn::Sub: cannot resolve \${${name}}`);
    return value;
  });
}

/** `Ref` to a resource: its physical name, where the template gives one (buckets). */
function refResource(logicalId: string, at: StackInstance, template: Template): string | undefined {
  const properties = template.Resources?.[logicalId]?.Properties;
  const name = properties?.BucketName;
  return name === undefined ? undefined : String(resolveIntrinsics(name, at, template));
}

/** Resolves every intrinsic inside `value` (objects and arrays recursively). */
export function resolveIntrinsics(value: unknown, at: StackInstance, template: Template): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveIntrinsics(v, at, template));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [key, arg] = entries[0];
    switch (key) {
      case 'Ref': {
        const name = String(arg);
        const resolved = pseudo(name, at) ?? refResource(name, at, template);
        if (resolved === undefined) throw new Error(`Ref: cannot resolve ${name}`);
        return resolved;
      }
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = arg as [string, string];
        const resource = template.Resources?.[logicalId];
        if (resource?.Type !== 'AWS::S3::Bucket' || attribute !== 'Arn') throw new Error(`Fn::GetAtt: cannot resolve ${logicalId}.${attribute}`);
        return `arn:${at.partition ?? 'aws'}:s3:::${String(refResource(logicalId, at, template))}`;
      }
      case 'Fn::Join': {
        const [separator, parts] = arg as [string, unknown[]];
        return parts.map((p) => String(resolveIntrinsics(p, at, template))).join(separator);
      }
      case 'Fn::Sub':
        if (typeof arg !== 'string') throw new Error('Fn::Sub with a variable map is not supported');
        return sub(arg, at, template);
      default:
        if (key.startsWith('Fn::')) throw new Error(`${key} is not supported`);
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveIntrinsics(v, at, template)]));
}

/**
 * The policy document of the template's `AWS::S3::BucketPolicy` whose logical ID starts with
 * `logicalIdPrefix` (the construct holding the bucket: `CentralBucket`, `LogBucket`), resolved for
 * one stack instance.
 */
export function bucketPolicyOf(template: Record<string, unknown>, at: StackInstance, logicalIdPrefix: string): { Version: string; Statement: unknown[] } {
  const typed = template as Template;
  const policies = Object.entries(typed.Resources ?? {})
    .filter(([id, r]) => r.Type === 'AWS::S3::BucketPolicy' && id.startsWith(logicalIdPrefix))
    .map(([, r]) => r);
  if (policies.length !== 1) throw new Error(`expected one AWS::S3::BucketPolicy under ${logicalIdPrefix}, found ${policies.length}`);
  return resolveIntrinsics(policies[0].Properties?.PolicyDocument, at, typed) as { Version: string; Statement: unknown[] };
}
