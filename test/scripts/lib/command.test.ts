/** The command frame: parsing, --help once, and the one top-level error handler. */
import { issue, UserError } from '../../../cdk/errors';
import { defineCommand, runCommand, type Io } from '../../../scripts/lib/command';

function capture(): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    cwd: process.cwd(),
    env: {},
    out: () => out,
    err: () => err,
  };
}

const echo = defineCommand({
  name: 'echo',
  summary: 'Echoes its options.',
  options: {
    name: { type: 'string', value: '<name>', description: 'a name' },
    loud: { type: 'boolean', description: 'shout' },
    tag: { type: 'string', multiple: true, description: 'a tag' },
  },
  run({ values, io }) {
    io.stdout.write(JSON.stringify(values));
    return values.loud ? 3 : undefined;
  },
});

test('passes the parsed options to run, and returns its exit code (0 when it returns nothing)', async () => {
  const io = capture();
  expect(await runCommand(echo, ['--name', 'x', '--tag', 'a', '--tag', 'b'], io)).toBe(0);
  expect(JSON.parse(io.out())).toEqual({ name: 'x', tag: ['a', 'b'] });
  expect(await runCommand(echo, ['--loud'], capture())).toBe(3);
});

test('--help prints the usage with every option to stdout and runs nothing', async () => {
  const io = capture();
  expect(await runCommand(echo, ['--name', 'x', '--help'], io)).toBe(0);
  expect(io.out()).toBe([
    'Usage: bedrock-invocation-logging-cfct echo [options]',
    '',
    'Echoes its options.',
    '',
    'Options:',
    '  --name <name>  a name',
    '  --loud         shout',
    '  --tag <value>  a tag (repeatable)',
    '  -h, --help     print this help',
    '',
  ].join('\n'));
});

test.each([
  [['--nmae', 'x'], '- --nmae: is not an option of this command (got "--nmae x"); did you mean `--name`?'],
  [['--colour'], '- --colour: is not an option of this command (got "--colour"); see `bedrock-invocation-logging-cfct echo --help`'],
  [['--name'], '- --name: needs a value; write --name <name>'],
  [['--name', '-x'], '- --name: has a value that starts with "-", which reads like another option (got "-x"); write it as --name=-x if you meant that value'],
  [['--loud=yes'], '- --loud: is a switch and takes no value (got "--loud=yes"); write --loud alone'],
  [['stray'], '- arguments: takes no positional arguments (got "stray"); remove it, or write it as an option\'s value; see `bedrock-invocation-logging-cfct echo --help`'],
])('fails with exit 1 and one issue for a usage mistake: %p', async (argv, line) => {
  const io = capture();
  expect(await runCommand(echo, argv, io)).toBe(1);
  expect(io.err()).toBe(`bedrock-invocation-logging-cfct echo has 1 issue:\n${line}\n`);
});

test('prints an expected failure without a stack and exits 1; a bug with its stack and exits 2', async () => {
  const failing = (error: unknown) => defineCommand({ name: 'x', summary: '', options: {}, run: () => Promise.reject(error) });
  const expected = capture();
  expect(await runCommand(failing(new UserError('map.ts', [issue('a', 'is bad', 1, 'fix it')])), [], expected)).toBe(1);
  expect(expected.err()).toBe('map.ts has 1 issue:\n- a: is bad (got 1); fix it\n');
  const bug = capture();
  expect(await runCommand(failing(new TypeError('boom')), [], bug)).toBe(2);
  expect(bug.err()).toMatch(/^Unexpected error \(a bug; please report it with the command you ran\):\nTypeError: boom\n {4}at /);
});
