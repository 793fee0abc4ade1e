import { MANIFEST_FILE } from '../../../names';
import { dotPath } from '../paths';
import type { Finding, Rule } from '../types';

export const manifestYaml: Rule = {
  id: 'manifest-yaml',
  description: 'manifest.yaml exists and PyYAML (YAML 1.1 safe_load) loads it as one mapping',
  why: "CfCT's build stage stops at the first file it cannot load, and PyYAML silently keeps the last of two equal keys",
  check(ctx) {
    if (!ctx.manifest) {
      return [
        {
          file: MANIFEST_FILE,
          path: '',
          message: 'missing: CfCT looks for manifest.yaml at the root of the package',
          fix: 'run `npm run build`, or pass --dir with the folder that holds manifest.yaml',
        },
      ];
    }
    const findings: Finding[] = ctx.manifest.problems.map((p) => ({
      file: MANIFEST_FILE,
      line: p.line,
      path: dotPath(p.path),
      message: p.message,
      value: p.value,
      fix: p.fix,
    }));
    const data = ctx.manifest.data;
    if (data !== undefined && !ctx.manifestData) {
      findings.push({
        file: MANIFEST_FILE,
        line: 1,
        path: '',
        message: 'not a mapping: the manifest must be a YAML mapping with region, version and resources',
        value: data === null ? '' : JSON.stringify(data),
        fix: 'start from the manifest `npm run build` writes',
      });
    }
    return findings;
  },
};
