/**
 * A fake AWS for the real SDK v3 clients: one HTTP endpoint on 127.0.0.1 serving Organizations,
 * STS, Bedrock, S3 and CloudFormation from one `FakeOrganization`. Point a client at it with
 * `AWS_ENDPOINT_URL` (`env()` gives the variables, with the management account's credentials).
 * Add a service by writing a `ServiceHandler` in services/ and passing it in `services` (Athena,
 * `athena.ts`, is one). The coverage, usage and publish tests all run on it.
 */
import { FakeOrganization } from './model';
import { startFakeServer, type FakeServer, type FakeServerOptions, type Handler } from './server';
import { bedrockService } from './services/bedrock';
import { cloudFormationService, type CloudFormationOptions } from './services/cloudformation';
import { organizationsService, type OrganizationsOptions } from './services/organizations';
import { s3Service, type S3Options } from './services/s3';
import { stsService } from './services/sts';

export { FakeOrganization } from './model';
export type { Handler, ThrottleContext } from './server';

/** The access key of the management account's operator (an Identity Center role session). */
export const MANAGEMENT_ACCESS_KEY = 'AKIAFAKEMANAGEMENT01';

export interface FakeAwsOptions extends Omit<FakeServerOptions, 'services'> {
  /** Page sizes and quirks of the built-in services. */
  readonly organizations?: OrganizationsOptions;
  readonly s3?: S3Options;
  readonly cloudformation?: CloudFormationOptions;
  /** Further services (or replacements, by signing name). */
  readonly services?: readonly Handler[];
}

export interface FakeAws extends FakeServer {
  readonly model: FakeOrganization;
  /** Environment variables for a process (or in-process run) that talks to the fake as the management account. */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
}

/** The five built-in services. */
function defaultServices(options: FakeAwsOptions): Handler[] {
  return [organizationsService(options.organizations), stsService(), bedrockService(), s3Service(options.s3), cloudFormationService(options.cloudformation)];
}

export async function startFakeAws(options: FakeAwsOptions): Promise<FakeAws> {
  const { model } = options;
  model.issueCredentials({ account: model.managementAccountId, arn: `arn:aws:sts::${model.managementAccountId}:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/operator` }, MANAGEMENT_ACCESS_KEY);
  const extra = options.services ?? [];
  const services = [...defaultServices(options).filter((s) => !extra.some((e) => e.signingName === s.signingName)), ...extra];
  const server = await startFakeServer({ ...options, services });
  return {
    ...server,
    model,
    env: (more = {}) => ({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ENDPOINT_URL: server.endpoint,
      AWS_ACCESS_KEY_ID: MANAGEMENT_ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: 'fake-management-secret',
      AWS_CONFIG_FILE: '/nonexistent/aws-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...more,
    }),
  };
}

/** Who the credentials of `startCallerFake` are, as STS and Organizations answer for them. */
export interface CallerState {
  /** The account the credentials are of (an Identity Center role session); undefined: STS does not know the key (InvalidClientTokenId). */
  readonly account?: string;
  /** The organization the account is the management account of; undefined: DescribeOrganization is denied to the session. */
  readonly organization?: string;
}

/**
 * The fake AWS as `publish` meets it before uploading: STS GetCallerIdentity and Organizations
 * DescribeOrganization for one access key, every request recorded in order.
 */
export async function startCallerFake(accessKeyId: string, state: CallerState): Promise<FakeAws> {
  const account = state.account ?? '000000000000';
  const model = new FakeOrganization(state.organization ?? 'o-0000000000', account);
  if (state.account !== undefined) {
    model.issueCredentials({
      account,
      arn: `arn:aws:sts::${account}:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/operator`,
      ...(state.organization === undefined ? { allowedActions: new Set(['sts:*']) } : {}),
    }, accessKeyId);
  }
  return startFakeAws({ model, recordRequests: true });
}
