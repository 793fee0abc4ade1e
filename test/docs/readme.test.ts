import * as fs from 'fs';
import * as path from 'path';
import { beginMarker, endMarker, locateSection, updateDocument } from '../../cdk/docs/markers';
import { SECTIONS } from '../../cdk/docs/sections';

/** The repository's README: its generated sections must be what `npm run docs` writes. */
const README = path.resolve(__dirname, '..', '..', 'README.md');
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
