/**
 * Every subcommand of the CLI, loaded only when it runs: `validate` (the pre-commit hook) must not
 * pay for aws-cdk-lib, esbuild or the AWS SDK that other commands load.
 */
import type { Command, Options } from '../lib/command';

type Loader = () => Command<Options>;

/* eslint-disable @typescript-eslint/no-require-imports -- lazy loading is the point of this table */
export const COMMANDS: Readonly<Record<string, { readonly summary: string; readonly load: Loader }>> = {
  build: { summary: 'write the CfCT package of one environment of the map (merges into a CfCT configuration)', load: () => require('./build').build },
  check: { summary: 'exit 1 listing what differs from what the map builds (build --check)', load: () => require('./check').check },
  validate: { summary: 'check a CfCT package on disk, offline', load: () => require('./validate').validate },
  package: { summary: 'validate and zip the package for CfCT\'s S3 source', load: () => require('./package').packageCommand },
  publish: { summary: 'upload the zip to the CfCT source bucket', load: () => require('./publish').publish },
  cost: { summary: 'monthly cost of the design for a log volume', load: () => require('./cost').cost },
  docs: { summary: "regenerate (or --check) the README's generated sections", load: () => require('./docs').docs },
  coverage: { summary: 'which account × region logs Bedrock invocations (read-only, management account)', load: () => require('./coverage').coverage },
  usage: { summary: 'tokens per account and model for a period, through Athena', load: () => require('./usage').usage },
};
/* eslint-enable @typescript-eslint/no-require-imports */
