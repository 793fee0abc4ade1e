import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, BootstraplessSynthesizer, type Stack } from 'aws-cdk-lib';
import type { HandlerName } from '../bundle';
import type { ResolvedConfig } from '../env/resolve';
import { AggregationStack } from '../stacks/aggregation-stack';
import { MemberStack } from '../stacks/member-stack';
import { Names, type StackSetKind } from '../names';
import { explainFsError } from './fs-errors';

/** Adds the package's stacks to an app (the build's in-process app, or `cdk/app.ts` under the CLI). */
export function addStacks(app: App, config: ResolvedConfig, handlers: Readonly<Record<HandlerName, string>>): Record<StackSetKind, Stack> {
  const names = new Names(config.prefix);
  // Environment-agnostic stacks with no bootstrap parameter, rule or asset and no CDKMetadata:
  // CfCT deploys the same plain template to every account and region.
  const common = { synthesizer: new BootstraplessSynthesizer(), analyticsReporting: false };
  return {
    aggregation: new AggregationStack(app, names.stackSet('aggregation'), {
      ...common,
      description: `Central bucket of Bedrock invocation logs (${config.name}); deployed by CfCT, do not edit`,
      config,
    }),
    member: new MemberStack(app, names.stackSet('member'), {
      ...common,
      description: `Bedrock invocation logging to the organization's central bucket (${config.name}); deployed by CfCT, do not edit`,
      config,
      handlers,
    }),
  };
}

/** Context that keeps the synthesized templates plain, whether the CLI or the build runs the app. */
export const PLAIN_TEMPLATE_CONTEXT = {
  'aws:cdk:enable-path-metadata': false,
  'aws:cdk:enable-asset-metadata': false,
  'aws:cdk:version-reporting': false,
} as const;

/**
 * Context that only saves the build time: no JavaScript stack trace captured for every construct
 * and metadata entry (they go to the cloud assembly's metadata, which the build discards; about a
 * tenth of a build's CPU time). Keys from aws-cdk-lib's cx-api (`DISABLE_METADATA_STACK_TRACE`,
 * `DISABLE_CREATION_STACK_TRACES`).
 */
const NO_STACK_TRACES_CONTEXT = {
  'aws:cdk:disable-stack-trace': true,
  'aws:cdk:disable-creation-stack-traces': true,
} as const;

/**
 * Synthesizes both templates in-process. The built-in CloudFormation validator is off here (it
 * costs seconds and hundreds of MB per run); the test suite runs it on purpose.
 */
export function synthesizeTemplates(
  config: ResolvedConfig,
  handlers: Readonly<Record<HandlerName, string>>,
): Record<StackSetKind, Record<string, unknown>> {
  let outdir: string;
  try {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-assembly-'));
  } catch (err) {
    // The CDK writes its cloud assembly to a folder, made (and removed) in the temporary folder.
    throw explainFsError(err, 'TMPDIR', os.tmpdir());
  }
  try {
    return synthesizeInto(outdir, config, handlers);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function synthesizeInto(
  outdir: string,
  config: ResolvedConfig,
  handlers: Readonly<Record<HandlerName, string>>,
): Record<StackSetKind, Record<string, unknown>> {
  const app = new App({
    outdir,
    builtinCloudFormationValidation: false,
    analyticsReporting: false,
    treeMetadata: false,
    context: { ...PLAIN_TEMPLATE_CONTEXT, ...NO_STACK_TRACES_CONTEXT },
  });
  const stacks = addStacks(app, config, handlers);
  const assembly = app.synth();
  return {
    aggregation: assembly.getStackByName(stacks.aggregation.stackName).template,
    member: assembly.getStackByName(stacks.member.stackName).template,
  };
}

/** Serializes a template: 2-space JSON with a trailing newline, keys in CDK's (deterministic) order. */
export function renderTemplate(template: Record<string, unknown>): string {
  return `${JSON.stringify(template, null, 2)}\n`;
}
