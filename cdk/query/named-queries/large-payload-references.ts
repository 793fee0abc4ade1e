import { DAY_WINDOW, fromLogs, INVOCATION_PLACE_COLUMNS, selectList, type NamedQueryDefinition } from '../sql';

export const largePayloadReferences: NamedQueryDefinition = {
  id: 'large-payload-references',
  title: 'Invocations whose bodies were stored apart',
  question: 'Which invocations had a request or response (binary data, or JSON over 100 KB) or a generated video stored as its own object, and where?',
  audience: 'security',
  parameters: DAY_WINDOW,
  sql: (context) =>
    [
      'SELECT',
      selectList([
        ...INVOCATION_PLACE_COLUMNS,
        'requestid AS request_id',
        'operation',
        'modelid AS model_id',
        'identity.arn AS identity_arn',
        'input.inputbodys3path AS input_body_s3_path',
        'output.outputbodys3path AS output_body_s3_path',
        'output.outputvideos3path AS output_video_s3_path',
        '"$path" AS log_object',
      ]),
      fromLogs(context),
      '  AND (input.inputbodys3path IS NOT NULL OR output.outputbodys3path IS NOT NULL OR output.outputvideos3path IS NOT NULL)',
      'ORDER BY "timestamp", request_id',
    ].join('\n'),
};
