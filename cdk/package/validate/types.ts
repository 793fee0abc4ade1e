import type { Issue as AnyIssue } from '../../errors';
import type { PackageContext } from './context';

/**
 * One problem found in the package: the project's `Issue` (rendered by `formatIssue`) with the id of
 * the rule that found it and the file, relative to the package folder, with `/` separators.
 */
export interface Issue extends AnyIssue {
  readonly ruleId: string;
  readonly file: string;
  /** The offending value as the user wrote it, where there is one. */
  readonly value?: string;
}

/** The problem a rule reports; the rule's id is added by `validatePackage`. */
export type Finding = Omit<Issue, 'ruleId'>;

/** A validation rule: one check, one small file, one stable id (cdk-nag style). */
export interface Rule {
  /** Stable id; equals the rule's file name under `rules/`. */
  readonly id: string;
  /** One line: what the rule checks. */
  readonly description: string;
  /** One line: why it matters (what CfCT, CloudFormation or Organizations does otherwise). */
  readonly why: string;
  check(ctx: PackageContext): Finding[];
}

/** Options of `validatePackage`. */
export interface ValidateOptions {
  /**
   * Maximum SCP size in characters after CfCT's whitespace rewrite. Organizations allows 10,240
   * since 2026-05-15 (5,120 before): raise it only where the organization has the new limit.
   *
   * @default 5120
   */
  readonly scpBudget?: number;
  /**
   * Files as they are about to be written (package-relative path to content; `null` for a file
   * about to be removed), checked in place of the folder's own.
   *
   * @default - the folder's files as they are
   */
  readonly overlay?: ReadonlyMap<string, string | null>;
}
