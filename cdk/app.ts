/**
 * Entry point for the CDK CLI (`npx cdk synth [-c env=<name>] [-c map=<file>]`), for people used to it. The
 * package itself is written by `npm run build`, which synthesizes the same stacks in-process.
 */
import { App } from 'aws-cdk-lib';
import { bundleAllHandlers } from './bundle';
import { UserError } from './errors';
import * as path from 'path';
import { defaultMapFile, loadEnvironment } from './env/load';
import { addStacks } from './package/synth';

const app = new App();
try {
  const envName = app.node.tryGetContext('env') as string | undefined;
  const mapFile = app.node.tryGetContext('map') as string | undefined;
  const { config } = loadEnvironment(envName, mapFile ? path.resolve(mapFile) : defaultMapFile());
  addStacks(app, config, bundleAllHandlers());
} catch (err) {
  if (!(err instanceof UserError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
app.synth();
