/**
 * Partition projection of the invocation-log table over the central bucket's key layout
 * `<keyPrefix>AWSLogs/<account>/BedrockModelInvocationLogs/<region>/<yyyy>/<MM>/<dd>/<HH>/<file>.json.gz`
 * (user guide, "Set up an Amazon S3 destination" for the prefix; the hour folders as delivered). No
 * crawler and no `MSCK REPAIR`: Athena computes the partition locations from these table properties
 * at query time (https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html).
 *
 * - Account: `injected`. The build cannot know every account of the member OUs, an `enum` would
 *   silently leave out accounts nobody listed, and an `integer` range over 12-digit IDs would make
 *   Athena enumerate a trillion locations. With `injected` every query names its accounts
 *   (`log_account IN ('111111111111', ...)`, literals only): nothing is left out silently, and the
 *   `usage` command lists the accounts that have logs from the bucket itself.
 *   (https://docs.aws.amazon.com/athena/latest/ug/partition-projection-dynamic-id-partitioning.html)
 * - Region: `enum` of the map's member regions: logs of a region later removed from the map stay
 *   in the bucket but drop out of the table until the region is listed again.
 * - Day: `date` in `yyyy/MM/dd`, one partition per UTC day, from the central bucket's retention
 *   before NOW to NOW. The hour folders are read as part of their day (Athena reads everything
 *   beneath a partition's location, which includes the `data/` objects of large bodies; the queries
 *   keep only rows whose `schematype` is `ModelInvocationLog`).
 *   (https://docs.aws.amazon.com/athena/latest/ug/partition-projection-supported-types.html)
 */

/** The table's partition columns (names that cannot clash with the record's own keys). */
export const PARTITION_COLUMNS = { account: 'log_account', region: 'log_region', day: 'log_day' } as const;

/** Format of `log_day`: the key's `yyyy/MM/dd`, Java `DateTimeFormatter` letters as Athena reads them. */
export const DAY_FORMAT = 'yyyy/MM/dd';

/** The folder Bedrock writes under, per account (user guide, bucket policy of the S3 destination). */
export const LOG_FOLDER = 'BedrockModelInvocationLogs';

/** Where log records begin for a key prefix (`''` or `a/b/`): `s3://<bucket>/<keyPrefix>AWSLogs/`. */
export function logsRoot(bucketName: string, keyPrefix: string): string {
  return `s3://${bucketName}/${keyPrefix}AWSLogs/`;
}

export interface ProjectionSettings {
  /** The central bucket (a CloudFormation token in the template). */
  readonly bucketName: string;
  /** Key prefix Bedrock writes under, with its trailing `/` (empty for none). */
  readonly keyPrefix: string;
  /** Member regions: the values of `log_region`. */
  readonly regions: readonly string[];
  /** Days the central bucket keeps logs: the day range reaches this far back (and one day more). */
  readonly retentionDays: number;
}

const placeholder = (column: string): string => `\${${column}}`;

/** `storage.location.template`: one location per (account, region, day). */
export function storageLocationTemplate(settings: Pick<ProjectionSettings, 'bucketName' | 'keyPrefix'>): string {
  const { account, region, day } = PARTITION_COLUMNS;
  return `${logsRoot(settings.bucketName, settings.keyPrefix)}${placeholder(account)}/${LOG_FOLDER}/${placeholder(region)}/${placeholder(day)}/`;
}

/** The table properties that switch partition projection on. */
export function projectionParameters(settings: ProjectionSettings): Record<string, string> {
  const { account, region, day } = PARTITION_COLUMNS;
  return {
    'projection.enabled': 'true',
    [`projection.${account}.type`]: 'injected',
    [`projection.${region}.type`]: 'enum',
    [`projection.${region}.values`]: settings.regions.join(','),
    [`projection.${day}.type`]: 'date',
    [`projection.${day}.format`]: DAY_FORMAT,
    [`projection.${day}.range`]: `NOW-${settings.retentionDays + 1}DAYS,NOW`,
    [`projection.${day}.interval`]: '1',
    [`projection.${day}.interval.unit`]: 'DAYS',
    'storage.location.template': storageLocationTemplate(settings),
  };
}

// --- what Athena projects (used by the tests and the local DuckDB view) -----------------------

/** What a query pins down: the injected values, and the day window of its `log_day` filter. */
export interface ProjectedQuery {
  /** Values of each injected column (`log_account IN (...)`). */
  readonly injected: Readonly<Record<string, readonly string[]>>;
  /** Inclusive day window in the column's format (`2026/01/31`); open ends project the whole range. */
  readonly firstDay?: string;
  readonly lastDay?: string;
  /** The instant NOW stands for. */
  readonly now: Date;
}

const UNIT_DAYS: Readonly<Record<string, number>> = { DAY: 1, DAYS: 1, WEEK: 7, WEEKS: 7 };

/** A `date` range bound: a day in `yyyy/MM/dd`, `NOW`, or `NOW-<n>DAYS` / `NOW+<n>WEEKS`. */
function rangeBound(bound: string, now: Date): Date {
  const relative = /^NOW(?:([+-])(\d+)(DAYS?|WEEKS?))?$/.exec(bound.trim());
  if (relative) {
    const days = relative[2] === undefined ? 0 : Number(relative[2]) * UNIT_DAYS[relative[3]] * (relative[1] === '-' ? -1 : 1);
    return startOfUtcDay(new Date(now.getTime() + days * 86_400_000));
  }
  const fixed = /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(bound.trim());
  if (!fixed) throw new Error(`unsupported date range bound ${JSON.stringify(bound)}`);
  return new Date(Date.UTC(Number(fixed[1]), Number(fixed[2]) - 1, Number(fixed[3])));
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** A UTC day in `yyyy/MM/dd`. */
export function formatDay(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}`;
}

/** The days a `date` projection yields (step: one day), clipped to the query's window. */
export function projectedDays(parameters: Readonly<Record<string, string>>, query: Pick<ProjectedQuery, 'firstDay' | 'lastDay' | 'now'>): string[] {
  const { day } = PARTITION_COLUMNS;
  if (parameters[`projection.${day}.format`] !== DAY_FORMAT || parameters[`projection.${day}.interval.unit`] !== 'DAYS') {
    throw new Error(`only ${DAY_FORMAT} days are simulated`);
  }
  const [from, to] = parameters[`projection.${day}.range`].split(',').map((b) => rangeBound(b, query.now));
  const step = Number(parameters[`projection.${day}.interval`]) * 86_400_000;
  const days: string[] = [];
  for (let t = from.getTime(); t <= to.getTime(); t += step) {
    const value = formatDay(new Date(t));
    if ((query.firstDay === undefined || value >= query.firstDay) && (query.lastDay === undefined || value <= query.lastDay)) days.push(value);
  }
  return days;
}

/**
 * The S3 locations Athena reads for a query, computed from the table properties as the Athena guide
 * describes projection: every combination of the enum values, the injected values the query names
 * and the days of the range inside the query's window, substituted into the location template.
 * Athena refuses a query that names no value of an injected column; so does this.
 */
export function projectLocations(parameters: Readonly<Record<string, string>>, query: ProjectedQuery): string[] {
  const template = parameters['storage.location.template'];
  const columns = [...template.matchAll(/\$\{([a-z_]+)\}/g)].map((m) => m[1]);
  let locations = [template];
  for (const column of columns) {
    const type = parameters[`projection.${column}.type`];
    let values: readonly string[];
    if (type === 'enum') values = parameters[`projection.${column}.values`].split(',');
    else if (type === 'date') values = projectedDays(parameters, query);
    else if (type === 'injected') {
      values = query.injected[column] ?? [];
      if (values.length === 0) {
        throw new Error(`CONSTRAINT_VIOLATION: For the injected projected partition column ${column}, the WHERE clause must contain only static equality conditions, and at least one such condition must be present.`);
      }
    } else throw new Error(`projection type ${String(type)} of ${column} is not simulated`);
    locations = locations.flatMap((location) => values.map((value) => location.replace(placeholder(column), value)));
  }
  return locations.sort();
}
