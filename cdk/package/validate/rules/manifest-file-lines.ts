import type { PackageContext } from '../context';
import type { Finding, Rule } from '../types';

/** Characters a local package path may use: what survives CfCT's grep/cut and every shell. */
const SAFE_PATH = /^[A-Za-z0-9._/-]+$/;
const FILE_KEYS = ['resource_file', 'parameter_file'] as const;

/** One word CfCT's build stage checks as a file, and the manifest line it came from. */
export interface GrepWord {
  readonly line: number;
  readonly word: string;
}

/**
 * The words CfCT's build stage checks as files (aws-solutions/aws-control-tower-customizations,
 * source/codebuild_scripts/run-validation.sh at commit 08f76abd9548cc88d091ab6a8d8f127c768c331b):
 *
 *     check_files=$(grep '_file:' < manifest.yaml | grep -v '^ *#' | tr -s ' ' | tr -d '\r' | cut -d ' ' -f 3)
 *     for file_name in $check_files ; do …
 *
 * `cut` prints a line without any space whole, and the unquoted `$check_files` splits on blanks.
 */
export function grepFileWords(text: string): GrepWord[] {
  const words: GrepWord[] = [];
  text.split('\n').forEach((raw, index) => {
    if (!raw.includes('_file:') || /^ *#/.test(raw)) return;
    const squeezed = raw.replace(/ +/g, ' ').replace(/\r/g, '');
    const field = squeezed.includes(' ') ? (squeezed.split(' ')[2] ?? '') : squeezed;
    for (const word of field.split(/[ \t]+/)) if (word !== '') words.push({ line: index + 1, word });
  });
  return words;
}

export const manifestFileLines: Rule = {
  id: 'manifest-file-lines',
  description: '`resource_file` and `parameter_file` are unquoted, on their own line, in safe characters, as CfCT greps them',
  why: "CfCT's build stage finds files with `grep '_file:' | cut -d ' ' -f 3`, not with a YAML parser: a quoted or misplaced path fails the file check, and any other line containing `_file:` is checked as a file too",
  check(ctx) {
    const manifest = ctx.manifest;
    if (!manifest || !ctx.manifestData) return [];
    const words = grepFileWords(manifest.text);
    const wordsByLine = new Map<number, string[]>();
    for (const { line, word } of words) wordsByLine.set(line, [...(wordsByLine.get(line) ?? []), word]);
    const findings: Finding[] = [];
    const fileKeyLines = new Set<number>();

    for (const resource of ctx.resources) {
      for (const key of FILE_KEYS) {
        const at = [...resource.path, key];
        const node = manifest.node(at);
        if (!node?.scalar || node.scalar.type === 'null') continue;
        const value = node.scalar.text;
        if (node.keyLine !== undefined) fileKeyLines.add(node.keyLine);
        if (node.scalar.style !== 'plain') {
          findings.push(
            ctx.manifestFinding(
              at,
              `${node.scalar.style}: CfCT's build stage reads the path with grep/cut, quotes included, and finds no such file`,
              value,
              `write it without quotes: \`${key}: ${value}\``,
            ),
          );
          continue;
        }
        const seen = wordsByLine.get(node.keyLine ?? node.line) ?? [];
        if (seen.length !== 1 || seen[0] !== value) {
          findings.push(
            ctx.manifestFinding(
              at,
              `CfCT's build stage reads ${seen.length === 0 ? 'nothing' : `"${seen.join(' ')}"`} from this line, not the path`,
              value,
              `write \`${key}: ${value}\` alone on its line, one space after the colon, after \`- name:\``,
              node.keyLine,
            ),
          );
        }
        findings.push(...checkCharacters(ctx, at, key, value));
      }
    }

    for (const { line, word } of words) {
      if (fileKeyLines.has(line)) continue;
      const local = ctx.localPath(word);
      if (local !== undefined && ctx.fileExists(local)) continue;
      if (local === undefined && /^(?:s3|http)/.test(word)) continue;
      findings.push({
        file: 'manifest.yaml',
        line,
        path: '',
        message: `this line contains \`_file:\`, so CfCT's build stage checks "${word}" as a file, and there is none`,
        value: manifest.text.split('\n')[line - 1]?.trim(),
        fix: 'reword the line so that it does not contain `_file:`',
      });
    }
    return findings;
  },
};

function checkCharacters(ctx: PackageContext, at: (string | number)[], key: string, value: string): Finding[] {
  const remote = /^(?:s3|https?):\/\//.test(value);
  if (remote ? !/\s/.test(value) : SAFE_PATH.test(value)) return [];
  return [
    ctx.manifestFinding(
      at,
      remote ? 'the URL contains blanks, which split it into several words' : 'the path has characters outside [A-Za-z0-9._/-]',
      value,
      `rename the file (and the \`${key}\` value) to letters, digits, '.', '_', '-' and '/'`,
    ),
  ];
}
