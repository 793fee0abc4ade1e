/**
 * AWS CloudFormation over the query protocol: ListStacks of the caller's account in the signing
 * region, filtered by `StackStatusFilter.member.N`, paginated with NextToken (100 per page, like
 * the API), answered as `<ListStacksResponse><ListStacksResult><StackSummaries><member>...`.
 */
import type { FakeOrganization } from '../model';
import { AwsError, pageToken, tokenOffset, type ServiceHandler } from '../protocol';
import { queryProtocol } from '../query-protocol';
import { RawXml, repeated, toXml } from '../xml';

const NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
const PAGE_SIZE = 100;

export interface CloudFormationOptions {
  /** Most stacks per page. @default 100 */
  readonly pageSize?: number;
}

/** The values of a query-protocol list parameter (`Name.member.1`, `Name.member.2`, ...). */
export function memberList(params: URLSearchParams, name: string): string[] {
  const values: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i += 1) values.push(params.get(`${name}.member.${i}`) as string);
  return values;
}

export function cloudFormationService(options: CloudFormationOptions = {}): ServiceHandler<FakeOrganization> {
  const { answer, ...query } = queryProtocol('cloudformation', NAMESPACE);
  return {
    ...query,
    handle(operation, request, caller, model, requestId) {
      if (operation !== 'ListStacks') throw new AwsError('InvalidAction', `the fake does not implement ${operation}`);
      const params = new URLSearchParams(request.body);
      const filter = new Set(memberList(params, 'StackStatusFilter'));
      const stacks = (model.accounts.get(caller.account)?.regions.get(request.region)?.stacks ?? []).filter((s) => filter.size === 0 || filter.has(s.status));
      const offset = tokenOffset(params.get('NextToken'), 'ValidationError');
      const end = offset + (options.pageSize ?? PAGE_SIZE);
      const result = toXml({
        StackSummaries: new RawXml(repeated('member', stacks.slice(offset, end).map((s) => ({
          StackId: s.id, StackName: s.name, CreationTime: s.createdAt.toISOString(), StackStatus: s.status,
          DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
        })))),
        NextToken: end < stacks.length ? pageToken(end) : undefined,
      });
      return answer(operation, result, requestId);
    },
  };
}
