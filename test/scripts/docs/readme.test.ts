import * as fs from 'fs';
import { projectFile } from '../../../cdk/paths';
import { beginMarker, endMarker, locateSection, updateDocument } from '../../../scripts/docs/markers';
import { SECTIONS } from '../../../scripts/docs/sections';

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
