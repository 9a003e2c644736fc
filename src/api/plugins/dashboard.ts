import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
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
