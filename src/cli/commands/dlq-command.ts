import { createInterface } from 'node:readline/promises';
import { SitrepError } from '../../errors/sitrep-error.js';
import { openRuntime, type GlobalOptions } from '../runtime.js';

/** Asks on a terminal; anywhere else (a script, a pipe) the answer is no. */
async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export interface DlqOptions extends GlobalOptions {
  /** purge --all without asking. */
  yes?: boolean;
  json?: boolean;
  all?: boolean;
  limit?: string;
  offset?: string;
  /** Only dead letters with this error code (list, replay --all, purge --all). */
  code?: string;
  /** Only dead letters of this stage or queue (list, replay --all, purge --all). */
  stage?: string;
}

/** `sitrep dlq list|show <id>|replay [<id>|--all]|purge [<id>|--all]`. */
export async function dlqCommand(action: string, id: string | undefined, options: DlqOptions): Promise<number> {
  if (!['list', 'show', 'replay', 'purge'].includes(action)) throw new SitrepError('SITREP_ERR_INVALID_INPUT', `unknown dlq action ${JSON.stringify(action)}: use list, show, replay or purge`);
  if ((action === 'show' || ((action === 'replay' || action === 'purge') && !options.all)) && !id) {
    throw new SitrepError('SITREP_ERR_INVALID_INPUT', `sitrep dlq ${action} needs a dead-letter id${action === 'show' ? '' : ' or --all'}`);
  }
  const rt = await openRuntime(options);
  const dlq = rt.queues.deadLetters;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const filter = { code: options.code, stage: options.stage };
  try {
    switch (action) {
      case 'list': {
        const letters = await dlq.list({ ...filter, offset: Number(options.offset ?? 0), limit: Number(options.limit ?? 50) });
        if (options.json) out(JSON.stringify(letters));
        else for (const l of letters) out(`${l.id}\t${l.stage}\t${l.code}\t${l.attemptsMade} attempt(s)\t${l.failedAt}\t${l.message}`);
        if (!options.json) process.stderr.write(`${await dlq.count()} dead letter(s) in all\n`);
        return 0;
      }
      case 'show': {
        const letter = await dlq.get(id as string);
        if (!letter) throw new SitrepError('SITREP_ERR_NOT_FOUND', `no dead letter ${id}`);
        out(JSON.stringify(letter, null, 2));
        return 0;
      }
      case 'replay': {
        if (options.all) out(`replayed ${await dlq.replayAll(filter)}`);
        else if (await dlq.replay(id as string)) out(`replayed ${id}`);
        else throw new SitrepError('SITREP_ERR_NOT_FOUND', `no dead letter ${id}`);
        return 0;
      }
      default: {
        if (options.all) {
          if (!options.yes && !(await confirm(`purge ${(await dlq.select(filter)).length} dead letter(s)? They cannot be replayed afterwards [y/N] `))) {
            throw new SitrepError('SITREP_ERR_INVALID_INPUT', 'sitrep dlq purge --all forgets every dead letter: confirm on a terminal, or add --yes');
          }
          out(`purged ${await dlq.purgeAll(filter)}`);
        }
        else if (await dlq.purge(id as string)) out(`purged ${id}`);
        else throw new SitrepError('SITREP_ERR_NOT_FOUND', `no dead letter ${id}`);
        return 0;
      }
    }
  } finally {
    await rt.close();
  }
}
