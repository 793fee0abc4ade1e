/** Folder snapshots for tests that must show a folder changed exactly as intended, or not at all. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Every file under `dir` with its bytes (latin1, so any byte compares), by `/`-separated relative path. */
export function readTree(dir: string, withTimes = false): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      const rel = path.relative(dir, full).split(path.sep).join('/');
      if (entry.isDirectory()) walk(full);
      else out[rel] = `${fs.readFileSync(full, 'latin1')}${withTimes ? ` @${fs.statSync(full).mtimeMs}` : ''}`;
    }
  };
  walk(dir);
  return out;
}

/** `tree` without the entries named in `drop`. */
export function without(tree: Record<string, string>, drop: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(tree).filter(([rel]) => !drop.includes(rel)));
}

/** The team's CfCT configuration fixture: their manifest, templates, parameters, policies and README. */
export const TEAM_CONFIGURATION = path.resolve(__dirname, '../fixtures/cfct-configurations/team');

/** A fresh copy of the team's CfCT configuration in a temporary folder (the caller removes it). */
export function copyTeamConfiguration(parent: string = os.tmpdir()): string {
  const dir = fs.mkdtempSync(path.join(parent, 'cfct-team-'));
  fs.cpSync(TEAM_CONFIGURATION, dir, { recursive: true });
  return dir;
}

/** A named pipe at `file` (coreutils' mkfifo: Node has no API for it); returns `file`. */
export function makeFifo(file: string): string {
  execFileSync('mkfifo', [file]);
  return file;
}
