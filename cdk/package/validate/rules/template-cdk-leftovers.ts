import { isRecord } from '../context';
import { dotPath, type PathSegment } from '../paths';
import { templateTargets } from '../targets';
import type { Finding, Rule } from '../types';

/** The qualifier of CDK's default bootstrap resources (`cdk-hnb659fds-assets-…`). */
const BOOTSTRAP_QUALIFIER = 'cdk-hnb659fds';
const CDK_METADATA_KEY = /^aws:(?:cdk|asset):/;

export const templateCdkLeftovers: Rule = {
  id: 'template-cdk-leftovers',
  description: 'no CDK bootstrap, asset or metadata leftovers: BootstrapVersion, CDKMetadata, Transform, AssetParameters*, cdk-hnb659fds references, aws:cdk:* metadata',
  why: "StackSet instances run in accounts that are not CDK-bootstrapped: a BootstrapVersion rule or an asset bucket reference fails every instance, and metadata churn changes the template's bytes",
  check(ctx) {
    const findings: Finding[] = [];
    for (const { file, json } of templateTargets(ctx)) {
      const template = json.value;
      if (!isRecord(template)) continue;
      const add = (at: PathSegment[], message: string, value: string, fix: string): void => {
        findings.push({ file, line: json.lineOf(at), path: dotPath(at), message, value, fix });
      };
      const synthFix = 'synthesize with the build (`npm run build`), which uses a plain synthesizer without bootstrap or assets';
      const parameters = isRecord(template.Parameters) ? template.Parameters : {};
      for (const name of Object.keys(parameters)) {
        if (name === 'BootstrapVersion') add(['Parameters', name], 'the CDK bootstrap version parameter', name, synthFix);
        else if (name.startsWith('AssetParameters')) add(['Parameters', name], 'a CDK asset parameter', name, 'inline the code (Code.ZipFile) instead of an asset');
      }
      const rules = isRecord(template.Rules) ? template.Rules : {};
      for (const [name, rule] of Object.entries(rules)) {
        if (name === 'CheckBootstrapVersion' || JSON.stringify(rule).includes('BootstrapVersion')) add(['Rules', name], 'the CDK bootstrap version rule', name, synthFix);
      }
      const resources = isRecord(template.Resources) ? template.Resources : {};
      for (const [id, resource] of Object.entries(resources)) {
        if (isRecord(resource) && resource.Type === 'AWS::CDK::Metadata') add(['Resources', id], 'the CDKMetadata resource', id, 'set the analyticsReporting: false / versionReporting: false stack options');
        const metadata = isRecord(resource) && isRecord(resource.Metadata) ? resource.Metadata : {};
        const cdkKeys = Object.keys(metadata).filter((k) => CDK_METADATA_KEY.test(k));
        if (cdkKeys.length > 0) add(['Resources', id, 'Metadata', cdkKeys[0]], `CDK metadata (${cdkKeys.join(', ')})`, cdkKeys[0], 'synthesize with the aws:cdk:enable-path-metadata and asset metadata context set to false');
      }
      const conditions = isRecord(template.Conditions) ? template.Conditions : {};
      if ('CDKMetadataAvailable' in conditions) add(['Conditions', 'CDKMetadataAvailable'], 'the CDKMetadata region condition', 'CDKMetadataAvailable', 'set versionReporting: false');
      if ('Transform' in template) add(['Transform'], 'a Transform (macro): CfCT passes AUTO_EXPAND, but the template is no longer what is deployed', JSON.stringify(template.Transform), 'write plain CloudFormation without transforms');
      findStrings(template, [], (at, text) => {
        if (text.includes(BOOTSTRAP_QUALIFIER)) add(at, 'a reference to the CDK bootstrap resources', text, 'inline the content: target accounts have no CDK bootstrap bucket or roles');
      });
    }
    return findings;
  },
};

/** Calls `visit` on every string in the template, with its path. */
function findStrings(value: unknown, at: PathSegment[], visit: (at: PathSegment[], text: string) => void): void {
  if (typeof value === 'string') visit(at, value);
  else if (Array.isArray(value)) value.forEach((v, i) => findStrings(v, [...at, i], visit));
  else if (isRecord(value)) for (const [k, v] of Object.entries(value)) findStrings(v, [...at, k], visit);
}
