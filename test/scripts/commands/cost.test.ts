import { readCostRequest } from '../../../scripts/cost/args';
import { PRICE_NAMES, priceOption } from '../../../scripts/cost/prices';
import { README_SCENARIOS, readmeCostTable } from '../../../scripts/cost/report';
import { UserError, formatIssue } from '../../../cdk/errors';
import { cost } from '../../../scripts/commands/cost';
import { parseCommandLine } from '../../../scripts/lib/command';
import { cli, cliProcess } from '../../helpers/cli';

const REQUIRED = ['--accounts', '2', '--regions', '2', '--gb-per-day', '10'];

/** What `cost` prints for `argv` (it must succeed). */
async function costCommand(argv: string[]): Promise<string> {
  const result = await cli(['cost', ...argv]);
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
}

/** The request `argv` asks for. */
function parseCostArgs(argv: string[]) {
  return readCostRequest(parseCommandLine(cost, argv).values);
}

/** The issue lines a bad command line gets. */
function issues(argv: string[]): string[] {
  try {
    parseCostArgs(argv);
  } catch (err) {
    if (err instanceof UserError) return err.issues.map(formatIssue);
    throw err;
  }
  throw new Error('expected a UserError');
}

describe('the report', () => {
  let text: string;
  beforeAll(async () => {
    text = await costCommand([...REQUIRED, '--object-kb', '1024', '--compression', '0.2', '--central-retention-days', '30', '--rtc']);
  });

  test('prints both tables with totals', () => {
    expect(text).toContain('This design');
    expect(text).toMatch(/Member buckets: storage\s+5\s+GB-month\s+\$0\.023 per GB-month\s+\$0\.11/);
    expect(text).toMatch(/Total\s+\$8\.48\s+\$7\.71/);
    expect(text).toContain('The same volume in CloudWatch Logs');
    expect(text).toMatch(/Total\s+\$151\.80\s+\$150\.90/);
    expect(text).toContain('steady state from month 2');
  });

  test('prints the assumptions and every unit price with its option, source and date', () => {
    expect(text).toContain('Assumptions:');
    expect(text).toContain('rounds to the next midnight UTC');
    expect(text).toContain('Bedrock does not document its batching');
    for (const name of PRICE_NAMES) {
      expect(text).toContain(`--${priceOption(name)}`);
      expect(text).toMatch(new RegExp(`- ${priceOption(name)}: .+\\(read \\d{4}-\\d{2}-\\d{2}\\)`));
    }
  });

  test('marks an overridden price', async () => {
    const out = await costCommand([...REQUIRED, '--price-s3-storage-gb-month=0.05']);
    expect(out).toMatch(/--price-s3-storage-gb-month\s+\$0\.05 per GB-month\s+overridden \(default 0\.023\)/);
  });

  test('--markdown prints Markdown tables', async () => {
    const out = await costCommand([...REQUIRED, '--markdown']);
    expect(out).toContain('| item | quantity | unit | unit price | monthly | first month |');
    expect(out).toContain('| --- | ---: | --- | --- | ---: | ---: |');
    expect(out).toContain('`--price-rtc-transfer-gb`');
  });

  test('--json prints the estimate for machines', async () => {
    const out = JSON.parse(await costCommand([...REQUIRED, '--json', '--price-cloudwatch-logs-ingestion-gb=0.25']));
    expect(out.inputs).toMatchObject({ accounts: 2, regions: 2, gbPerDay: 10, crossRegionShare: 0.5 });
    expect(out.prices.cloudwatchLogsIngestionGb).toBe(0.25);
    expect(out.totals.cloudWatch.monthlyUsd).toBeGreaterThan(0);
    expect(out.assumptions.length).toBeGreaterThan(5);
  });

  test('--kms and --cloudwatch print their lines with the cited prices', async () => {
    const out = await costCommand([...REQUIRED, '--kms', '--cloudwatch']);
    expect(out).toMatch(/KMS: customer managed keys\s+5\s+key-month\s+\$1\.00 per key-month\s+\$5\.00/);
    expect(out).toContain('KMS: requests (S3 Bucket Keys on)');
    expect(out).toContain('CloudWatch Logs delivery: ingestion');
    expect(out).toMatch(/- price-kms-key-month: .*aws\.amazon\.com\/kms\/pricing.*\(read \d{4}-\d{2}-\d{2}\)/);
  });

  test('--help lists every option', async () => {
    const out = await costCommand(['--help']);
    for (const option of ['--accounts', '--regions', '--gb-per-day', '--object-kb', '--compression', '--member-expiration-days',
      '--central-retention-days', '--rtc', '--cross-region-share', '--kms', '--kms-key-versions', '--cloudwatch', '--cloudwatch-retention-days', '--json', '--markdown', ...PRICE_NAMES.map((n) => `--${priceOption(n)}`)]) {
      expect(out).toContain(option);
    }
  });
});

test('every option reaches the inputs', () => {
  const command = parseCostArgs([...REQUIRED, '--object-kb', '64', '--compression', '0.3', '--member-expiration-days', '2',
    '--central-retention-days', '90', '--rtc', '--cross-region-share', '0', '--deployments-per-month', '4',
    '--kms', '--kms-key-versions', '3', '--kms-requests-per-object', '0.5', '--cloudwatch', '--cloudwatch-retention-days', '7',
    ...PRICE_NAMES.map((name, i) => `--${priceOption(name)}=${i + 1}`)]);
  expect(command.inputs).toEqual({
    accounts: 2, regions: 2, gbPerDay: 10, objectKb: 64, compression: 0.3, memberExpirationDays: 2,
    centralRetentionDays: 90, rtc: true, crossRegionShare: 0, deploymentsPerMonth: 4,
    kms: true, kmsKeyVersions: 3, kmsRequestsPerObject: 0.5, cloudWatch: true, cloudWatchRetentionDays: 7,
  });
  PRICE_NAMES.forEach((name, i) => expect(command.prices[name]).toBe(i + 1));
});

describe('bad input', () => {
  test('fails if a number is negative', () => {
    expect(issues([...REQUIRED, '--gb-per-day=-5'])).toEqual([
      '- --gb-per-day: must be at least 0 (got "-5"); pass the daily volume in GB, for example --gb-per-day 1.5',
    ]);
  });

  test('fails if a number is not numeric', () => {
    expect(issues([...REQUIRED, '--regions', 'two'])).toEqual([
      '- --regions: is not a number (got "two"); pass the number of member regions, for example --regions 2',
    ]);
    expect(issues([...REQUIRED, '--object-kb', '0x20'])[0]).toContain('- --object-kb: is not a number (got "0x20")');
  });

  test('fails if a number is too large to compute with: Infinity, or a count past 2^53', () => {
    expect(issues([...REQUIRED, '--gb-per-day', '1e400', '--accounts', '99999999999999999999'])).toEqual([
      '- --accounts: is too large to compute with (got "99999999999999999999"); pass the number of member accounts, for example --accounts 10',
      '- --gb-per-day: is too large to compute with (got "1e400"); pass the daily volume in GB, for example --gb-per-day 1.5',
    ]);
  });

  test('fails if accounts is zero', () => {
    expect(issues([...REQUIRED, '--accounts', '0'])).toEqual([
      '- --accounts: must be at least 1 (got "0"); pass the number of member accounts, for example --accounts 10',
    ]);
  });

  test('fails if a count is fractional', () => {
    expect(issues([...REQUIRED, '--accounts', '2.5'])[0]).toContain('- --accounts: must be a whole number (got "2.5")');
  });

  test('fails if a required option is missing', () => {
    expect(issues(['--accounts', '3'])).toEqual([
      '- --regions: is required (got nothing); pass the number of member regions, for example --regions 2',
      '- --gb-per-day: is required (got nothing); pass the daily volume in GB, for example --gb-per-day 1.5',
    ]);
  });

  test('fails if a ratio is out of range', () => {
    expect(issues([...REQUIRED, '--compression', '1.5'])[0]).toContain('- --compression: must be above 0 and at most 1 (got "1.5")');
    expect(issues([...REQUIRED, '--cross-region-share', '2'])[0]).toContain('- --cross-region-share: must be at least 0 and at most 1 (got "2")');
    expect(issues([...REQUIRED, '--member-expiration-days', '0'])[0]).toContain('- --member-expiration-days: must be at least 1 and at most 3650 (got "0")');
  });

  test('fails if a price override is bad', () => {
    expect(issues([...REQUIRED, '--price-lambda-gb-second=-1'])).toEqual([
      '- --price-lambda-gb-second: must be at least 0 (got "-1"); pass the USD price per GB-second, for example --price-lambda-gb-second=0.0000166667',
    ]);
  });

  test('fails if an option is unknown, with the option it most likely means', async () => {
    const result = await cli(['cost', ...REQUIRED, '--acounts', '3']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('- --acounts: is not an option of this command (got "--accounts 2 --regions 2 --gb-per-day 10 --acounts 3"); did you mean `--accounts`?');
  });

  test('fails if a value starts with a dash, which node reads as an ambiguous option', async () => {
    const result = await cli(['cost', '--accounts', '-3', '--regions', '2', '--gb-per-day', '1']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('bedrock-invocation-logging-cfct cost has 1 issue:\n- --accounts: has a value that starts with "-", which reads like another option (got "-3"); write it as --accounts=-3 if you meant that value\n');
  });

  test('fails if --json and --markdown are combined', () => {
    expect(issues([...REQUIRED, '--json', '--markdown'])[0]).toContain('- --json: cannot be combined with --markdown');
  });

  test('reports every problem at once', () => {
    expect(issues(['--accounts', '0', '--regions', 'x', '--gb-per-day=-1', '--price-s3-storage-gb-month=abc'])).toHaveLength(4);
  });
});

describe('the command as users run it (the compiled CLI, as a process)', () => {
  test('prints the report and exits 0', () => {
    const result = cliProcess(['cost', ...REQUIRED]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Monthly:');
  });

  test('fails if input is bad: one line per issue on stderr, exit 1, no stack', () => {
    const result = cliProcess(['cost', '--accounts', '0']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe([
      'bedrock-invocation-logging-cfct cost has 3 issues:',
      '- --accounts: must be at least 1 (got "0"); pass the number of member accounts, for example --accounts 10',
      '- --regions: is required (got nothing); pass the number of member regions, for example --regions 2',
      '- --gb-per-day: is required (got nothing); pass the daily volume in GB, for example --gb-per-day 1.5',
      '',
    ].join('\n'));
  });
});

describe('the README cost table', () => {
  const table = readmeCostTable();

  test('has a row per example organization, with the design below CloudWatch Logs', () => {
    const rows = table.split('\n').filter((l) => /^\| (Small|Medium|Large) \|/.test(l));
    expect(rows).toHaveLength(README_SCENARIOS.length);
    for (const row of rows) {
      const cells = row.split('|').map((c) => c.trim()).filter(Boolean);
      const money = (s: string) => Number(s.replace(/[$,]/g, ''));
      expect(money(cells[3])).toBeLessThan(money(cells[7]));
    }
  });

  test('states its assumptions and how to get your own numbers', () => {
    expect(table).toContain('steady state');
    expect(table).toContain('npm run cost -- --accounts N --regions R --gb-per-day G');
  });
});
