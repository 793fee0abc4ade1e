import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatIssue } from '../../../cdk/errors';
import { checkRules, type Issue, RULES, type ValidateOptions } from '../../../cdk/package/validate';

/** The fixture packages: folders of real files, one per scenario. */
export const FIXTURES_DIR = path.resolve(__dirname, '../../fixtures/packages');
export const VALID_FIXTURE = path.join(FIXTURES_DIR, 'valid');

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temporary copy of a fixture package. */
export function copyFixture(name = 'valid'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cfct-${name}-`));
  tempDirs.push(dir);
  fs.cpSync(path.join(FIXTURES_DIR, name), dir, { recursive: true });
  return dir;
}

/** Replaces `from` (which must occur) with `to` in a package file. */
export function replaceIn(dir: string, file: string, from: string | RegExp, to: string): void {
  const full = path.join(dir, file);
  const text = fs.readFileSync(full, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`test setup: ${String(from)} not found in ${file}`);
  fs.writeFileSync(full, next);
}

/** Rewrites a JSON package file through a function of its parsed value (templates: 2-space indent). */
export function editJson(dir: string, file: string, edit: (value: any) => void, minified = false): void {
  const full = path.join(dir, file);
  const value = JSON.parse(fs.readFileSync(full, 'utf8'));
  edit(value);
  fs.writeFileSync(full, minified ? JSON.stringify(value) : `${JSON.stringify(value, null, 2)}\n`);
}

/** A copy of the valid package with edits applied to its manifest. */
export function withManifest(from: string | RegExp, to: string): string {
  const dir = copyFixture();
  replaceIn(dir, 'manifest.yaml', from, to);
  return dir;
}

/** The issues one rule reports for a package: that rule runs alone (no other rule runs). */
export function issuesOf(dir: string, ruleId: string, options?: ValidateOptions): Issue[] {
  const rule = RULES.find((candidate) => candidate.id === ruleId);
  if (rule === undefined) throw new Error(`test setup: no rule ${ruleId}`);
  return checkRules(dir, [rule], options);
}

/** The single issue one rule reports (fails the test when there are none or several). */
export function onlyIssue(dir: string, ruleId: string, options?: ValidateOptions): Issue {
  const issues = issuesOf(dir, ruleId, options);
  if (issues.length !== 1) throw new Error(`expected one ${ruleId} issue, got ${issues.length}:\n${issues.map(formatIssue).join('\n')}`);
  return issues[0];
}

export const POLICY = 'policies/bedrock-logs-guardrails.json';
export const MEMBER_TEMPLATE = 'customizations/bedrock-logs-member.template.json';
export const AGGREGATION_TEMPLATE = 'customizations/bedrock-logs-aggregation.template.json';
