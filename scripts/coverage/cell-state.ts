/**
 * One cell's state from its checks and its delivery evidence. The first rule that applies wins:
 *
 * 1. no live member stack (and the stack could be read) → `stack-missing`: the cause of the rest;
 * 2. a read was denied → `access-denied`;
 * 3. a read failed otherwise → `error`;
 * 4. the budget ran out before a read → `not-checked`;
 * 5. something is missing or differs → `misconfigured`;
 * 6. configured as expected: by delivery, `logging` (recent), `stale`, `configured-no-delivery`
 *    (none ever), `delivery-unknown` (the central bucket could not be read).
 */
import type { CellChecks, Delivery } from './report';
import type { CellState, CheckStatus } from './states';

export function cellState(checks: CellChecks, delivery: Delivery): CellState {
  const statuses: CheckStatus[] = [checks.loggingConfiguration, checks.bucket, checks.replication, checks.stack];
  if (checks.stack === 'missing') return 'stack-missing';
  if (statuses.includes('denied')) return 'access-denied';
  if (statuses.includes('error')) return 'error';
  if (statuses.includes('not-checked')) return 'not-checked';
  if (statuses.includes('missing') || statuses.includes('differs')) return 'misconfigured';
  switch (delivery.status) {
    case 'recent':
      return 'logging';
    case 'stale':
      return 'stale';
    case 'none':
      return 'configured-no-delivery';
    case 'not-checked':
      return 'not-checked';
    case 'unknown':
      return 'delivery-unknown';
  }
}

/** Every check with the same status (an account whose role could not be assumed, a cell never reached). */
export function allChecks(status: CheckStatus): CellChecks {
  return { loggingConfiguration: status, bucket: status, replication: status, stack: status };
}
