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
 * - A successful Create or Update answers with `physicalId(properties)`; Delete, and a failed
 *   Update, answer with the ID they were given. Every exception becomes `FAILED` with the error as
 *   the reason.
 */
import { describeError } from './errors';
import { type CfnResponse, respond, responseBody, type RemainingTime } from './respond';

/** Time kept back from the work for answering, in milliseconds. */
export const RESERVE_MS = 20_000;

/** How long after its deadline work that has not returned is abandoned, in milliseconds. */
export const GRACE_MS = 5_000;

/** Prefix of the physical ID of a resource whose Create failed. */
export const CREATE_FAILED_PREFIX = 'CREATE_FAILED:';

/** Resource properties: CloudFormation passes every value as a string. */
export type Properties = Readonly<Record<string, string | undefined>>;

interface CfnEventCommon {
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly ResourceType: string;
  readonly ResourceProperties: Properties;
}

export interface CfnCreateEvent extends CfnEventCommon {
  readonly RequestType: 'Create';
}

export interface CfnUpdateEvent extends CfnEventCommon {
  readonly RequestType: 'Update';
  readonly PhysicalResourceId: string;
  readonly OldResourceProperties: Properties;
}

export interface CfnDeleteEvent extends CfnEventCommon {
  readonly RequestType: 'Delete';
  readonly PhysicalResourceId: string;
}

/** The custom resource request, as CloudFormation sends it. */
export type CfnEvent = CfnCreateEvent | CfnUpdateEvent | CfnDeleteEvent;

/** The part of the Lambda context the handlers use. */
export type LambdaContext = RemainingTime;

/** What successful work reports: the `Reason`, and `Data` for `Fn::GetAtt`. */
export interface Outcome {
  readonly reason: string;
  readonly data?: Readonly<Record<string, string>>;
}

/** Does the resource's work by `deadline` (epoch milliseconds); throws to fail the resource. */
export type Work = (event: CfnEvent, deadline: number) => Promise<Outcome>;

export type Handler = (event: CfnEvent, context: LambdaContext) => Promise<void>;

/** Wraps `work` into a Lambda handler that answers CloudFormation exactly once. */
export function customResource(physicalId: (properties: Properties) => string, work: Work): Handler {
  return async (event, context) => {
    console.log(JSON.stringify({ ...event, ResponseURL: undefined }));
    const deadline = Date.now() + context.getRemainingTimeInMillis() - RESERVE_MS;
    const response = await answer(event, deadline, physicalId, work);
    await respond(event.ResponseURL, responseBody(response), context);
  };
}

async function answer(
  event: CfnEvent,
  deadline: number,
  physicalId: (properties: Properties) => string,
  work: Work,
): Promise<CfnResponse> {
  const common = { StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId };
  if (event.RequestType === 'Delete' && event.PhysicalResourceId.startsWith(CREATE_FAILED_PREFIX)) {
    return { ...common, Status: 'SUCCESS', Reason: 'Create had failed', PhysicalResourceId: event.PhysicalResourceId };
  }
  try {
    const outcome = await withinBudget(work(event, deadline), deadline + GRACE_MS);
    return {
      ...common,
      Status: 'SUCCESS',
      Reason: outcome.reason,
      PhysicalResourceId: event.RequestType === 'Delete' ? event.PhysicalResourceId : physicalId(event.ResourceProperties),
      ...(outcome.data && { Data: outcome.data }),
    };
  } catch (error) {
    return {
      ...common,
      Status: 'FAILED',
      Reason: describeError(error),
      PhysicalResourceId: event.RequestType === 'Create' ? CREATE_FAILED_PREFIX + event.RequestId : event.PhysicalResourceId,
    };
  }
}

/** `work`'s result, or a `time budget spent` error if it has not settled by `abandonAt`. */
async function withinBudget<T>(work: Promise<T>, abandonAt: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('time budget spent')), abandonAt - Date.now());
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
