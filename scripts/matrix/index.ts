/**
 * The attack matrix: what the built package allows and denies, evaluated with a real IAM policy
 * simulator. Scenario (`scenario.ts`, `world.ts`), rows by area (`rows/`), evaluation
 * (`evaluate.ts`), rendering (`render.ts`). Dev tooling: the simulator is an AGPL dev dependency,
 * so nothing here is part of the package, the build or the shipped CLI.
 */
import type { HandlerName } from '../../cdk/bundle';
import { evaluateRows } from './evaluate';
import { buildRows, type MatrixResult } from './rows';
import { matrixScenarios, type Scenario } from './scenario';

export * from './evaluate';
export * from './render';
export * from './rows';
export * from './scenario';

export interface MatrixRun {
  readonly scenarios: Scenario[];
  readonly results: MatrixResult[];
}

/** Builds every scenario, every row, and evaluates them. */
export async function runMatrix(handlers?: Readonly<Record<HandlerName, string>>): Promise<MatrixRun> {
  const scenarios = matrixScenarios(handlers);
  const results = await evaluateRows(scenarios.flatMap(buildRows));
  return { scenarios, results };
}
