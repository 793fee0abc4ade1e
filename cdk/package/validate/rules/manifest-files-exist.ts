import * as fs from 'fs';
import * as path from 'path';
import { isRemoteRef } from '../context';
import type { Finding, Rule } from '../types';

const FILE_KEYS = ['resource_file', 'parameter_file'] as const;

export const manifestFilesExist: Rule = {
  id: 'manifest-files-exist',
  description: 'every local `resource_file` and `parameter_file` is a file inside the package, spelt with the exact case',
  why: "CfCT's build stage fails on a missing file, and it runs on Linux, where Policies/x.json is not policies/x.json",
  check(ctx) {
    const findings: Finding[] = [];
    for (const resource of ctx.resources) {
      for (const key of FILE_KEYS) {
        const ref = key === 'resource_file' ? resource.resourceFile : resource.parameterFile;
        if (ref === undefined || ref === '' || isRemoteRef(ref)) continue;
        const at = [...resource.path, key];
        const local = ctx.localPath(ref);
        if (local === undefined) {
          findings.push(
            ctx.manifestFinding(at, 'the path leaves the package (absolute, `..` or `\\`)', ref, 'use a path relative to the folder of manifest.yaml, with `/`'),
          );
          continue;
        }
        if (ctx.fileExists(local)) continue;
        const other = caseInsensitiveMatch(ctx.dir, local);
        findings.push(
          ctx.manifestFinding(
            at,
            other ? `no such file; only "${other}" exists, with other capitalization` : 'no such file in the package',
            ref,
            other ? `write \`${key}: ${other}\`` : 'run `npm run build` to write it, or fix the path',
          ),
        );
      }
    }
    return findings;
  },
};

/** The real spelling of `rel` on a case-insensitive match, if there is one. */
function caseInsensitiveMatch(dir: string, rel: string): string | undefined {
  let current = '';
  for (const segment of rel.split('/')) {
    let names: string[];
    try {
      names = fs.readdirSync(path.join(dir, current));
    } catch {
      return undefined;
    }
    const match = names.find((n) => n.toLowerCase() === segment.toLowerCase());
    if (match === undefined) return undefined;
    current = current === '' ? match : `${current}/${match}`;
  }
  return current === rel ? undefined : current;
}
