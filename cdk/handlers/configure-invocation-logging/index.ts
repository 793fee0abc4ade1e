/**
 * Custom::BedrockInvocationLogging: points Amazon Bedrock model invocation logging of this account
 * and region at the member log bucket, and takes it away again on Delete.
 * Behaviour, merge semantics and failure modes: ../README.md.
 *
 * The module sets `exports.handler` rather than using `export`: esbuild's ESM-to-CJS export
 * helpers would cost ~500 of the 4,096 inline characters.
 */
import {
  BedrockClient,
  DeleteModelInvocationLoggingConfigurationCommand,
  GetModelInvocationLoggingConfigurationCommand,
  GetModelInvocationLoggingConfigurationCommandOutput,
  LoggingConfig,
  PutModelInvocationLoggingConfigurationCommand,
} from '@aws-sdk/client-bedrock';
import { CfnEvent, customResource } from '../shared/custom-resource';
import { retry, transient } from '../shared/retry';

/** The configuration is a singleton per account and region: one stable ID, never replaced. */
const PHYSICAL_ID = 'bedrock-model-invocation-logging';

/** How long the permission `ValidationException` Bedrock raises right after IAM changes is retried. */
const IAM_PROPAGATION_MS = 90_000;

const TYPES = ['text', 'image', 'embedding', 'video', 'audio'] as const;
type Flag = `${(typeof TYPES)[number]}DataDeliveryEnabled`;
/** `video` → API field `videoDataDeliveryEnabled`. */
const flag = (t: (typeof TYPES)[number]) => `${t}DataDeliveryEnabled` as Flag;
/** `video` → resource property `VideoDataDeliveryEnabled`. */
const prop = (t: (typeof TYPES)[number]) => t[0].toUpperCase() + flag(t).slice(1);

const bedrock = new BedrockClient({});

const exists = (c?: LoggingConfig) => !!(c?.s3Config || c?.cloudWatchConfig);
/** The whole configuration, as the reason names it. */
const describe = JSON.stringify;

async function work(event: CfnEvent, deadline: number): Promise<string> {
  const p = event.ResourceProperties;
  const old = event.OldResourceProperties ?? {};
  const start = Date.now();
  // Every call is retried while transient; so, for a while, is Bedrock's check of its access to
  // the destinations, which fails until new IAM roles or bucket policies have propagated
  // ("ValidationException: Failed to validate permissions for log group: ..., with role: ...").
  const call = (command: new (input: any) => object, input = {}): Promise<GetModelInvocationLoggingConfigurationCommandOutput> =>
    retry(
      () => bedrock.send(new command(input) as GetModelInvocationLoggingConfigurationCommand),
      deadline,
      (e) =>
        transient(e) ||
        (e?.name == 'ValidationException' && /permission|access/i.test(e.message) && Date.now() < start + IAM_PROPAGATION_MS),
    );
  const get = async () => (await call(GetModelInvocationLoggingConfigurationCommand)).loggingConfig;
  const put = (loggingConfig: LoggingConfig) => call(PutModelInvocationLoggingConfigurationCommand, { loggingConfig });
  const del = () => call(DeleteModelInvocationLoggingConfigurationCommand);

  const cur = await get();
  const curBucket = cur?.s3Config?.bucketName;

  if (event.RequestType == 'Delete') {
    if (!exists(cur)) return 'no configuration';
    if (curBucket != p.BucketName) return `left alone: ${describe(cur)} is not this stack's`;
    if (cur!.cloudWatchConfig) {
      await put({ ...cur, s3Config: undefined });
      return 'restored the CloudWatch-only configuration';
    }
    await del();
    return 'deleted';
  }

  const policy = p.ExistingConfiguration!;
  if (!/^(merge|overwrite|fail)$/.test(policy) || TYPES.some((t) => !/^(true|false)$/.test(p[prop(t)]!))) {
    throw Error(`invalid properties ${JSON.stringify(p)}`);
  }
  const ours = !!curBucket && (curBucket == p.BucketName || curBucket == old.BucketName);
  if (exists(cur) && !ours && policy == 'fail') {
    throw Error(`already configured: ${describe(cur)}, and ExistingConfiguration is fail: remove it, or use merge or overwrite`);
  }
  const kept = policy != 'overwrite' ? cur?.cloudWatchConfig : undefined;
  const want: LoggingConfig = {
    s3Config: { bucketName: p.BucketName, keyPrefix: p.KeyPrefix || undefined },
    cloudWatchConfig: kept,
  };
  for (const t of TYPES) {
    // The organization's `true`s always win. While a team's CloudWatch delivery is kept, a type
    // it logged stays on, unless this stack's previous request had switched it on.
    want[flag(t)] = p[prop(t)] == 'true' || (!!kept && !!cur![flag(t)] && old[prop(t)] != 'true');
  }

  let changed = false;
  try {
    await put(want);
    changed = true;
    const got = await get();
    const differ: string[] = TYPES.map(flag).filter((k) => !!got?.[k] != want[k]);
    if (got?.s3Config?.bucketName != p.BucketName || (got?.s3Config?.keyPrefix || '') != (p.KeyPrefix || '')) {
      differ.push('s3Config');
    }
    if (got?.cloudWatchConfig?.logGroupName != kept?.logGroupName) differ.push('cloudWatchConfig');
    if (differ.length) {
      throw Error(`${differ} did not stick: the runtime's AWS SDK may lack newer fields; use a newer runtime or drop those data types`);
    }
  } catch (e) {
    // A failed Create leaves things as it found them: the rollback Delete touches nothing.
    if (changed && event.RequestType == 'Create') {
      await (exists(cur) ? put(cur!) : del()).catch((u) => {
        throw Error(`${e}; undoing the Put failed: ${u}`);
      });
    }
    throw e;
  }
  return `configured${exists(cur) && !ours ? ` (was ${describe(cur)})` : ''}`;
}

exports.handler = customResource(() => PHYSICAL_ID, work);
