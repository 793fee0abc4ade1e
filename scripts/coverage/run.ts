/**
 * A coverage run: who is calling (STS), the organization and the scope (Organizations), the
 * central bucket's reader (a role session in the aggregation account), then every covered
 * account × member region within the gate's bounds and time budget; the report at the end.
 * Errors of the management account's own reads (no credentials, not the management account,
 * another organization) are user errors; errors in member accounts are cell states.
 */
import * as fs from 'fs';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { ResolvedConfig } from '../../cdk/env/resolve';
import { issue, messageOf, UserError } from '../../cdk/errors';
import { invocationLogPrefix, Names } from '../../cdk/names';
import { scpTargets } from '../../cdk/policies/build';
import { bucketArn, stackInstanceName } from '../../cdk/policies/scope';
import { PACKAGE_NAME, projectFile } from '../../cdk/paths';
import { allChecks } from './cell-state';
import { checkAccount, uncheckedCells } from './cells';
import { ClientFactory } from './clients';
import { CentralBucketReader, unavailableDelivery, type DeliveryReader } from './delivery';
import { errorName, failure } from './failures';
import { BudgetExhausted, CallGate } from './gate';
import { scanOrganization } from './organization';
import type { AccountReport, CoverageReport } from './report';
import { assumeRole, sessionName } from './roles';
import { resolveScope, type ScopedAccount } from './scope';
import { SCHEMA_VERSION } from './states';
import { summarize } from './summary';

/** Calls in flight at most per service, below the overall bound: these two throttle early. */
export const SERVICE_CONCURRENCY: Readonly<Record<string, number>> = { organizations: 4, sts: 16 };

export interface CoverageSettings {
  readonly config: ResolvedConfig;
  readonly roleName: string;
  readonly staleAfterDays: number;
  readonly configurationOnly: boolean;
  readonly concurrency: number;
  readonly timeBudgetSeconds: number;
  /** The command's environment (credentials and endpoint overrides). */
  readonly env: NodeJS.ProcessEnv;
  readonly profile?: string;
  /** The time delivery ages are measured from. @default - now */
  readonly now?: Date;
  /** Called with (cells done, cells to check) as cells finish. */
  readonly onProgress?: (done: number, total: number) => void;
}

const SUBJECT = 'coverage';

/** A user error for a failed read of the management account's own. */
function managementError(err: unknown, what: string, settings: CoverageSettings): UserError {
  const { profile } = settings;
  if (err instanceof BudgetExhausted) {
    return new UserError(SUBJECT, [issue('--time-budget', `ran out during ${what}, before any account was checked`, `${settings.timeBudgetSeconds}s`, 'raise --time-budget')]);
  }
  const name = errorName(err) ?? 'Error';
  if (name === 'CredentialsProviderError') {
    return new UserError(SUBJECT, [issue('credentials', `none found for ${what}`, profile, 'sign in to the management account (for example `aws sso login --profile <name>`) and pass --profile <name>, or export AWS_PROFILE')]);
  }
  return new UserError(SUBJECT, [issue(what, `failed: ${name}: ${messageOf(err)}`, profile,
    'run with credentials of the management account (or of a delegated administrator for AWS Organizations) that may call organizations:List* and sts:AssumeRole')]);
}

function toolVersion(): string {
  return (JSON.parse(fs.readFileSync(projectFile('package.json'), 'utf8')) as { version: string }).version;
}

/** Runs `worker` over `items` with at most `width` running at once. */
async function pool<T, R>(items: readonly T[], width: number, worker: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index]);
    }
  });
  await Promise.all(lanes);
  return results;
}

export async function runCoverage(settings: CoverageSettings): Promise<CoverageReport> {
  const started = performance.now();
  const now = settings.now ?? new Date();
  const { config } = settings;
  const names = new Names(config.prefix);
  const gate = new CallGate({ concurrency: settings.concurrency, perService: SERVICE_CONCURRENCY, budgetMs: settings.timeBudgetSeconds * 1000 });
  const clients = new ClientFactory({ env: settings.env, profile: settings.profile, sockets: settings.concurrency }, gate);
  try {
    const sts = clients.sts(config.homeRegion);
    const caller = await gate.run('sts', (abortSignal) => sts.send(new GetCallerIdentityCommand({}), { abortSignal }))
      .catch((err: unknown) => { throw managementError(err, 'sts:GetCallerIdentity', settings); });
    const tree = await scanOrganization(clients.organizations(config.homeRegion), gate)
      .catch((err: unknown) => { throw managementError(err, 'organizations:DescribeOrganization and List*', settings); });
    if (tree.id !== config.organizationId) {
      throw new UserError(SUBJECT, [issue('organizationId', `is not the organization of these credentials (${caller.Arn ?? '?'} is in ${tree.id})`, config.organizationId,
        'pass the --env of that organization, or the --profile of the management account of this one')]);
    }
    const scope = resolveScope(tree, config);
    const session = sessionName(config.prefix);
    const centralBucket = names.centralBucket(config.aggregation.accountId, config.aggregation.region);
    const { reader, evidence } = await centralReader(settings, clients, sts, gate, centralBucket, session, now);

    const regions = config.members.regions;
    const covered = scope.accounts.filter((a) => a.classification === 'covered');
    const total = covered.length * regions.length;
    let done = 0;
    const ctx = {
      gate, clients, sts, roleName: settings.roleName, session, regions, delivery: reader,
      expected: (account: string, region: string) => ({
        bucket: names.memberBucket(account, region),
        keyPrefix: config.logging.keyPrefix,
        dataTypes: config.logging.dataTypes,
        centralBucketArn: bucketArn(centralBucket),
        logPrefix: invocationLogPrefix(config.logging.keyPrefix, account, region),
        stackNamePrefix: stackInstanceName(names.stackSet('member')),
      }),
      onCell: () => settings.onProgress?.(++done, total),
    };
    const width = Math.max(2, Math.ceil((settings.concurrency * 2) / Math.max(1, regions.length)));
    const cells = await pool(covered, width, (a) => (gate.expired ? Promise.resolve(uncheckedCells(regions)) : checkAccount(ctx, a.account.id)));
    const cellsOf = new Map(covered.map((a, i) => [a.account.id, cells[i]]));
    const accounts = scope.accounts.map((a): AccountReport => accountReport(a, cellsOf.get(a.account.id) ?? notInScope(regions)));

    return {
      schemaVersion: SCHEMA_VERSION,
      generatedAt: now.toISOString(),
      tool: { name: PACKAGE_NAME, version: toolVersion() },
      environment: {
        name: config.name, organizationId: config.organizationId, homeRegion: config.homeRegion, resourcePrefix: config.prefix, regions: [...regions],
        memberOrganizationalUnits: [...config.members.organizationalUnits], memberAccounts: [...config.members.accounts], guardrailTargets: scpTargets(config),
        aggregation: { accountId: config.aggregation.accountId, region: config.aggregation.region, bucket: centralBucket },
        keyPrefix: config.logging.keyPrefix, dataTypes: [...config.logging.dataTypes],
      },
      settings: {
        roleName: settings.roleName, staleAfterDays: settings.staleAfterDays, configurationOnly: settings.configurationOnly,
        concurrency: settings.concurrency, timeBudgetSeconds: settings.timeBudgetSeconds,
      },
      caller: { account: caller.Account ?? '', arn: caller.Arn ?? '' },
      organization: { id: tree.id, managementAccountId: tree.managementAccountId, rootId: tree.rootId },
      scopeIssues: scope.issues,
      deliveryEvidence: evidence,
      accounts,
      summary: summarize(accounts, scope.issues, settings.configurationOnly),
      run: { durationMs: Math.round(performance.now() - started), budgetExhausted: gate.expired, calls: gate.calls() },
    };
  } finally {
    gate.close();
    clients.close();
  }
}

function accountReport(scoped: ScopedAccount, cells: AccountReport['cells']): AccountReport {
  const { account } = scoped;
  return { id: account.id, name: account.name, state: account.state, ouPath: scoped.ouPath, classification: scoped.classification, reason: scoped.reason, cells };
}

function notInScope(regions: readonly string[]): AccountReport['cells'] {
  return regions.map((region) => ({
    region, state: 'not-in-scope', problems: [], delivery: { status: 'not-checked' },
    checks: allChecks('not-checked'),
  }));
}

/** A role session in the aggregation account and one probe of the central bucket; failures make every delivery `unknown`. */
async function centralReader(settings: CoverageSettings, clients: ClientFactory, sts: STSClient, gate: CallGate, bucket: string, session: string, now: Date):
  Promise<{ reader: DeliveryReader; evidence: CoverageReport['deliveryEvidence'] }> {
  const { config } = settings;
  try {
    const credentials = await assumeRole(sts, gate, config.aggregation.accountId, settings.roleName, session);
    const s3 = clients.s3(config.aggregation.region, credentials);
    await gate.run('s3', (abortSignal) => s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }), { abortSignal }));
    return { reader: new CentralBucketReader(s3, bucket, config.logging.keyPrefix, gate, now, settings.staleAfterDays), evidence: { status: 'ok' } };
  } catch (err) {
    const { status, problem } = failure(err, `central bucket ${bucket} in ${config.aggregation.accountId}`);
    const evidence = { status: status === 'denied' ? 'access-denied' as const : 'error' as const, message: problem };
    return { reader: unavailableDelivery(problem), evidence };
  }
}
