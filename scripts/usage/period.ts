/** The period a `usage` report covers: whole UTC days of delivery, as `log_day` values. */
import { issue, UserError } from '../../cdk/errors';
import { formatDay } from '../../cdk/query/projection';

export interface Period {
  /** `yyyy/MM/dd`, inclusive. */
  readonly firstDay: string;
  readonly lastDay: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

function parseDay(subject: string, option: string, value: string): Date {
  const m = DAY.exec(value.trim());
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !date || formatDay(date) !== `${m[1]}/${m[2]}/${m[3]}`) {
    throw new UserError(subject, [issue(option, 'is not a day', value, `write it as YYYY-MM-DD, for example ${option} 2026-01-31`)]);
  }
  return date;
}

/**
 * `--month YYYY-MM`, or `--from`/`--to` days (`--to` defaults to today),
 * or by default the previous calendar month (UTC) of `now`.
 */
export function readPeriod(subject: string, values: { from?: string; to?: string; month?: string }, now: Date): Period {
  if (values.month !== undefined) {
    if (values.from !== undefined || values.to !== undefined) {
      throw new UserError(subject, [issue('--month', 'and --from/--to exclude each other', values.month, 'pass --month YYYY-MM, or --from and --to')]);
    }
    const m = MONTH.exec(values.month.trim());
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
      throw new UserError(subject, [issue('--month', 'is not a month', values.month, 'write it as YYYY-MM, for example --month 2026-01')]);
    }
    return monthOf(Number(m[1]), Number(m[2]) - 1);
  }
  if (values.from === undefined && values.to === undefined) {
    return monthOf(now.getUTCFullYear(), now.getUTCMonth() - 1);
  }
  if (values.from === undefined) throw new UserError(subject, [issue('--from', 'is needed with --to', undefined, 'pass --from YYYY-MM-DD as well')]);
  const from = parseDay(subject, '--from', values.from);
  const to = values.to === undefined ? now : parseDay(subject, '--to', values.to);
  if (to.getTime() < from.getTime()) {
    throw new UserError(subject, [issue('--to', `is before --from (${values.from})`, values.to, 'swap them, or pick a later --to')]);
  }
  return { firstDay: formatDay(from), lastDay: formatDay(to) };
}

function monthOf(year: number, month: number): Period {
  return { firstDay: formatDay(new Date(Date.UTC(year, month, 1))), lastDay: formatDay(new Date(Date.UTC(year, month + 1, 0))) };
}
