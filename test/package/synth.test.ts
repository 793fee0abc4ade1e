import { exampleConfig } from '../helpers/example';
import { exampleWith, synthesize } from '../helpers/synth';
import { renderTemplate } from '../../cdk/package/synth';

const { memberJson, aggregationJson } = synthesize();
const templates: [string, Record<string, any>][] = [['member', memberJson], ['aggregation', aggregationJson]];

describe.each(templates)('the %s template is plain CloudFormation', (_name, template) => {
  test('without a bootstrap parameter or rule', () => {
    expect(template.Parameters?.BootstrapVersion).toBeUndefined();
    expect(template.Rules).toBeUndefined();
  });

  test('without CDKMetadata, construct-path metadata or conditions for it', () => {
    expect(template.Resources.CDKMetadata).toBeUndefined();
    expect(template.Conditions).toBeUndefined();
    for (const resource of Object.values(template.Resources as Record<string, any>)) {
      expect(resource.Metadata).toBeUndefined();
    }
  });

  test('without a Transform or asset references', () => {
    expect(template.Transform).toBeUndefined();
    const text = JSON.stringify(template);
    expect(text).not.toMatch(/AssetParameters|cdk-hnb659fds|BootstrapVersion|aws:cdk:/);
  });

  test('with only the top-level sections CloudFormation knows', () => {
    const known = ['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Mappings', 'Conditions', 'Resources', 'Outputs'];
    for (const key of Object.keys(template)) expect(known).toContain(key);
  });
});

test('identical input synthesizes byte-identical templates', () => {
  const again = synthesize(exampleConfig());
  expect(renderTemplate(again.memberJson)).toBe(renderTemplate(memberJson));
  expect(renderTemplate(again.aggregationJson)).toBe(renderTemplate(aggregationJson));
});

test('a different prefix changes every name and nothing else of the structure', () => {
  const other = synthesize(exampleWith((c) => { c.prefix = 'llm-audit'; }));
  expect(Object.keys(other.memberJson.Resources)).toEqual(Object.keys(memberJson.Resources));
  const text = JSON.stringify(other.memberJson);
  expect(text).toContain('llm-audit-${AWS::AccountId}-${AWS::Region}');
  expect(text).not.toContain('bedrock-logs');
});
