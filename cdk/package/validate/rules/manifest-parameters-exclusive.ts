import type { Finding, Rule } from '../types';

export const manifestParametersExclusive: Rule = {
  id: 'manifest-parameters-exclusive',
  description: 'a resource has `parameters` or `parameter_file`, not both',
  why: 'with both, CfCT passes no parameters at all to the StackSet',
  check(ctx) {
    const findings: Finding[] = [];
    for (const resource of ctx.resources) {
      if (!('parameters' in resource.data) || !('parameter_file' in resource.data)) continue;
      findings.push(
        ctx.manifestFinding(
          [...resource.path, 'parameter_file'],
          'both `parameters` and `parameter_file`: CfCT then passes no parameters at all',
          resource.parameterFile,
          'keep one of the two (the build writes `parameters`)',
          ctx.manifest?.node([...resource.path, 'parameter_file'])?.keyLine,
        ),
      );
    }
    return findings;
  },
};
