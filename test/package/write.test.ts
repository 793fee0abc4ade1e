import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writePackageAtomically } from '../../cdk/package/write';

// Forwarding wrapper, so one test can make a rename fail the way a full disk or a lock would.
jest.mock('fs', () => {
  const actual = jest.requireActual<typeof import('fs')>('fs');
  return { ...actual, renameSync: jest.fn(actual.renameSync) };
});
const renameMock = fs.renameSync as unknown as jest.Mock;
const realRename = jest.requireActual<typeof import('fs')>('fs').renameSync;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'write-'));
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every file under `dir`, relative, with its content. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(root, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return out;
}

const OLD = new Map([
  ['manifest.yaml', 'old manifest\n'],
  ['customizations/old-member.template.json', '{"old":true}\n'],
  ['policies/old.json', '{}'],
]);
const NEW = new Map([
  ['manifest.yaml', 'new manifest\n'],
  ['customizations/new-member.template.json', '{"new":true}\n'],
  ['policies/new.json', '{"Version":"2012-10-17"}'],
]);

test('writes the package, replaces the build-owned entries whole and leaves other files alone', () => {
  writePackageAtomically(dir, OLD);
  fs.writeFileSync(path.join(dir, 'README.md'), 'mine\n');
  writePackageAtomically(dir, NEW);
  expect(snapshot(dir)).toEqual({
    'README.md': 'mine\n',
    'manifest.yaml': 'new manifest\n',
    [path.join('customizations', 'new-member.template.json')]: '{"new":true}\n',
    [path.join('policies', 'new.json')]: '{"Version":"2012-10-17"}',
  });
});

test('fails if verification rejects the new package, leaving the old one byte for byte', () => {
  writePackageAtomically(dir, OLD);
  const before = snapshot(dir);
  expect(() =>
    writePackageAtomically(dir, NEW, () => {
      throw new Error('policy over budget');
    }),
  ).toThrow('policy over budget');
  expect(snapshot(dir)).toEqual(before);
  expect(fs.readdirSync(dir).filter((e) => e.startsWith('.build-'))).toEqual([]);
});

test('fails if a swap breaks half-way, putting back what was already swapped', () => {
  writePackageAtomically(dir, OLD);
  const before = snapshot(dir);
  let calls = 0;
  renameMock.mockImplementation((from: string, to: string) => {
    calls += 1;
    // 1-2: manifest out and in; 3: customizations out; 4: customizations in -> fail.
    if (calls === 4) throw new Error('EXDEV: simulated failure');
    return realRename(from, to);
  });
  expect(() => writePackageAtomically(dir, NEW)).toThrow('simulated failure');
  renameMock.mockImplementation(realRename);
  expect(snapshot(dir)).toEqual(before);
  expect(fs.readdirSync(dir).filter((e) => e.startsWith('.build-'))).toEqual([]);
});

test('fails if asked to write outside the build-owned entries', () => {
  expect(() => writePackageAtomically(dir, new Map([['README.md', 'x']]))).toThrow('outside the build-owned entries');
  expect(fs.readdirSync(dir)).toEqual([]);
});
