/** The saved queries of the workgroup, in the order the console and the docs list them. */
import type { NamedQueryDefinition } from '../sql';
import { errorsByModel } from './errors-by-model';
import { identityInvocations } from './identity-invocations';
import { largePayloadReferences } from './large-payload-references';
import { tokensByAccountModel, tokensByAccountModelDay } from './tokens-by-account-model';
import { tokensByTeamModel } from './tokens-by-team-model';
import { topIdentities } from './top-identities';

export const NAMED_QUERIES: readonly NamedQueryDefinition[] = [
  tokensByAccountModelDay,
  tokensByAccountModel,
  tokensByTeamModel,
  topIdentities,
  errorsByModel,
  largePayloadReferences,
  identityInvocations,
];

export { tokensSql } from './tokens-by-account-model';
