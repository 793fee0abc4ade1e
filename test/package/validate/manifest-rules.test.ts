import * as fs from 'fs';
import * as path from 'path';
import { formatIssue } from '../../../cdk/errors';
import { grepFileWords, validatePackage } from '../../../cdk/package/validate';
import { copyFixture, issuesOf, MEMBER_TEMPLATE, onlyIssue, replaceIn, editJson, withManifest } from './fixture';

describe('manifest-yaml', () => {
  test('fails if manifest.yaml is missing', () => {
    const dir = copyFixture();
    fs.rmSync(path.join(dir, 'manifest.yaml'));
    const issue = onlyIssue(dir, 'manifest-yaml');
    expect(issue).toMatchObject({ file: 'manifest.yaml', path: '' });
    expect(issue.message).toContain('missing');
    expect(issue.fix).toContain('--dir');
  });

  test('fails if the YAML does not parse, with the line', () => {
    const dir = withManifest('    deploy_method: scp\n', '    deploy_method: [scp\n');
    const issues = issuesOf(dir, 'manifest-yaml');
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0].message).toMatch(/^not valid YAML/);
    expect(issues[0].line).toBeGreaterThanOrEqual(11);
    expect(issues[0].fix).toBe('fix the YAML syntax at this line');
  });

  test('fails if a key is repeated (PyYAML would keep only the last)', () => {
    const dir = withManifest('region: us-east-1\n', 'region: us-east-1\nregion: eu-west-1\n');
    const issue = onlyIssue(dir, 'manifest-yaml');
    expect(issue).toMatchObject({ line: 4 });
    expect(issue.message).toContain('duplicate key');
    expect(issue.fix).toContain('remove or rename');
  });

  test('fails if the file holds a second YAML document', () => {
    const dir = copyFixture();
    fs.appendFileSync(path.join(dir, 'manifest.yaml'), '---\nregion: eu-west-1\n');
    const issue = onlyIssue(dir, 'manifest-yaml');
    expect(issue).toMatchObject({ line: 42, message: 'a second YAML document: CfCT loads a single document' });
  });

  test('fails if a tag PyYAML safe_load cannot construct is used', () => {
    const dir = withManifest('region: us-east-1', 'region: !Ref HomeRegion');
    const issue = onlyIssue(dir, 'manifest-yaml');
    expect(issue).toMatchObject({ line: 3, path: 'region', value: '!Ref' });
    expect(issue.fix).toContain('remove the tag');
  });

  test('fails if the document is not a mapping', () => {
    const dir = copyFixture();
    fs.writeFileSync(path.join(dir, 'manifest.yaml'), '- region: us-east-1\n');
    const issue = onlyIssue(dir, 'manifest-yaml');
    expect(issue.message).toContain('not a mapping');
    expect(issue.line).toBe(1);
  });
});

describe('manifest-schema (port of manifest-v2.schema.yaml)', () => {
  test('fails if a key is unknown (closed mappings), suggesting the near key', () => {
    const dir = withManifest('    regions:\n      - us-east-1\n\n', '    regoins:\n      - us-east-1\n\n');
    const issue = onlyIssue(dir, 'manifest-schema');
    expect(issue).toMatchObject({ file: 'manifest.yaml', line: 24, path: 'resources[1].regoins', value: 'regoins' });
    expect(issue.fix).toContain('did you mean `regions`?');
    expect(formatIssue(issue)).toBe(
      '- manifest.yaml:24 resources[1].regoins: unknown key: CfCT\'s schema allows no other keys here (got "regoins"); ' +
        'did you mean `regions`? remove it or use one of: name, description, resource_file, deployment_targets, parameter_file, ' +
        'parameters, deploy_method, regions, export_outputs [manifest-schema]',
    );
  });

  test('fails if a top-level key is unknown', () => {
    const dir = withManifest('enable_stack_set_deletion: false', 'enable_stackset_deletion: false');
    expect(onlyIssue(dir, 'manifest-schema')).toMatchObject({ line: 5, path: 'enable_stackset_deletion' });
  });

  test('fails if a required key is missing, pointing at its resource', () => {
    const dir = withManifest('    deploy_method: scp\n', '');
    const issue = onlyIssue(dir, 'manifest-schema');
    expect(issue).toMatchObject({ line: 8, path: 'resources[0].deploy_method' });
    expect(issue.message).toContain('missing');
    expect(issue.fix).toContain('deploy_method: stack_set');
  });

  test('fails if region is missing', () => {
    const dir = withManifest('region: us-east-1\n', '');
    const issue = onlyIssue(dir, 'manifest-schema');
    expect(issue).toMatchObject({ path: 'region' });
    expect(issue.fix).toContain('region: <Control Tower home region>');
  });

  test('fails if deploy_method is not in the enum', () => {
    const dir = withManifest('    deploy_method: scp', '    deploy_method: SCP');
    const issue = onlyIssue(dir, 'manifest-schema');
    expect(issue).toMatchObject({ line: 11, path: 'resources[0].deploy_method', value: 'SCP' });
    expect(issue.fix).toBe('write one of: scp, stack_set, rcp');
  });

  test('fails if version is another date', () => {
    const dir = withManifest('version: 2021-03-15', 'version: 2020-01-01');
    const issue = onlyIssue(dir, 'manifest-schema');
    expect(issue).toMatchObject({ line: 4, path: 'version', value: '2020-01-01' });
    expect(issue.message).toBe("must be 2021-03-15, the manifest version of CfCT's v2 schema");
    expect(issue.fix).toBe('write `version: 2021-03-15` (unquoted)');
  });

  test('fails if a region is listed twice', () => {
    const dir = withManifest('      - us-west-2', '      - us-west-2\n      - us-east-1');
    const issue = onlyIssue(dir, 'manifest-schema');
    expect(issue).toMatchObject({ line: 42, path: 'resources[2].regions[2]', value: 'us-east-1' });
    expect(issue.message).toContain('duplicate item');
    expect(issue.fix).toBe('remove the duplicate');
  });

  test('fails if a string field holds a YAML 1.1 boolean, explaining PyYAML', () => {
    const dir = withManifest('        - "Security"', '        - Yes');
    const issue = onlyIssue(dir, 'manifest-schema');
    expect(issue).toMatchObject({ line: 14, path: 'resources[0].deployment_targets.organizational_units[0]', value: 'Yes' });
    expect(issue.message).toContain('PyYAML (YAML 1.1) reads unquoted Yes as the boolean True');
    expect(issue.fix).toBe('quote it: "Yes"');
  });

  test('fails if enable_stack_set_deletion is not a boolean', () => {
    const dir = withManifest('enable_stack_set_deletion: false', 'enable_stack_set_deletion: "false"');
    const issue = onlyIssue(dir, 'manifest-schema');
    expect(issue).toMatchObject({ line: 5, path: 'enable_stack_set_deletion', value: 'false' });
    expect(issue.message).toContain('must be a boolean');
  });

  test('fails if deployment_targets is a list', () => {
    const dir = withManifest('    deployment_targets:\n      organizational_units:\n        - "Workloads"\n', '    deployment_targets:\n      - "Workloads"\n');
    const issue = onlyIssue(dir, 'manifest-schema');
    expect(issue).toMatchObject({ path: 'resources[2].deployment_targets', line: 36 });
    expect(issue.message).toBe('must be a mapping, not a list');
  });

  test('fails if a parameter_value is empty', () => {
    const dir = withManifest('        parameter_value: "222222222222"', '        parameter_value:');
    const issue = onlyIssue(dir, 'manifest-schema');
    expect(issue).toMatchObject({ line: 35, path: 'resources[2].parameters[1].parameter_value' });
    expect(issue.message).toContain('empty');
  });
});

describe('manifest-version-date', () => {
  test('fails if version is quoted', () => {
    const dir = withManifest('version: 2021-03-15', "version: '2021-03-15'");
    const issue = onlyIssue(dir, 'manifest-version-date');
    expect(issue).toMatchObject({ line: 4, path: 'version', value: '2021-03-15' });
    expect(issue.message).toContain('quoted (single-quoted)');
    expect(issue.fix).toBe('write `version: 2021-03-15` without quotes');
    // The JSON view still reads "2021-03-15": the schema port alone would not see it.
    expect(issuesOf(dir, 'manifest-schema')).toEqual([]);
  });

  test('fails if another value is an unquoted date', () => {
    const dir = withManifest('description: "Central bucket for Bedrock invocation logs"', 'description: 2024-01-31');
    const issue = onlyIssue(dir, 'manifest-version-date');
    expect(issue).toMatchObject({ line: 18, path: 'resources[1].description', value: '2024-01-31' });
    expect(issue.fix).toBe('quote it: "2024-01-31"');
  });
});

describe('manifest-null-values', () => {
  test('fails if an optional key is left empty', () => {
    const dir = withManifest('    regions:\n      - us-east-1\n\n', '    regions:\n\n');
    const issue = onlyIssue(dir, 'manifest-null-values');
    expect(issue).toMatchObject({ line: 24, path: 'resources[1].regions', value: '' });
    expect(issue.fix).toBe('give it a value, or remove the key');
    expect(issuesOf(dir, 'manifest-schema')).toEqual([]); // CfCT's schema lets it through
  });

  test('fails if a list item is empty', () => {
    const dir = withManifest('        - "Workloads"\n', '        - "Workloads"\n        - ~\n');
    const issue = onlyIssue(dir, 'manifest-null-values');
    expect(issue).toMatchObject({ line: 39, path: 'resources[2].deployment_targets.organizational_units[1]', value: '~' });
    expect(issue.fix).toBe('remove the empty `-` item');
  });
});

describe('manifest-name-first', () => {
  test('fails if a resource does not start with name', () => {
    const dir = withManifest(
      '  - name: bedrock-logs-aggregation\n    description: "Central bucket for Bedrock invocation logs"\n',
      '  - description: "Central bucket for Bedrock invocation logs"\n    name: bedrock-logs-aggregation\n',
    );
    const issue = onlyIssue(dir, 'manifest-name-first');
    expect(issue).toMatchObject({ line: 17, path: 'resources[1]', value: 'description' });
    expect(issue.fix).toContain('- name: <resource name>');
  });
});

describe('manifest-file-lines (CfCT greps *_file: lines)', () => {
  test('grepFileWords reproduces run-validation.sh: third space-separated field, comments skipped', () => {
    const text = [
      '  - name: x',
      '    resource_file: policies/a.json',
      '  - resource_file: templates/b.template',
      '    # resource_file: commented.json',
      '    resource_file:   "quoted.json"  ',
      'nospace_file:x',
    ].join('\n');
    expect(grepFileWords(text)).toEqual([
      { line: 2, word: 'policies/a.json' },
      { line: 3, word: 'resource_file:' },
      { line: 5, word: '"quoted.json"' },
      { line: 6, word: 'nospace_file:x' },
    ]);
  });

  test('fails if resource_file is quoted', () => {
    const dir = withManifest('resource_file: customizations/bedrock-logs-member.template.json', 'resource_file: "customizations/bedrock-logs-member.template.json"');
    const issue = onlyIssue(dir, 'manifest-file-lines');
    expect(issue).toMatchObject({ line: 29, path: 'resources[2].resource_file', value: 'customizations/bedrock-logs-member.template.json' });
    expect(issue.message).toContain('double-quoted');
    expect(issue.fix).toBe('write it without quotes: `resource_file: customizations/bedrock-logs-member.template.json`');
  });

  test('fails if resource_file is the first key of the item (grep reads "resource_file:")', () => {
    const dir = withManifest(
      '  - name: bedrock-logs-guardrails\n    description: "Guardrails that keep Bedrock invocation logging on"\n    resource_file: policies/bedrock-logs-guardrails.json\n',
      '  - resource_file: policies/bedrock-logs-guardrails.json\n    name: bedrock-logs-guardrails\n    description: "Guardrails that keep Bedrock invocation logging on"\n',
    );
    const issue = onlyIssue(dir, 'manifest-file-lines');
    expect(issue).toMatchObject({ line: 8, path: 'resources[0].resource_file' });
    expect(issue.message).toBe('CfCT\'s build stage reads "resource_file:" from this line, not the path');
    expect(issuesOf(dir, 'manifest-name-first')).toHaveLength(1);
  });

  test('fails if the path is on the next line', () => {
    const dir = withManifest('    resource_file: policies/bedrock-logs-guardrails.json', '    resource_file:\n      policies/bedrock-logs-guardrails.json');
    const issue = onlyIssue(dir, 'manifest-file-lines');
    expect(issue).toMatchObject({ line: 10 });
    expect(issue.message).toContain('reads nothing from this line');
  });

  test('fails if the path has characters outside [A-Za-z0-9._/-]', () => {
    const dir = copyFixture();
    fs.renameSync(path.join(dir, 'policies/bedrock-logs-guardrails.json'), path.join(dir, 'policies/bedrock+guardrails.json'));
    replaceIn(dir, 'manifest.yaml', 'policies/bedrock-logs-guardrails.json', 'policies/bedrock+guardrails.json');
    const issue = onlyIssue(dir, 'manifest-file-lines');
    expect(issue).toMatchObject({ line: 10, value: 'policies/bedrock+guardrails.json' });
    expect(issue.message).toContain('outside [A-Za-z0-9._/-]');
  });

  test('fails if another line contains _file: (CfCT checks its third word as a file)', () => {
    const dir = withManifest('"Central bucket for Bedrock invocation logs"', '"Central bucket (its resource_file: is generated)"');
    const issue = onlyIssue(dir, 'manifest-file-lines');
    expect(issue).toMatchObject({ line: 18, path: '' });
    expect(issue.message).toContain('checks ""Central" as a file');
    expect(issue.fix).toBe('reword the line so that it does not contain `_file:`');
  });
});

describe('manifest-files-exist', () => {
  test('fails if a resource_file does not exist', () => {
    const dir = copyFixture();
    fs.rmSync(path.join(dir, MEMBER_TEMPLATE));
    const issue = onlyIssue(dir, 'manifest-files-exist');
    expect(issue).toMatchObject({ line: 29, path: 'resources[2].resource_file', value: MEMBER_TEMPLATE });
    expect(issue.fix).toContain('npm run build');
  });

  test('fails if the file exists only with other capitalization', () => {
    const dir = withManifest('resource_file: policies/bedrock-logs-guardrails.json', 'resource_file: Policies/bedrock-logs-guardrails.json');
    const issue = onlyIssue(dir, 'manifest-files-exist');
    expect(issue.message).toContain('only "policies/bedrock-logs-guardrails.json" exists');
    expect(issue.fix).toBe('write `resource_file: policies/bedrock-logs-guardrails.json`');
  });

  test('fails if the path leaves the package', () => {
    const dir = withManifest('resource_file: policies/bedrock-logs-guardrails.json', 'resource_file: ../outside.json');
    const issue = onlyIssue(dir, 'manifest-files-exist');
    expect(issue).toMatchObject({ line: 10, value: '../outside.json' });
    expect(issue.message).toContain('leaves the package');
  });

  test('accepts s3:// and https:// files without looking for them', () => {
    const dir = withManifest('resource_file: policies/bedrock-logs-guardrails.json', 'resource_file: s3://bucket/policies/guardrails.json');
    expect(issuesOf(dir, 'manifest-files-exist')).toEqual([]);
  });
});

describe('manifest-account-ids', () => {
  test('fails if an account ID is unquoted and octal to PyYAML', () => {
    const dir = withManifest('        - "222222222222"', '        - 012345670123');
    const issue = onlyIssue(dir, 'manifest-account-ids');
    expect(issue).toMatchObject({ line: 23, path: 'resources[1].deployment_targets.accounts[0]', value: '012345670123' });
    expect(issue.message).toContain('the number 1402433619');
    expect(issue.fix).toBe('quote it: "012345670123"');
  });

  test('fails if an account ID is unquoted even when PyYAML keeps it a string', () => {
    const dir = withManifest('        - "222222222222"', '        - 012345678901');
    const issue = onlyIssue(dir, 'manifest-account-ids');
    expect(issue.message).toContain('only by luck');
  });

  test('fails if an account ID does not have 12 digits', () => {
    const dir = withManifest('        - "222222222222"', '        - "22222222222"');
    const issue = onlyIssue(dir, 'manifest-account-ids');
    expect(issue.message).toBe('an account ID has 12 digits, this has 11');
  });

  test('fails if an account is an email', () => {
    const dir = withManifest('        - "222222222222"', '        - "log-archive@example.com"');
    expect(onlyIssue(dir, 'manifest-account-ids').message).toContain('an email address');
  });
});

describe('manifest-parameter-values', () => {
  test('fails if a parameter value is unquoted', () => {
    const dir = withManifest('parameter_value: "222222222222"', 'parameter_value: 222222222222');
    const issue = onlyIssue(dir, 'manifest-parameter-values');
    expect(issue).toMatchObject({ line: 35, path: 'resources[2].parameters[1].parameter_value', value: '222222222222' });
    expect(issue.message).toContain('the number 222222222222');
    expect(issue.fix).toBe('quote it: "222222222222"');
  });

  test('fails if an unquoted parameter value is a plain string', () => {
    const dir = withManifest('parameter_value: "bedrock-logs-central-222222222222-us-east-1"', 'parameter_value: bedrock-logs-central-222222222222-us-east-1');
    expect(onlyIssue(dir, 'manifest-parameter-values').message).toContain('quote every parameter value');
  });

  test('fails if a parameter value is a list', () => {
    const dir = withManifest('parameter_value: "222222222222"', 'parameter_value: ["222222222222"]');
    const issue = onlyIssue(dir, 'manifest-parameter-values');
    expect(issue.message).toContain('a list');
    expect(issue.fix).toContain('CommaDelimitedList');
  });
});

describe('manifest-parameters-exclusive', () => {
  test('fails if a resource has both parameters and parameter_file', () => {
    const dir = copyFixture();
    fs.writeFileSync(path.join(dir, 'params.json'), '[]');
    replaceIn(dir, 'manifest.yaml', '    parameters:\n', '    parameter_file: params.json\n    parameters:\n');
    const issue = onlyIssue(dir, 'manifest-parameters-exclusive');
    expect(issue).toMatchObject({ line: 31, path: 'resources[2].parameter_file', value: 'params.json' });
    expect(issue.message).toContain('passes no parameters at all');
  });
});

describe('manifest-policy-resources', () => {
  test('fails if an scp has no description', () => {
    const dir = withManifest('    description: "Guardrails that keep Bedrock invocation logging on"\n', '');
    const issue = onlyIssue(dir, 'manifest-policy-resources');
    expect(issue).toMatchObject({ line: 8, path: 'resources[0].description' });
    expect(issue.fix).toContain('description:');
  });

  test('fails if an scp targets accounts', () => {
    const dir = withManifest('        - "Workloads:Prod"\n', '        - "Workloads:Prod"\n      accounts:\n        - "333333333333"\n');
    const issue = onlyIssue(dir, 'manifest-policy-resources');
    expect(issue).toMatchObject({ line: 16, path: 'resources[0].deployment_targets.accounts', value: '333333333333' });
    expect(issue.message).toContain('ignores account targets');
  });

  test('fails if an scp targets no OU', () => {
    const dir = withManifest('      organizational_units:\n        - "Security"\n        - "Workloads:Prod"\n', '      organizational_units: []\n');
    expect(onlyIssue(dir, 'manifest-policy-resources').message).toContain('attached nowhere');
  });
});

describe('manifest-ou-paths', () => {
  test('fails if an OU path starts with Root:', () => {
    const dir = withManifest('"Workloads:Prod"', '"Root:Workloads:Prod"');
    const issue = onlyIssue(dir, 'manifest-ou-paths');
    expect(issue).toMatchObject({ line: 15, path: 'resources[0].deployment_targets.organizational_units[1]', value: 'Root:Workloads:Prod' });
    expect(issue.fix).toContain('write "Workloads:Prod"');
  });

  test('accepts Root alone (the organization root)', () => {
    const dir = withManifest('"Workloads:Prod"', '"Root"');
    expect(issuesOf(dir, 'manifest-ou-paths')).toEqual([]);
  });

  test('fails if an OU path has an empty part', () => {
    const dir = withManifest('"Workloads:Prod"', '"Workloads::Prod"');
    expect(onlyIssue(dir, 'manifest-ou-paths').message).toBe('has an empty part');
  });
});

describe('manifest-resource-names', () => {
  test('fails if a name has characters outside the pattern', () => {
    const dir = withManifest('- name: bedrock-logs-member', '- name: bedrock_logs_member');
    const issue = onlyIssue(dir, 'manifest-resource-names');
    expect(issue).toMatchObject({ line: 27, path: 'resources[2].name', value: 'bedrock_logs_member' });
    expect(issue.fix).toContain('"bedrock-logs-member"');
  });

  test('fails if the StackSet name would be over 128 characters', () => {
    const dir = withManifest('- name: bedrock-logs-member', `- name: ${'m'.repeat(110)}`);
    expect(onlyIssue(dir, 'manifest-resource-names').message).toContain('129 characters, over 128');
  });
});

describe('manifest-duplicate-names', () => {
  test('fails if two resources share a name', () => {
    const dir = withManifest('- name: bedrock-logs-member', '- name: bedrock-logs-aggregation');
    const issue = onlyIssue(dir, 'manifest-duplicate-names');
    expect(issue).toMatchObject({ line: 27, path: 'resources[2].name', value: 'bedrock-logs-aggregation' });
    expect(issue.message).toBe('duplicate name: resources[1] (line 17) has it too');
  });
});

describe('manifest-regions', () => {
  test('fails if a region is misspelt', () => {
    const dir = withManifest('      - us-west-2', '      - us-wset-2x');
    const issue = onlyIssue(dir, 'manifest-regions');
    expect(issue).toMatchObject({ line: 41, path: 'resources[2].regions[1]', value: 'us-wset-2x' });
    expect(issue.fix).toContain('us-east-1');
  });

  test('fails if a well-formed region is not a region of the aws partition, with the region meant', () => {
    const dir = withManifest('      - us-west-2', '      - eu-wset-2');
    const issue = onlyIssue(dir, 'manifest-regions');
    expect(issue).toMatchObject({ line: 41, path: 'resources[2].regions[1]', value: 'eu-wset-2', message: 'not a region of the aws partition', fix: 'did you mean eu-west-2?' });
  });

  test('fails if the home region is unknown, pointing at cdk/env/regions.ts when nothing is near', () => {
    const dir = withManifest('region: us-east-1', 'region: xx-nowhere-9');
    const issue = onlyIssue(dir, 'manifest-regions');
    expect(issue).toMatchObject({ path: 'region', value: 'xx-nowhere-9' });
    expect(issue.fix).toContain('cdk/env/regions.ts');
  });
});

describe('manifest-template-parameters', () => {
  test('fails if the manifest passes a parameter the template does not declare', () => {
    const dir = withManifest('parameter_key: CentralAccountId', 'parameter_key: CentralAcountId');
    const issues = issuesOf(dir, 'manifest-template-parameters');
    const undeclared = issues.find((i) => i.value === 'CentralAcountId');
    expect(undeclared).toMatchObject({ line: 34, path: 'resources[2].parameters[1].parameter_key' });
    expect(undeclared?.message).toBe(`${MEMBER_TEMPLATE} declares no parameter of this name`);
    expect(undeclared?.fix).toBe('remove it or use one of: CentralBucketName, CentralAccountId, KeyPrefix');
    // …and the real one is then missing.
    expect(issues.map((i) => i.value)).toEqual(['CentralAccountId', 'CentralAcountId']);
  });

  test('fails if a template parameter without Default is not given', () => {
    const dir = withManifest('      - parameter_key: CentralAccountId\n        parameter_value: "222222222222"\n', '');
    const issue = onlyIssue(dir, 'manifest-template-parameters');
    expect(issue).toMatchObject({ line: 31, path: 'resources[2].parameters', value: 'CentralAccountId' });
    expect(issue.message).toContain('requires parameter CentralAccountId (it has no Default)');
    expect(issue.fix).toContain('- parameter_key: CentralAccountId');
  });

  test('accepts a parameter with a Default left out', () => {
    const dir = copyFixture();
    editJson(dir, MEMBER_TEMPLATE, (t) => {
      t.Parameters.KeyPrefix.Default = 'logs';
    });
    expect(issuesOf(dir, 'manifest-template-parameters')).toEqual([]);
  });
});

describe('manifest-parameter-file', () => {
  test('fails if a parameter file value is not a string', () => {
    const dir = copyFixture();
    fs.writeFileSync(
      path.join(dir, 'params.json'),
      '[\n  {"ParameterKey": "CentralBucketName", "ParameterValue": "b"},\n  {"ParameterKey": "CentralAccountId", "ParameterValue": 222222222222}\n]\n',
    );
    replaceIn(dir, 'manifest.yaml', / {4}parameters:\n(?: {6}.*\n| {8}.*\n)+/, '    parameter_file: params.json\n');
    const issue = onlyIssue(dir, 'manifest-parameter-file');
    expect(issue).toMatchObject({ file: 'params.json', line: 3, path: '[1].ParameterValue', value: '222222222222' });
    expect(issue.fix).toContain('JSON string');
    expect(validatePackage(dir).filter((i) => i.ruleId !== 'manifest-parameter-file')).toEqual([]);
  });
});
