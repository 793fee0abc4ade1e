/**
 * The fake's world: one organization (root, OUs, accounts with their lifecycle state), what each
 * account has per region (Bedrock's logging configuration, CloudFormation stacks), S3 buckets with
 * their versioning, replication and objects, and the credentials issued so far (each access key
 * identifies its account, so later calls know which account they act in). Handlers read and
 * change it; tests and the benchmark build it.
 */
import type { Caller } from './protocol';

export type AccountState = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED' | 'PENDING_ACTIVATION';

/** Bedrock's `loggingConfig`, as its JSON protocol carries it. */
export interface LoggingConfigJson {
  s3Config?: { bucketName: string; keyPrefix?: string };
  cloudWatchConfig?: { logGroupName: string; roleArn: string };
  textDataDeliveryEnabled?: boolean;
  imageDataDeliveryEnabled?: boolean;
  embeddingDataDeliveryEnabled?: boolean;
  videoDataDeliveryEnabled?: boolean;
  audioDataDeliveryEnabled?: boolean;
}

export interface FakeStack {
  readonly name: string;
  readonly id: string;
  status: string;
  readonly createdAt: Date;
}

export interface FakeRegion {
  logging?: LoggingConfigJson;
  readonly stacks: FakeStack[];
}

export interface FakeAccount {
  readonly id: string;
  name: string;
  email: string;
  state: AccountState;
  parentId: string;
  /** Roles that the management account may assume here. */
  readonly roles: Set<string>;
  /** IAM actions an SCP denies in this account (answered with AccessDenied). */
  readonly deniedActions: Set<string>;
  readonly regions: Map<string, FakeRegion>;
}

export interface FakeOu {
  readonly id: string;
  readonly name: string;
  readonly parentId: string;
}

export interface ReplicationRuleSpec {
  readonly id: string;
  readonly status: 'Enabled' | 'Disabled';
  readonly prefix: string;
  readonly destinationBucket: string;
  readonly destinationAccount?: string;
}

export interface FakeObject {
  readonly key: string;
  readonly lastModified: Date;
  readonly size: number;
}

export interface FakeBucket {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  versioning?: 'Enabled' | 'Suspended';
  replication?: { role: string; rules: ReplicationRuleSpec[] };
  /** In the order put; `sortedObjects` gives them in S3's listing order. */
  readonly objects: FakeObject[];
  sorted: boolean;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export class FakeOrganization {
  readonly rootId: string;
  readonly ous = new Map<string, FakeOu>();
  readonly accounts = new Map<string, FakeAccount>();
  readonly buckets = new Map<string, FakeBucket>();
  /** Credentials by access key ID. */
  readonly callers = new Map<string, Caller>();
  private serial = 0;

  constructor(
    readonly id: string,
    readonly managementAccountId: string,
    /** The role every new account trusts the management account with. */
    readonly defaultRole = 'AWSControlTowerExecution',
  ) {
    this.rootId = `r-${id.slice(2, 6)}`;
    this.addAccount({ id: managementAccountId, name: 'management', parentId: this.rootId });
  }

  /** Adds an OU under `parentId` (default: the root); returns its ID. */
  addOu(name: string, parentId: string = this.rootId): string {
    const id = `ou-${this.rootId.slice(2)}-${pad(++this.serial, 8)}`;
    this.ous.set(id, { id, name, parentId });
    return id;
  }

  addAccount(spec: { id: string; name: string; parentId: string; state?: AccountState }): FakeAccount {
    const account: FakeAccount = {
      id: spec.id, name: spec.name, email: `${spec.name}@example.com`, state: spec.state ?? 'ACTIVE', parentId: spec.parentId,
      roles: new Set([this.defaultRole]), deniedActions: new Set(), regions: new Map(),
    };
    this.accounts.set(account.id, account);
    return account;
  }

  account(id: string): FakeAccount {
    const account = this.accounts.get(id);
    if (!account) throw new Error(`fake organization has no account ${id}`);
    return account;
  }

  region(accountId: string, region: string): FakeRegion {
    const account = this.account(accountId);
    let state = account.regions.get(region);
    if (!state) {
      state = { stacks: [] };
      account.regions.set(region, state);
    }
    return state;
  }

  createBucket(name: string, account: string, region: string): FakeBucket {
    const bucket: FakeBucket = { name, account, region, objects: [], sorted: true };
    this.buckets.set(name, bucket);
    return bucket;
  }

  /** Adds an object (sorted into S3's key order when next listed). */
  putObject(bucketName: string, key: string, lastModified: Date, size = 1024): void {
    const bucket = this.buckets.get(bucketName);
    if (!bucket) throw new Error(`fake S3 has no bucket ${bucketName}`);
    bucket.objects.push({ key, lastModified, size });
    bucket.sorted = false;
  }

  /** The bucket's objects in key order, as S3 lists them. */
  sortedObjects(bucket: FakeBucket): readonly FakeObject[] {
    if (!bucket.sorted) {
      bucket.objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      bucket.sorted = true;
    }
    return bucket.objects;
  }

  /** Registers credentials for `caller`; returns its access key ID. */
  issueCredentials(caller: Omit<Caller, 'accessKeyId'>, accessKeyId = `ASIA${pad(++this.serial, 16)}`): string {
    this.callers.set(accessKeyId, { ...caller, accessKeyId });
    return accessKeyId;
  }

  /** A new stack ID in the CloudFormation ARN format. */
  stackId(account: string, region: string, name: string): string {
    const hex = pad(++this.serial, 12);
    return `arn:aws:cloudformation:${region}:${account}:stack/${name}/${hex.slice(0, 8)}-0000-4000-8000-${hex}`;
  }
}

/** The index of the first object whose key is not below `key`. */
export function lowerBound(objects: readonly FakeObject[], key: string): number {
  let low = 0;
  let high = objects.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (objects[mid].key < key) low = mid + 1;
    else high = mid;
  }
  return low;
}
