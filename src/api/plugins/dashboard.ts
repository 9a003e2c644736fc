import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Job, Queue } from 'bullmq';
import type { DeadLetterQueue } from '../../queues/dead-letter-queue.js';
import { isStage } from '../../queues/job-data.js';
import type { FastifyInstance } from 'fastify';

export const DASHBOARD_PATH = '/admin/queues';

// React renders `<style>` elements from string constants in bull-board's bundle (its SVG logo's colours).
const RENDERED_STYLE = /jsxs?\)\("style",\{children:(`[^`$\\]*`|"(?:[^"\\]|\\.)*")/g;

/**
 * The inline styles bull-board's UI renders at run time, read from its installed bundle so the
 * dashboard's CSP can allow exactly them by hash (no 'unsafe-inline'); the browser test checks the
 * dashboard shows no CSP violation, so a bull-board upgrade that adds another cannot pass unnoticed.
 */
export function dashboardRenderedStyles(): string[] {
  const dir = join(dirname(createRequire(import.meta.url).resolve('@bull-board/ui/package.json')), 'dist/static/js');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.js'))
    .flatMap((file) => [...readFileSync(join(dir, file), 'utf8').matchAll(RENDERED_STYLE)])
    .map(([, literal]) => (literal.startsWith('`') ? literal.slice(1, -1) : (JSON.parse(literal) as string)));
}

/**
 * bull-board's Retry (one job, or all failed) on a dead-lettered job replays its dead letter, as
 * `sitrep dlq replay` does: the letter goes, the unit is pending again, and completed + dead-lettered
 * stays equal to submitted. A plain `job.retry()` would run the job while its letter and its unit's
 * death stayed behind.
 */
class SitrepQueueAdapter extends BullMQAdapter {
  constructor(
    private readonly bullQueue: Queue,
    private readonly deadLetters: DeadLetterQueue,
  ) {
    super(bullQueue, {
      description: isStage(bullQueue.name)
        ? 'Failed jobs are dead letters: Retry replays them (as `sitrep dlq replay`). Dead letters are listed on the status page and at /v1/dead-letters.'
        : 'Webhook deliveries of one subscriber. Failed: dead-lettered; Retry replays them.',
    });
  }

  override async getJob(id: string): Promise<Job | undefined> {
    const job = await super.getJob(id);
    return job ? this.replayOnRetry(job) : job;
  }

  override async getJobs(statuses: Parameters<BullMQAdapter['getJobs']>[0], start?: number, end?: number): Promise<Job[]> {
    return (await super.getJobs(statuses, start, end)).map((job) => this.replayOnRetry(job));
  }

  private replayOnRetry(job: Job): Job {
    const retry = job.retry.bind(job);
    const letterId = `${this.bullQueue.name}.${job.id}`;
    job.retry = async (state?: 'completed' | 'failed') => {
      if (state === 'completed') return retry(state);
      if (await this.deadLetters.replay(letterId)) return;
      if (!(await this.deadLetters.get(letterId)) && isStage(this.bullQueue.name)) {
        throw new Error(`job ${job.id} has no dead letter (purged or expired): submit its URL again instead`);
      }
      return retry(state);
    };
    return job;
  }
}

export interface Dashboard {
  addQueue(queue: Queue): void;
}

/**
 * bull-board at /admin/queues: every stage queue and each webhook subscriber's queue, with
 * retry (a dead letter's replay)/clean/promote. Its routes set no access level, so they take the
 * default, admin (a browser logs in with any user name and an admin token as password).
 */
export async function registerDashboard(app: FastifyInstance, queues: readonly Queue[], deadLetters: DeadLetterQueue): Promise<Dashboard> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  const shown = new Set<string>();
  const adapter = (q: Queue) => {
    shown.add(q.name);
    return new SitrepQueueAdapter(q, deadLetters);
  };
  const board = createBullBoard({
    queues: queues.map(adapter),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'sitrep queues' } },
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
  return {
    addQueue(queue) {
      if (!shown.has(queue.name)) board.addQueue(adapter(queue));
    },
  };
}
