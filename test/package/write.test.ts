import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BACKUP_PREFIX, STAGING_PREFIX, writePlan, type WriteSet } from '../../cdk/package/write';
import { userError } from '../helpers/errors';

// Forwarding wrapper, so one test can make a rename fail the way a full disk or a lock would.
jest.mock('fs', () => {
  const actual = jest.requireActual<typeof import('fs')>('fs');
  return { ...actual, renameSync: jest.fn(actual.renameSync), writeFileSync: jest.fn(actual.writeFileSync) };
});
const renameMock = fs.renameSync as unknown as jest.Mock;
const writeMock = fs.writeFileSync as unknown as jest.Mock;
const real = jest.requireActual<typeof import('fs')>('fs');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'write-'));
});
afterEach(() => {
  renameMock.mockImplementation(real.renameSync);
  writeMock.mockImplementation(real.writeFileSync);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every file under `root`, relative, with its content and modification time. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        out[`${path.relative(root, full)}/`] = '';
        walk(full);
      } else out[path.relative(root, full)] = `${fs.readFileSync(full, 'utf8')} @${fs.statSync(full).mtimeMs}`;
    }
  };
  walk(root);
  return out;
}

function set(writes: Record<string, string>, removals: string[] = [], target = dir): WriteSet {
  return { dir: target, writes: new Map(Object.entries(writes)), removals };
}

/** A folder as a team has it: their files, and this package's from an earlier build. */
function teamFolder(): void {
  writePlan(set({ 'manifest.yaml': 'old manifest\n', 'customizations/x-member.template.json': '{"old":true}\n', 'policies/x-old.json': '{}' }));
  fs.mkdirSync(path.join(dir, 'templates'));
  fs.writeFileSync(path.join(dir, 'templates', 'team.template'), 'Resources: {}\n');
  fs.writeFileSync(path.join(dir, 'policies', 'team.json'), '{"team":true}');
}

const next = (): WriteSet => set(
  { 'manifest.yaml': 'new manifest\n', 'customizations/x-member.template.json': '{"new":true}\n', 'policies/x-new.json': '{"Version":"2012-10-17"}' },
  ['policies/x-old.json'],
);

test('writes the new files, removes the stale ones and leaves every other file alone', () => {
  teamFolder();
  const team = fs.readFileSync(path.join(dir, 'policies', 'team.json'), 'utf8');
  writePlan(next());
  expect(fs.readFileSync(path.join(dir, 'manifest.yaml'), 'utf8')).toBe('new manifest\n');
  expect(fs.readFileSync(path.join(dir, 'policies', 'x-new.json'), 'utf8')).toBe('{"Version":"2012-10-17"}');
  expect(fs.existsSync(path.join(dir, 'policies', 'x-old.json'))).toBe(false);
  expect(fs.readFileSync(path.join(dir, 'policies', 'team.json'), 'utf8')).toBe(team);
  expect(fs.readdirSync(dir).sort()).toEqual(['customizations', 'manifest.yaml', 'policies', 'templates']);
});

test('removes a folder that removing its last stale file left empty', () => {
  writePlan(set({ 'policies/x-old.json': '{}', 'manifest.yaml': 'm\n' }));
  writePlan(set({}, ['policies/x-old.json']));
  expect(fs.readdirSync(dir)).toEqual(['manifest.yaml']);
});

test('touches nothing when there is nothing to change', () => {
  teamFolder();
  const before = snapshot(dir);
  writePlan(set({}));
  expect(snapshot(dir)).toEqual(before);
});

test('fails if a rename breaks half-way, putting back every file it had replaced or removed', () => {
  teamFolder();
  const before = snapshot(dir);
  let calls = 0;
  renameMock.mockImplementation((from: string, to: string) => {
    calls += 1;
    // manifest out, in; template out, in; policy x-new in (new file); x-old out -> fails here.
    if (calls === 6) throw Object.assign(new Error('EBUSY: simulated failure'), { code: 'EBUSY', path: to });
    return real.renameSync(from, to);
  });
  const caught = userError(() => writePlan(next()));
  expect(caught.issues[0]).toMatch(/^- --out: is busy \(locked by another program\): .* \(EBUSY\) \(got ".*"\); close the program holding it/);
  expect(calls).toBe(8); // the failing rename, then two renames putting the manifest and the template back
  expect(snapshot(dir)).toEqual(before);
});

test('fails if staging the new files breaks, before anything in the folder changed', () => {
  teamFolder();
  const before = snapshot(dir);
  writeMock.mockImplementation((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    if (String(file).includes(STAGING_PREFIX) && String(file).endsWith(`${path.sep}2`)) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    return (real.writeFileSync as (...args: unknown[]) => void)(file, ...rest);
  });
  const caught = userError(() => writePlan(next()));
  expect(caught.issues[0]).toContain('cannot be written: the disk is full');
  expect(snapshot(dir)).toEqual(before);
});

test('fails if the folder cannot be created, and leaves no folder behind', () => {
  const target = path.join(dir, 'new', 'package');
  writeMock.mockImplementation(() => {
    throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
  });
  const caught = userError(() => writePlan(set({ 'manifest.yaml': 'm\n' }, [], target)));
  expect(caught.issues[0]).toContain('- --out: is not writable (permission denied)');
  expect(fs.readdirSync(dir)).toEqual([]);
});

test('leaves no staging or backup folder after success or failure', () => {
  teamFolder();
  writePlan(next());
  renameMock.mockImplementation(() => {
    throw Object.assign(new Error('EXDEV: cross-device link'), { code: 'EXDEV' });
  });
  expect(() => writePlan(set({ 'manifest.yaml': 'again\n' }))).toThrow(/spans file systems/);
  expect(fs.readdirSync(dir).filter((name) => name.startsWith(STAGING_PREFIX) || name.startsWith(BACKUP_PREFIX))).toEqual([]);
});
