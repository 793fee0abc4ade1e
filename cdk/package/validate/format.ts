import { countIssues, UserError, type Issue as AnyIssue } from '../../errors';
import type { Issue } from './types';

/** Orders issues by file, then line, then path, so output is stable and reads top to bottom. */
export function compareIssues(a: Issue, b: Issue): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const la = a.line ?? 0;
  const lb = b.line ?? 0;
  if (la !== lb) return la - lb;
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}

/**
 * `validate` found issues in the package (or its record disagrees with the map): the message lists
 * them by file, in the order given (`validatePackage` sorts its issues), then one summary line,
 * `<what>: N issues in M files`.
 */
export class PackageValidationError extends UserError {
  constructor(issues: readonly AnyIssue[], what = 'validate') {
    const files = new Set(issues.map((i) => i.file)).size;
    super('package', issues, `${what}: ${countIssues(issues.length)} in ${countIssues(files, 'file')}`);
    this.name = 'PackageValidationError';
  }
}
