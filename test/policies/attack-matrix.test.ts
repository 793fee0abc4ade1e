/**
 * The attack matrix, evaluated with @cloud-copilot/iam-simulate: every row is its own test.
 * See scripts/attack-matrix.ts for the model (root → OU → account, FullAWSAccess at each level,
 * AdministratorAccess for every principal, explicit aws:PrincipalArn and tag context).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPolicies, rcpStatements, scpStatements } from '../../cdk/policies';
import {
  attackMatrixConfig,
  buildAttackMatrix,
  evaluateRow,
  type MatrixResult,
  renderMarkdown,
  renderTable,
  SECURITY_MATRIX_FILE,
} from '../../scripts/attack-matrix';
import { policyScenarioConfig } from './scenario';

const config = policyScenarioConfig();
const rows = buildAttackMatrix(config);
const results = new Map<number, MatrixResult>();

beforeAll(async () => {
  for (const row of rows) results.set(row.id, await evaluateRow(row));
});

function resultOf(id: number): MatrixResult {
  const result = results.get(id);
  if (!result) throw new Error(`row ${id} was not evaluated`);
  return result;
}

test('the matrix evaluates the example environment', () => {
  expect(attackMatrixConfig()).toEqual(config);
});

describe('denied', () => {
  for (const row of rows.filter((r) => r.expected === 'Denied')) {
    test(`#${row.id} ${row.group}: ${row.actor} cannot ${row.attempt} (${row.action})`, () => {
      const result = resultOf(row.id);
      expect(result.error).toBeUndefined();
      expect(result.ignoredContextKeys).toEqual([]);
      expect(result.result).toBe('ExplicitlyDenied');
      expect(result.decidedBy.length).toBeGreaterThan(0);
    });
  }
});

describe('allowed', () => {
  for (const row of rows.filter((r) => r.expected === 'Allowed')) {
    test(`#${row.id} ${row.group}: ${row.actor} can ${row.attempt} (${row.action})`, () => {
      const result = resultOf(row.id);
      expect(result.error).toBeUndefined();
      expect(result.ignoredContextKeys).toEqual([]);
      expect(result.result).toBe('Allowed');
      expect(result.decidedBy).toEqual([]);
    });
  }
});

describe('coverage', () => {
  test('every SCP statement is the only SCP statement denying some request (none is dead weight)', () => {
    const scpSids = new Set(scpStatements(config).map((s) => s.Sid));
    for (const sid of scpSids) {
      const sole = [...results.values()].filter((r) => {
        const scpDeciders = r.decidedBy.filter((d) => scpSids.has(d));
        return scpDeciders.length === 1 && scpDeciders[0] === sid;
      });
      expect({ sid, rows: sole.length > 0 }).toEqual({ sid, rows: true });
    }
  });

  test('every RCP statement is the only RCP statement denying some request', () => {
    const rcpSids = new Set(rcpStatements(config).map((s) => s.Sid));
    for (const sid of rcpSids) {
      const sole = [...results.values()].filter((r) => {
        const rcpDeciders = r.decidedBy.filter((d) => rcpSids.has(d));
        return rcpDeciders.length === 1 && rcpDeciders[0] === sid;
      });
      expect({ sid, rows: sole.length > 0 }).toEqual({ sid, rows: true });
    }
  });

  test('denials come only from the generated policies', () => {
    const sids = new Set(buildPolicies(config).flatMap((p) => p.document.Statement.map((s) => s.Sid)));
    for (const r of results.values()) for (const d of r.decidedBy) expect(sids).toContain(d);
  });

  test('the text table lists every row and a summary', () => {
    const table = renderTable([...results.values()]);
    expect(table.split('\n')).toHaveLength(rows.length + 4);
    expect(table).toContain('all as expected');
  });
});

test(`${SECURITY_MATRIX_FILE} is exactly what scripts/attack-matrix.ts generates (regenerate with --write)`, () => {
  const committed = readFileSync(join(__dirname, '..', '..', SECURITY_MATRIX_FILE), 'utf8');
  expect(committed).toBe(renderMarkdown(attackMatrixConfig(), [...results.values()]));
});
