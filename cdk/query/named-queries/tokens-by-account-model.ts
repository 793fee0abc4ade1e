import { PARTITION_COLUMNS } from '../projection';
import { DAY_WINDOW, fromLogs, selectList, USAGE_COLUMNS, type NamedQueryDefinition, type QueryContext } from '../sql';

/**
 * Invocations and tokens per account and model, optionally per delivery day. The `usage` command
 * runs the period version.
 */
export function tokensSql(context: QueryContext, byDay: boolean): string {
  const keys = [...(byDay ? [`${PARTITION_COLUMNS.day} AS day`] : []), `${PARTITION_COLUMNS.account} AS account`, 'modelid AS model_id'];
  const groups = [...(byDay ? [PARTITION_COLUMNS.day] : []), PARTITION_COLUMNS.account, 'modelid'];
  return [
    'SELECT',
    selectList([...keys, ...USAGE_COLUMNS]),
    fromLogs(context),
    `GROUP BY ${groups.join(', ')}`,
    `ORDER BY ${groups.join(', ')}`,
  ].join('\n');
}

export const tokensByAccountModelDay: NamedQueryDefinition = {
  id: 'tokens-by-account-model-day',
  title: 'Tokens and invocations per account, model and day',
  question: 'How many invocations and input, output and prompt-cache tokens did each account use of each model, day by day?',
  audience: 'FinOps',
  parameters: DAY_WINDOW,
  sql: (context) => tokensSql(context, true),
};

export const tokensByAccountModel: NamedQueryDefinition = {
  id: 'tokens-by-account-model',
  title: 'Tokens and invocations per account and model for a period',
  question: 'What did each account use of each model over the period (what `usage` reports, with costs when given prices)?',
  audience: 'FinOps',
  parameters: DAY_WINDOW,
  sql: (context) => tokensSql(context, false),
};
