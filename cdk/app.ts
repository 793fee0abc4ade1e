/**
 * Entry point for the CDK CLI (`npx cdk synth [-c env=<name>] [-c map=<file>]`), for people used to
 * it. The package itself is written by the `build` command, which synthesizes the same stacks in-process.
 */
import { App } from 'aws-cdk-lib';
import { bundleAllHandlers } from './bundle';
import { loadEnvironment, mapFileFor } from './env/load';
import { ExpectedError } from './errors';
import { addStacks } from './package/synth';

const app = new App();
try {
  const envName = app.node.tryGetContext('env') as string | undefined;
  const mapFile = app.node.tryGetContext('map') as string | undefined;
  const { config } = loadEnvironment(envName, mapFileFor(mapFile, process.cwd()));
  addStacks(app, config, bundleAllHandlers());
} catch (err) {
  if (!(err instanceof ExpectedError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
app.synth();
