import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';

export const DASHBOARD_PATH = '/admin/queues';

export interface Dashboard {
  addQueue(queue: Queue): void;
}

/**
 * bull-board at /admin/queues: every stage queue, the dead-letter queue and each webhook
 * subscriber's queue, with retry/clean/promote. Its routes set no access level, so they take the
 * default, admin (a browser logs in with any user name and an admin token as password).
 */
export async function registerDashboard(app: FastifyInstance, queues: readonly Queue[]): Promise<Dashboard> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  const shown = new Set<string>();
  const adapter = (q: Queue) => {
    shown.add(q.name);
    return new BullMQAdapter(q);
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
