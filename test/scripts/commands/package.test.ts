import * as fs from 'fs';
import * as path from 'path';
import { sha256Hex } from '../../../scripts/release/zip';
import { cliProcess } from '../../helpers/cli';
import { makeFifo } from '../../helpers/tree';
import { FIXTURES_DIR, VALID_FIXTURE } from '../../package/validate/fixture';
import { tempDir } from '../git-sandbox';

describe('package (the compiled CLI, as a process: TZ applies at start-up)', () => {
  test('writes the zip to --out and prints its files, size and SHA-256, identically in any time zone', () => {
    const out = tempDir('cfct-package-');
    const shas = ['UTC', 'Pacific/Kiritimati', 'America/St_Johns'].map((tz) => {
      const file = path.join(out, `${tz.replace('/', '-')}.zip`);
      const result = cliProcess(['package', '--dir', VALID_FIXTURE, '--out', file], { env: { ...process.env, TZ: tz } });
      expect(result.status).toBe(0);
      const bytes = fs.readFileSync(file);
      expect(result.stdout).toBe(
        [
          `package: wrote ${file}`,
          '  customizations/bedrock-logs-aggregation.template.json',
          '  customizations/bedrock-logs-member.template.json',
          '  manifest.yaml',
          '  policies/bedrock-logs-guardrails.json',
          `size: ${bytes.length} bytes`,
          `sha256: ${sha256Hex(bytes)}`,
          '',
        ].join('\n'),
      );
      return sha256Hex(bytes);
    });
    expect(new Set(shas).size).toBe(1);
  });

  test('fails with exit 1 and writes nothing if validate rejects the package', () => {
    const out = path.join(tempDir('cfct-package-'), 'x.zip');
    const result = cliProcess(['package', '--dir', path.join(FIXTURES_DIR, 'many-problems'), '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('manifest.yaml has 4 issues:');
    expect(result.stderr.trimEnd().split('\n').pop()).toBe('package: refusing to package an invalid package: 6 issues in 3 files');
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('package --out', () => {
  test('fails if --out names a folder, or a path under a file, saying what to pass', () => {
    const dir = tempDir('cfct-package-');
    const folder = cliProcess(['package', '--dir', VALID_FIXTURE, '--out', dir], { cwd: dir });
    expect(folder).toMatchObject({ status: 1, stdout: '' });
    expect(folder.stderr).toBe('--out has 1 issue:\n- --out: names a folder; it takes the path of the file to write (got "."); pass a file path, for example --out custom-control-tower-configuration.zip\n');
    fs.writeFileSync(path.join(dir, 'file'), 'x');
    const under = cliProcess(['package', '--dir', VALID_FIXTURE, '--out', 'file/p.zip'], { cwd: dir });
    expect(under.stderr).toBe('--out has 1 issue:\n- --out: is under file, which is a file (got "file/p.zip"); choose a path whose parent folders are folders\n');
    expect(fs.readdirSync(dir)).toEqual(['file']);
  });

  test('fails if --out is a pipe, a device or a link to one, leaving it as it is: renaming over it would replace it', () => {
    const dir = tempDir('cfct-package-');
    const fifo = makeFifo(path.join(dir, 'pipe'));
    const piped = cliProcess(['package', '--dir', VALID_FIXTURE, '--out', 'pipe'], { cwd: dir });
    expect(piped.stderr).toBe('--out has 1 issue:\n- --out: is not a regular file (a device, pipe or socket), which writing would replace: pipe (EFTYPE) (got "pipe"); pass the path of a regular file, or of one that does not exist yet\n');
    expect(piped.status).toBe(1);
    fs.symlinkSync('/dev/null', path.join(dir, 'null'));
    expect(cliProcess(['package', '--dir', VALID_FIXTURE, '--out', 'null'], { cwd: dir }).status).toBe(1);
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
    expect(fs.readlinkSync(path.join(dir, 'null'))).toBe('/dev/null');
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(['null', 'pipe']);
  });
});
