/**
 * The manners of a coverage run: every AWS call passes one gate that bounds how many calls are in
 * flight (overall and per service), stops starting calls when the time budget runs out (and aborts
 * those in flight), and counts the calls. Retries with back-off on throttling are the SDK's own
 * (standard retry mode); the gate only keeps the run from causing the throttling in the first place.
 */
import { setMaxListeners } from 'events';

/** Waits for one of `size` slots. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async acquire(): Promise<() => void> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // A waiter takes over the slot directly, so `active` stays the same.
      if (next) next();
      else this.active -= 1;
    };
  }
}

/** The error a call gets when the time budget ran out before or while it ran. */
export class BudgetExhausted extends Error {
  constructor() {
    super('the time budget ran out');
    this.name = 'BudgetExhausted';
  }
}

export interface GateOptions {
  /** Calls in flight at most, over every service. */
  readonly concurrency: number;
  /** Lower bounds for some services (Organizations and STS throttle early). */
  readonly perService?: Readonly<Record<string, number>>;
  /** Milliseconds from now after which no call starts and calls in flight are aborted. */
  readonly budgetMs: number;
}

/** Bounded concurrency, a time budget and a call count, shared by every call of a run. */
export class CallGate {
  private readonly overall: Semaphore;
  private readonly services = new Map<string, Semaphore>();
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly counts = new Map<string, number>();

  constructor(private readonly options: GateOptions) {
    this.overall = new Semaphore(options.concurrency);
    // Every call in flight listens to the one signal: lift the leak warning's limit of 10.
    setMaxListeners(0, this.controller.signal);
    this.timer = setTimeout(() => this.controller.abort(), options.budgetMs);
    this.timer.unref();
  }

  /** Aborted when the budget runs out: pass it to the SDK's `send`. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether the budget ran out. */
  get expired(): boolean {
    return this.controller.signal.aborted;
  }

  /** Runs `call` within the bounds of `service`; throws `BudgetExhausted` once the budget ran out. */
  async run<T>(service: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.expired) throw new BudgetExhausted();
    const releaseService = await this.semaphore(service).acquire();
    try {
      const release = await this.overall.acquire();
      try {
        if (this.expired) throw new BudgetExhausted();
        return await call(this.signal);
      } catch (err) {
        throw this.expired ? new BudgetExhausted() : err;
      } finally {
        release();
      }
    } finally {
      releaseService();
    }
  }

  /** Counts one request sent to AWS (the SDK middleware calls it for every attempt). */
  count(api: string): void {
    this.counts.set(api, (this.counts.get(api) ?? 0) + 1);
  }

  /** Requests sent, by `service:Operation`, sorted by name. */
  calls(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Stops the budget timer (the run is over). */
  close(): void {
    clearTimeout(this.timer);
  }

  private semaphore(service: string): Semaphore {
    let semaphore = this.services.get(service);
    if (!semaphore) {
      semaphore = new Semaphore(Math.min(this.options.perService?.[service] ?? this.options.concurrency, this.options.concurrency));
      this.services.set(service, semaphore);
    }
    return semaphore;
  }
}
