import * as fs from 'fs';
import * as path from 'path';
import { DEFAULTS } from '../../env/resolve';
import { MANIFEST_FILE } from '../../names';
import { parseJsonSource, type JsonSource } from './json-source';
import { dotPath, type PathSegment } from './paths';
import type { Finding } from './types';
import { parseYamlSource, type YamlSource } from './yaml-source';

/** SCP size budget when none is given: the environment map's default (`policies.scpSizeBudget`). */
export const DEFAULT_SCP_BUDGET = DEFAULTS.scpSizeBudget;

/** The `deploy_method` values of CfCT's manifest v2 schema. */
export type DeployMethod = 'stack_set' | 'scp' | 'rcp';

/** One entry of the manifest's `resources`, read leniently (the schema rule reports wrong shapes). */
export interface ManifestResource {
  readonly index: number;
  /** `['resources', index]` */
  readonly path: readonly PathSegment[];
  readonly data: Readonly<Record<string, unknown>>;
  readonly name?: string;
  readonly deployMethod?: DeployMethod;
  readonly resourceFile?: string;
  readonly parameterFile?: string;
}

/** What every rule reads: the package folder, the parsed manifest and cached file contents. */
export interface PackageContext {
  /** Absolute path of the package folder (the one holding `manifest.yaml`). */
  readonly dir: string;
  readonly scpBudget: number;
  /** The manifest as PyYAML reads it; undefined when the file does not exist. */
  readonly manifest?: YamlSource;
  /** The manifest's top-level mapping, when it is one. */
  readonly manifestData?: Readonly<Record<string, unknown>>;
  readonly resources: readonly ManifestResource[];
  /** A finding in `manifest.yaml` at `at`, with the line of that node (or its nearest ancestor). */
  manifestFinding(at: readonly PathSegment[], message: string, value: string | undefined, fix: string, line?: number): Finding;
  /**
   * The package-relative path a manifest `*_file` value names, when it is a local file path
   * inside the package; undefined for `s3://` / `https://` URLs and paths that leave the package.
   */
  localPath(ref: string): string | undefined;
  /** Whether `rel` is a file, with exactly this spelling (CodeBuild's file system is case-sensitive). */
  fileExists(rel: string): boolean;
  /** The text of a package file, read once; undefined when it does not exist. */
  readText(rel: string): string | undefined;
  /** A package file parsed as JSON (with lines), parsed once; undefined when it does not exist. */
  readJson(rel: string): JsonSource | undefined;
}

/** Whether a manifest `*_file` value is a URL CfCT downloads rather than a file in the package. */
export function isRemoteRef(ref: string): boolean {
  return /^(?:s3|https?):\/\//.test(ref);
}

/**
 * The package's files as rules see them. `overlay` replaces files before they are written
 * (content by package-relative path; `null` for a file about to be removed): how the build checks
 * the package it is about to write, other teams' files included, without writing it first.
 */
export function createContext(dir: string, scpBudget: number, overlay: ReadonlyMap<string, string | null> = new Map()): PackageContext {
  const absDir = path.resolve(dir);
  const texts = new Map<string, string | undefined>();
  const jsons = new Map<string, JsonSource | undefined>();
  const listings = new Map<string, ReadonlySet<string>>();

  const listing = (relDir: string): ReadonlySet<string> => {
    let names = listings.get(relDir);
    if (!names) {
      let found: Set<string>;
      try {
        found = new Set(fs.readdirSync(path.join(absDir, relDir)));
      } catch {
        found = new Set();
      }
      for (const [rel, content] of overlay) {
        const segments = rel.split('/');
        const parent = segments.slice(0, -1);
        // A file of the overlay makes its folders exist too.
        for (let i = 0; i < segments.length; i++) {
          if (segments.slice(0, i).join('/') === relDir && (i < segments.length - 1 || content !== null)) found.add(segments[i]);
        }
        if (content === null && parent.join('/') === relDir) found.delete(segments.at(-1) as string);
      }
      names = found;
      listings.set(relDir, names);
    }
    return names;
  };

  const fileExists = (rel: string): boolean => {
    const segments = rel.split('/');
    for (let i = 0; i < segments.length; i++) {
      if (!listing(segments.slice(0, i).join('/')).has(segments[i])) return false;
    }
    if (overlay.has(rel)) return overlay.get(rel) !== null;
    try {
      return fs.statSync(path.join(absDir, rel)).isFile();
    } catch {
      return false;
    }
  };

  const readText = (rel: string): string | undefined => {
    if (!texts.has(rel)) {
      const staged = overlay.get(rel);
      texts.set(rel, !fileExists(rel) ? undefined : typeof staged === 'string' ? staged : fs.readFileSync(path.join(absDir, rel), 'utf8'));
    }
    return texts.get(rel);
  };

  const readJson = (rel: string): JsonSource | undefined => {
    if (!jsons.has(rel)) {
      const text = readText(rel);
      jsons.set(rel, text === undefined ? undefined : parseJsonSource(text));
    }
    return jsons.get(rel);
  };

  const manifestText = readText(MANIFEST_FILE);
  const manifest = manifestText === undefined ? undefined : parseYamlSource(manifestText);
  const manifestData = isRecord(manifest?.data) ? manifest.data : undefined;
  const resources = readResources(manifestData);

  return {
    dir: absDir,
    scpBudget,
    manifest,
    manifestData,
    resources,
    manifestFinding: (at, message, value, fix, line) => ({
      file: MANIFEST_FILE,
      line: line ?? manifest?.lineOf(at),
      path: dotPath(at),
      message,
      value,
      fix,
    }),
    localPath: (ref) => {
      if (isRemoteRef(ref) || ref === '' || path.posix.isAbsolute(ref) || ref.includes('\\')) return undefined;
      const normalized = path.posix.normalize(ref);
      if (normalized === '..' || normalized.startsWith('../')) return undefined;
      return normalized.replace(/^\.\//, '');
    },
    fileExists,
    readText,
    readJson,
  };
}

function readResources(manifest: Readonly<Record<string, unknown>> | undefined): ManifestResource[] {
  const list = manifest?.resources;
  if (!Array.isArray(list)) return [];
  const out: ManifestResource[] = [];
  list.forEach((item, index) => {
    if (!isRecord(item)) return;
    const method = item.deploy_method;
    out.push({
      index,
      path: ['resources', index],
      data: item,
      name: typeof item.name === 'string' ? item.name : undefined,
      deployMethod: method === 'stack_set' || method === 'scp' || method === 'rcp' ? method : undefined,
      resourceFile: typeof item.resource_file === 'string' ? item.resource_file : undefined,
      parameterFile: typeof item.parameter_file === 'string' ? item.parameter_file : undefined,
    });
  });
  return out;
}

/** One entry of a resource's `deployment_targets.accounts` or `.organizational_units`. */
export interface TargetEntry {
  readonly value: unknown;
  /** `['resources', i, 'deployment_targets', kind, j]` */
  readonly at: readonly PathSegment[];
}

/**
 * Every entry of `deployment_targets.<kind>` across the manifest's resources, with its path;
 * targets that are not a mapping holding a list are skipped (the schema rule reports them).
 */
export function targetEntries(resources: readonly ManifestResource[], kind: 'accounts' | 'organizational_units'): TargetEntry[] {
  const entries: TargetEntry[] = [];
  for (const resource of resources) {
    const targets = resource.data.deployment_targets;
    if (!isRecord(targets) || !Array.isArray(targets[kind])) continue;
    targets[kind].forEach((value: unknown, index: number) => {
      entries.push({ value, at: [...resource.path, 'deployment_targets', kind, index] });
    });
  }
  return entries;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
