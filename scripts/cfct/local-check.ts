/**
 * CfCT's own local check of a package, run for real: the part of its build stage that needs no AWS
 * (source/codebuild_scripts/run-validation.sh in aws-solutions/aws-control-tower-customizations
 * v2.8.4): PyYAML's `yaml.safe_load` of manifest.yaml, `pykwalify -d manifest.yaml -s
 * manifest-v2.schema.yaml` (the schema generated from the project's port, see pykwalify-schema.ts),
 * and its file-existence loop over `grep '_file:' | ... | cut -d ' ' -f 3`. Left out: the `yq` call
 * that picks the schema by `version` (this check uses the v2 schema directly), the empty
 * `-e custom_validation.py` extension, and the AWS steps (validate-template, cfn_nag on templates/).
 *
 * Needs python3 with pykwalify 1.8.0 and what its CLI imports (docopt, python-dateutil,
 * ruamel.yaml) plus PyYAML: Debian's python3-pykwalify does not depend on them, so `.ci/run`
 * installs python3-pykwalify python3-docopt python3-dateutil python3-ruamel.yaml python3-yaml.
 * `findCfctCheck` says why it cannot run where they are missing, so tests can skip with the reason.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pykwalifySchema } from './pykwalify-schema';

/** pykwalify's CLI entry point, as its console script runs it (`pykwalify = pykwalify.cli:cli_entrypoint`). */
const PYKWALIFY_MAIN = 'import sys; from pykwalify.cli import cli_entrypoint; sys.argv[0] = "pykwalify"; sys.exit(cli_entrypoint())';

/** The steps of run-validation.sh that run without AWS, in its words; `$1` is the schema, `$PYTHON` the interpreter. */
const CHECK_SCRIPT = String.raw`
status=0
"$PYTHON" -c 'import yaml,sys;yaml.safe_load(sys.stdin)' < manifest.yaml || { echo "ERROR: Manifest file is not valid YAML"; status=1; }
"$PYTHON" -c '${PYKWALIFY_MAIN}' -d manifest.yaml -s "$1" || { echo "ERROR: Manifest file failed V2 schema validation"; status=1; }
check_files=$(grep '_file:' < manifest.yaml | grep -v '^ *#' | tr -s ' ' | tr -d '\r' | cut -d ' ' -f 3)
for file_name in $check_files ; do
  if [[ $file_name == s3* || $file_name == http* ]]; then continue; fi
  if [ -f "$(pwd)/$file_name" ]; then echo "File $file_name exists"; else echo "ERROR: File $file_name does not exist"; status=1; fi
done
exit $status
`;

/** Interpreters tried, in order: Debian's (where python3-pykwalify installs), then the one on PATH. */
const PYTHONS = ['/usr/bin/python3', 'python3'];

export type CfctCheckAvailability = { readonly available: true; readonly python: string } | { readonly available: false; readonly reason: string };

let found: CfctCheckAvailability | undefined;

/** Whether CfCT's check can run here, with which python, or why not. */
export function findCfctCheck(): CfctCheckAvailability {
  if (found) return found;
  for (const python of PYTHONS) {
    const probe = spawnSync(python, ['-c', 'import pykwalify.cli, pykwalify.core, docopt, yaml'], { encoding: 'utf8' });
    if (probe.status === 0) return (found = { available: true, python });
  }
  found = { available: false, reason: 'python3 with pykwalify, docopt, python-dateutil and PyYAML is not installed (apt-get install python3-pykwalify python3-docopt python3-dateutil python3-yaml; .ci/run does)' };
  return found;
}

/** A prepared check: the command that checks the package in its working directory. */
export interface CfctCheck {
  /** `[executable, ...args]`; run it with the package folder as the working directory. */
  readonly command: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** Writes the schema and the script into `workDir` and returns the command; throws when the tools are missing. */
export function prepareCfctCheck(workDir: string): CfctCheck {
  const tools = findCfctCheck();
  if (!tools.available) throw new Error(`CfCT's check cannot run: ${tools.reason}`);
  fs.mkdirSync(workDir, { recursive: true });
  const schema = path.join(workDir, 'manifest-v2.schema.yaml');
  const script = path.join(workDir, 'cfct-local-check.sh');
  fs.writeFileSync(schema, pykwalifySchema());
  fs.writeFileSync(script, CHECK_SCRIPT);
  return { command: ['bash', script, schema], env: { ...process.env, PYTHON: tools.python } };
}

export interface CfctCheckResult {
  readonly ok: boolean;
  /** stdout and stderr, interleaved as far as the pipes allow. */
  readonly output: string;
}

/** Runs CfCT's local check on the package in `dir`. */
export function runCfctCheck(check: CfctCheck, dir: string): CfctCheckResult {
  const [file, ...args] = check.command;
  const result = spawnSync(file, args, { cwd: dir, env: check.env, encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}
