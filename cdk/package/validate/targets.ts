import type { PackageContext } from './context';
import type { JsonSource } from './json-source';

/** A policy file the manifest deploys, with the kind of policy it is deployed as. */
export interface PolicyTarget {
  readonly file: string;
  readonly kind: 'scp' | 'rcp';
  readonly json: JsonSource;
}

/** A template file the manifest deploys as a StackSet. */
export interface TemplateTarget {
  readonly file: string;
  readonly json: JsonSource;
}

/** Local policy files of `scp`/`rcp` resources that exist, once per file and kind. */
export function policyTargets(ctx: PackageContext): PolicyTarget[] {
  const out = new Map<string, PolicyTarget>();
  for (const resource of ctx.resources) {
    if (resource.deployMethod !== 'scp' && resource.deployMethod !== 'rcp') continue;
    const file = resource.resourceFile === undefined ? undefined : ctx.localPath(resource.resourceFile);
    if (file === undefined) continue;
    const json = ctx.readJson(file);
    if (json) out.set(`${resource.deployMethod}:${file}`, { file, kind: resource.deployMethod, json });
  }
  return [...out.values()];
}

/**
 * Whether a template is written in YAML: not named `.json` and not starting with `{`. CloudFormation
 * and CfCT take YAML templates (CfCT's own example configuration has them); the template rules
 * check JSON templates (this package's) and leave YAML ones, typically another team's, to
 * CloudFormation's validate-template, which CfCT's build stage runs on `templates/`.
 */
function isYamlTemplate(file: string, text: string): boolean {
  return !file.endsWith('.json') && !text.trimStart().startsWith('{');
}

/** Local JSON template files of `stack_set` resources that exist, once per file. */
export function templateTargets(ctx: PackageContext): TemplateTarget[] {
  const out = new Map<string, TemplateTarget>();
  for (const resource of ctx.resources) {
    if (resource.deployMethod !== 'stack_set') continue;
    const file = resource.resourceFile === undefined ? undefined : ctx.localPath(resource.resourceFile);
    if (file === undefined) continue;
    const text = ctx.readText(file);
    if (text === undefined || isYamlTemplate(file, text)) continue;
    const json = ctx.readJson(file);
    if (json) out.set(file, { file, json });
  }
  return [...out.values()];
}
