/**
 * `coverage [--env <name>] [--map <file>] [--profile <name>] [--format table|markdown|json|html]
 * [--out <file>] ...`: with management-account credentials, says which account × region of the
 * environment logs Bedrock model invocations and which does not, from the organization itself,
 * read-only role sessions in every covered account and the central bucket's listing. Exit 0 when
 * every cell in scope passes, 1 when one does not (or the map does not match the organization).
 */
import * as path from 'path';
import { issue, messageOf, UserError } from '../../cdk/errors';
import { checkFilePath } from '../../cdk/package/fs-errors';
import { displayPath } from '../../cdk/paths';
import { writeFileAtomically } from '../../cdk/write-file';
import { readCoverageOptions, DEFAULT_CONCURRENCY, DEFAULT_STALE_AFTER_DAYS, DEFAULT_TIME_BUDGET } from '../coverage/options';
import { progressOn } from '../coverage/progress';
import { FORMAT_EXTENSIONS, FORMATS, FORMAT_NAMES } from '../coverage/render';
import { verdict } from '../coverage/render/common';
import { runCoverage } from '../coverage/run';
import { defineCommand, PROGRAM } from '../lib/command';
import { loadSelectedEnvironment, MAP_OPTIONS } from '../lib/environment';

const SUBJECT = `${PROGRAM} coverage`;

/** Writes `text` to `file` through a temporary file, so a reader never sees half a report. */
function writeReport(file: string, text: string): void {
  try {
    writeFileAtomically(file, text);
  } catch (err) {
    throw new UserError(SUBJECT, [issue('--out', `cannot be written: ${messageOf(err)}`, file, 'pass a path in a folder you can write to')]);
  }
}

export const coverage = defineCommand({
  name: 'coverage',
  summary: 'Shows which account × region of an environment logs Bedrock invocations, from the organization itself (read-only; management-account credentials).',
  options: {
    ...MAP_OPTIONS,
    profile: { type: 'string', value: '<name>', description: 'shared-config profile of the management account (default: the SDK\'s default credential chain)' },
    'role-name': { type: 'string', value: '<name>', description: "role assumed in every account, narrowed to read-only by a session policy (default: the environment's executionRoleName)" },
    format: { type: 'string', value: '<format>', description: `${FORMAT_NAMES.join(' | ')} (default: table)` },
    out: { type: 'string', value: '<file>', description: 'write the report there; stdout then gets the verdict line only' },
    concurrency: { type: 'string', value: '<n>', description: `AWS calls in flight at most (default: ${DEFAULT_CONCURRENCY}; Organizations 4, STS 16)` },
    'time-budget': { type: 'string', value: '<duration>', description: `stop starting checks after this long, e.g. 90s, 20m, 1h; the rest are "not checked" (default: ${DEFAULT_TIME_BUDGET})` },
    'stale-after': { type: 'string', value: '<days>', description: `newest log object older than this is "stale" (default: ${DEFAULT_STALE_AFTER_DAYS})` },
    'configuration-only': { type: 'boolean', description: 'pass on configuration alone: stale or missing delivery is reported but does not fail the run' },
    quiet: { type: 'boolean', description: 'no progress on stderr' },
  },
  details: [
    'Exit status: 0 every account × region in scope passes; 1 one does not, or the map names an OU or account the organization does not have; 2 a bug.',
    'Endpoints: the AWS SDK honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> (ORGANIZATIONS, STS, BEDROCK, S3, CLOUDFORMATION).',
    'States and the JSON schema: docs/coverage.md, docs/coverage.schema.json.',
  ].join('\n'),
  async run({ values, io }) {
    const options = readCoverageOptions(values, SUBJECT);
    // A report path that cannot be written is refused before the run, which may take minutes.
    if (values.out !== undefined) checkFilePath(path.resolve(io.cwd, values.out), '--out', `coverage.${FORMAT_EXTENSIONS[options.format]}`, io.cwd);
    const { config } = loadSelectedEnvironment(values, io);
    const progress = values.quiet === true ? undefined : progressOn(io.stderr);
    const report = await runCoverage({
      config,
      roleName: values['role-name'] ?? config.executionRoleName,
      staleAfterDays: options.staleAfterDays,
      configurationOnly: values['configuration-only'] === true,
      concurrency: options.concurrency,
      timeBudgetSeconds: options.timeBudgetSeconds,
      env: io.env,
      profile: values.profile,
      onProgress: progress ? (done, total) => progress.update(done, total) : undefined,
    }).finally(() => progress?.finish());
    const text = FORMATS[options.format](report);
    if (values.out === undefined) {
      io.stdout.write(text);
    } else {
      const file = path.resolve(io.cwd, values.out);
      writeReport(file, text);
      io.stdout.write(`${verdict(report)}\nReport (${options.format}): ${displayPath(file, io.cwd)}\n`);
    }
    return report.summary.ok ? 0 : 1;
  },
});
