/**
 * The frame both handlers share: time budget, failure marking, and always answering.
 *
 * - Work gets a deadline: the Lambda's remaining time at the start minus `RESERVE_MS`, kept for
 *   answering. The work checks it itself (retries stop, the emptier stops and counts what
 *   remains); work still running `GRACE_MS` after it (an AWS call that hangs) is abandoned and the
 *   resource answers `FAILED`, so CloudFormation always hears back before the Lambda timeout.
 * - A failed Create answers with the physical ID `CREATE_FAILED:<RequestId>`. The Delete that
 *   CloudFormation sends during rollback carries that ID and answers `SUCCESS` without calling
 *   anything (a failed Create has already undone what it did).
 * - Successful Create and Update answer with `physicalId(properties)`; Delete answers with the
 *   ID it was given. Every exception becomes `FAILED` with the error's message as the reason.
 */
import { CfnResponse, respond, responseBody } from './respond';

/** Time kept back from the work for answering, in milliseconds. */
export const RESERVE_MS = 20_000;

/** How long after its deadline work that has not returned is abandoned, in milliseconds. */
export const GRACE_MS = 5_000;

/** Prefix of the physical ID of a resource whose Create failed. */
export const CREATE_FAILED_PREFIX = 'CREATE_FAILED:';

/** Resource properties: CloudFormation passes every value as a string. */
export type Properties = Record<string, string | undefined>;

/** The custom resource request, as CloudFormation sends it. */
export interface CfnEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly ResourceType: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: Properties;
  readonly OldResourceProperties?: Properties;
}

/** The part of the Lambda context the handlers use. */
export interface LambdaContext {
  getRemainingTimeInMillis(): number;
}

/** Does the resource's work; resolves with a reason for the `SUCCESS` answer. */
export type Work = (event: CfnEvent, deadline: number) => Promise<string>;

export type Handler = (event: CfnEvent, context: LambdaContext) => Promise<void>;

/** Wraps `work` into a Lambda handler that answers CloudFormation exactly once. */
export const customResource =
  (physicalId: (properties: Properties) => string, work: Work): Handler =>
  async (event, context) => {
    console.log(JSON.stringify({ ...event, ResponseURL: undefined }));
    const deadline = Date.now() + context.getRemainingTimeInMillis() - RESERVE_MS;
    let status: CfnResponse['Status'] = 'SUCCESS';
    let id = event.PhysicalResourceId;
    let reason: string;
    let timer: NodeJS.Timeout | undefined;
    try {
      if (event.RequestType == 'Delete' && id!.startsWith(CREATE_FAILED_PREFIX)) {
        reason = 'Create had failed';
      } else {
        reason = await Promise.race([
          work(event, deadline),
          new Promise<never>((_, ko) => {
            timer = setTimeout(ko, deadline + GRACE_MS - Date.now(), Error('time budget spent'));
          }),
        ]);
        if (event.RequestType != 'Delete') id = physicalId(event.ResourceProperties);
      }
    } catch (e) {
      status = 'FAILED';
      // `Name: message`; a plain Error's `Error: ` prefix says nothing.
      reason = `${e}`.replace(/\bError: /g, '');
      if (event.RequestType == 'Create') id = CREATE_FAILED_PREFIX + event.RequestId;
    }
    clearTimeout(timer);
    await respond(
      event.ResponseURL,
      responseBody({
        Status: status,
        Reason: reason,
        PhysicalResourceId: id!,
        StackId: event.StackId,
        RequestId: event.RequestId,
        LogicalResourceId: event.LogicalResourceId,
      }),
      context,
    );
  };
