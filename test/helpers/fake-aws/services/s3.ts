/**
 * Amazon S3 over REST-XML, path-style (`/<bucket>?<subresource>`: what the SDK sends to an IP
 * endpoint): GetBucketVersioning, GetBucketReplication and ListObjectsV2 (prefix, delimiter,
 * max-keys, continuation-token, start-after; keys in binary order, common prefixes rolled up as S3
 * does). A bucket answers only its own account (AccessDenied otherwise) and only in its region
 * (PermanentRedirect otherwise). Reading an object is not implemented: nothing may read log content.
 */
import { lowerBound, type FakeBucket, type FakeOrganization } from '../model';
import { AwsError, type FakeRequest, type ServiceHandler } from '../protocol';
import { repeated, toXml, xmlDocument } from '../xml';

const NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
const MAX_KEYS = 1000;
/** Sorts after every key character: the end of a common prefix's key range. */
const AFTER_ALL = '\uffff';

const IAM_ACTIONS: Readonly<Record<string, string>> = {
  GetBucketVersioning: 's3:GetBucketVersioning',
  GetBucketReplication: 's3:GetReplicationConfiguration',
  ListObjectsV2: 's3:ListBucket',
  GetObject: 's3:GetObject',
};

export interface S3Options {
  /** Most keys per page, below the request's max-keys (to exercise pagination). */
  readonly pageSize?: number;
}

function bucketOf(request: FakeRequest): { bucket: string; key: string } {
  const [, bucket = '', ...key] = request.path.split('/');
  return { bucket, key: key.join('/') };
}

function listObjects(bucket: FakeBucket, model: FakeOrganization, query: URLSearchParams, pageSize: number): string {
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const maxKeys = Math.min(Number(query.get('max-keys') ?? MAX_KEYS), MAX_KEYS, pageSize);
  const token = query.get('continuation-token');
  const marker = token ? Buffer.from(token, 'base64').toString('utf8') : `${query.get('start-after') ?? ''}\u0000`;
  const objects = model.sortedObjects(bucket);
  let i = lowerBound(objects, marker > prefix ? marker : prefix);
  const contents: { Key: string; LastModified: string; ETag: string; Size: number; StorageClass: string }[] = [];
  const prefixes: string[] = [];
  let last = '';
  while (i < objects.length && objects[i].key.startsWith(prefix) && contents.length + prefixes.length < maxKeys) {
    const object = objects[i];
    const cut = delimiter === '' ? -1 : object.key.indexOf(delimiter, prefix.length);
    if (cut >= 0) {
      const common = object.key.slice(0, cut + delimiter.length);
      prefixes.push(common);
      last = common + AFTER_ALL;
      i = lowerBound(objects, last);
    } else {
      contents.push({ Key: object.key, LastModified: object.lastModified.toISOString(), ETag: `"${object.size.toString(16).padStart(32, '0')}"`, Size: object.size, StorageClass: 'STANDARD' });
      last = `${object.key}\u0000`;
      i += 1;
    }
  }
  const truncated = i < objects.length && objects[i].key.startsWith(prefix);
  return xmlDocument('ListBucketResult', NAMESPACE, toXml({
    Name: bucket.name, Prefix: prefix, Delimiter: delimiter === '' ? undefined : delimiter, MaxKeys: maxKeys, KeyCount: contents.length + prefixes.length,
    IsTruncated: truncated, ContinuationToken: token ?? undefined, NextContinuationToken: truncated ? Buffer.from(last).toString('base64') : undefined,
  }) + repeated('Contents', contents) + repeated('CommonPrefixes', prefixes.map((p) => ({ Prefix: p }))));
}

function replication(bucket: FakeBucket): string {
  const config = bucket.replication;
  if (!config) throw new AwsError('ReplicationConfigurationNotFoundError', 'The replication configuration was not found', 404);
  return xmlDocument('ReplicationConfiguration', NAMESPACE, toXml({ Role: config.role }) + repeated('Rule', config.rules.map((rule, i) => ({
    ID: rule.id, Priority: i + 1, Filter: { Prefix: rule.prefix }, Status: rule.status, DeleteMarkerReplication: { Status: 'Disabled' },
    Destination: { Bucket: rule.destinationBucket, Account: rule.destinationAccount, AccessControlTranslation: rule.destinationAccount ? { Owner: 'Destination' } : undefined },
  }))));
}

export function s3Service(options: S3Options = {}): ServiceHandler<FakeOrganization> {
  return {
    signingName: 's3',
    throttling: { code: 'SlowDown', status: 503 },
    denied: (message) => new AwsError('AccessDenied', message, 403),
    operation(request) {
      const { bucket, key } = bucketOf(request);
      if (request.method !== 'GET' || bucket === '') throw new AwsError('NotImplemented', `the fake does not implement ${request.method} ${request.path}`, 501);
      if (key !== '') return 'GetObject';
      if (request.query.has('versioning')) return 'GetBucketVersioning';
      if (request.query.has('replication')) return 'GetBucketReplication';
      if (request.query.get('list-type') === '2') return 'ListObjectsV2';
      throw new AwsError('NotImplemented', `the fake does not implement GET ${request.path}?${request.query.toString()}`, 501);
    },
    iamAction: (operation) => IAM_ACTIONS[operation] ?? `s3:${operation}`,
    handle(operation, request, caller, model) {
      const name = bucketOf(request).bucket;
      const bucket = model.buckets.get(name);
      if (!bucket) throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, {});
      if (bucket.account !== caller.account) throw new AwsError('AccessDenied', 'Access Denied', 403);
      if (bucket.region !== request.region) {
        throw new AwsError('PermanentRedirect', 'The bucket you are attempting to access must be addressed using the specified endpoint.', 301, { 'x-amz-bucket-region': bucket.region });
      }
      const xml = (body: string) => ({ status: 200, headers: { 'content-type': 'application/xml' }, body });
      switch (operation) {
        case 'GetBucketVersioning':
          return xml(xmlDocument('VersioningConfiguration', NAMESPACE, bucket.versioning ? toXml({ Status: bucket.versioning }) : ''));
        case 'GetBucketReplication':
          return xml(replication(bucket));
        case 'ListObjectsV2':
          return xml(listObjects(bucket, model, request.query, options.pageSize ?? MAX_KEYS));
        default:
          throw new AwsError('NotImplemented', `the fake does not implement ${operation}`, 501);
      }
    },
    error: (error, requestId) => ({
      status: error.status, headers: { 'content-type': 'application/xml', ...error.headers },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n${toXml({ Error: { Code: error.code, Message: error.message, RequestId: requestId, HostId: 'ZmFrZQ==' } })}`,
    }),
  };
}
