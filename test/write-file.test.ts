import * as fs from 'fs';
import * as path from 'path';
import { NotRegularFileError, writeFileAtomically } from '../cdk/write-file';
import { makeFifo } from './helpers/tree';
import { tempDir } from './scripts/git-sandbox';

describe('writeFileAtomically', () => {
  test('writes a new file and replaces an existing one, creating the folder, leaving no temporary file', () => {
    const dir = tempDir('write-file-');
    const file = path.join(dir, 'sub', 'report.txt');
    writeFileAtomically(file, 'one');
    writeFileAtomically(file, new TextEncoder().encode('two'));
    expect(fs.readFileSync(file, 'utf8')).toBe('two');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['report.txt']);
  });

  test('refuses a pipe, or a link to a device, and leaves it as it is (a rename would replace it)', () => {
    const dir = tempDir('write-file-');
    const pipe = makeFifo(path.join(dir, 'pipe'));
    expect(() => writeFileAtomically(pipe, 'x')).toThrow(NotRegularFileError);
    const link = path.join(dir, 'null');
    fs.symlinkSync('/dev/null', link);
    expect(() => writeFileAtomically(link, 'x')).toThrow(`${link} is not a regular file (a device, pipe or socket), which writing here would replace`);
    expect(fs.lstatSync(pipe).isFIFO()).toBe(true);
    expect(fs.readlinkSync(link)).toBe('/dev/null');
    expect(fs.readdirSync(dir).sort()).toEqual(['null', 'pipe']);
  });
});
