/**
 * CfCT rewrites every SCP/RCP file before CreatePolicy/UpdatePolicy with Python's
 * `text.replace("\n", "\r\n").replace("  ", "")` (aws-solutions/aws-control-tower-customizations
 * v2.8.4, `source/src/cfct/state_machine_handler.py`). Python's `str.replace` replaces
 * every non-overlapping occurrence, left to right, which is exactly `split(x).join(y)`.
 */
export function cfctRewrite(text: string): string {
  return text.split('\n').join('\r\n').split('  ').join('');
}

/**
 * The number of characters Organizations will count for `text` once CfCT has rewritten it
 * (code points, like Python's `len`).
 */
export function cfctSize(text: string): number {
  return [...cfctRewrite(text)].length;
}

/** Minified one-line JSON, no trailing newline: the exact content of a policy file. */
export function policyText(document: unknown): string {
  return JSON.stringify(document);
}
