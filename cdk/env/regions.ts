/**
 * Region names of the commercial `aws` partition that the validator accepts. The package uses
 * `arn:aws:` ARNs in its policies, so GovCloud, China and the European Sovereign Cloud are out of
 * scope. Add a region here when AWS opens one (and Bedrock is available there).
 */
export const KNOWN_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];

/**
 * Regions enabled in every account: AWS enables the Regions launched before 2019-03-20 by default;
 * every later Region is an opt-in Region, disabled until an administrator enables it for the
 * account (or the organization). Source: "Enable or disable AWS Regions in your account",
 * https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html (read 2026-12-01).
 * Every other region of `KNOWN_REGIONS` is opt-in.
 */
export const DEFAULT_ENABLED_REGIONS: readonly string[] = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];

/**
 * Regions of `KNOWN_REGIONS` where Amazon Bedrock (the `bedrock-runtime` endpoint) is not offered.
 * Source: "Regional availability by endpoints",
 * https://docs.aws.amazon.com/bedrock/latest/userguide/endpoints-region-availability.html (read
 * 2026-12-01: its United States, Canada, Europe and Asia Pacific tables list every known region of
 * those geographies but `ap-east-1`), and "Amazon Bedrock endpoints and quotas",
 * https://docs.aws.amazon.com/general/latest/gr/bedrock.html (af-south-1). The Middle East, Israel,
 * Mexico and South America rows (il-central-1, me-central-1, me-south-1, mx-central-1, sa-east-1)
 * could not be read in full there and follow third-party endpoint inventories: verify them before
 * relying on them. Used for warnings only, never to refuse a build.
 */
const REGIONS_WITHOUT_BEDROCK: readonly string[] = ['ap-east-1'];

/** Regions where Amazon Bedrock is offered (see `REGIONS_WITHOUT_BEDROCK` for the sources). */
export const BEDROCK_REGIONS: readonly string[] = KNOWN_REGIONS.filter((region) => !REGIONS_WITHOUT_BEDROCK.includes(region));

/** Whether a region must be enabled for an account before anything can run there. */
export function isOptInRegion(region: string): boolean {
  return KNOWN_REGIONS.includes(region) && !DEFAULT_ENABLED_REGIONS.includes(region);
}
