/**
 * The cells of one covered account: assume the role once, then check every member region in
 * parallel (within the gate's bounds), each with the central bucket's delivery evidence.
 * Every failure becomes a cell state; nothing here throws.
 */
import type { STSClient } from '@aws-sdk/client-sts';
import { allChecks, cellState } from './cell-state';
import type { ClientFactory, Credentials } from './clients';
import type { DeliveryReader } from './delivery';
import { failure, type FailureStatus } from './failures';
import type { CallGate } from './gate';
import { checkLogging, checkReplication, checkStack, checkVersioning, type Expected } from './member-checks';
import type { Cell, Delivery } from './report';
import { assumeRole } from './roles';

export interface AccountCheckContext {
  readonly gate: CallGate;
  readonly clients: ClientFactory;
  readonly sts: STSClient;
  readonly roleName: string;
  readonly session: string;
  readonly regions: readonly string[];
  readonly expected: (account: string, region: string) => Expected;
  readonly delivery: DeliveryReader;
  /** Called once per finished cell. */
  readonly onCell: () => void;
}

/** A cell whose checks all ended the same way, with the delivery evidence still read. */
function uniformCell(region: string, status: FailureStatus, problem: string, delivery: Delivery): Cell {
  const checks = allChecks(status);
  return { region, state: cellState(checks, delivery), checks, problems: [problem], delivery };
}

async function checkCell(ctx: AccountCheckContext, account: string, region: string, credentials: Credentials): Promise<Cell> {
  const clients = ctx.clients.region(region, credentials);
  const expected = ctx.expected(account, region);
  const [logging, versioning, replication, stack, delivery] = await Promise.all([
    checkLogging(clients, expected, ctx.gate),
    checkVersioning(clients, expected, ctx.gate),
    checkReplication(clients, expected, ctx.gate),
    checkStack(clients, expected, ctx.gate),
    ctx.delivery.read(account, region),
  ]);
  const checks = { loggingConfiguration: logging.status, bucket: versioning.status, replication: replication.status, stack: stack.status };
  const problems = [...stack.problems, ...logging.problems, ...versioning.problems, ...replication.problems];
  return { region, state: cellState(checks, delivery), checks, problems, ...(stack.stack ? { stack: stack.stack } : {}), delivery };
}

/** Every cell of a covered account, in region order. */
export async function checkAccount(ctx: AccountCheckContext, account: string): Promise<Cell[]> {
  const done = <T>(cell: T): T => {
    ctx.onCell();
    return cell;
  };
  let credentials: Credentials;
  try {
    credentials = await assumeRole(ctx.sts, ctx.gate, account, ctx.roleName, ctx.session);
  } catch (err) {
    const { status, problem } = failure(err, `AssumeRole ${ctx.roleName}`);
    return Promise.all(ctx.regions.map(async (region) =>
      done(uniformCell(region, status, problem, await ctx.delivery.read(account, region)))));
  }
  return Promise.all(ctx.regions.map(async (region) => done(await checkCell(ctx, account, region, credentials))));
}

/** The cells of an account the budget left no time for. */
export function uncheckedCells(regions: readonly string[]): Cell[] {
  return regions.map((region) => uniformCell(region, 'not-checked', 'not checked: the time budget ran out', { status: 'not-checked' }));
}
