/**
 * Bucket policies against S3's 20 KB limit: measured on the real synthesized templates with every
 * intrinsic function at its longest value, and a build refused when members.accounts makes the
 * central bucket's policy too big.
 */
import { LIMITS } from '../../cdk/constants';
import { bucketPolicySizes } from '../../cdk/package/bucket-policies';
import { buildPackage } from '../../cdk/package/build';
import { measureLimits } from '../../cdk/package/limits';
import { userError } from '../helpers/errors';
import { exampleWith } from '../helpers/example';
import { synthesize } from '../helpers/synth';

/** The example with `n` member accounts listed by ID. */
const withAccounts = (n: number) => exampleWith((c) => {
  c.members.accounts = Array.from({ length: n }, (_, i) => String(100_000_000_000 + i));
});

describe('bucketPolicySizes', () => {
  test('measures every bucket policy of the example, above its text with the intrinsics left out and under the limit', () => {
    const { aggregationJson, memberJson } = synthesize();
    const sizes = bucketPolicySizes({ aggregation: aggregationJson, member: memberJson });
    expect(sizes.map((s) => `${s.stackSet} ${s.logicalId}`).sort()).toEqual([
      'aggregation CentralBucketPolicyA3A7E6DC',
      'aggregation QueryResultsBucketPolicyD72125E9',
      'member LogBucketPolicy24A393A4',
    ]);
    for (const size of sizes) {
      const template = size.stackSet === 'member' ? memberJson : aggregationJson;
      const withoutIntrinsics = JSON.stringify(template.Resources[size.logicalId].Properties.PolicyDocument, (_key, value: unknown) =>
        (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).some((k) => k === 'Ref' || k.startsWith('Fn::')) ? '' : value));
      expect(size.bytes).toBeGreaterThan(Buffer.byteLength(withoutIntrinsics));
      expect(size.bytes).toBeLessThan(LIMITS.bucketPolicyBytes);
    }
  });

  test('counts each intrinsic at its longest value: a bucket name of 63, its ARN in aws-us-gov, a literal ${!x} as ${x}', () => {
    const resources = {
      Bucket: { Type: 'AWS::S3::Bucket' },
      Policy: { Type: 'AWS::S3::BucketPolicy', Properties: { PolicyDocument: { A: { Ref: 'Bucket' }, B: { 'Fn::GetAtt': ['Bucket', 'Arn'] }, C: { 'Fn::Join': ['/', [{ Ref: 'AWS::Partition' }, 'k']] }, D: { 'Fn::Sub': '${Bucket}:${!aws:PrincipalAccount}' } } } },
    };
    const [size] = bucketPolicySizes({ aggregation: { Resources: resources }, member: {} });
    const expected = { A: 'b'.repeat(63), B: `arn:aws-us-gov:s3:::${'b'.repeat(63)}`, C: 'aws-us-gov/k', D: `${'b'.repeat(63)}:\${aws:PrincipalAccount}` };
    expect(size.bytes).toBe(JSON.stringify(expected).length);
    const unknown = { Policy: { Type: 'AWS::S3::BucketPolicy', Properties: { PolicyDocument: { A: { 'Fn::Select': [0, ['a']] } } } } };
    expect(() => bucketPolicySizes({ aggregation: { Resources: unknown }, member: {} })).toThrow(/Fn::Select .* is not an intrinsic function this measure resolves/);
  });
});

describe('the build', () => {
  test('refuses members.accounts long enough to take the central bucket policy over 20 KB, naming the field and the fix', () => {
    const err = userError(() => buildPackage(withAccounts(700)));
    expect(err.subject).toBe('environment "example" (bucket policies)');
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatch(/^- members: makes the policy CentralBucketPolicyA3A7E6DC of the aggregation stack up to 2\d,\d{3} bytes, over S3's 20,000 per bucket policy \(it names each account of members\.accounts, and the path of each member OU whose ID is known, twice\) \(got "accounts: 700, OUs: \d+"\); list fewer accounts \(target their OUs instead/);
  });

  test('counts the member OUs\' paths too: 300 OUs with IDs are refused as well', () => {
    const config = exampleWith((c) => {
      const ous = Array.from({ length: 300 }, (_, i) => `Workloads${i}`);
      c.members.organizationalUnits = ous;
      c.members.organizationalUnitIds = Object.fromEntries(ous.map((ou, i) => [ou, `ou-ab12-${String(i).padStart(8, '0')}`]));
    });
    expect(userError(() => buildPackage(config)).issues[0]).toMatch(/^- members: makes the policy CentralBucketPolicyA3A7E6DC .* \(got "accounts: \d+, OUs: 300"\)/);
  });

  test('builds 500 listed accounts, and the limits table shows the central bucket policy near the limit', () => {
    const built = buildPackage(withAccounts(500));
    const row = measureLimits(built).find((r) => r.limit === 'Largest bucket policy: CentralBucketPolicyA3A7E6DC (bytes at most)');
    expect(row?.max).toBe(20_000);
    expect(row?.used).toBeGreaterThan(15_000);
    expect(row?.used).toBeLessThanOrEqual(20_000);
  });
});
