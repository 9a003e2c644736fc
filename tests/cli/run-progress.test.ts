import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderProgressBlock, renderProgressLine, startProgressDisplay, type ProgressSnapshot } from '../../src/cli/run-progress.js';

const idle = { done: 0, dead: 0, active: 0, retried: 0 };
const snapshot: ProgressSnapshot = {
  elapsedMs: 12_300,
  submitted: 31,
  completed: 20,
  dead: 4,
  stages: { discover: { ...idle, done: 1, active: 1 }, fetch: { done: 22, dead: 4, active: 5, retried: 2 } },
};

describe('sitrep run progress', () => {
  it('on a terminal: elapsed, units finished, rate, and per stage done / dead / in flight / retried', () => {
    expect(renderProgressBlock(snapshot)).toEqual([
      'sitrep run: 12.3 s, 24/31 units finished (20 records, 4 dead), 2.0 units/s',
      '  stage     done  dead  in flight  retried',
      '  discover     1     0          1        0',
      '  fetch       22     4          5        2',
    ]);
  });

  it('otherwise one plain line naming the busy stages', () => {
    expect(renderProgressLine(snapshot)).toBe('sitrep run: 12.3 s, 24/31 units finished (20 records, 4 dead), 2.0 units/s; discover 1 in flight, fetch 5 in flight (2 retried)');
  });

  describe('when stderr is not a terminal', () => {
    afterEach(() => vi.useRealTimers());

    it('prints a line at once, one per interval and a last one when stopped (a run shorter than the interval shows progress too)', () => {
      vi.useFakeTimers();
      const lines: string[] = [];
      const stream = { isTTY: false, write: (chunk: string) => lines.push(chunk) } as unknown as NodeJS.WriteStream;
      let elapsedMs = 0;
      const display = startProgressDisplay({ stream, intervalMs: 5000, snapshot: () => ({ ...snapshot, elapsedMs }) });
      expect(lines).toEqual(['sitrep run: 0.0 s, 24/31 units finished (20 records, 4 dead), 0.0 units/s; discover 1 in flight, fetch 5 in flight (2 retried)\n']);
      elapsedMs = 5000;
      vi.advanceTimersByTime(5000);
      expect(lines).toHaveLength(2);
      elapsedMs = 6200;
      display.stop();
      display.stop();
      expect(lines).toHaveLength(3);
      expect(lines[2]).toMatch(/^sitrep run: 6\.2 s, 24\/31 units finished/);
      vi.advanceTimersByTime(60_000);
      expect(lines).toHaveLength(3);
    });
  });
});
