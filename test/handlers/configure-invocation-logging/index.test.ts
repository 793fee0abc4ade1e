import type { LoggingConfig } from '@aws-sdk/client-bedrock';
import { LOGGING_CONFIG_RESOURCE_TYPE } from '../../../cdk/constants';
import { LOGGING_PHYSICAL_ID as PHYSICAL_ID } from '../../../cdk/handlers/configure-invocation-logging/properties';
import { CREATE_FAILED_PREFIX, GRACE_MS, type Properties } from '../../../cdk/handlers/shared/custom-resource';
import { LambdaSandbox, type ProcessRun } from '../helpers/bundled-handler';
import { cfnEvent, type EventOptions } from '../helpers/events';
import { bedrockErrors, FakeBedrock } from '../helpers/fake-bedrock';
import { ResponseServer } from '../helpers/response-server';

/**
 * The bundled handler runs in a fresh Node.js process per invocation, from a folder where no
 * `@aws-sdk/*` package resolves, against a fake Bedrock endpoint and a fake ResponseURL.
 */
const fake = new FakeBedrock();
const server = new ResponseServer();
let sandbox: LambdaSandbox;
let lastRun: ProcessRun;

const BUCKET = 'bedrock-logs-111111111111-us-east-1';
const OLD_BUCKET = 'old-prefix-111111111111-us-east-1';

/** What the construct passes: every data type on, no prefix, merge. */
export const props = (overrides: Properties = {}): Properties => ({
  BucketName: BUCKET,
  KeyPrefix: '',
  TextDataDeliveryEnabled: 'true',
  ImageDataDeliveryEnabled: 'true',
  EmbeddingDataDeliveryEnabled: 'true',
  VideoDataDeliveryEnabled: 'true',
  AudioDataDeliveryEnabled: 'true',
  ExistingConfiguration: 'merge',
  RequireAllDataTypes: 'false',
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

/** The organization's CloudWatch Logs destination, as a later option of the construct passes it. */
const ORG_CLOUDWATCH_PROPS = {
  CloudWatchLogGroupName: '/aws/bedrock/bedrock-logs-invocations',
  CloudWatchRoleArn: 'arn:aws:iam::111111111111:role/bedrock-logs-cloudwatch-us-east-1',
  LargeDataBucketName: BUCKET,
  LargeDataKeyPrefix: 'large-data',
};
const ORG_CLOUDWATCH = {
  logGroupName: '/aws/bedrock/bedrock-logs-invocations',
  roleArn: 'arn:aws:iam::111111111111:role/bedrock-logs-cloudwatch-us-east-1',
  largeDataDeliveryS3Config: { bucketName: BUCKET, keyPrefix: 'large-data' },
};

const event = (type: 'Create' | 'Update' | 'Delete', properties = props(), options: EventOptions = {}) =>
  cfnEvent(server, type, LOGGING_CONFIG_RESOURCE_TYPE, properties, {
    ...(type !== 'Create' && { physicalResourceId: PHYSICAL_ID }),
    ...(type === 'Update' && !options.oldProperties && { oldProperties: properties }),
    ...options,
  });

/** Runs the handler for each event in one process (as a warm Lambda environment would). */
async function invoke(events: ReturnType<typeof event>[], workMs?: number): Promise<ProcessRun> {
  lastRun = await sandbox.invoke(events, { env: { AWS_ENDPOINT_URL_BEDROCK: fake.url }, workMs });
  if (lastRun.exitCode !== 0) throw new Error(`the handler process failed:\n${lastRun.stderr}`);
  return lastRun;
}

/** Runs the handler once and returns CloudFormation's one answer. */
async function run(e: ReturnType<typeof event>, workMs?: number) {
  await invoke([e], workMs);
  return server.answerFor(e.RequestId);
}

const puts = () => fake.puts();

beforeAll(async () => {
  await Promise.all([server.start(), fake.start()]);
  sandbox = LambdaSandbox.create('configure-invocation-logging');
});
afterAll(async () => {
  await Promise.all([server.stop(), fake.stop()]);
  sandbox.dispose();
});
beforeEach(() => {
  fake.reset();
  server.reset();
});

describe('the wire', () => {
  test('signs every call with SigV4 and the credentials Lambda puts in the environment', async () => {
    await run(event('Create'));
    expect(fake.requests.map((r) => r.operation)).toEqual(['get', 'put', 'get']);
    for (const { headers } of fake.requests) {
      expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request, /);
      expect(headers['x-amz-security-token']).toBe('example-session-token');
    }
  });

  test('puts all five data-type flags, serialized by the bundled client', async () => {
    await run(event('Create'));
    expect(puts()).toEqual([{ s3Config: { bucketName: BUCKET }, ...ALL_ON }]);
  });
});

describe('whatever AWS SDK the Lambda runtime carries', () => {
  test('runs with no @aws-sdk/client-bedrock resolvable, and the Put carries all five data-type flags', async () => {
    const e = event('Create');
    const result = await sandbox.invoke([e], { env: { AWS_ENDPOINT_URL_BEDROCK: fake.url } }, ['@aws-sdk/client-bedrock', '@aws-sdk/core']);
    expect(result.resolvable).toEqual({ '@aws-sdk/client-bedrock': false, '@aws-sdk/core': false });
    expect(server.answerFor(e.RequestId)).toMatchObject({ Status: 'SUCCESS', Reason: 'configured' });
    expect(puts()).toEqual([{ s3Config: { bucketName: BUCKET }, ...ALL_ON }]);
  });

  test("never loads the runtime's own client-bedrock, even when one resolves", async () => {
    const withRuntimeSdk = LambdaSandbox.create('configure-invocation-logging', {
      'node_modules/@aws-sdk/client-bedrock/package.json': JSON.stringify({ name: '@aws-sdk/client-bedrock', version: '3.188.0', main: 'index.js' }),
      'node_modules/@aws-sdk/client-bedrock/index.js': "throw new Error(\"the runtime's own client-bedrock was loaded\");",
    });
    try {
      const e = event('Create');
      const result = await withRuntimeSdk.invoke([e], { env: { AWS_ENDPOINT_URL_BEDROCK: fake.url } }, ['@aws-sdk/client-bedrock']);
      expect(result.resolvable).toEqual({ '@aws-sdk/client-bedrock': true });
      expect(result.exitCode).toBe(0);
      expect(server.answerFor(e.RequestId).Status).toBe('SUCCESS');
      expect(puts()).toEqual([{ s3Config: { bucketName: BUCKET }, ...ALL_ON }]);
    } finally {
      withRuntimeSdk.dispose();
    }
  });
});

describe('Create and Update', () => {
  test("Create sets the organization's S3 delivery and data types, and reads them back", async () => {
    const answer = await run(event('Create'));
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PHYSICAL_ID, Reason: 'configured' });
    expect(answer.Data).toEqual({ ActiveDataTypes: 'text,image,embedding,video,audio', NotOfferedDataTypes: '' });
    expect(fake.count('get')).toBe(2);
    expect(fake.config).toEqual({ s3Config: { bucketName: BUCKET }, ...ALL_ON });
  });

  test('sets the key prefix and only the requested data types', async () => {
    const answer = await run(
      event('Create', props({ KeyPrefix: 'org/bedrock', ImageDataDeliveryEnabled: 'false', VideoDataDeliveryEnabled: 'false' })),
    );
    expect(answer.Status).toBe('SUCCESS');
    expect(answer.Data?.ActiveDataTypes).toBe('text,embedding,audio');
    expect(puts()[0]).toEqual({
      s3Config: { bucketName: BUCKET, keyPrefix: 'org/bedrock' },
      ...ALL_ON,
      imageDataDeliveryEnabled: false,
      videoDataDeliveryEnabled: false,
    });
  });

  test('retries ThrottlingException, then succeeds', async () => {
    fake.errors.put.push(bedrockErrors.throttled(), bedrockErrors.throttled(), bedrockErrors.throttled());
    fake.errors.get.push(bedrockErrors.throttled());
    const answer = await run(event('Create'));
    expect(answer.Status).toBe('SUCCESS');
    expect(puts()).toHaveLength(4);
    expect(fake.config?.s3Config?.bucketName).toBe(BUCKET);
  });

  test('retries the permission ValidationException Bedrock raises right after IAM changes', async () => {
    fake.reset(TEAM_CONFIG);
    fake.errors.put.push(bedrockErrors.iamNotPropagated(), bedrockErrors.iamNotPropagated());
    const answer = await run(event('Create'));
    expect(answer.Status).toBe('SUCCESS');
    expect(puts()).toHaveLength(3);
  });

  test('fails if the permission ValidationException persists, with its message, within the budget', async () => {
    fake.reset(TEAM_CONFIG);
    fake.errors.put.push(...Array.from({ length: 10_000 }, bedrockErrors.iamNotPropagated));
    const answer = await run(event('Create'), 2000); // generous: each attempt is an HTTP round trip on a shared machine
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/^ValidationException: Failed to validate permissions for log group: \/team-a\/bedrock-invocations/);
    expect(puts().length).toBeGreaterThan(3);
    expect(fake.config).toEqual(TEAM_CONFIG);
  });

  test('retries a 5xx InternalServerException', async () => {
    fake.errors.put.push(bedrockErrors.internal());
    expect((await run(event('Create'))).Status).toBe('SUCCESS');
    expect(puts()).toHaveLength(2);
  });

  test('fails if access is denied, at once, marking the failed Create', async () => {
    fake.errors.put.push(bedrockErrors.accessDenied());
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

  test('fails if a ValidationException is not about permissions or data types, at once', async () => {
    fake.errors.put.push(bedrockErrors.invalidBucket());
    const answer = await run(event('Create'));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain('ValidationException: 1 validation error detected');
    expect(puts()).toHaveLength(1);
  });

  test('fails if a requested setting does not stick, naming it, and undoes its Put', async () => {
    fake.forcedOff.add('videoDataDeliveryEnabled').add('audioDataDeliveryEnabled');
    const answer = await run(event('Create'));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/^videoDataDeliveryEnabled,audioDataDeliveryEnabled did not stick: Bedrock returned \{/);
    expect(puts()).toHaveLength(1);
    expect(fake.count('delete')).toBe(1);
    expect(fake.config).toBeUndefined();
  });

  test("fails if a setting does not stick over a team's configuration, and puts theirs back", async () => {
    fake.reset(TEAM_CONFIG);
    fake.forcedOff.add('imageDataDeliveryEnabled');
    const answer = await run(event('Create'));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/^imageDataDeliveryEnabled did not stick/);
    expect(puts()).toHaveLength(2);
    expect(puts()[1]).toEqual(TEAM_CONFIG);
  });

  test("merge keeps a team's CloudWatch delivery next to the organization's S3 delivery", async () => {
    fake.reset(TEAM_CONFIG);
    const answer = await run(event('Create', props({ ImageDataDeliveryEnabled: 'false' })));
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PHYSICAL_ID });
    expect(answer.Reason).toMatch(/^configured \(was \{"cloudWatchConfig":\{"logGroupName":"\/team-a\/bedrock-invocations"/);
    // Image stays on: the team's CloudWatch delivery logged it, and that delivery is kept.
    expect(puts()).toEqual([{ s3Config: { bucketName: BUCKET }, cloudWatchConfig: TEAM_CLOUDWATCH, ...ALL_ON }]);
  });

  test("merge drops a replaced S3 delivery's extra data types when no team delivery is kept", async () => {
    fake.reset({ s3Config: { bucketName: 'team-b-own-logs', keyPrefix: 'x' }, ...ALL_ON });
    const answer = await run(event('Create', props({ ImageDataDeliveryEnabled: 'false' })));
    expect(answer.Status).toBe('SUCCESS');
    expect(puts()).toEqual([{ s3Config: { bucketName: BUCKET }, ...ALL_ON, imageDataDeliveryEnabled: false }]);
  });

  test('overwrite replaces the whole configuration', async () => {
    fake.reset(TEAM_CONFIG);
    const answer = await run(event('Create', props({ ExistingConfiguration: 'overwrite', AudioDataDeliveryEnabled: 'false' })));
    expect(answer.Status).toBe('SUCCESS');
    expect(fake.config).toEqual({ s3Config: { bucketName: BUCKET }, ...ALL_ON, audioDataDeliveryEnabled: false });
  });

  test('fails if a configuration exists and ExistingConfiguration is fail, naming it', async () => {
    fake.reset(TEAM_CONFIG);
    const answer = await run(event('Create', props({ ExistingConfiguration: 'fail' })));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain('already configured: {"cloudWatchConfig":{"logGroupName":"/team-a/bedrock-invocations"');
    expect(answer.Reason).toContain('and ExistingConfiguration is fail: remove it, or use merge or overwrite');
    expect(puts()).toHaveLength(0);
    expect(fake.config).toEqual(TEAM_CONFIG);
  });

  test.each(['merge', 'overwrite', 'fail'])('is idempotent under duplicate delivery of a Create (%s)', async (policy) => {
    fake.reset(policy === 'fail' ? undefined : TEAM_CONFIG);
    const e = event('Create', props({ ExistingConfiguration: policy }));
    await invoke([e]);
    const first = fake.config;
    await invoke([e]);
    const answers = server.answers.filter((a) => a.RequestId === e.RequestId);
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
    fake.reset({ s3Config: { bucketName: BUCKET }, cloudWatchConfig: TEAM_CLOUDWATCH, ...ALL_ON });
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
    fake.reset({ s3Config: { bucketName: OLD_BUCKET }, ...ALL_ON });
    const e = event('Update', props({ ExistingConfiguration: 'fail' }), {
      oldProperties: props({ BucketName: OLD_BUCKET, ExistingConfiguration: 'fail' }),
    });
    const answer = await run(e);
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PHYSICAL_ID, Reason: 'configured' });
    expect(fake.config?.s3Config).toEqual({ bucketName: BUCKET });
  });

  test('fails if an Update fails, keeping the physical ID and not undoing anything', async () => {
    fake.reset({ s3Config: { bucketName: BUCKET }, ...ALL_ON });
    fake.forcedOff.add('audioDataDeliveryEnabled');
    const answer = await run(event('Update', props(), { oldProperties: props() }));
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: PHYSICAL_ID });
    // CloudFormation's rollback Update puts the previous settings back.
    expect(fake.count('delete')).toBe(0);
    expect(puts()).toHaveLength(1);
  });

  test('fails if the properties are invalid, naming each problem', async () => {
    const answer = await run(event('Create', props({ ExistingConfiguration: 'Merge', TextDataDeliveryEnabled: 'yes', RequireAllDataTypes: '1' })));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/^invalid properties \{.*"TextDataDeliveryEnabled":"yes".*"ExistingConfiguration":"Merge"/);
    expect(answer.Reason).toContain("TextDataDeliveryEnabled must be 'true' or 'false'");
    expect(answer.Reason).toContain('ExistingConfiguration must be one of merge, overwrite, fail');
    expect(answer.Reason).toContain("RequireAllDataTypes must be 'true' or 'false'");
    expect(fake.requests).toHaveLength(0);
  });

  test('fails if throttling outlasts the time budget, and still answers', async () => {
    fake.errors.put.push(...Array.from({ length: 10_000 }, bedrockErrors.throttled));
    const answer = await run(event('Create'), 2000); // generous: each attempt is an HTTP round trip on a shared machine
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/^ThrottlingException: Too many requests/);
    expect(puts().length).toBeGreaterThan(3);
  });

  test('fails if an AWS call hangs: the work is abandoned after its deadline', async () => {
    fake.hanging.add('get');
    // The work deadline has just passed: the hang is cut GRACE_MS after it.
    const answer = await run(event('Create'), 200 - GRACE_MS);
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toBe('time budget spent');
  });

  test('fails if Bedrock answers something that is not JSON, with a useful reason', async () => {
    fake.garbled.add('get');
    const answer = await run(event('Create'));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/JSON|Unexpected token|Deserializ/i);
    expect(puts()).toHaveLength(0);
  });
});

describe('region feature gaps', () => {
  test.each([
    ['rejects the video flag', 'reject', /videoDataDeliveryEnabled is not supported in this region/, 2],
    ['returns the configuration without it', 'drop', /absent from the configuration Bedrock returned/, 1],
  ] as const)('a region that %s: the stack succeeds with the other types, saying which', async (_, gap, how, putCount) => {
    fake.regionGaps.set('videoDataDeliveryEnabled', gap);
    const answer = await run(event('Create'));
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PHYSICAL_ID });
    expect(answer.Data).toEqual({ ActiveDataTypes: 'text,image,embedding,audio', NotOfferedDataTypes: 'video' });
    expect(answer.Reason).toMatch(/^configured; not offered in this region: video: /);
    expect(answer.Reason).toMatch(how);
    expect(answer.Reason).toMatch(/; active: text,image,embedding,audio$/);
    expect(puts()).toHaveLength(putCount);
    expect(fake.config).toMatchObject({ s3Config: { bucketName: BUCKET }, textDataDeliveryEnabled: true, audioDataDeliveryEnabled: true });
    expect(lastRun.logged).toContainEqual({ activeDataTypes: ['text', 'image', 'embedding', 'audio'], notOfferedDataTypes: { video: expect.stringMatching(how) } });
  });

  test('the retried Put leaves out only the rejected flag', async () => {
    fake.regionGaps.set('videoDataDeliveryEnabled', 'reject');
    await run(event('Create'));
    const [first, second] = puts();
    expect(first).toEqual({ s3Config: { bucketName: BUCKET }, ...ALL_ON });
    const { videoDataDeliveryEnabled, ...rest } = ALL_ON;
    expect(videoDataDeliveryEnabled).toBe(true);
    expect(second).toEqual({ s3Config: { bucketName: BUCKET }, ...rest });
  });

  test('a type the organization does not request is no gap to fail on, even in strict mode', async () => {
    fake.regionGaps.set('videoDataDeliveryEnabled', 'reject');
    const answer = await run(event('Create', props({ VideoDataDeliveryEnabled: 'false', RequireAllDataTypes: 'true' })));
    expect(answer.Status).toBe('SUCCESS');
    expect(answer.Data).toEqual({ ActiveDataTypes: 'text,image,embedding,audio', NotOfferedDataTypes: 'video' });
  });

  test('fails in strict mode if Bedrock rejects a requested flag, saying why, and changes nothing', async () => {
    fake.reset(TEAM_CONFIG);
    fake.regionGaps.set('videoDataDeliveryEnabled', 'reject');
    const answer = await run(event('Create', props({ RequireAllDataTypes: 'true' })));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(
      /^video not offered in this region \(video: Bedrock rejected videoDataDeliveryEnabled: ValidationException: videoDataDeliveryEnabled is not supported in this region\), and RequireAllDataTypes is true: /,
    );
    expect(answer.Reason).toContain('or set logging.requireAllDataTypes to false');
    expect(puts()).toHaveLength(1);
    expect(fake.config).toEqual(TEAM_CONFIG);
  });

  test('fails in strict mode if a requested flag is missing from the configuration read back, and undoes the Put', async () => {
    fake.regionGaps.set('videoDataDeliveryEnabled', 'drop');
    const e = event('Create', props({ RequireAllDataTypes: 'true' }));
    const answer = await run(e);
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: CREATE_FAILED_PREFIX + e.RequestId });
    expect(answer.Reason).toMatch(/^video not offered in this region \(video: absent from the configuration Bedrock returned\), and RequireAllDataTypes is true/);
    expect(fake.count('delete')).toBe(1);
    expect(fake.config).toBeUndefined();
  });

  test('two gaps at once: both rejected, one after the other', async () => {
    fake.regionGaps.set('videoDataDeliveryEnabled', 'reject').set('audioDataDeliveryEnabled', 'reject');
    const answer = await run(event('Create'));
    expect(answer.Status).toBe('SUCCESS');
    expect(answer.Data).toEqual({ ActiveDataTypes: 'text,image,embedding', NotOfferedDataTypes: 'video,audio' });
  });
});

describe("the organization's CloudWatch Logs destination", () => {
  test('is put with its log group, role and large-data bucket next to the S3 delivery', async () => {
    const answer = await run(event('Create', props(ORG_CLOUDWATCH_PROPS)));
    expect(answer).toMatchObject({ Status: 'SUCCESS', Reason: 'configured' });
    expect(puts()).toEqual([{ s3Config: { bucketName: BUCKET }, cloudWatchConfig: ORG_CLOUDWATCH, ...ALL_ON }]);
    expect(fake.config?.cloudWatchConfig).toEqual(ORG_CLOUDWATCH);
  });

  test('leaves out the large-data key prefix when none is given', async () => {
    const { LargeDataKeyPrefix, ...withoutPrefix } = ORG_CLOUDWATCH_PROPS;
    expect(LargeDataKeyPrefix).toBe('large-data');
    await run(event('Create', props(withoutPrefix)));
    expect(puts()[0].cloudWatchConfig?.largeDataDeliveryS3Config).toEqual({ bucketName: BUCKET });
  });

  test.each(['merge', 'overwrite'])("replaces a team's CloudWatch delivery under %s (there is only one)", async (policy) => {
    fake.reset(TEAM_CONFIG);
    const answer = await run(event('Create', props({ ...ORG_CLOUDWATCH_PROPS, ExistingConfiguration: policy, ImageDataDeliveryEnabled: 'false' })));
    expect(answer.Status).toBe('SUCCESS');
    // The team's delivery is gone, and with it the reason to keep its data types.
    expect(puts()).toEqual([
      { s3Config: { bucketName: BUCKET }, cloudWatchConfig: ORG_CLOUDWATCH, ...ALL_ON, imageDataDeliveryEnabled: false },
    ]);
  });

  test('fails under fail when a team configured logging first', async () => {
    fake.reset(TEAM_CONFIG);
    const answer = await run(event('Create', props({ ...ORG_CLOUDWATCH_PROPS, ExistingConfiguration: 'fail' })));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/^already configured: /);
    expect(fake.config).toEqual(TEAM_CONFIG);
  });

  test('an Update that withdraws it drops it, rather than keeping it as a team\'s', async () => {
    fake.reset({ s3Config: { bucketName: BUCKET }, cloudWatchConfig: ORG_CLOUDWATCH, ...ALL_ON });
    const answer = await run(event('Update', props(), { oldProperties: props(ORG_CLOUDWATCH_PROPS) }));
    expect(answer.Status).toBe('SUCCESS');
    expect(fake.config).toEqual({ s3Config: { bucketName: BUCKET }, ...ALL_ON });
  });

  test('fails if the destination reads back different, naming cloudWatchConfig', async () => {
    fake.storeAs = (config) => ({ ...config, cloudWatchConfig: { ...ORG_CLOUDWATCH, largeDataDeliveryS3Config: undefined } });
    const answer = await run(event('Create', props(ORG_CLOUDWATCH_PROPS)));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/^cloudWatchConfig did not stick: /);
    expect(fake.count('delete')).toBe(1);
  });

  test('fails if only half of the destination is given', async () => {
    const answer = await run(event('Create', props({ CloudWatchLogGroupName: '/aws/bedrock/x', LargeDataKeyPrefix: 'p' })));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain('CloudWatchLogGroupName and CloudWatchRoleArn go together');
    expect(answer.Reason).toContain('LargeDataKeyPrefix needs LargeDataBucketName');
  });

  test('Delete removes the whole configuration, the organization\'s CloudWatch delivery with it', async () => {
    fake.reset({ s3Config: { bucketName: BUCKET }, cloudWatchConfig: ORG_CLOUDWATCH, ...ALL_ON });
    const answer = await run(event('Delete', props(ORG_CLOUDWATCH_PROPS)));
    expect(answer).toMatchObject({ Status: 'SUCCESS', Reason: 'deleted' });
    expect(fake.config).toBeUndefined();
  });
});

describe('Delete', () => {
  test('removes the configuration this stack set', async () => {
    fake.reset({ s3Config: { bucketName: BUCKET }, ...ALL_ON });
    const answer = await run(event('Delete'));
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PHYSICAL_ID, Reason: 'deleted' });
    expect(answer.Data).toBeUndefined();
    expect(fake.config).toBeUndefined();
  });

  test("leaves a configuration that is not this stack's alone, and says so", async () => {
    fake.reset({ s3Config: { bucketName: 'someone-else' }, textDataDeliveryEnabled: true });
    const answer = await run(event('Delete'));
    expect(answer).toMatchObject({
      Status: 'SUCCESS',
      Reason: 'left alone: {"s3Config":{"bucketName":"someone-else"},"textDataDeliveryEnabled":true} is not this stack\'s',
    });
    expect(puts()).toHaveLength(0);
    expect(fake.count('delete')).toBe(0);
  });

  test("restores the team's CloudWatch-only configuration it had merged with", async () => {
    fake.reset({ s3Config: { bucketName: BUCKET }, cloudWatchConfig: TEAM_CLOUDWATCH, ...ALL_ON });
    const answer = await run(event('Delete'));
    expect(answer).toMatchObject({ Status: 'SUCCESS', Reason: 'restored the CloudWatch-only configuration' });
    expect(fake.config).toEqual({ cloudWatchConfig: TEAM_CLOUDWATCH, ...ALL_ON });
    expect(fake.count('delete')).toBe(0);
  });

  test('answers SUCCESS when there is no configuration', async () => {
    const answer = await run(event('Delete'));
    expect(answer).toMatchObject({ Status: 'SUCCESS', Reason: 'no configuration' });
    expect(fake.count('delete')).toBe(0);
  });

  test('is idempotent under duplicate delivery', async () => {
    fake.reset({ s3Config: { bucketName: BUCKET }, ...ALL_ON });
    const e = event('Delete');
    await invoke([e, e]);
    expect(server.answers.filter((a) => a.RequestId === e.RequestId).map((a) => [a.Status, a.Reason])).toEqual([
      ['SUCCESS', 'deleted'],
      ['SUCCESS', 'no configuration'],
    ]);
    expect(fake.count('delete')).toBe(1);
  });

  test('after a failed Create, answers SUCCESS without calling Bedrock', async () => {
    fake.reset({ s3Config: { bucketName: BUCKET }, ...ALL_ON }); // whatever is there stays
    fake.errors.put.push(bedrockErrors.accessDenied());
    const create = await run(event('Create', props({ KeyPrefix: 'new' })));
    expect(create.Status).toBe('FAILED');
    fake.requests.length = 0;

    const answer = await run(event('Delete', props({ KeyPrefix: 'new' }), { physicalResourceId: create.PhysicalResourceId }));
    expect(answer).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: create.PhysicalResourceId,
      Reason: 'Create had failed',
    });
    expect(fake.requests).toHaveLength(0);
    expect(fake.config).toEqual({ s3Config: { bucketName: BUCKET }, ...ALL_ON });
  });

  test('fails if Bedrock keeps refusing, so the bucket is not deleted under a live configuration', async () => {
    fake.reset({ s3Config: { bucketName: BUCKET }, ...ALL_ON });
    fake.errors.delete.push(bedrockErrors.accessDenied());
    const answer = await run(event('Delete'));
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: PHYSICAL_ID });
    expect(fake.config?.s3Config?.bucketName).toBe(BUCKET);
  });
});
