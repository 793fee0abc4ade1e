/**
 * The accounts whose logs are in the central bucket: the "folders" under `<keyPrefix>AWSLogs/`
 * (ListObjectsV2 with a delimiter). The table's account partition is injected, so `usage` names
 * every account it finds rather than a list someone has to keep.
 */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { plainUserError } from '../../cdk/errors';

const ACCOUNT_FOLDER = /AWSLogs\/([0-9]{12})\/$/;

export async function discoverAccounts(client: S3Client, bucket: string, keyPrefix: string): Promise<string[]> {
  const accounts: string[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${keyPrefix}AWSLogs/`, Delimiter: '/', ContinuationToken: token }));
      for (const p of page.CommonPrefixes ?? []) {
        const account = ACCOUNT_FOLDER.exec(p.Prefix ?? '')?.[1];
        if (account) accounts.push(account);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  } catch (err) {
    const e = err as { name?: string; message?: string };
    throw plainUserError('usage', 'accounts', `cannot list the accounts in s3://${bucket}/${keyPrefix}AWSLogs/ (${e.name ?? 'Error'}: ${e.message ?? String(err)})`,
      'use credentials that may s3:ListBucket the central bucket, or name the accounts with --account <12 digits>');
  }
  return accounts.sort();
}
