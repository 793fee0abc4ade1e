/**
 * AWS Organizations over its JSON 1.1 protocol (`X-Amz-Target: AWSOrganizationsV20161128.<Op>`):
 * DescribeOrganization, ListRoots, ListOrganizationalUnitsForParent, ListAccountsForParent, with
 * NextToken pagination (at most 20 per page, like the API). Only the management account may call
 * it. Timestamps are epoch seconds, as the JSON protocols write them.
 */
import { jsonProtocol } from '../json-protocol';
import type { FakeOrganization } from '../model';
import { AwsError, pageToken, tokenOffset, type ServiceHandler } from '../protocol';

const API_MAX_RESULTS = 20;
const JOINED = Date.UTC(2024, 0, 15) / 1000;

export interface OrganizationsOptions {
  /** Most items per page (the API allows up to 20). */
  readonly pageSize?: number;
  /** Answer the first page of every list with no items and a NextToken, as the API may. */
  readonly emptyFirstPage?: boolean;
}

export function organizationsService(options: OrganizationsOptions = {}): ServiceHandler<FakeOrganization> {
  const { answer: json, ...protocol } = jsonProtocol('organizations', 'AWSOrganizationsV20161128', { code: 'TooManyRequestsException', status: 400 });

  function page<T>(items: readonly T[], input: { NextToken?: string; MaxResults?: number }): { items: T[]; next?: string } {
    const size = Math.min(input.MaxResults ?? API_MAX_RESULTS, API_MAX_RESULTS, options.pageSize ?? API_MAX_RESULTS);
    if (input.MaxResults !== undefined && (input.MaxResults < 1 || input.MaxResults > API_MAX_RESULTS)) {
      throw new AwsError('InvalidInputException', `MaxResults must be from 1 to ${API_MAX_RESULTS}`);
    }
    if (options.emptyFirstPage && input.NextToken === undefined && items.length > 0) return { items: [], next: pageToken(0) };
    const offset = tokenOffset(input.NextToken);
    const end = offset + size;
    return { items: items.slice(offset, end), next: end < items.length ? pageToken(end) : undefined };
  }

  const arn = (model: FakeOrganization, kind: string, id: string) =>
    `arn:aws:organizations::${model.managementAccountId}:${kind}/${model.id}/${id}`;

  function parent(model: FakeOrganization, id: string | undefined): string {
    if (id === model.rootId || (id !== undefined && model.ous.has(id))) return id;
    throw new AwsError('ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.");
  }

  return {
    ...protocol,
    handle(operation, request, caller, model) {
      if (caller.account !== model.managementAccountId) {
        throw new AwsError('AccessDeniedException', "You don't have permissions to access this resource.");
      }
      const input = JSON.parse(request.body || '{}') as { ParentId?: string; NextToken?: string; MaxResults?: number };
      switch (operation) {
        case 'DescribeOrganization':
          return json({
            Organization: {
              Id: model.id, Arn: `arn:aws:organizations::${model.managementAccountId}:organization/${model.id}`, FeatureSet: 'ALL',
              MasterAccountArn: `arn:aws:organizations::${model.managementAccountId}:account/${model.id}/${model.managementAccountId}`,
              MasterAccountId: model.managementAccountId, MasterAccountEmail: 'management@example.com',
              AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
            },
          });
        case 'ListRoots': {
          const roots = [{ Id: model.rootId, Arn: arn(model, 'root', model.rootId), Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }];
          const { items, next } = page(roots, input);
          return json({ Roots: items, NextToken: next });
        }
        case 'ListOrganizationalUnitsForParent': {
          const parentId = parent(model, input.ParentId);
          const units = [...model.ous.values()].filter((ou) => ou.parentId === parentId).map((ou) => ({ Id: ou.id, Arn: arn(model, 'ou', ou.id), Name: ou.name }));
          const { items, next } = page(units, input);
          return json({ OrganizationalUnits: items, NextToken: next });
        }
        case 'ListAccountsForParent': {
          const parentId = parent(model, input.ParentId);
          const accounts = [...model.accounts.values()].filter((a) => a.parentId === parentId).map((a) => ({
            Id: a.id, Arn: arn(model, 'account', a.id), Email: a.email, Name: a.name, State: a.state,
            JoinedMethod: a.id === model.managementAccountId ? 'INVITED' : 'CREATED', JoinedTimestamp: JOINED,
          }));
          const { items, next } = page(accounts, input);
          return json({ Accounts: items, NextToken: next });
        }
        default:
          throw new AwsError('UnknownOperationException', `the fake does not implement ${operation}`);
      }
    },
  };
}
