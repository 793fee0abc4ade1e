import * as fs from 'fs';
import { projectFile } from '../../../cdk/paths';
import { beginMarker, endMarker, locateSection, updateDocument } from '../../../scripts/docs/markers';
import { SECTIONS } from '../../../scripts/docs/sections';
import { README_BUILD } from '../../../scripts/bench/main';

/** The repository's README: its generated sections must be what `npm run docs` writes. */
const README = projectFile('README.md');
const text = fs.readFileSync(README, 'utf8');

test('README.md has the markers of every registered section', () => {
  for (const section of SECTIONS) {
    expect([section.name, text.includes(beginMarker(section.name)), text.includes(endMarker(section.name))]).toEqual([section.name, true, true]);
    expect(locateSection(text, section.name)).toBeDefined();
  }
});

test('every generated section of README.md is current (run `npm run docs` when this fails)', () => {
  const present = SECTIONS.filter((s) => locateSection(text, s.name) !== undefined);
  const status = updateDocument(text, present);
  expect(status.differences).toEqual({});
  expect(status.stale).toEqual([]);
});

test('README.md is an operator document of at most 40 KB with the sections an operator needs', () => {
  expect(Buffer.byteLength(text)).toBeLessThanOrEqual(40_000);
  const headings = text.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
  expect(headings).toEqual(['Quick start', 'Two workflows', 'Architecture', 'Configuration reference', 'Commands', 'Operations', 'Limits',
    'Cost model', 'Security', 'Troubleshooting', 'Development']);
});

test('every relative link of README.md points at a file of the repository', () => {
  const links = [...text.matchAll(/\]\(((?!https?:|#)[^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]);
  expect(links.length).toBeGreaterThan(5);
  for (const link of links) expect(fs.existsSync(projectFile(link))).toBe(true);
});

test('README.md runs the build the way `npm run bench` measures it (README_BUILD)', () => {
  const section = (heading: string): string => text.split(/^## /m).find((part) => part.startsWith(`${heading}\n`)) ?? '';
  expect(section('Quick start')).toContain(`\`${README_BUILD.fork}\``);
  expect(section('Two workflows')).toContain(`\`${README_BUILD.installed} `);
});
