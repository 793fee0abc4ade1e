import {
  AccessDeniedException,
  BedrockClient,
  DeleteModelInvocationLoggingConfigurationCommand,
  GetModelInvocationLoggingConfigurationCommand,
  InternalServerException,
  LoggingConfig,
  PutModelInvocationLoggingConfigurationCommand,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock';
import { mockClient } from 'aws-sdk-client-mock';
import { LOGGING_CONFIG_RESOURCE_TYPE } from '../../../cdk/constants';
import { CREATE_FAILED_PREFIX, GRACE_MS, Properties } from '../../../cdk/handlers/shared/custom-resource';
import { loadBundledHandler } from '../helpers/bundled-handler';
import { cfnEvent, EventOptions, lambdaContext } from '../helpers/events';
import { FakeBedrockLogging } from '../helpers/fake-bedrock';
import { ResponseServer } from '../helpers/response-server';

const bedrock = mockClient(BedrockClient);
const server = new ResponseServer();
const handler = loadBundledHandler('configure-invocation-logging');
let fake: FakeBedrockLogging;

const PHYSICAL_ID = 'bedrock-model-invocation-logging';
const BUCKET = 'bedrock-logs-111111111111-us-east-1';
const OLD_BUCKET = 'old-prefix-111111111111-us-east-1';

/** What the construct passes: every data type on, no prefix, merge. */
const props = (overrides: Properties = {}): Properties => ({
  BucketName: BUCKET,
  KeyPrefix: '',
  TextDataDeliveryEnabled: 'true',
  ImageDataDeliveryEnabled: 'true',
  EmbeddingDataDeliveryEnabled: 'true',
  VideoDataDeliveryEnabled: 'true',
  AudioDataDeliveryEnabled: 'true',
  ExistingConfiguration: 'merge',
  ...overrides,
});

const ALL_ON = {
  textDataDeliveryEnabled: true,
  imageDataDeliveryEnabled: true,
  embeddingDataDeliveryEnabled: true,
  videoDataDeliveryEnabled: true,
  audioDataDeliveryEnabled: true,
};

/** A team's own setup, found before the stack: CloudWatch Logs delivery with a large-data bucket. */
const TEAM_CLOUDWATCH = {
  logGroupName: '/team-a/bedrock-invocations',
  roleArn: 'arn:aws:iam::111111111111:role/team-a-bedrock-logging',
  largeDataDeliveryS3Config: { bucketName: 'team-a-large-bodies-111111111111', keyPrefix: 'bedrock' },
};
const TEAM_CONFIG: LoggingConfig = {
  cloudWatchConfig: TEAM_CLOUDWATCH,
  textDataDeliveryEnabled: true,
  imageDataDeliveryEnabled: true,
  embeddingDataDeliveryEnabled: false,
  videoDataDeliveryEnabled: false,
  audioDataDeliveryEnabled: false,
};

const event = (type: 'Create' | 'Update' | 'Delete', properties = props(), options: EventOptions = {}) =>
  cfnEvent(server, type, LOGGING_CONFIG_RESOURCE_TYPE, properties, {
    ...(type != 'Create' && { physicalResourceId: PHYSICAL_ID }),
    ...options,
  });

async function run(e: ReturnType<typeof event>, workMs?: number) {
  await handler(e, lambdaContext(workMs));
  return server.answerFor(e.RequestId);
}

const puts = () => bedrock.commandCalls(PutModelInvocationLoggingConfigurationCommand).map((c) => c.args[0].input.loggingConfig);
const deletes = () => bedrock.commandCalls(DeleteModelInvocationLoggingConfigurationCommand).length;

const throttled = () =>
  new ThrottlingException({ message: 'Too many requests, please wait before trying again.', $metadata: { httpStatusCode: 429 } });
const iamNotPropagated = () =>
  new ValidationException({
    message:
      'Failed to validate permissions for log group: /team-a/bedrock-invocations, with role: ' +
      'arn:aws:iam::111111111111:role/team-a-bedrock-logging. Verify the IAM role permissions are correct.',
    $metadata: { httpStatusCode: 400 },
  });
const accessDenied = () =>
  new AccessDeniedException({
    message:
      'User: arn:aws:sts::111111111111:assumed-role/bedrock-logs-config-role/fn is not authorized to perform: ' +
      'bedrock:PutModelInvocationLoggingConfiguration with an explicit deny in a service control policy',
    $metadata: { httpStatusCode: 403 },
  });

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => {
  bedrock.reset();
  server.reset();
  fake = new FakeBedrockLogging();
  fake.attach(bedrock);
  jest.spyOn(console, 'log').mockImplementation(() => {});
});

describe('Create and Update', () => {
  test("Create sets the organization's S3 delivery and data types, and reads them back", async () => {
    const answer = await run(event('Create'));
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PHYSICAL_ID, Reason: 'configured' });
    expect(puts()).toEqual([{ s3Config: { bucketName: BUCKET }, ...ALL_ON }]);
    expect(bedrock.commandCalls(GetModelInvocationLoggingConfigurationCommand)).toHaveLength(2);
    expect(fake.config).toEqual({ s3Config: { bucketName: BUCKET }, ...ALL_ON });
  });

  test('sets the key prefix and only the requested data types', async () => {
    const answer = await run(
      event('Create', props({ KeyPrefix: 'org/bedrock', ImageDataDeliveryEnabled: 'false', VideoDataDeliveryEnabled: 'false' })),
    );
    expect(answer.Status).toBe('SUCCESS');
    expect(puts()[0]).toEqual({
      s3Config: { bucketName: BUCKET, keyPrefix: 'org/bedrock' },
      ...ALL_ON,
      imageDataDeliveryEnabled: false,
      videoDataDeliveryEnabled: false,
    });
  });

  test('retries ThrottlingException, then succeeds', async () => {
    fake.errors.put.push(throttled(), throttled(), throttled());
    fake.errors.get.push(throttled());
    const answer = await run(event('Create'));
    expect(answer.Status).toBe('SUCCESS');
    expect(puts()).toHaveLength(4);
    expect(fake.config?.s3Config?.bucketName).toBe(BUCKET);
  });

  test('retries the permission ValidationException Bedrock raises right after IAM changes', async () => {
    fake.config = TEAM_CONFIG;
    fake.errors.put.push(iamNotPropagated(), iamNotPropagated());
    const answer = await run(event('Create'));
    expect(answer.Status).toBe('SUCCESS');
    expect(puts()).toHaveLength(3);
  });

  test('fails if the permission ValidationException persists, with its message, within the budget', async () => {
    fake.config = TEAM_CONFIG;
    fake.errors.put.push(...Array.from({ length: 10_000 }, iamNotPropagated));
    const answer = await run(event('Create'), 200);
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/^ValidationException: Failed to validate permissions for log group: \/team-a\/bedrock-invocations/);
    expect(puts().length).toBeGreaterThan(3);
    expect(fake.config).toEqual(TEAM_CONFIG);
  });

  test('retries a 5xx InternalServerException', async () => {
    fake.errors.put.push(new InternalServerException({ message: 'Internal error', $metadata: { httpStatusCode: 500 } }));
    expect((await run(event('Create'))).Status).toBe('SUCCESS');
    expect(puts()).toHaveLength(2);
  });

  test('fails if access is denied, at once, marking the failed Create', async () => {
    fake.errors.put.push(accessDenied());
    const e = event('Create');
    const answer = await run(e);
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(
      /^AccessDeniedException: User: .* is not authorized to perform: bedrock:PutModelInvocationLoggingConfiguration .*service control policy$/,
    );
    expect(answer.PhysicalResourceId).toBe(CREATE_FAILED_PREFIX + e.RequestId);
    expect(puts()).toHaveLength(1);
    expect(fake.config).toBeUndefined();
  });

  test('fails if a ValidationException is not about permissions, at once', async () => {
    fake.errors.put.push(
      new ValidationException({ message: '1 validation error detected: Value at bucketName failed', $metadata: { httpStatusCode: 400 } }),
    );
    const answer = await run(event('Create'));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain('ValidationException: 1 validation error detected');
    expect(puts()).toHaveLength(1);
  });

  test('fails if a requested setting does not stick, naming it, and undoes its Put', async () => {
    fake.dropFields = ['videoDataDeliveryEnabled', 'audioDataDeliveryEnabled'];
    const answer = await run(event('Create'));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(
      /^videoDataDeliveryEnabled,audioDataDeliveryEnabled did not stick: the runtime's AWS SDK may lack newer fields/,
    );
    expect(puts()).toHaveLength(1);
    expect(deletes()).toBe(1);
    expect(fake.config).toBeUndefined();
  });

  test("fails if a setting does not stick over a team's configuration, and puts theirs back", async () => {
    fake.config = TEAM_CONFIG;
    fake.dropFields = ['videoDataDeliveryEnabled'];
    const answer = await run(event('Create'));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/^videoDataDeliveryEnabled did not stick/);
    expect(puts()).toHaveLength(2);
    const { videoDataDeliveryEnabled, ...teamAsTheRuntimeSeesIt } = TEAM_CONFIG;
    expect(videoDataDeliveryEnabled).toBe(false);
    expect(fake.config).toEqual(teamAsTheRuntimeSeesIt);
  });

  test("merge keeps a team's CloudWatch delivery next to the organization's S3 delivery", async () => {
    fake.config = TEAM_CONFIG;
    const answer = await run(event('Create', props({ ImageDataDeliveryEnabled: 'false' })));
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PHYSICAL_ID });
    expect(answer.Reason).toMatch(/^configured \(was \{"cloudWatchConfig":\{"logGroupName":"\/team-a\/bedrock-invocations"/);
    // Image stays on: the team's CloudWatch delivery logged it, and that delivery is kept.
    expect(puts()).toEqual([{ s3Config: { bucketName: BUCKET }, cloudWatchConfig: TEAM_CLOUDWATCH, ...ALL_ON }]);
  });

  test("merge drops a replaced S3 delivery's extra data types when no team delivery is kept", async () => {
    fake.config = { s3Config: { bucketName: 'team-b-own-logs', keyPrefix: 'x' }, ...ALL_ON };
    const answer = await run(event('Create', props({ ImageDataDeliveryEnabled: 'false' })));
    expect(answer.Status).toBe('SUCCESS');
    expect(puts()).toEqual([{ s3Config: { bucketName: BUCKET }, ...ALL_ON, imageDataDeliveryEnabled: false }]);
  });

  test('overwrite replaces the whole configuration', async () => {
    fake.config = TEAM_CONFIG;
    const answer = await run(event('Create', props({ ExistingConfiguration: 'overwrite', AudioDataDeliveryEnabled: 'false' })));
    expect(answer.Status).toBe('SUCCESS');
    expect(fake.config).toEqual({ s3Config: { bucketName: BUCKET }, ...ALL_ON, audioDataDeliveryEnabled: false });
  });

  test('fails if a configuration exists and ExistingConfiguration is fail, naming it', async () => {
    fake.config = TEAM_CONFIG;
    const answer = await run(event('Create', props({ ExistingConfiguration: 'fail' })));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain('already configured: {"cloudWatchConfig":{"logGroupName":"/team-a/bedrock-invocations"');
    expect(answer.Reason).toContain('and ExistingConfiguration is fail: remove it, or use merge or overwrite');
    expect(puts()).toHaveLength(0);
    expect(fake.config).toEqual(TEAM_CONFIG);
  });

  test.each(['merge', 'overwrite', 'fail'])('is idempotent under duplicate delivery of a Create (%s)', async (policy) => {
    fake.config = policy == 'fail' ? undefined : TEAM_CONFIG;
    const e = event('Create', props({ ExistingConfiguration: policy }));
    await handler(e, lambdaContext());
    const first = fake.config;
    await handler(e, lambdaContext());
    const answers = server.answers.filter((a) => a.RequestId == e.RequestId);
    expect(answers.map((a) => [a.Status, a.PhysicalResourceId])).toEqual([
      ['SUCCESS', PHYSICAL_ID],
      ['SUCCESS', PHYSICAL_ID],
    ]);
    expect(puts()).toHaveLength(2);
    expect(puts()[1]).toEqual(puts()[0]);
    expect(fake.config).toEqual(first);
  });

  test('Update keeps the physical ID and turns off a data type the organization no longer requests', async () => {
    // Created with image off: the team's image stayed on. Now video goes off too.
    fake.config = { s3Config: { bucketName: BUCKET }, cloudWatchConfig: TEAM_CLOUDWATCH, ...ALL_ON };
    const oldProperties = props({ ImageDataDeliveryEnabled: 'false' });
    const answer = await run(
      event('Update', props({ ImageDataDeliveryEnabled: 'false', VideoDataDeliveryEnabled: 'false' }), { oldProperties }),
    );
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PHYSICAL_ID, Reason: 'configured' });
    expect(fake.config).toEqual({
      s3Config: { bucketName: BUCKET },
      cloudWatchConfig: TEAM_CLOUDWATCH,
      ...ALL_ON,
      videoDataDeliveryEnabled: false,
    });
  });

  test("Update to a new bucket counts the old bucket's configuration as this stack's own", async () => {
    fake.config = { s3Config: { bucketName: OLD_BUCKET }, ...ALL_ON };
    const e = event('Update', props({ ExistingConfiguration: 'fail' }), {
      oldProperties: props({ BucketName: OLD_BUCKET, ExistingConfiguration: 'fail' }),
    });
    const answer = await run(e);
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PHYSICAL_ID, Reason: 'configured' });
    expect(fake.config?.s3Config).toEqual({ bucketName: BUCKET });
  });

  test('fails if an Update fails, keeping the physical ID and not undoing anything', async () => {
    fake.config = { s3Config: { bucketName: BUCKET }, ...ALL_ON };
    fake.dropFields = ['audioDataDeliveryEnabled'];
    const answer = await run(event('Update', props(), { oldProperties: props() }));
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: PHYSICAL_ID });
    // CloudFormation's rollback Update puts the previous settings back.
    expect(deletes()).toBe(0);
    expect(puts()).toHaveLength(1);
  });

  test('fails if the properties are invalid', async () => {
    const answer = await run(event('Create', props({ ExistingConfiguration: 'Merge', TextDataDeliveryEnabled: 'yes' })));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/^invalid properties \{.*"TextDataDeliveryEnabled":"yes".*"ExistingConfiguration":"Merge"/);
    expect(bedrock.commandCalls(PutModelInvocationLoggingConfigurationCommand)).toHaveLength(0);
  });

  test('fails if throttling outlasts the time budget, and still answers in time', async () => {
    fake.errors.put.push(...Array.from({ length: 10_000 }, throttled));
    const started = Date.now();
    const answer = await run(event('Create'), 300);
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/^ThrottlingException: Too many requests/);
    expect(puts().length).toBeGreaterThan(3);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('fails if an AWS call hangs: the answer goes out shortly after the deadline', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).callsFake(() => new Promise(() => {}));
    const started = Date.now();
    // The work deadline has just passed: the hang is cut GRACE_MS after it.
    const answer = await run(event('Create'), 200 - GRACE_MS);
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toBe('time budget spent');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('fails if an unexpected exception is thrown, with a useful reason', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves(undefined as never);
    const answer = await run(event('Create'));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/^TypeError: Cannot read properties of undefined \(reading 'loggingConfig'\)/);
  });
});

describe('Delete', () => {
  test('removes the configuration this stack set', async () => {
    fake.config = { s3Config: { bucketName: BUCKET }, ...ALL_ON };
    const answer = await run(event('Delete'));
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PHYSICAL_ID, Reason: 'deleted' });
    expect(fake.config).toBeUndefined();
  });

  test("leaves a configuration that is not this stack's alone, and says so", async () => {
    fake.config = { s3Config: { bucketName: 'someone-else' }, textDataDeliveryEnabled: true };
    const answer = await run(event('Delete'));
    expect(answer).toMatchObject({
      Status: 'SUCCESS',
      Reason: 'left alone: {"s3Config":{"bucketName":"someone-else"},"textDataDeliveryEnabled":true} is not this stack\'s',
    });
    expect(puts()).toHaveLength(0);
    expect(deletes()).toBe(0);
  });

  test("restores the team's CloudWatch-only configuration it had merged with", async () => {
    fake.config = { s3Config: { bucketName: BUCKET }, cloudWatchConfig: TEAM_CLOUDWATCH, ...ALL_ON };
    const answer = await run(event('Delete'));
    expect(answer).toMatchObject({ Status: 'SUCCESS', Reason: 'restored the CloudWatch-only configuration' });
    expect(fake.config).toEqual({ cloudWatchConfig: TEAM_CLOUDWATCH, ...ALL_ON });
    expect(deletes()).toBe(0);
  });

  test('answers SUCCESS when there is no configuration', async () => {
    const answer = await run(event('Delete'));
    expect(answer).toMatchObject({ Status: 'SUCCESS', Reason: 'no configuration' });
    expect(deletes()).toBe(0);
  });

  test('is idempotent under duplicate delivery', async () => {
    fake.config = { s3Config: { bucketName: BUCKET }, ...ALL_ON };
    const e = event('Delete');
    await handler(e, lambdaContext());
    await handler(e, lambdaContext());
    expect(server.answers.filter((a) => a.RequestId == e.RequestId).map((a) => [a.Status, a.Reason])).toEqual([
      ['SUCCESS', 'deleted'],
      ['SUCCESS', 'no configuration'],
    ]);
    expect(deletes()).toBe(1);
  });

  test('after a failed Create, answers SUCCESS without calling Bedrock', async () => {
    fake.config = { s3Config: { bucketName: BUCKET }, ...ALL_ON }; // whatever is there stays
    fake.errors.put.push(accessDenied());
    const create = await run(event('Create', props({ KeyPrefix: 'new' })));
    expect(create.Status).toBe('FAILED');
    bedrock.resetHistory();

    const answer = await run(event('Delete', props({ KeyPrefix: 'new' }), { physicalResourceId: create.PhysicalResourceId }));
    expect(answer).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: create.PhysicalResourceId,
      Reason: 'Create had failed',
    });
    expect(bedrock.calls()).toHaveLength(0);
    expect(fake.config).toEqual({ s3Config: { bucketName: BUCKET }, ...ALL_ON });
  });

  test('fails if Bedrock keeps refusing, so the bucket is not deleted under a live configuration', async () => {
    fake.config = { s3Config: { bucketName: BUCKET }, ...ALL_ON };
    fake.errors.delete.push(accessDenied());
    const answer = await run(event('Delete'));
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: PHYSICAL_ID });
    expect(fake.config?.s3Config?.bucketName).toBe(BUCKET);
  });
});
