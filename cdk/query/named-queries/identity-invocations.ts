import { DAY_WINDOW, fromLogs, INVOCATION_PLACE_COLUMNS, selectList, type NamedQueryDefinition } from '../sql';

export const identityInvocations: NamedQueryDefinition = {
  id: 'identity-invocations-in-window',
  title: 'What one identity sent and received in a time window',
  question: 'Every invocation of one IAM user or role (session) between two instants: models, tokens, errors, and the request and response bodies.',
  audience: 'security',
  parameters: [
    ...DAY_WINDOW,
    { name: 'identity_arn', description: 'the caller\'s ARN, `%` as a wildcard (all sessions of a role)', example: "'arn:aws:sts::111111111111:assumed-role/DataScience/%'" },
    { name: 'from_time', description: 'start, ISO 8601 UTC (inclusive)', example: "'2026-01-31T22:00:00Z'" },
    { name: 'to_time', description: 'end, ISO 8601 UTC (inclusive)', example: "'2026-02-01T02:00:00Z'" },
  ],
  sql: (context) =>
    [
      'SELECT',
      selectList([
        ...INVOCATION_PLACE_COLUMNS,
        'inferenceregion AS inference_region',
        'identity.arn AS identity_arn',
        'operation',
        'modelid AS model_id',
        'requestid AS request_id',
        'errorcode AS error_code',
        'input.inputtokencount AS input_tokens',
        'output.outputtokencount AS output_tokens',
        'input.inputbodyjson AS input_body',
        'input.inputbodys3path AS input_body_s3_path',
        'output.outputbodyjson AS output_body',
        'output.outputbodys3path AS output_body_s3_path',
      ]),
      fromLogs(context),
      '  AND identity.arn LIKE ?',
      '  AND from_iso8601_timestamp("timestamp") BETWEEN from_iso8601_timestamp(?) AND from_iso8601_timestamp(?)',
      'ORDER BY "timestamp", request_id',
    ].join('\n'),
};
