import { MANIFEST_FILE, POLICIES_DIR, TEMPLATES_DIR } from '../constants';
import { resourceNames } from '../names';

/** The StackSets of the package, in manifest order: the central bucket must exist first. */
export type StackSetKind = 'aggregation' | 'member';
export const STACK_SET_ORDER: readonly StackSetKind[] = ['aggregation', 'member'];

/** Manifest descriptions of the StackSets. */
export const STACK_SET_DESCRIPTIONS: Record<StackSetKind, string> = {
  aggregation: 'Central bucket that collects every member account\'s Bedrock model invocation logs',
  member: 'Bedrock model invocation logging to a local bucket that replicates to the central bucket',
};

/** Package-relative path of a StackSet's template. */
export function templatePath(resourceName: string): string {
  return `${TEMPLATES_DIR}/${resourceName}.template.json`;
}

/** Package-relative path of a policy file. */
export function policyPath(resourceName: string): string {
  return `${POLICIES_DIR}/${resourceName}.json`;
}

/** The StackSets' resource names (= stack ids = template file stems) for a prefix. */
export function stackSetNames(prefix: string): Record<StackSetKind, string> {
  const names = resourceNames(prefix);
  return { aggregation: names.aggregation, member: names.member };
}

/** Top-level entries of a package folder that the build owns and replaces as a whole. */
export const PACKAGE_ENTRIES: readonly string[] = [MANIFEST_FILE, TEMPLATES_DIR, POLICIES_DIR];
