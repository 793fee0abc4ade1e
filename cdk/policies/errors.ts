import { UserError, type Issue } from '../errors';

/**
 * The policies could not be generated within the environment's limits. Issue paths are relative to
 * the environment (`policies.scpSizeBudget`).
 */
export class PolicyBuildError extends UserError {
  constructor(environment: string, issues: readonly Issue[]) {
    super(`environment "${environment}" (guardrail policies)`, issues);
    this.name = 'PolicyBuildError';
  }
}
