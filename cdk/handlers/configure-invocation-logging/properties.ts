/**
 * The contract between the `InvocationLoggingConfiguration` construct, which writes these
 * resource properties, and the handler, which reads them. Data types come from the environment
 * map's one list (`ALL_DATA_TYPES`), so a new type is added in one place.
 */
import { ALL_DATA_TYPES, type LoggedDataType } from '../../env/types';

export { ALL_DATA_TYPES, type LoggedDataType };

/** The configuration is a singleton per account and region: one stable physical ID, never replaced. */
export const LOGGING_PHYSICAL_ID = 'bedrock-model-invocation-logging';

/** Custom-resource property names. CloudFormation passes every value as a string. */
export const LOGGING_PROPERTIES = {
  /** The member log bucket (same account and region). */
  bucketName: 'BucketName',
  /** Key prefix without a trailing `/`; `''` for none. */
  keyPrefix: 'KeyPrefix',
  /** `merge`, `overwrite` or `fail`. */
  existingConfiguration: 'ExistingConfiguration',
  /** `'true'`: fail when the region does not offer a requested data type; `'false'` (or absent): report it. */
  requireAllDataTypes: 'RequireAllDataTypes',
  /** The organization's CloudWatch Logs destination (optional, with the role Bedrock assumes). */
  cloudWatchLogGroupName: 'CloudWatchLogGroupName',
  cloudWatchRoleArn: 'CloudWatchRoleArn',
  /** Where Bedrock puts bodies too large for CloudWatch Logs (optional, with the destination). */
  largeDataBucketName: 'LargeDataBucketName',
  largeDataKeyPrefix: 'LargeDataKeyPrefix',
} as const;

/** The `Data` attributes a successful Create or Update returns (readable with `Fn::GetAtt`). */
export const LOGGING_ATTRIBUTES = {
  /** Data types whose delivery is on after the Put, comma-separated, in API order. */
  activeDataTypes: 'ActiveDataTypes',
  /** Data types this region does not offer (rejected or dropped by Bedrock), comma-separated. */
  notOfferedDataTypes: 'NotOfferedDataTypes',
} as const;

/** The API field of a data type's delivery flag. */
export type DeliveryFlag = `${LoggedDataType}DataDeliveryEnabled`;

/** `video` → API field `videoDataDeliveryEnabled`. */
export function deliveryFlag(type: LoggedDataType): DeliveryFlag {
  return `${type}DataDeliveryEnabled`;
}

/** `video` → resource property `VideoDataDeliveryEnabled`. */
export function dataTypeProperty(type: LoggedDataType): string {
  return `${type.charAt(0).toUpperCase()}${type.slice(1)}DataDeliveryEnabled`;
}
