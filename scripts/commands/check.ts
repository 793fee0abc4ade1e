/**
 * `check [--map <file>] [--env <name>] [--out <dir>]`: `build --check`. Writes nothing; exits 0 when
 * the package folder holds exactly what the map builds (its files, its manifest resources, its
 * package record), 1 listing every difference. For an operator's CI: the package in the repository
 * is what the versioned map builds.
 */
import { defineCommand } from '../lib/command';
import { BUILD_OPTIONS, runCheck } from './build';

export const check = defineCommand({
  name: 'check',
  summary: 'Exits 1 listing every file and resource of the package that differs from what the map builds (build --check); writes nothing.',
  options: BUILD_OPTIONS,
  run({ values, io }) {
    runCheck(values, io);
  },
});
