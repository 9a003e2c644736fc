import { readInput } from '../read-input.js';
import { openRuntime, type GlobalOptions } from '../runtime.js';
import { SitrepError } from '../../errors/sitrep-error.js';

/** `sitrep enqueue <url…> [--refresh]`: one line per URL: job id, URL, and whether it was a duplicate. */
export async function enqueueCommand(urls: string[], options: GlobalOptions & { refresh?: boolean }): Promise<number> {
  const rt = await openRuntime(options);
  try {
    for (const r of await rt.queues.submitUrls(urls, { refresh: options.refresh === true })) process.stdout.write(`${r.jobId}\t${r.url}${r.duplicate ? '\t(duplicate: already submitted)' : ''}\n`);
    return 0;
  } finally {
    await rt.close();
  }
}

/** `sitrep submit <file…>`: articles onto the discover queue. */
export async function submitCommand(files: string[], options: GlobalOptions): Promise<number> {
  const inputs = await Promise.all(files.map(readInput));
  const rt = await openRuntime(options);
  try {
    for (const input of inputs) {
      if (input.kind === 'url') throw new SitrepError('SITREP_ERR_INVALID_INPUT', `${input.url} is a URL: use \`sitrep enqueue\``);
      const r = await rt.queues.submitArticle({ content: input.content, contentType: input.contentType, name: input.name });
      process.stdout.write(`${r.jobId}\t${input.name}${r.url ? `\t${r.url}` : ''}\n`);
    }
    return 0;
  } finally {
    await rt.close();
  }
}

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
