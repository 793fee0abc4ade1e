import type { PackageContext } from './context';

/** One problem found in the package. Rendered as one line by `formatIssues`. */
export interface Issue {
  /** Id of the rule that found it (the rule's file name, stable). */
  readonly ruleId: string;
  /** The file, relative to the package folder, with `/` separators. */
  readonly file: string;
  /** 1-based line in `file`, where it is known. */
  readonly line?: number;
  /** Dot path of the offending part inside the file (`resources[1].deploy_method`); empty for the whole file. */
  readonly path: string;
  /** What is wrong, in one clause. */
  readonly message: string;
  /** The offending value as the user wrote it, where there is one. */
  readonly value?: string;
  /** What to do about it, in one clause. */
  readonly fix: string;
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
}
