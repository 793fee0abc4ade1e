/**
 * The query layer of the aggregation account: the Athena workgroup, the Glue database and table, the
 * results bucket. Changing them is for the exempt principals (CloudFormation deploys them as the
 * execution role); analysts query, Athena reads the logs and writes results with the analyst's own
 * credentials, and reading stays an IAM decision of the aggregation account.
 */
import {
  athenaWorkgroupArn,
  bucketArn,
  glueCatalogArn,
  glueDatabaseArn,
  glueTableArn,
  KEYS,
  objectArn,
  roleArn,
  SERVICE_PRINCIPALS,
} from '../../../cdk/policies';
import type { MatrixContext } from './context';
import { BUCKET_ATTACKS } from './member-attacks';
import { AREAS, type RequestSpec } from './types';

/** Another team's Glue database and Athena workgroup in the aggregation account. */
const TEAM_DATABASE = 'team_analytics';
const PRIMARY_WORKGROUP = 'primary';
const QUERY_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/**
 * The request context of a call Athena makes with the caller's credentials (forward access
 * session): the chain of services in `aws:CalledVia`, its first and last, and `aws:ViaAWSService`.
 */
export const VIA_ATHENA: Readonly<Record<string, string | string[]>> = {
  [KEYS.calledVia]: [SERVICE_PRINCIPALS.athena],
  'aws:CalledViaFirst': SERVICE_PRINCIPALS.athena,
  'aws:CalledViaLast': SERVICE_PRINCIPALS.athena,
  'aws:ViaAWSService': 'true',
};

export function addQueryRows(ctx: MatrixContext): void {
  const { world, names, config, aggregation, member } = ctx;
  if (!config.query.enabled) return;
  const region = config.aggregation.region;
  const workgroup = athenaWorkgroupArn(region, aggregation, names.queryWorkgroup);
  const database = glueDatabaseArn(region, aggregation, names.queryDatabase);
  const table = glueTableArn(region, aggregation, names.queryDatabase, names.queryTable);
  const resultsName = names.queryResultsBucket(aggregation, region);
  const results = bucketArn(resultsName);
  const result = objectArn(resultsName, `${QUERY_ID}.csv`);
  const at = (attempt: string, action: string, resource: string, context?: Readonly<Record<string, string | string[]>>, account = aggregation): RequestSpec =>
    ({ area: AREAS.query, attempt, action, resource, resourceAccount: account, region, ...(context ? { context } : {}) });

  const attacks: RequestSpec[] = [
    at("point the workgroup's results elsewhere or switch its enforcement off", 'athena:UpdateWorkGroup', workgroup),
    at('delete the workgroup', 'athena:DeleteWorkGroup', workgroup),
    at('pre-create the workgroup before the stack does', 'athena:CreateWorkGroup', workgroup),
    at("remove the workgroup's audit tag", 'athena:UntagResource', workgroup),
    at('rewrite a saved query of the project', 'athena:UpdateNamedQuery', workgroup),
    at('delete a saved query of the project', 'athena:DeleteNamedQuery', workgroup),
    at("change the table's location (re-point it)", 'glue:UpdateTable', table),
    at('delete the table', 'glue:DeleteTable', table),
    at('create a table in the database', 'glue:CreateTable', glueTableArn(region, aggregation, names.queryDatabase, `${names.queryTable}_forged`)),
    at('update the database', 'glue:UpdateDatabase', database),
    at('delete the database', 'glue:DeleteDatabase', database),
    at('pre-create the database before the stack does', 'glue:CreateDatabase', database),
    at('pre-create the results bucket name before the stack does', 's3:CreateBucket', results),
    ...BUCKET_ATTACKS.map(([action, attempt]) => at(`results bucket: ${attempt}`, action, results)),
    at('forge a query result (write it directly)', 's3:PutObject', result),
    at('delete a query result', 's3:DeleteObject', result),
  ];
  const aggregationAdmin = ctx.person('aggregation admin', world.aggregation, roleArn(aggregation, 'Admin'));
  const aggregationExecution = ctx.person('execution role (aggregation)', world.aggregation, roleArn(aggregation, config.executionRoleName));
  for (const spec of attacks) ctx.add(aggregationAdmin, spec, 'Denied');
  const analyst = ctx.person('analyst (aggregation account)', world.aggregation, roleArn(aggregation, 'Analyst'));
  ctx.add(analyst, at('drop the table through Athena DDL (Athena calls Glue as the analyst)', 'glue:DeleteTable', table, VIA_ATHENA), 'Denied');
  const memberAdmin = ctx.person('member admin', world.member, roleArn(member, 'Admin'));
  ctx.add(memberAdmin, at('squat the results bucket name from a member account (bucket names are global)', 's3:CreateBucket', results), 'Denied');
  for (const spec of attacks) ctx.add(aggregationExecution, spec, 'Allowed');

  for (const spec of [
    at('run a query in the workgroup', 'athena:StartQueryExecution', workgroup),
    at("poll the query's state", 'athena:GetQueryExecution', workgroup),
    at("read the query's results", 'athena:GetQueryResults', workgroup),
    at('stop a running query', 'athena:StopQueryExecution', workgroup),
    at("read the workgroup's settings", 'athena:GetWorkGroup', workgroup),
    at('list the saved queries', 'athena:ListNamedQueries', workgroup),
    at('read saved queries', 'athena:BatchGetNamedQuery', workgroup),
    at('save a query of their own', 'athena:CreateNamedQuery', workgroup),
    at('prepare a statement (SQL PREPARE)', 'athena:CreatePreparedStatement', workgroup),
    at('read the database', 'glue:GetDatabase', database),
    at('read the table definition', 'glue:GetTable', table),
    at("list the table's partitions", 'glue:GetPartitions', table),
    at('Athena finds the results bucket', 's3:GetBucketLocation', results, VIA_ATHENA),
    at("Athena writes a query result with the analyst's credentials", 's3:PutObject', result, VIA_ATHENA),
    at('Athena aborts a multipart result upload', 's3:AbortMultipartUpload', result, VIA_ATHENA),
    at("Athena lists a result's upload parts", 's3:ListMultipartUploadParts', result, VIA_ATHENA),
    at("Athena reads a result back (GetQueryResults)", 's3:GetObject', result, VIA_ATHENA),
    at('Athena reads a central log object', 's3:GetObject', ctx.centralObject, VIA_ATHENA),
    at('Athena lists the central bucket (partition pruning)', 's3:ListBucket', ctx.centralBucket, VIA_ATHENA),
    at('download a query result', 's3:GetObject', result),
    at('list the results bucket', 's3:ListBucket', results),
  ]) {
    ctx.add(analyst, spec, 'Allowed');
  }

  for (const spec of [
    at("change another team's table", 'glue:UpdateTable', glueTableArn(region, aggregation, TEAM_DATABASE, 'events')),
    at("create a table in another team's database", 'glue:CreateTable', glueTableArn(region, aggregation, TEAM_DATABASE, 'daily')),
    at("delete another team's database", 'glue:DeleteDatabase', glueDatabaseArn(region, aggregation, TEAM_DATABASE)),
    at(`change the ${PRIMARY_WORKGROUP} workgroup`, 'athena:UpdateWorkGroup', athenaWorkgroupArn(region, aggregation, PRIMARY_WORKGROUP)),
    at(`delete a saved query of the ${PRIMARY_WORKGROUP} workgroup`, 'athena:DeleteNamedQuery', athenaWorkgroupArn(region, aggregation, PRIMARY_WORKGROUP)),
  ]) {
    ctx.add(aggregationAdmin, spec, 'Allowed');
  }
  ctx.add(aggregationAdmin, at('grant another account read access to the Data Catalog (catalog resource policy)', 'glue:PutResourcePolicy', glueCatalogArn(region, aggregation)), 'Allowed',
    { residual: "who may read the catalog stays the aggregation account's IAM decision; it cannot change the table, and the logs stay behind the central bucket policy" });
  // The workgroup and database are protected in the aggregation account only: namesakes elsewhere are the teams' own.
  ctx.add(memberAdmin, at('create a Glue database of the same name in a member account', 'glue:CreateDatabase', glueDatabaseArn(region, member, names.queryDatabase), undefined, member), 'Allowed');
  ctx.add(memberAdmin, at('create an Athena workgroup of the same name in a member account', 'athena:CreateWorkGroup', athenaWorkgroupArn(region, member, names.queryWorkgroup), undefined, member), 'Allowed');
}
