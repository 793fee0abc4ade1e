/** Whether the package at a repository root can be checked for drift, and against which map. */
import * as fs from 'fs';
import * as path from 'path';
import { RECORD_FILE } from '../../cdk/names';
import { readRecord, type PackageRecord } from '../../cdk/package/record';

export type DriftCheck =
  | { readonly run: true; readonly record: PackageRecord; readonly mapFile: string }
  | { readonly run: false; readonly reason: string };

/**
 * The drift check of the package at `root`: against the map its package record names, when that map
 * is in the checkout. A fork that committed a package built from an uncommitted `cdk/env/map.ts`
 * (what CI checks out) has nothing to compare with: skipped, with the reason.
 */
export function rootDriftCheck(root: string): DriftCheck {
  const record = readRecord(root);
  if (record === undefined) return { run: false, reason: `there is no ${RECORD_FILE} at the repository root (no package built there)` };
  const mapFile = path.resolve(root, record.map);
  if (!fs.existsSync(mapFile)) return { run: false, reason: `the root package was built from ${record.map}, which is not in this checkout (an operator's uncommitted map)` };
  return { run: true, record, mapFile };
}
