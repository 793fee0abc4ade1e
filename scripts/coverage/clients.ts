/**
 * The AWS SDK clients of a coverage run: the management account's (the default credential chain,
 * or `--profile`) and, per assumed role, a member account's. All of them share two HTTP agents
 * (a 1,000-account run creates tens of thousands of clients, not tens of thousands of socket
 * pools), retry with the SDK's standard mode, and report every request to the gate's count.
 *
 * Endpoints: the SDK reads `AWS_ENDPOINT_URL_<SERVICE>` (the service id upper-cased, spaces as
 * `_`), then `AWS_ENDPOINT_URL`, then the shared config file, whenever no `endpoint` is passed
 * (`getEndpointUrlConfig` in @smithy/core, endpoints/middleware-endpoint/adaptors; see
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html). So nothing is passed
 * when the command runs with the process's own environment. An in-process caller with another
 * environment (the tests) gets the same two variables and its static keys read from that
 * environment instead, since the SDK only reads `process.env`. With an IP-address endpoint the S3
 * endpoint rules choose path-style addressing themselves (`parseURL(Endpoint).isIp`).
 */
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { Agent as HttpAgent } from 'http';
import { Agent as HttpsAgent } from 'https';
import { configuredEndpoint } from '../lib/aws';
import type { CallGate } from './gate';

/** Attempts per request (the first one included) when `AWS_MAX_ATTEMPTS` is not set; the SDK's default is 3. */
export const DEFAULT_MAX_ATTEMPTS = 6;

/** Temporary credentials of an assumed role. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** The clients of one member account and region. */
export interface RegionClients {
  readonly bedrock: BedrockClient;
  readonly s3: S3Client;
  readonly cloudformation: CloudFormationClient;
}

export interface ClientSettings {
  /** The command's environment variables. */
  readonly env: NodeJS.ProcessEnv;
  /** A profile of the shared config files for the management account's credentials. */
  readonly profile?: string;
  /** Sockets per agent: at least the run's concurrency. */
  readonly sockets: number;
}

/** The service id the SDK derives `AWS_ENDPOINT_URL_<SERVICE>` from. */
type ServiceId = 'Organizations' | 'STS' | 'Bedrock' | 'S3' | 'CloudFormation';

interface Counted {
  middlewareStack: { add(middleware: unknown, options: { step: 'deserialize'; name: string }): void };
}

/** Creates every client of a run; `close()` ends the sockets. */
export class ClientFactory {
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;
  private readonly maxAttempts: number;
  /** True when the SDK can read the environment itself. */
  private readonly ownEnvironment: boolean;

  constructor(
    private readonly settings: ClientSettings,
    private readonly gate: CallGate,
  ) {
    this.httpAgent = new HttpAgent({ keepAlive: true, maxSockets: settings.sockets });
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: settings.sockets });
    this.maxAttempts = Number(settings.env.AWS_MAX_ATTEMPTS) > 0 ? Number(settings.env.AWS_MAX_ATTEMPTS) : DEFAULT_MAX_ATTEMPTS;
    this.ownEnvironment = settings.env === process.env;
  }

  organizations(region: string): OrganizationsClient {
    return this.counted(new OrganizationsClient(this.config('Organizations', region)));
  }

  sts(region: string): STSClient {
    return this.counted(new STSClient(this.config('STS', region)));
  }

  /** An S3 client of an assumed role (the aggregation account's). */
  s3(region: string, credentials: Credentials): S3Client {
    return this.counted(new S3Client(this.config('S3', region, credentials)));
  }

  /** The clients of an assumed role in one region. */
  region(region: string, credentials: Credentials): RegionClients {
    return {
      bedrock: this.counted(new BedrockClient(this.config('Bedrock', region, credentials))),
      s3: this.s3(region, credentials),
      cloudformation: this.counted(new CloudFormationClient(this.config('CloudFormation', region, credentials))),
    };
  }

  /** Ends the shared sockets. The clients are not destroyed one by one: that would end the shared agents. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private config(service: ServiceId, region: string, credentials?: Credentials) {
    const env = this.settings.env;
    const endpoint = this.ownEnvironment ? undefined : configuredEndpoint(service.toUpperCase(), env);
    const management = this.ownEnvironment || env.AWS_ACCESS_KEY_ID === undefined
      ? { profile: this.settings.profile ?? (this.ownEnvironment ? undefined : env.AWS_PROFILE) }
      : { credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '', sessionToken: env.AWS_SESSION_TOKEN } };
    return {
      region,
      maxAttempts: this.maxAttempts,
      requestHandler: { httpAgent: this.httpAgent, httpsAgent: this.httpsAgent },
      ...(endpoint === undefined ? {} : { endpoint }),
      ...(credentials === undefined ? management : { credentials }),
    };
  }

  /** Adds a middleware that counts every attempt as `<service>:<Operation>`. */
  private counted<C extends Counted>(client: C): C {
    const gate = this.gate;
    client.middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: { clientName?: string; commandName?: string }) => (args: unknown) => {
        gate.count(`${(context.clientName ?? '').replace(/Client$/, '').toLowerCase()}:${(context.commandName ?? '').replace(/Command$/, '')}`);
        return next(args);
      },
      { step: 'deserialize', name: 'coverageCallCounter' },
    );
    return client;
  }
}
