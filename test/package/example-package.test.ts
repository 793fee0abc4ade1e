/**
 * A snapshot of the whole example package, so every change to the generated output shows up as a
 * reviewable diff (the drift test in test/scripts/build.test.ts keeps the committed files current).
 */
import { buildPackage } from '../../cdk/package/build';
import { exampleConfig } from '../helpers/example';

test('the example package', () => {
  const built = buildPackage(exampleConfig(), 'Built by `npm run build -- --env example` from cdk/env/map.example.ts.');
  const files = Object.fromEntries([...built.files].sort(([a], [b]) => a.localeCompare(b)));
  for (const [file, content] of Object.entries(files)) {
    expect(content).toMatchSnapshot(file);
  }
  expect(Object.keys(files)).toMatchSnapshot('file list');
});
