import { PARTITION_COLUMNS } from '../projection';
import { DAY_WINDOW, fromLogs, selectList, type NamedQueryDefinition } from '../sql';

/** How many identities the query lists. */
export const TOP_IDENTITIES_LIMIT = 100;

export const topIdentities: NamedQueryDefinition = {
  id: 'top-identities',
  title: 'Top identities by tokens',
  question: 'Which IAM users and roles call Bedrock the most, with how many models, tokens and failures, first and last seen?',
  audience: 'security',
  parameters: DAY_WINDOW,
  sql: (context) =>
    [
      'SELECT',
      selectList([
        'identity.arn AS identity_arn',
        `${PARTITION_COLUMNS.account} AS account`,
        'count(*) AS invocations',
        'count(DISTINCT modelid) AS models',
        'coalesce(sum(input.inputtokencount), 0) + coalesce(sum(output.outputtokencount), 0) AS total_tokens',
        'count_if(errorcode IS NOT NULL) AS failed_invocations',
        'min("timestamp") AS first_seen',
        'max("timestamp") AS last_seen',
      ]),
      fromLogs(context),
      `GROUP BY identity.arn, ${PARTITION_COLUMNS.account}`,
      'ORDER BY total_tokens DESC, invocations DESC, identity_arn',
      `LIMIT ${TOP_IDENTITIES_LIMIT}`,
    ].join('\n'),
};
