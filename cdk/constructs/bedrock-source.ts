import { Aws } from 'aws-cdk-lib';

/**
 * Conditions that admit `bedrock.amazonaws.com` only on behalf of this account and region
 * (`aws:SourceAccount`, `aws:SourceArn`), as Bedrock's grants to deliver logs ask for (Bedrock user
 * guide, https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html). A fresh
 * object on every call.
 */
export function bedrockSourceConditions(): Record<string, Record<string, string>> {
  return {
    StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:bedrock:${Aws.REGION}:${Aws.ACCOUNT_ID}:*` },
  };
}
