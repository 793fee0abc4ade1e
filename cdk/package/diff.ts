/**
 * How the package in a folder differs from what its map builds (`check`, `build --check`): one issue
 * per file that would change, and per manifest resource of this package that would be added,
 * changed or removed.
 */
import { parse } from 'yaml';
import type { Issue } from '../errors';
import { MANIFEST_FILE } from '../names';
import { FOLDER, type PackagePlan } from './plan';

type Item = { name?: unknown } | null;

function resourcesByName(text: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (text === undefined) return out;
  try {
    const doc = parse(text, { schema: 'yaml-1.1', uniqueKeys: false }) as { resources?: Item[] | null } | null;
    for (const item of doc?.resources ?? []) if (typeof item?.name === 'string') out.set(item.name, JSON.stringify(item));
  } catch {
    // an unreadable manifest differs as a whole
  }
  return out;
}

/** What the folder holds at `rel`, as the plan read it; a folder in the file's place counts as missing. */
function current(plan: PackagePlan, rel: string): string | undefined {
  const text = plan.before.get(rel);
  return text === FOLDER ? undefined : text;
}

/** Every difference between the folder and the plan; empty when the folder is what the map builds. */
export function describeDifferences(plan: PackagePlan, fix: string): Issue[] {
  const issues: Issue[] = [];
  for (const rel of plan.writes.keys()) {
    const before = current(plan, rel);
    issues.push({ path: rel, message: before === undefined ? 'is missing' : 'differs from what the map builds', fix });
    if (rel !== MANIFEST_FILE || before === undefined) continue;
    const old = resourcesByName(before);
    const next = resourcesByName(plan.files.get(MANIFEST_FILE));
    for (const [name, item] of next) {
      if (!old.has(name)) issues.push({ path: `${MANIFEST_FILE} resource ${name}`, message: 'is missing', fix });
      else if (old.get(name) !== item) issues.push({ path: `${MANIFEST_FILE} resource ${name}`, message: 'differs from what the map builds', fix });
    }
    for (const name of plan.previous?.resources ?? []) {
      if (!next.has(name) && old.has(name)) issues.push({ path: `${MANIFEST_FILE} resource ${name}`, message: 'is stale: the build would remove it', fix });
    }
  }
  for (const rel of plan.removals) issues.push({ path: rel, message: 'is stale: the build would remove it', fix });
  return issues;
}
