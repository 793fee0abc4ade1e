import { Template } from 'aws-cdk-lib/assertions';
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

/** The example configuration with some fields replaced. */
export function exampleWith(change: (config: Record<string, any>) => void): ResolvedConfig {
  const config = JSON.parse(JSON.stringify(exampleConfig())) as Record<string, any>;
  change(config);
  return config as ResolvedConfig;
}

/** The single resource of a type (and matching `where`, when given) in a template, by logical ID. */
export function only(template: Record<string, any>, type: string, where: (r: Record<string, any>) => boolean = () => true): [string, Record<string, any>] {
  const found = Object.entries(template.Resources as Record<string, any>).filter(([, r]) => r.Type === type && where(r));
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  return found[0];
}
