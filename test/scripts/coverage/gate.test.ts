/** The call gate: concurrency bounds (overall and per service), the time budget, the count. */
import { BudgetExhausted, CallGate, Semaphore } from '../../../scripts/coverage/gate';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Runs `n` calls of `service` through the gate, each held until released; reports the most in flight. */
function flood(gate: CallGate, services: readonly string[]) {
  let inFlight = 0;
  let most = 0;
  const perService = new Map<string, number>();
  const mostPerService = new Map<string, number>();
  const releases: (() => void)[] = [];
  const done = Promise.all(services.map((service) => gate.run(service, () => new Promise<void>((resolve) => {
    inFlight += 1;
    perService.set(service, (perService.get(service) ?? 0) + 1);
    most = Math.max(most, inFlight);
    mostPerService.set(service, Math.max(mostPerService.get(service) ?? 0, perService.get(service) ?? 0));
    releases.push(() => {
      inFlight -= 1;
      perService.set(service, (perService.get(service) ?? 0) - 1);
      resolve();
    });
  }))));
  return { done, releases, most: () => most, mostOf: (s: string) => mostPerService.get(s) ?? 0 };
}

/** Releases the calls in flight, tick after tick, until every call has run. */
async function drain(run: ReturnType<typeof flood>): Promise<void> {
  let finished = false;
  void run.done.then(() => { finished = true; });
  for (let i = 0; i < 1000 && !finished; i += 1) {
    await tick();
    run.releases.splice(0).forEach((release) => release());
  }
  await run.done;
}

test('keeps at most `concurrency` calls in flight, and fewer for a bounded service', async () => {
  const gate = new CallGate({ concurrency: 5, perService: { organizations: 2 }, budgetMs: 60_000 });
  const run = flood(gate, [...Array.from({ length: 20 }, () => 's3'), ...Array.from({ length: 10 }, () => 'organizations')]);
  await drain(run);
  expect(run.most()).toBe(5);
  expect(run.mostOf('organizations')).toBe(2);
  gate.close();
});

test('a semaphore hands a released slot to the next waiter, and a double release is harmless', async () => {
  const semaphore = new Semaphore(1);
  const first = await semaphore.acquire();
  let second = false;
  const waiting = semaphore.acquire().then((release) => { second = true; return release; });
  await tick();
  expect(second).toBe(false);
  first();
  first();
  const release = await waiting;
  expect(second).toBe(true);
  let third = false;
  void semaphore.acquire().then(() => { third = true; });
  await tick();
  expect(third).toBe(false);
  release();
  await tick();
  expect(third).toBe(true);
});

test('fails calls with BudgetExhausted once the budget ran out, and aborts the calls in flight', async () => {
  const gate = new CallGate({ concurrency: 2, budgetMs: 50 });
  const inFlight = gate.run('s3', (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))));
  await expect(inFlight).rejects.toBeInstanceOf(BudgetExhausted);
  expect(gate.expired).toBe(true);
  await expect(gate.run('s3', () => Promise.resolve(1))).rejects.toBeInstanceOf(BudgetExhausted);
  gate.close();
});

test('counts calls by service:Operation, sorted', () => {
  const gate = new CallGate({ concurrency: 1, budgetMs: 1000 });
  for (const api of ['sts:AssumeRole', 's3:ListObjectsV2', 'sts:AssumeRole']) gate.count(api);
  expect(gate.calls()).toEqual({ 's3:ListObjectsV2': 1, 'sts:AssumeRole': 2 });
  gate.close();
});
