import { describePyScalar } from '../pyyaml';
import type { Finding, Rule } from '../types';

export const manifestParameterValues: Rule = {
  id: 'manifest-parameter-values',
  description: 'every `parameter_value` is a quoted string',
  why: 'CfCT converts what PyYAML loads: true becomes "true", 0 becomes "", a list becomes "a, b", and 2021-03-15 a date',
  check(ctx) {
    const manifest = ctx.manifest;
    if (!manifest) return [];
    const findings: Finding[] = [];
    for (const resource of ctx.resources) {
      const parameters = resource.data.parameters;
      if (!Array.isArray(parameters)) continue;
      parameters.forEach((_, index) => {
        const at = [...resource.path, 'parameters', index, 'parameter_value'];
        const node = manifest.node(at);
        if (!node) return; // manifest-schema
        if (node.kind !== 'scalar') {
          findings.push(
            ctx.manifestFinding(
              at,
              `a ${node.kind === 'seq' ? 'list' : 'mapping'}: CfCT flattens it into one string ("a, b")`,
              undefined,
              'give one quoted string; for several values use a CommaDelimitedList parameter and "a,b"',
            ),
          );
          return;
        }
        const scalar = node.scalar;
        if (!scalar || scalar.type === 'null' || scalar.style !== 'plain') return; // empty: manifest-schema
        findings.push(
          ctx.manifestFinding(
            at,
            scalar.type === 'str'
              ? 'unquoted: quote every parameter value, so that no edit turns it into a number, boolean or date'
              : `unquoted: PyYAML reads it as ${describePyScalar(scalar)}, which CfCT turns back into a string its own way (true → "true", 0 → "")`,
            scalar.text,
            `quote it: "${scalar.text}"`,
          ),
        );
      });
    }
    return findings;
  },
};
