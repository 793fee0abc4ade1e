/** Progress on stderr: a bar on a terminal, plain lines at every tenth elsewhere, nothing for small runs. */
import { PLAIN_MIN_CELLS, progressOn } from '../../../scripts/coverage/progress';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, write: (text: string) => writes.push(text) };
}

test('on a terminal: a bar redrawn in place (at most every 200 ms, and at the end), then a newline', () => {
  const out = stream(true);
  let now = 0;
  const progress = progressOn(out, () => now);
  progress.update(1, 10);
  now = 100;
  progress.update(2, 10); // too soon: not drawn
  now = 1500;
  progress.update(10, 10);
  progress.finish();
  expect(out.writes).toEqual([
    '\rcoverage [###...........................] 1/10 cells, 0.0 s',
    '\rcoverage [##############################] 10/10 cells, 1.5 s',
    '\n',
  ]);
});

test('elsewhere: a line at every tenth of a long run', () => {
  const out = stream(false);
  const progress = progressOn(out, () => 0);
  for (let done = 1; done <= 1000; done += 1) progress.update(done, 1000);
  progress.finish();
  expect(out.writes).toHaveLength(10);
  expect(out.writes[0]).toBe('coverage: 100/1000 cells checked (10 %) after 0.0 s\n');
  expect(out.writes[9]).toBe('coverage: 1000/1000 cells checked (100 %) after 0.0 s\n');
});

test(`elsewhere: nothing for a run of fewer than ${PLAIN_MIN_CELLS} cells`, () => {
  const out = stream(false);
  const progress = progressOn(out);
  for (let done = 1; done < PLAIN_MIN_CELLS; done += 1) progress.update(done, PLAIN_MIN_CELLS - 1);
  progress.finish();
  expect(out.writes).toEqual([]);
});
