/**
 * `usage [--month YYYY-MM | --from YYYY-MM-DD [--to YYYY-MM-DD]] [--account <id>]... [--format ...]
 * [--prices <file>] [--profile <name>]`: runs the per-account, per-model token query of the saved
 * queries (`tokens-by-account-model`) through Athena in the aggregation account's workgroup and
 * prints the totals, with costs when a prices file is given. Credentials, region and endpoints come
 * from the AWS SDK's standard chain (`--profile`, AWS_PROFILE, AWS_ENDPOINT_URL_ATHENA, ...).
 */
import * as path from 'path';
import { AthenaClient } from '@aws-sdk/client-athena';
import { S3Client } from '@aws-sdk/client-s3';
import { issue, plainUserError, UserError } from '../../cdk/errors';
import { Names } from '../../cdk/names';
import { displayPath } from '../../cdk/paths';
import { tokensSql } from '../../cdk/query/named-queries';
import { stringLiteral } from '../../cdk/query/sql';
import { configuredEndpoint } from '../lib/aws';
import { integerOption, defineCommand, PROGRAM } from '../lib/command';
import { loadSelectedEnvironment, MAP_OPTIONS } from '../lib/environment';
import { discoverAccounts } from '../usage/accounts';
import { runAthenaQuery } from '../usage/athena';
import { readPeriod } from '../usage/period';
import { loadPrices } from '../usage/prices';
import { buildReport, FORMATS, RENDERERS, type Format } from '../usage/report';

const SUBJECT = `${PROGRAM} usage`;
const ACCOUNT_ID = /^[0-9]{12}$/;
const DEFAULT_TIMEOUT_SECONDS = 600;

export const usage = defineCommand({
  name: 'usage',
  summary: 'Tokens and invocations per account and model for a period, from the central logs through Athena (costs with --prices).',
  options: {
    month: { type: 'string', value: '<YYYY-MM>', description: 'a calendar month (UTC); default: the previous month' },
    from: { type: 'string', value: '<YYYY-MM-DD>', description: 'first day (UTC, inclusive)' },
    to: { type: 'string', value: '<YYYY-MM-DD>', description: 'last day (UTC, inclusive; default today)' },
    account: { type: 'string', multiple: true, value: '<12 digits>', description: 'only this account (default: every account with logs in the central bucket)' },
    format: { type: 'string', value: `<${FORMATS.join('|')}>`, description: 'output format (default table)' },
    prices: { type: 'string', value: '<file>', description: 'JSON of USD per 1,000 tokens per model ID or prefix*, for a cost column (see docs/queries.md)' },
    profile: { type: 'string', value: '<name>', description: 'AWS profile of the aggregation account (default: the SDK chain: AWS_PROFILE, environment, SSO, role)' },
    region: { type: 'string', value: '<region>', description: "Athena's region (default: the aggregation region of the map)" },
    timeout: { type: 'string', value: '<seconds>', description: `give up after this long (default ${DEFAULT_TIMEOUT_SECONDS})` },
    ...MAP_OPTIONS,
  },
  details: [
    `Example: ${PROGRAM} usage --month 2026-01 --format markdown --prices prices.json`,
    'Days are the UTC days Bedrock delivered the logs (the key\'s date folders): a call made in the last minutes of a day may count on the next.',
    'Endpoints: AWS_ENDPOINT_URL_ATHENA and AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL) override the AWS endpoints.',
  ].join('\n'),
  async run({ values, io }) {
    const { config, file } = loadSelectedEnvironment(values, io);
    if (!config.query.enabled) {
      throw new UserError(displayPath(file, io.cwd), [issue(`environments.${config.name}.query.enabled`, 'is false: the aggregation stack has no workgroup to query', false, 'set it to true (the default), build and deploy')]);
    }
    const format = (values.format ?? 'table') as Format;
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new UserError(SUBJECT, [issue('--format', `must be one of ${FORMATS.join(', ')}`, values.format, `pass --format ${FORMATS[0]}`)]);
    }
    const period = readPeriod(SUBJECT, values, new Date());
    const bad = (values.account ?? []).find((a) => !ACCOUNT_ID.test(a));
    if (bad !== undefined) throw new UserError(SUBJECT, [issue('--account', 'is not a 12-digit account ID', bad, 'pass --account 111111111111 (repeat it for more)')]);
    const prices = values.prices === undefined ? undefined : loadPrices(path.resolve(io.cwd, values.prices), values.prices);
    const timeoutSeconds = integerOption('usage', 'timeout', values.timeout, DEFAULT_TIMEOUT_SECONDS, 1) ?? DEFAULT_TIMEOUT_SECONDS;

    const names = new Names(config.prefix);
    const region = values.region ?? config.aggregation.region;
    const common = { region, ...(values.profile ? { profile: values.profile } : {}) };
    const athenaEndpoint = configuredEndpoint('ATHENA', io.env);
    const s3Endpoint = configuredEndpoint('S3', io.env);

    let accounts = [...new Set(values.account ?? [])].sort();
    if (accounts.length === 0) {
      const s3 = new S3Client({ ...common, ...(s3Endpoint ? { endpoint: s3Endpoint, forcePathStyle: true } : {}) });
      try {
        const bucket = names.centralBucket(config.aggregation.accountId, config.aggregation.region);
        accounts = await discoverAccounts(s3, bucket, config.logging.keyPrefix ? `${config.logging.keyPrefix}/` : '');
        if (accounts.length === 0) throw plainUserError(SUBJECT, 'accounts', `s3://${bucket} holds no AWSLogs/<account>/ folder yet`, 'wait for the first logs to replicate, or check --env and the key prefix');
      } finally {
        s3.destroy();
      }
    }

    const athena = new AthenaClient({ ...common, ...(athenaEndpoint ? { endpoint: athenaEndpoint } : {}) });
    try {
      const context = { database: names.queryDatabase, table: names.queryTable, accounts };
      const outcome = await runAthenaQuery(athena, {
        sql: tokensSql(context, false),
        workgroup: names.queryWorkgroup,
        database: names.queryDatabase,
        parameters: [stringLiteral(period.firstDay), stringLiteral(period.lastDay)],
        timeoutMs: timeoutSeconds * 1000,
      });
      const report = buildReport(
        { period, workgroup: names.queryWorkgroup, queryExecutionId: outcome.queryExecutionId, accounts, dataScannedBytes: outcome.dataScannedBytes },
        outcome.rows,
        prices,
      );
      io.stdout.write(RENDERERS[format](report));
    } finally {
      athena.destroy();
    }
  },
});
