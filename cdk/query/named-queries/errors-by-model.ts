import { DAY_WINDOW, fromLogs, selectList, type NamedQueryDefinition } from '../sql';

/**
 * Error codes the query counts apart (the exceptions of the Bedrock runtime API,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html#API_runtime_InvokeModel_Errors).
 */
export const THROTTLING = 'ThrottlingException';
export const VALIDATION = 'ValidationException';

/**
 * A guardrail intervened (guardrails apply to InvokeModel by header and to Converse by
 * `guardrailConfig`, https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-use.html):
 * Converse reports `stopReason` `guardrail_intervened`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax);
 * InvokeModel response bodies carry `"amazon-bedrock-guardrailAction": "INTERVENED"` (as in
 * published invocation-log records; third-party). Streamed responses spread this over chunks and
 * are not counted.
 */
export const GUARDRAIL_INTERVENED =
  "json_extract_scalar(output.outputbodyjson, '$.stopReason') = 'guardrail_intervened'\n" +
  "    OR json_extract_scalar(output.outputbodyjson, '$[\"amazon-bedrock-guardrailAction\"]') = 'INTERVENED'";

export const errorsByModel: NamedQueryDefinition = {
  id: 'errors-and-throttles-by-model',
  title: 'Errors, throttles and guardrail interventions per model',
  question: 'Which models fail, are throttled or are stopped by a guardrail, how often, and at what rate?',
  audience: 'FinOps',
  parameters: DAY_WINDOW,
  sql: (context) =>
    [
      'SELECT',
      selectList([
        'modelid AS model_id',
        'count(*) AS invocations',
        'count_if(errorcode IS NOT NULL) AS failed_invocations',
        `count_if(errorcode = '${THROTTLING}') AS throttled`,
        `count_if(errorcode = '${VALIDATION}') AS validation_errors`,
        `count_if(errorcode NOT IN ('${THROTTLING}', '${VALIDATION}')) AS other_errors`,
        `count_if(${GUARDRAIL_INTERVENED}) AS guardrail_interventions`,
        'round(100.0 * count_if(errorcode IS NOT NULL) / count(*), 2) AS failed_percent',
      ]),
      fromLogs(context),
      'GROUP BY modelid',
      'ORDER BY failed_invocations DESC, model_id',
    ].join('\n'),
};
