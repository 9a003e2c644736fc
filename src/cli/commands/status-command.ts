import { openRuntime, type GlobalOptions } from '../runtime.js';

/** `sitrep status [--json]`: counts per queue and state, and the dead-letter count. */
export async function statusCommand(options: GlobalOptions & { json?: boolean }): Promise<number> {
  const rt = await openRuntime(options);
  try {
    const counts = await rt.queues.counts();
    if (options.json) {
      process.stdout.write(`${JSON.stringify(counts)}\n`);
      return 0;
    }
    const states = ['waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed'];
    const rows = [['queue', ...states], ...Object.entries(counts.queues).map(([name, c]) => [name, ...states.map((s) => String(c[s] ?? 0))])];
    rows.push(['dead-letter', String(counts.deadLetters)]);
    for (const row of rows) process.stdout.write(`${row.map((cell) => cell.padEnd(12)).join('')}\n`);
    return 0;
  } finally {
    await rt.close();
  }
}
