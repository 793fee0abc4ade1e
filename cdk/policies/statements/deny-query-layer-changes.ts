import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_QUERY_LAYER_CHANGES_SID = 'DenyQueryLayerChanges';

/**
 * Using the Athena workgroup: reading it, its query executions, results and saved queries (`Get*`,
 * `List*`, `BatchGet*`), running and stopping queries, saving new queries, and prepared statements
 * (`*PreparedStatement`: Create, Update, Delete, Get, BatchGet; the project ships none, and SQL
 * `PREPARE`/`EXECUTE` needs them).
 */
export const ATHENA_WORKGROUP_USE_ACTIONS = [
  'athena:Get*',
  'athena:List*',
  'athena:BatchGet*',
  'athena:StartQueryExecution',
  'athena:StopQueryExecution',
  'athena:CreateNamedQuery',
  'athena:*PreparedStatement',
] as const;

/** Reading the Glue Data Catalog: what Athena calls to plan a query, and what analysts browse. */
export const GLUE_READ_ACTIONS = ['glue:Get*', 'glue:BatchGet*', 'glue:Search*', 'glue:List*'] as const;

/**
 * The definitions the queries run on, by exact ARN in the aggregation account: the Athena workgroup,
 * the Glue database (the prefix with `_` for `-`, which `<prefix>-*` never matches) and every table
 * in it. Anything but using the workgroup and reading the catalog is for the exempt principals only
 * (CloudFormation deploys them as the execution role); `NotAction` also covers actions added later.
 *
 * Workgroup: every Athena action that takes it as its resource (Service Authorization Reference,
 * Amazon Athena: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonathena.html)
 * other than the use above, so `UpdateWorkGroup` (re-pointing the results, switching enforcement,
 * encryption or the scan cutoff off), `DeleteWorkGroup`, `CreateWorkGroup` (pre-creating the name),
 * `TagResource`/`UntagResource`, `PutCapacityAssignmentConfiguration`, the Spark notebook and
 * session actions and the deprecated `CancelQueryExecution` (`StopQueryExecution` replaces it).
 * Saved queries have no ARN of their own: `UpdateNamedQuery` and `DeleteNamedQuery` take the
 * workgroup as their resource, and no condition key tells one saved query from another. Denying
 * them keeps the project's saved queries as deployed (nobody can rewrite "tokens per account" to
 * leave an account out); the price is that analysts cannot change or delete the queries they save
 * in this workgroup (they can save new ones, or keep drafts in another workgroup).
 *
 * Catalog: creating the database (pre-creating the name), updating or deleting it, creating a table
 * in it, updating a table (re-pointing its location or projection), deleting tables or table
 * versions, partition and partition-index writes, column statistics, optimizers, integrations,
 * tags. Glue authorizes a table action on the catalog, database and table ARNs of the request
 * together, a database action on the catalog and database ARNs (Service Authorization Reference, AWS
 * Glue: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsglue.html;
 * "Specifying AWS Glue resource ARNs": https://docs.aws.amazon.com/glue/latest/dg/glue-specifying-resource-arns.html).
 * The statement names the database and its tables, never the catalog: a request about another
 * database carries none of these ARNs and stays an ordinary IAM decision, while every request about
 * this database carries the database ARN and is caught, from the API or from Athena DDL alike
 * (Athena calls Glue with the caller's permissions: "Configure access to databases and tables in the
 * AWS Glue Data Catalog", https://docs.aws.amazon.com/athena/latest/ug/fine-grained-access-to-glue-resources.html).
 *
 * Left open on purpose: the catalog's resource policy (`glue:PutResourcePolicy` on the catalog ARN)
 * and Lake Formation grants. They decide who may read the catalog, which stays the aggregation
 * account's IAM decision, and cannot change or re-point the table; the logs themselves stay behind
 * the central bucket's policy, which `deny-bucket-changes` protects. Off with `query.enabled: false`.
 */
export function denyQueryLayerChanges(config: ResolvedConfig): PolicyStatement | undefined {
  if (!config.query.enabled) return undefined;
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_QUERY_LAYER_CHANGES_SID,
    notAction: [...ATHENA_WORKGROUP_USE_ACTIONS, ...GLUE_READ_ACTIONS],
    resource: [scope.queryWorkgroup, scope.queryDatabase, scope.queryTables],
    condition: principalNotLike(scope.exemptPrincipals),
  });
}
