import { LIMITS } from '../../../constants';
import { isRecord } from '../context';
import { dotPath } from '../paths';
import { templateTargets } from '../targets';
import type { Finding, Rule } from '../types';
import { formatCount } from '../../../errors';

const FUNCTION_TYPE = 'AWS::Lambda::Function';
const ASSET_CODE_KEYS = ['S3Bucket', 'S3Key', 'S3ObjectVersion', 'ImageUri'];

export const templateInlineCode: Rule = {
  id: 'template-inline-code',
  description: `every Lambda function's code is inline (Code.ZipFile) and at most ${formatCount(LIMITS.inlineCodeBytes)} bytes`,
  why:
    'code in an S3 bucket does not exist in the accounts the StackSet deploys to; CloudFormation zips inline code and rejects a zip over 4 MB ' +
    '(the 4,096-character cap was lifted in 2022), and the template holding it must stay within its own size limit',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { file, json } of templateTargets(ctx)) {
      const template = json.value;
      const resources = isRecord(template) && isRecord(template.Resources) ? template.Resources : {};
      for (const [id, resource] of Object.entries(resources)) {
        if (!isRecord(resource) || resource.Type !== FUNCTION_TYPE) continue;
        const properties = isRecord(resource.Properties) ? resource.Properties : {};
        const code = isRecord(properties.Code) ? properties.Code : undefined;
        const codeAt = ['Resources', id, 'Properties', 'Code'];
        if (!code) {
          findings.push({ file, line: json.lineOf(codeAt), path: dotPath(codeAt), message: 'no Code', fix: 'give the function inline code in Code.ZipFile' });
          continue;
        }
        const assetKey = ASSET_CODE_KEYS.find((k) => k in code);
        if (assetKey) {
          findings.push({ file, line: json.lineOf([...codeAt, assetKey]), path: dotPath([...codeAt, assetKey]), message: 'code from a bucket or image, not inline', value: JSON.stringify(code[assetKey]), fix: 'bundle the handler into Code.ZipFile (the build does)' });
          continue;
        }
        const zipFile = code.ZipFile;
        const text = typeof zipFile === 'string' ? zipFile : joinedLiteral(zipFile);
        const bytes = text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
        if (bytes > LIMITS.inlineCodeBytes) {
          findings.push({
            file,
            line: json.lineOf([...codeAt, 'ZipFile']),
            path: dotPath([...codeAt, 'ZipFile']),
            message: `inline code is ${bytes} bytes, over the ${LIMITS.inlineCodeBytes} bytes CloudFormation accepts in Code.ZipFile (4 MB zipped)`,
            value: String(bytes),
            fix: 'shrink the handler (bundle less of the SDK, minify)',
          });
        }
      }
    }
    return findings;
  },
};

/** The text of `{"Fn::Join": ["", ["a", "b"]]}` when every part is a literal string. */
function joinedLiteral(value: unknown): string | undefined {
  if (!isRecord(value) || !Array.isArray(value['Fn::Join'])) return undefined;
  const [separator, parts] = value['Fn::Join'] as unknown[];
  if (typeof separator !== 'string' || !Array.isArray(parts) || !parts.every((p) => typeof p === 'string')) return undefined;
  return parts.join(separator);
}
