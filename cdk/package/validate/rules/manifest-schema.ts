import type { ErrorObject } from 'ajv';
import type { PackageContext } from '../context';
import schema from '../manifest-v2.schema.json';
import { fromJsonPointer, type PathSegment } from '../paths';
import { describePyScalar } from '../pyyaml';
import { manifestSchemaValidator } from '../schema-validator';
import type { Finding, Rule } from '../types';

/** What to write for each required key, when it is missing. */
const REQUIRED_KEY_FIXES: Readonly<Record<string, string>> = {
  region: 'add `region: <Control Tower home region>`, for example `region: us-east-1`',
  version: 'add `version: 2021-03-15` (unquoted)',
  name: 'add `- name: <resource name>` as the first key of the resource',
  resource_file: 'add `resource_file: <path to the template or policy>` (unquoted, on its own line)',
  deploy_method: 'add `deploy_method: stack_set` (or scp, rcp)',
  deployment_targets: 'add `deployment_targets:` with `organizational_units:` and/or `accounts:`',
  parameter_key: 'add `parameter_key: <template parameter name>`',
  parameter_value: 'add `parameter_value: "<value>"` (quoted)',
  value: 'add `value: $[output_<OutputKey>]`',
};

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  boolean: 'a boolean (true or false)',
  array: 'a list',
  object: 'a mapping',
  null: 'empty',
};

export const manifestSchema: Rule = {
  id: 'manifest-schema',
  description: "manifest.yaml passes CfCT's manifest-v2 schema (closed mappings, required keys, types, deploy_method, unique regions)",
  why: "CfCT's build stage runs pykwalify with this schema and fails the pipeline on any error",
  check(ctx) {
    if (ctx.manifestData === undefined) return [];
    const validate = manifestSchemaValidator();
    if (validate(ctx.manifestData)) return [];
    const seen = new Set<string>();
    const findings: Finding[] = [];
    for (const error of validate.errors ?? []) {
      const finding = toFinding(ctx, error);
      const key = `${finding.path}|${finding.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        findings.push(finding);
      }
    }
    return findings;
  },
};

function toFinding(ctx: PackageContext, error: ErrorObject): Finding {
  const at = fromJsonPointer(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((schemaAt(error.schemaPath) as { properties?: object }).properties ?? {});
      const near = closest(key, allowed);
      const keyPath = [...at, key];
      return ctx.manifestFinding(
        keyPath,
        "unknown key: CfCT's schema allows no other keys here",
        key,
        `${near ? `did you mean \`${near}\`? ` : ''}remove it or use one of: ${allowed.join(', ')}`,
        ctx.manifest?.node(keyPath)?.keyLine,
      );
    }
    case 'required': {
      const key = String(params.missingProperty);
      return ctx.manifestFinding([...at, key], "missing: CfCT's schema requires it", undefined, REQUIRED_KEY_FIXES[key] ?? `add \`${key}\``);
    }
    case 'type': {
      const expected = String(params.type)
        .split(',')
        .filter((t) => t !== 'null')
        .map((t) => TYPE_NAMES[t] ?? t)
        .join(' or ');
      return typeFinding(ctx, at, expected);
    }
    case 'not':
      return ctx.manifestFinding(at, 'empty: CfCT needs a value here', '', 'give a quoted value, for example `parameter_value: "x"`');
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const node = ctx.manifest?.node(at);
      const value = node?.scalar?.text;
      if (at.length === 1 && at[0] === 'version') {
        return ctx.manifestFinding(at, `must be ${allowed.join(', ')}, the manifest version of CfCT's v2 schema`, value, `write \`version: ${allowed[0]}\` (unquoted)`);
      }
      return ctx.manifestFinding(at, `must be one of ${allowed.join(', ')} (lower-case)`, value, `write one of: ${allowed.join(', ')}`);
    }
    case 'uniqueItems': {
      const j = Number(params.j);
      const i = Number(params.i);
      const itemPath = [...at, Math.max(i, j)];
      const value = ctx.manifest?.node(itemPath)?.scalar?.text;
      return ctx.manifestFinding(itemPath, `duplicate item: CfCT's schema wants each region once (also item ${Math.min(i, j)})`, value, 'remove the duplicate');
    }
    default:
      return ctx.manifestFinding(at, `does not match CfCT's schema: ${error.message ?? error.keyword}`, undefined, 'compare with the manifest `npm run build` writes');
  }
}

/** The schema object holding the failed keyword (`#/definitions/resource/additionalProperties` → resource). */
function schemaAt(schemaPath: string): unknown {
  let node: unknown = schema;
  for (const segment of fromJsonPointer(schemaPath.replace(/^#/, '')).slice(0, -1)) {
    node = (node as Record<string | number, unknown> | undefined)?.[segment];
  }
  return node;
}

/** A type error, explained with PyYAML's reading of an unquoted scalar where that is the cause. */
function typeFinding(ctx: PackageContext, at: PathSegment[], expected: string): Finding {
  const node = ctx.manifest?.node(at);
  const scalar = node?.scalar;
  if (!scalar) {
    const kind = node?.kind === 'map' ? 'a mapping' : node?.kind === 'seq' ? 'a list' : 'something else';
    return ctx.manifestFinding(at, `must be ${expected}, not ${kind}`, undefined, `write ${expected} here`);
  }
  if (scalar.type === 'null') {
    return ctx.manifestFinding(at, `empty: must be ${expected}`, scalar.text, `give a value, or remove the key`);
  }
  if (scalar.style === 'plain' && expected === 'a string') {
    return ctx.manifestFinding(
      at,
      `must be a string, but PyYAML (YAML 1.1) reads unquoted ${scalar.text} as ${describePyScalar(scalar)}`,
      scalar.text,
      `quote it: "${scalar.text}"`,
    );
  }
  return ctx.manifestFinding(at, `must be ${expected}, not ${describePyScalar(scalar)}`, scalar.text, `write ${expected} here`);
}

/** The allowed key closest to a misspelt one, if it is close enough to be a typo. */
function closest(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of allowed) {
    const d = levenshtein(key.toLowerCase(), candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
