/** The CLI entry: dispatch, its own help, unknown commands, and a reader that goes away. */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { COMMANDS } from '../../scripts/commands';
import { cli, CLI_JS, cliProcess } from '../helpers/cli';

test('lists every command with its summary, and exits 1 without a command', async () => {
  const result = await cli([]);
  expect(result.status).toBe(1);
  for (const name of ['build', 'check', 'validate', 'package', 'publish', 'cost', 'docs']) expect(result.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  expect((await cli(['--help'])).status).toBe(0);
});

describe('a command whose code cannot be loaded', () => {
  const entry = COMMANDS.cost as { load: () => unknown };
  const load = entry.load;
  afterEach(() => {
    entry.load = load;
  });
  const notFound = (name: string) => Object.assign(new Error(`Cannot find module '${name}'\nRequire stack:\n- x.js`), { code: 'MODULE_NOT_FOUND' });

  test('a missing development dependency is a user error saying where to run the command', async () => {
    entry.load = () => {
      throw notFound('typescript');
    };
    const result = await cli(['cost']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('- command: needs typescript, a development dependency of bedrock-invocation-logging-cfct, which is not installed here (got "cost"); run it in a checkout');
  });

  test.each([
    ['a missing runtime dependency', () => notFound('yaml')],
    ['any other failure', () => new Error('boom')],
  ])('%s is reported as a bug (exit 2, with the stack), not a crash', async (_, error) => {
    entry.load = () => {
      throw error();
    };
    const result = await cli(['cost']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^Unexpected error \(a bug; please report it with the command you ran\):\nError: (Cannot find module 'yaml'|boom)\n/);
  });
});

test('fails if the command is unknown, suggesting the one meant', async () => {
  const result = await cli(['vaildate']);
  expect(result).toEqual({
    status: 1,
    stdout: '',
    stderr: 'bedrock-invocation-logging-cfct has 1 issue:\n- command: is not a command (got "vaildate"); did you mean `validate`?\n',
  });
});

test('every command answers --help on stdout with its options, and exits 0', async () => {
  for (const name of ['build', 'check', 'validate', 'package', 'publish', 'cost', 'docs']) {
    const result = await cli([name, '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: bedrock-invocation-logging-cfct ${name} \\[options\\]`));
    expect(result.stdout).toContain('-h, --help');
  }
});

test('the compiled bin runs on plain node, with no TypeScript runtime loaded', () => {
  const result = cliProcess(['cost', '--accounts', '1', '--regions', '1', '--gb-per-day', '1', '--json'], { env: { ...process.env, NODE_OPTIONS: '' } });
  expect(result.status).toBe(0);
  expect(JSON.parse(result.stdout).inputs.accounts).toBe(1);
});

test('a reader that closes the pipe early (`| head`) is a user error: exit 1, one message, no stack', async () => {
  const child = spawn(process.execPath, [CLI_JS, 'docs', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy(); // the reader is gone before the first write
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(status).toBe(1);
  expect(stderr).toBe('stdout has 1 issue:\n- pipe: was closed early by the program reading it (EPIPE); read the whole output, or ignore this if you meant to stop early\n');
});

test('the compiled bin and the hook\'s validator are executable files (npx runs the bin as it is)', () => {
  for (const file of [CLI_JS, path.join(path.dirname(path.dirname(CLI_JS)), 'validate.js')]) {
    expect({ file, executable: (fs.statSync(file).mode & 0o111) !== 0 }).toEqual({ file, executable: true });
  }
});
