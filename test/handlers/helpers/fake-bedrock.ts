/**
 * The account's Bedrock model invocation logging configuration behind `aws-sdk-client-mock`:
 * a singleton that Put overwrites, Get reads and Delete removes, with the SDK's real input and
 * output shapes. `dropFields` imitates a Lambda runtime whose bundled AWS SDK predates some
 * fields: it neither sends nor reads them back, silently.
 */
import {
  BedrockClientResolvedConfig,
  DeleteModelInvocationLoggingConfigurationCommand,
  GetModelInvocationLoggingConfigurationCommand,
  GetModelInvocationLoggingConfigurationCommandOutput,
  LoggingConfig,
  PutModelInvocationLoggingConfigurationCommand,
  PutModelInvocationLoggingConfigurationCommandInput,
  ServiceInputTypes,
  ServiceOutputTypes,
} from '@aws-sdk/client-bedrock';
import type { AwsStub } from 'aws-sdk-client-mock';

const META = { httpStatusCode: 200, requestId: 'FAKE', attempts: 1, totalRetryDelay: 0 };

type Operation = 'get' | 'put' | 'delete';

export class FakeBedrockLogging {
  config?: LoggingConfig;
  /** Fields of `loggingConfig` the runtime's SDK does not know. */
  dropFields: (keyof LoggingConfig)[] = [];
  /** Errors the next calls of each operation throw, consumed in order. */
  readonly errors: Record<Operation, Error[]> = { get: [], put: [], delete: [] };

  constructor(config?: LoggingConfig) {
    this.config = config && this.copy(config);
  }

  attach(bedrock: AwsStub<ServiceInputTypes, ServiceOutputTypes, BedrockClientResolvedConfig>): void {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).callsFake(async () => {
      this.fail('get');
      return { $metadata: META, ...(this.config && { loggingConfig: this.copy(this.config) }) } satisfies GetModelInvocationLoggingConfigurationCommandOutput;
    });
    bedrock.on(PutModelInvocationLoggingConfigurationCommand).callsFake(async (input: PutModelInvocationLoggingConfigurationCommandInput) => {
      this.fail('put');
      this.config = this.copy(input.loggingConfig!);
      return { $metadata: META };
    });
    bedrock.on(DeleteModelInvocationLoggingConfigurationCommand).callsFake(async () => {
      this.fail('delete');
      this.config = undefined;
      return { $metadata: META };
    });
  }

  private fail(operation: Operation): void {
    const error = this.errors[operation].shift();
    if (error) throw error;
  }

  /** A deep copy without undefined members and without the fields the SDK drops. */
  private copy(config: LoggingConfig): LoggingConfig {
    const out = JSON.parse(JSON.stringify(config)) as LoggingConfig;
    for (const field of this.dropFields) delete out[field];
    return out;
  }
}
