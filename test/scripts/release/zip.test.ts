import * as fs from 'fs';
import * as path from 'path';
import { strFromU8, unzipSync } from 'fflate';
import { RECORD_FILE } from '../../../cdk/names';
import { PackageValidationError } from '../../../cdk/package/validate';
import { buildPackageZip, homeRegionOfZip, packageFiles, PACKAGE_ZIP_NAME, sha256Hex, writePackageZip } from '../../../scripts/release/zip';
import { copyFixture, FIXTURES_DIR, VALID_FIXTURE } from '../../package/validate/fixture';

const VALID_FILES = [
  'customizations/bedrock-logs-aggregation.template.json',
  'customizations/bedrock-logs-member.template.json',
  'manifest.yaml',
  'policies/bedrock-logs-guardrails.json',
];

/** The central directory entries of a zip: name, DOS time/date, "made by" system, external attributes. */
function centralDirectory(bytes: Uint8Array): { name: string; time: number; date: number; madeBy: number; attrs: number; extra: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50); // no archive comment
  let offset = view.getUint32(end + 16, true);
  const count = view.getUint16(end + 10, true);
  const out = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(offset, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    out.push({
      name: strFromU8(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      madeBy: bytes[offset + 5],
      time: view.getUint16(offset + 12, true),
      date: view.getUint16(offset + 14, true),
      attrs: view.getUint32(offset + 38, true),
      extra: extraLength,
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

describe('packageFiles', () => {
  test('is manifest.yaml and the local files it references, sorted', () => {
    expect(packageFiles(VALID_FIXTURE)).toEqual(VALID_FILES);
  });

  test('includes the package record when there is one (publish reads its target from it)', () => {
    const dir = copyFixture();
    fs.writeFileSync(path.join(dir, RECORD_FILE), '{}\n');
    expect(packageFiles(dir)).toEqual([RECORD_FILE, ...VALID_FILES].sort());
  });
});

describe('buildPackageZip', () => {
  test('holds manifest.yaml at the root and exactly the package files, byte for byte', () => {
    const dir = copyFixture();
    fs.writeFileSync(path.join(dir, 'README.md'), 'not part of the package');
    fs.writeFileSync(path.join(dir, 'customizations/unused.template.json'), '{}');
    const zip = buildPackageZip(dir);
    expect(zip.files).toEqual(VALID_FILES);
    const entries = unzipSync(zip.bytes);
    expect(Object.keys(entries)).toEqual(VALID_FILES);
    for (const file of VALID_FILES) expect(Buffer.from(entries[file]).equals(fs.readFileSync(path.join(dir, file)))).toBe(true);
  });

  test('writes fixed times, permissions and system, no extra fields', () => {
    const entries = centralDirectory(buildPackageZip(VALID_FIXTURE).bytes);
    for (const entry of entries) {
      expect(entry).toMatchObject({ time: 0, date: (0 << 9) | (1 << 5) | 1, madeBy: 3, attrs: 0o100644 * 0x1_0000, extra: 0 });
    }
  });

  test('is byte-identical across runs, file times, file modes and time zones', () => {
    const first = buildPackageZip(VALID_FIXTURE);
    const dir = copyFixture();
    for (const [i, file] of VALID_FILES.entries()) {
      fs.utimesSync(path.join(dir, file), new Date(2001, i, 2), new Date(2030, i, 3, 13, 37));
      fs.chmodSync(path.join(dir, file), 0o600);
    }
    const savedTz = process.env.TZ;
    const shas = new Set<string>();
    try {
      for (const tz of ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Kathmandu']) {
        process.env.TZ = tz;
        shas.add(buildPackageZip(dir).sha256);
        shas.add(buildPackageZip(VALID_FIXTURE).sha256);
      }
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
    expect([...shas]).toEqual([first.sha256]);
    expect(first.sha256).toBe(sha256Hex(first.bytes));
  });

  test('fails if validate rejects the package, listing the issues', () => {
    const build = () => buildPackageZip(path.join(FIXTURES_DIR, 'many-problems'));
    expect(build).toThrow(PackageValidationError);
    expect(build).toThrow(/manifest\.yaml has 4 issues:\n- manifest\.yaml:4 version: quoted/);
    expect(build).toThrow(/package: refusing to package an invalid package: 6 issues in 3 files$/);
  });
});

describe('writePackageZip', () => {
  test('writes the archive to the given path, creating folders', () => {
    const out = path.join(copyFixture(), 'out', 'nested', PACKAGE_ZIP_NAME);
    const zip = writePackageZip(VALID_FIXTURE, out);
    expect(sha256Hex(fs.readFileSync(out))).toBe(zip.sha256);
    expect(fs.readdirSync(path.dirname(out))).toEqual([PACKAGE_ZIP_NAME]); // no temporary file left
  });
});

describe('homeRegionOfZip', () => {
  test("reads the manifest's region from the archive", () => {
    expect(homeRegionOfZip(buildPackageZip(VALID_FIXTURE).bytes)).toBe('us-east-1');
  });

  test('fails if the bytes are not a package archive', () => {
    expect(() => homeRegionOfZip(new Uint8Array([1, 2, 3]))).toThrow(/not a zip archive/);
  });
});
