/**
 * Real synthesis for the template tests, and the few helpers they share. Template tests assert with
 * aws-cdk-lib's `Template` and `Match` (as aws-cdk's own module tests do); the helpers below that
 * return data exist only for checks `Match` cannot express, and each says which.
 */
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import type { Matcher } from 'aws-cdk-lib/assertions';
import { bundleAllHandlers, type HandlerName } from '../../cdk/bundle';
import type { ResolvedConfig } from '../../cdk/env/resolve';
import { synthesizeTemplates } from '../../cdk/package/synth';
import { exampleConfig } from './example';

let bundles: Record<HandlerName, string> | undefined;

/** The real bundled handlers, bundled once per test file. */
export function handlers(): Record<HandlerName, string> {
  bundles ??= bundleAllHandlers();
  return bundles;
}

export interface SynthesizedTemplates {
  readonly member: Template;
  readonly aggregation: Template;
  readonly memberJson: Record<string, any>;
  readonly aggregationJson: Record<string, any>;
}

/** Synthesizes both stacks for a configuration (the example by default), with the real handlers. */
export function synthesize(config: ResolvedConfig = exampleConfig()): SynthesizedTemplates {
  const templates = synthesizeTemplates(config, handlers());
  return {
    member: Template.fromJSON(templates.member),
    aggregation: Template.fromJSON(templates.aggregation),
    memberJson: templates.member as Record<string, any>,
    aggregationJson: templates.aggregation as Record<string, any>,
  };
}

/** Re-exported for the template tests that import it from here. */
export { exampleWith } from './example';

/**
 * The logical ID of the one resource of a type whose ID starts with `constructId`, for a template
 * with several resources of the type (the aggregation stack's central and query-results buckets).
 * CDK derives a logical ID from the construct path, and construct IDs are a contract.
 */
export function logicalIdOf(template: Template, type: string, constructId: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(constructId));
  if (ids.length !== 1) throw new Error(`expected exactly one ${type} with a logical ID starting ${constructId}, found ${ids.length}: ${ids.join(', ')}`);
  return ids[0];
}

/** Match: a string containing `text` literally (`Match.stringLikeRegexp` with the text escaped). */
export function stringContaining(text: string): Matcher {
  return Match.stringLikeRegexp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

/**
 * Asserts (deep-partially, like `hasResource`) the resource of a logical ID, recording any Capture in
 * `parts`. This is `template.templateMatches({ Resources: { [logicalId]: { Type: type, ...parts } } })`
 * except for the captures: templateMatches never finishes its match result, so a Capture handed to it
 * stays empty (aws-cdk-lib 2.276, `Template.templateMatches`); this finishes it as `hasResource` does.
 */
export function resourceMatches(template: Template, logicalId: string, type: string, parts: Record<string, unknown> = {}): void {
  const result = Match.objectLike({ Resources: { [logicalId]: { Type: type, ...parts } } }).test(template.toJSON());
  result.finished();
  if (result.hasFailed()) throw new Error(['Template did not match as expected:', ...result.toHumanStrings()].join('\n  '));
}

/** An IAM policy statement as it appears in a template. */
export type Statement = Record<string, any>;

/**
 * The Sids, in order, of the statements of a role's one inline policy (by logical ID) that grant an
 * action starting with `actionPrefix` (`logs:`, `iam:PassRole`). Selecting statements by what they
 * grant is a predicate over a list, which Match cannot express; what each statement holds is asserted
 * with Match.
 */
export function sidsGranting(template: Template, roleId: string, actionPrefix: string): string[] {
  const statements = new Capture();
  resourceMatches(template, roleId, 'AWS::IAM::Role', { Properties: { Policies: [{ PolicyDocument: { Statement: statements } }] } });
  return (statements.asArray() as Statement[])
    .filter((s) => [s.Action].flat().some((action: string) => action.startsWith(actionPrefix)))
    .map((s) => s.Sid as string);
}

/** The statements of the bucket policy of a bucket (by logical ID), captured: for the same kind of check. */
export function bucketPolicyStatements(template: Template, bucketId: string): Statement[] {
  const statements = new Capture();
  template.hasResourceProperties('AWS::S3::BucketPolicy', { Bucket: { Ref: bucketId }, PolicyDocument: { Statement: statements } });
  return statements.asArray() as Statement[];
}

/** Every logical ID a resource refers to: DependsOn, Ref, Fn::GetAtt and `${Id}` inside Fn::Sub. */
function references(resource: Record<string, any>, ids: ReadonlySet<string>): Set<string> {
  const found = new Set<string>([resource.DependsOn ?? []].flat());
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) { node.forEach(walk); return; }
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === 'Ref' && typeof v === 'string' && ids.has(v)) found.add(v);
      if (k === 'Fn::GetAtt' && Array.isArray(v) && ids.has(v[0] as string)) found.add(v[0] as string);
      if (k === 'Fn::Sub') {
        const text = Array.isArray(v) ? (v[0] as string) : (v as string);
        for (const m of text.matchAll(/\$\{([A-Za-z0-9]+)\}/g)) if (ids.has(m[1])) found.add(m[1]);
      }
      walk(v);
    }
  };
  walk(resource.Properties);
  return found;
}

/**
 * Whether resource `from` depends on `to`, directly or through others, so that CloudFormation deletes
 * `from` first. This reasons over the template as a graph (the transitive closure of references),
 * which no matcher expresses, so it reads the template's JSON.
 */
export function dependsOn(template: Template, from: string, to: string): boolean {
  const all = template.toJSON().Resources as Record<string, any>;
  const ids = new Set(Object.keys(all));
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const next of references(all[id], ids)) {
      if (next === to) return true;
      if (!seen.has(next)) { seen.add(next); stack.push(next); }
    }
  }
  return false;
}
