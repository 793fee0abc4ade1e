/**
 * The coverage report: what `coverage --format json` prints (validated against
 * docs/coverage.schema.json, `schemaVersion` 1) and what every other renderer reads.
 */
import type { AccountClass, CellState, CheckStatus, DeliveryStatus } from './states';

/** One finding about the map's scope (an OU path that resolves to nothing, a listed account not in the organization). */
export interface ScopeIssue {
  /** Dot path of the map field (`members.organizationalUnits[1]`). */
  readonly path: string;
  readonly value: string;
  readonly message: string;
}

/** The newest delivered log object of one cell, from the central bucket's listing. */
export interface Delivery {
  readonly status: DeliveryStatus;
  /** LastModified of the newest object (ISO 8601), when one was found. */
  readonly newestObjectAt?: string;
  /** Its key, so an auditor can look it up. */
  readonly newestObjectKey?: string;
  /** Days between the newest object and the report's time, one decimal. */
  readonly ageDays?: number;
  /** Why it is `unknown`. */
  readonly error?: string;
}

/** The member StackSet instance stack found in the cell. */
export interface StackFound {
  readonly name: string;
  readonly status: string;
}

/** Results of the individual reads of one cell. */
export interface CellChecks {
  readonly loggingConfiguration: CheckStatus;
  readonly bucket: CheckStatus;
  readonly replication: CheckStatus;
  readonly stack: CheckStatus;
}

/** One account × region. */
export interface Cell {
  readonly region: string;
  readonly state: CellState;
  readonly checks: CellChecks;
  /** One line per thing that is wrong, with what was found and what was expected. */
  readonly problems: readonly string[];
  readonly stack?: StackFound;
  readonly delivery: Delivery;
}

export interface AccountReport {
  readonly id: string;
  readonly name: string;
  /** The account's `State` (`Status` where an API answer has no `State`). */
  readonly state: string;
  /** Its OU as CfCT writes it (`Workloads:Prod`), `Root` for an account directly under the root. */
  readonly ouPath: string;
  readonly classification: AccountClass;
  /** Why it has that classification (which map entry or SCP target). */
  readonly reason: string;
  /** One cell per member region, in the map's order. */
  readonly cells: readonly Cell[];
}

export interface CoverageSummary {
  readonly accounts: Readonly<Record<AccountClass, number>>;
  readonly cells: Readonly<Record<CellState, number>>;
  /** Cells in scope (covered accounts × member regions). */
  readonly cellsInScope: number;
  /** Cells in scope that pass (see `cellPasses`). */
  readonly cellsPassing: number;
  /** Whether the run passed: every cell in scope passes and the map's scope has no issue. */
  readonly ok: boolean;
}

export interface CoverageReport {
  readonly schemaVersion: number;
  /** When the run started (ISO 8601); delivery ages are measured from it. */
  readonly generatedAt: string;
  readonly tool: { readonly name: string; readonly version: string };
  readonly environment: {
    readonly name: string;
    readonly organizationId: string;
    readonly homeRegion: string;
    readonly resourcePrefix: string;
    readonly regions: readonly string[];
    readonly memberOrganizationalUnits: readonly string[];
    readonly memberAccounts: readonly string[];
    readonly guardrailTargets: readonly string[];
    readonly aggregation: { readonly accountId: string; readonly region: string; readonly bucket: string };
    readonly keyPrefix: string;
    readonly dataTypes: readonly string[];
  };
  readonly settings: {
    readonly roleName: string;
    readonly staleAfterDays: number;
    readonly configurationOnly: boolean;
    readonly concurrency: number;
    readonly timeBudgetSeconds: number;
  };
  /** Who ran it (STS GetCallerIdentity). */
  readonly caller: { readonly account: string; readonly arn: string };
  readonly organization: { readonly id: string; readonly managementAccountId: string; readonly rootId: string };
  readonly scopeIssues: readonly ScopeIssue[];
  /** Whether the central bucket could be read (`ok`), else why not: every delivery is then `unknown`. */
  readonly deliveryEvidence: { readonly status: 'ok' | 'access-denied' | 'error'; readonly message?: string };
  readonly accounts: readonly AccountReport[];
  readonly summary: CoverageSummary;
  readonly run: {
    readonly durationMs: number;
    /** True when the time budget ran out: some cells are `not-checked`. */
    readonly budgetExhausted: boolean;
    /** AWS API calls made, by `service:Operation` (each SDK retry included). */
    readonly calls: Readonly<Record<string, number>>;
  };
}
