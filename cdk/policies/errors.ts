/**
 * The policies could not be generated within the environment's limits. `issues` are whole lines in
 * the house format `- <dot.path>: <what is wrong> (got "<value>"); <what to do>`, with paths relative
 * to the environment (`policies.scpSizeBudget`), so the build can report them with the file name.
 */
export class PolicyBuildError extends Error {
  readonly issues: string[];

  constructor(environment: string, issues: readonly string[]) {
    const count = `${issues.length} issue${issues.length === 1 ? '' : 's'}`;
    super(`the guardrail policies of environment "${environment}" have ${count}:\n${issues.join('\n')}`);
    this.name = 'PolicyBuildError';
    this.issues = [...issues];
  }
}

/** `10240` → `10,240`, for messages. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
