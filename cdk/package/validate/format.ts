import type { Issue } from './types';

/** Longest value quoted in a message; longer ones are cut with an ellipsis. */
const MAX_VALUE_CHARS = 80;

/** A value as it appears inside `(got "…")`: one line, bounded length. */
export function showValue(value: string): string {
  const oneLine = value.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return oneLine.length > MAX_VALUE_CHARS ? `${oneLine.slice(0, MAX_VALUE_CHARS - 1)}…` : oneLine;
}

/** `- <file>:<line> <dot.path>: <what is wrong> (got "<value>"); <what to do> [<rule id>]` */
export function formatIssue(issue: Issue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  const got = issue.value === undefined ? '' : ` (got "${showValue(issue.value)}")`;
  return `- ${where} ${issue.path || '(file)'}: ${issue.message}${got}; ${issue.fix} [${issue.ruleId}]`;
}

/** Orders issues by file, then line, then path, so output is stable and reads top to bottom. */
export function compareIssues(a: Issue, b: Issue): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const la = a.line ?? 0;
  const lb = b.line ?? 0;
  if (la !== lb) return la - lb;
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}

/**
 * Every issue, grouped by file in the house format:
 *
 * ```
 * manifest.yaml has 2 issues:
 * - manifest.yaml:3 version: …
 * ```
 */
export function formatIssues(issues: readonly Issue[]): string {
  const byFile = new Map<string, Issue[]>();
  for (const issue of [...issues].sort(compareIssues)) {
    const list = byFile.get(issue.file) ?? [];
    list.push(issue);
    byFile.set(issue.file, list);
  }
  const blocks: string[] = [];
  for (const [file, list] of byFile) {
    const header = `${file} has ${list.length} issue${list.length === 1 ? '' : 's'}:`;
    blocks.push([header, ...list.map(formatIssue)].join('\n'));
  }
  return blocks.join('\n');
}
