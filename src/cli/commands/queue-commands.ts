import { readInput } from '../read-input.js';
import { openRuntime, type GlobalOptions } from '../runtime.js';
import { SitrepError } from '../../errors/sitrep-error.js';
import { runIdFor } from '../../queues/sitrep-queues.js';

interface SubmissionOptions {
  /** Names the submission, so that repeating the command is the same run. Default: a new run each time. */
  idempotencyKey?: string;
}

const runOf = (options: SubmissionOptions) => (options.idempotencyKey ? { runId: runIdFor(options.idempotencyKey) } : {});

/** `sitrep enqueue <url…> [--refresh] [--idempotency-key k]`: one line per URL: job id, URL, and whether it was a duplicate. */
export async function enqueueCommand(urls: string[], options: GlobalOptions & SubmissionOptions & { refresh?: boolean }): Promise<number> {
  const rt = await openRuntime(options);
  try {
    for (const r of await rt.queues.submitUrls(urls, { refresh: options.refresh === true, ...runOf(options) })) process.stdout.write(`${r.jobId}\t${r.url}${r.duplicate ? '\t(duplicate: already submitted)' : ''}\n`);
    return 0;
  } finally {
    await rt.close();
  }
}

/** `sitrep submit <file…>`: articles onto the discover queue. */
export async function submitCommand(files: string[], options: GlobalOptions & SubmissionOptions): Promise<number> {
  const inputs = await Promise.all(files.map(readInput));
  const rt = await openRuntime(options);
  try {
    for (const input of inputs) {
      if (input.kind === 'url') throw new SitrepError('SITREP_ERR_INVALID_INPUT', `${input.url} is a URL: use \`sitrep enqueue\``);
      const r = await rt.queues.submitArticle({ content: input.content, contentType: input.contentType, name: input.name }, runOf(options));
      process.stdout.write(`${r.jobId}\t${input.name}${r.url ? `\t${r.url}` : ''}${r.duplicate ? '\t(duplicate: the same article was already submitted)' : ''}\n`);
    }
    return 0;
  } finally {
    await rt.close();
  }
}
