import { isRecord, type ManifestResource, type PackageContext } from '../context';
import type { PathSegment } from '../paths';
import type { Finding, Rule } from '../types';

/** A parameter the manifest passes, and where it is written. */
interface GivenParameter {
  readonly key: string;
  readonly at: readonly PathSegment[];
}

export const manifestTemplateParameters: Rule = {
  id: 'manifest-template-parameters',
  description: "a StackSet's manifest parameters are exactly declared template parameters, and cover every template parameter without a Default",
  why: 'CloudFormation rejects a parameter the template does not declare, and a required one left out, only when the StackSet deploys',
  check(ctx) {
    const findings: Finding[] = [];
    for (const resource of ctx.resources) {
      if (resource.deployMethod !== 'stack_set' || resource.resourceFile === undefined) continue;
      if ('parameters' in resource.data && 'parameter_file' in resource.data) continue; // manifest-parameters-exclusive
      const file = ctx.localPath(resource.resourceFile);
      const template = file === undefined ? undefined : ctx.readJson(file)?.value;
      if (file === undefined || !isRecord(template)) continue; // remote, missing or broken: other rules
      const declared = isRecord(template.Parameters) ? template.Parameters : {};
      const given = givenParameters(ctx, resource);
      if (given === undefined) continue; // a remote or unreadable parameter file: nothing to compare

      const seen = new Map<string, GivenParameter>();
      for (const parameter of given) {
        const earlier = seen.get(parameter.key);
        if (earlier) {
          findings.push(ctx.manifestFinding(parameter.at, 'given twice', parameter.key, 'keep one entry per parameter'));
          continue;
        }
        seen.set(parameter.key, parameter);
        if (!Object.prototype.hasOwnProperty.call(declared, parameter.key)) {
          const names = Object.keys(declared);
          findings.push(
            ctx.manifestFinding(
              parameter.at,
              `${file} declares no parameter of this name`,
              parameter.key,
              names.length === 0 ? 'remove it: the template takes no parameters' : `remove it or use one of: ${names.join(', ')}`,
            ),
          );
        }
      }
      for (const [name, definition] of Object.entries(declared)) {
        if (seen.has(name) || (isRecord(definition) && 'Default' in definition)) continue;
        const at = 'parameter_file' in resource.data ? [...resource.path, 'parameter_file'] : [...resource.path, 'parameters'];
        findings.push(
          ctx.manifestFinding(
            at,
            `${file} requires parameter ${name} (it has no Default), and the manifest does not give it`,
            name,
            `add \`- parameter_key: ${name}\` with a quoted \`parameter_value\` under \`parameters\``,
            ctx.manifest?.node(at)?.keyLine ?? ctx.manifest?.lineOf(resource.path),
          ),
        );
      }
    }
    return findings;
  },
};

/** The parameters a resource passes; undefined when they cannot be known offline. */
function givenParameters(ctx: PackageContext, resource: ManifestResource): GivenParameter[] | undefined {
  if (resource.parameterFile !== undefined) {
    const file = ctx.localPath(resource.parameterFile);
    const list = file === undefined ? undefined : ctx.readJson(file)?.value;
    if (!Array.isArray(list)) return undefined;
    return list
      .filter((item): item is { ParameterKey: string } => isRecord(item) && typeof item.ParameterKey === 'string')
      .map((item) => ({ key: item.ParameterKey, at: [...resource.path, 'parameter_file'] }));
  }
  const list = resource.data.parameters;
  if (!Array.isArray(list)) return [];
  const out: GivenParameter[] = [];
  list.forEach((item, index) => {
    if (isRecord(item) && typeof item.parameter_key === 'string') {
      out.push({ key: item.parameter_key, at: [...resource.path, 'parameters', index, 'parameter_key'] });
    }
  });
  return out;
}
