import { LIMITS } from '../../constants';
import { issue, UserError } from '../../errors';
import { explainUnreadableFile } from '../fs-errors';
import { createContext, DEFAULT_SCP_BUDGET } from './context';
import { compareIssues } from './format';
import * as ruleModules from './rules';
import type { Issue, Rule, ValidateOptions } from './types';

/** Every rule, ordered by id. */
export const RULES: readonly Rule[] = Object.values(ruleModules).sort((a, b) => (a.id < b.id ? -1 : 1));

/**
 * Checks the CfCT package in `dir` as it is on disk, without synthesizing anything, and returns
 * every issue found (empty when the package is valid), ordered by file and line.
 *
 * Throws a `UserError` for invalid options (an SCP budget outside 1..10,240).
 */
export function validatePackage(dir: string, options: ValidateOptions = {}): Issue[] {
  return checkRules(dir, RULES, options);
}

/**
 * Runs `rules` (and only them) on the package in `dir`: `validatePackage` runs every rule; a rule's
 * tests run that rule alone (as cdk-nag's tests run a pack of one rule).
 */
export function checkRules(dir: string, rules: readonly Rule[], options: ValidateOptions = {}): Issue[] {
  const scpBudget = options.scpBudget ?? DEFAULT_SCP_BUDGET;
  if (!Number.isInteger(scpBudget) || scpBudget < 1 || scpBudget > LIMITS.scpMaxChars) {
    throw new UserError('validate', [
      issue('--scp-budget', `must be a whole number from 1 to ${LIMITS.scpMaxChars}`, options.scpBudget,
        `Organizations allows at most ${LIMITS.scpMaxChars} characters per SCP`),
    ]);
  }
  const issues: Issue[] = [];
  try {
    const ctx = createContext(dir, scpBudget, options.overlay);
    for (const rule of rules) {
      for (const { value, ...finding } of rule.check(ctx)) {
        issues.push({ ruleId: rule.id, ...finding, ...(value === undefined ? {} : { value }) });
      }
    }
  } catch (err) {
    // The files are read as the rules need them: one that exists but may not be read ends the check.
    throw explainUnreadableFile(err);
  }
  return issues.sort(compareIssues);
}
