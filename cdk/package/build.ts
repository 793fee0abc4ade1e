import { bundleAllHandlers, type HandlerName } from '../bundle';
import { LIMITS } from '../constants';
import type { ResolvedConfig } from '../env/resolve';
import { buildPolicies, type GeneratedPolicy } from '../policies';
import { checkBucketPolicySizes } from './bucket-policies';
import { buildManifest, type Manifest } from './manifest';
import { Names, policyFile, STACK_SET_ORDER, templateFile, type StackSetKind } from '../names';
import { renderTemplate, synthesizeTemplates } from './synth';

/** Package files by package-relative path (`customizations/x.template.json`, `policies/y.json`). */
export type PackageFiles = ReadonlyMap<string, string>;

/** Everything one build produces, before it is merged into a package folder and written. */
export interface BuiltPackage {
  readonly config: ResolvedConfig;
  readonly handlers: Readonly<Record<HandlerName, string>>;
  readonly templates: Readonly<Record<StackSetKind, Record<string, unknown>>>;
  readonly policies: readonly GeneratedPolicy[];
  /** The package's manifest resources and top-level settings (`mergeManifest` writes them). */
  readonly manifest: Manifest;
  /** The files the package owns (templates and policies), by package-relative path. */
  readonly files: PackageFiles;
}

/**
 * Builds the package for one validated environment, in memory: bundles the handlers, synthesizes
 * both stacks, generates the policies and the manifest model. Deterministic: the same input gives
 * byte-identical files. `planPackage` then merges it into a package folder.
 */
export function buildPackage(config: ResolvedConfig): BuiltPackage {
  const policies = buildPolicies(config);
  const handlers = bundleAllHandlers();
  const templates = synthesizeTemplates(config, handlers);
  checkBucketPolicySizes(config, templates);
  const manifest = buildManifest(config, policies);

  const files = new Map<string, string>();
  const names = new Names(config.prefix);
  for (const kind of STACK_SET_ORDER) {
    files.set(templateFile(names.stackSet(kind)), renderTemplate(templates[kind]));
  }
  checkMemberTemplateBudget(files.get(templateFile(names.stackSet('member'))) ?? '', handlers);
  for (const policy of policies) {
    files.set(policyFile(policy.name), policy.text);
  }
  return { config, handlers, templates, policies, manifest, files };
}

/**
 * Fails the build when the member template, which carries both handlers inline, outgrows its
 * budget (`LIMITS.memberTemplateBudgetBytes`): a bigger SDK or handler should be a decision, not
 * a drift.
 */
function checkMemberTemplateBudget(template: string, handlers: Readonly<Record<HandlerName, string>>): void {
  const bytes = Buffer.byteLength(template);
  if (bytes <= LIMITS.memberTemplateBudgetBytes) return;
  const code = Object.entries(handlers).map(([name, text]) => `${name} ${Buffer.byteLength(text)} bytes`);
  throw new Error(
    `the member template is ${bytes} bytes, over its budget of ${LIMITS.memberTemplateBudgetBytes} bytes ` +
      `(inline code: ${code.join(', ')}): trim the bundles (cdk/bundle.ts) or raise the budget in cdk/constants.ts with a reason`,
  );
}
