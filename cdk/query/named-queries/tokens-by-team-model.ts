import { DAY_WINDOW, fromLogs, selectList, USAGE_COLUMNS, type NamedQueryDefinition } from '../sql';

/** Label of invocations whose caller attached no value for the tag. */
export const UNTAGGED = '(untagged)';

export const tokensByTeamModel: NamedQueryDefinition = {
  id: 'tokens-by-team-model',
  title: 'Tokens and invocations per request-metadata tag and model',
  question: 'Which team (or application, or any other request-metadata key callers set) used how many tokens of which model?',
  audience: 'FinOps',
  parameters: [
    { name: 'tag_key', description: 'the request-metadata key to group by (callers set it per request)', example: "'team'" },
    ...DAY_WINDOW,
  ],
  sql: (context) =>
    [
      'SELECT',
      selectList([`coalesce(element_at(requestmetadata, ?), '${UNTAGGED}') AS tag_value`, 'modelid AS model_id', ...USAGE_COLUMNS]),
      fromLogs(context),
      'GROUP BY 1, 2',
      'ORDER BY input_tokens DESC, tag_value, model_id',
    ].join('\n'),
};
