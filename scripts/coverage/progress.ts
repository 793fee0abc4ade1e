/**
 * Progress of a long run, on stderr only (stdout carries the report): a bar redrawn in place when
 * stderr is a terminal, else a plain line at every tenth of the cells for runs of at least
 * `PLAIN_MIN_CELLS` cells (CI logs stay short; small runs stay silent).
 */
import type { Output } from '../lib/command';

/** Smallest run that gets the plain lines. */
export const PLAIN_MIN_CELLS = 200;
const BAR_WIDTH = 30;
const REDRAW_MS = 200;

export interface Progress {
  update(done: number, total: number): void;
  /** Ends the bar's line. */
  finish(): void;
}

export function progressOn(stream: Output, clock: () => number = () => performance.now()): Progress {
  const started = clock();
  const elapsed = () => `${((clock() - started) / 1000).toFixed(1)} s`;
  if (stream.isTTY === true) {
    let drawn = -Infinity;
    let shown = false;
    return {
      update(done, total) {
        if (done < total && clock() - drawn < REDRAW_MS) return;
        drawn = clock();
        shown = true;
        const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
        stream.write(`\rcoverage [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total} cells, ${elapsed()}`);
      },
      finish() {
        if (shown) stream.write('\n');
      },
    };
  }
  let step = 0;
  return {
    update(done, total) {
      if (total < PLAIN_MIN_CELLS) return;
      const reached = Math.floor((done / total) * 10);
      if (reached <= step) return;
      step = reached;
      stream.write(`coverage: ${done}/${total} cells checked (${reached * 10} %) after ${elapsed()}\n`);
    },
    finish() {},
  };
}
