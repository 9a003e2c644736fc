import { StageStats } from '../../metrics/stage-stats.js';
import { queueStatus } from '../../queues/queue-status.js';
import { redisMemory } from '../../redis/redis-memory.js';
import { openRuntime, type GlobalOptions } from '../runtime.js';

export interface StatusOptions extends GlobalOptions {
  json?: boolean;
  /** Keys sized to find the largest key families. Default 10000. */
  sampleKeys?: number;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * `sitrep status [--json]`: per queue (stages and webhook subscribers) its backlog, the workers
 * serving it, what they did in the last hour and its dead letters; then Redis memory and the
 * largest key families.
 */
export async function statusCommand(options: StatusOptions): Promise<number> {
  const rt = await openRuntime(options);
  try {
    const status = await queueStatus(rt.queues, new StageStats(rt.connection, { prefix: rt.queues.keys.statsPrefix }));
    const redis = await redisMemory(rt.connection, rt.config.queue.prefix, { sampleLimit: options.sampleKeys });
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ ...status, redis })}\n`);
      return 0;
    }
    const header = ['queue', 'workers', 'waiting', 'prioritized', 'active', 'delayed', 'done/1h', 'failed/1h', 'retried/1h', 'dead'];
    const rows = [header];
    for (const [name, q] of Object.entries(status.queues)) {
      const hour = q.lastHour ? [q.lastHour.completed, q.lastHour.failed, q.lastHour.retried].map(String) : ['-', '-', '-'];
      rows.push([name, q.workers === null ? '?' : String(q.workers), String(q.waiting), String(q.prioritized), String(q.active), String(q.delayed), ...hour, String(q.deadLetters)]);
    }
    const width = Math.max(12, ...rows.map((r) => r[0].length + 2));
    for (const row of rows) process.stdout.write(`${row[0].padEnd(width)}${row.slice(1).map((cell) => cell.padEnd(12)).join('').trimEnd()}\n`);
    const idle = Object.entries(status.queues).filter(([, q]) => q.kind !== 'other' && q.workers === 0 && q.waiting + q.prioritized + q.delayed > 0);
    for (const [name] of idle) process.stdout.write(`warning: ${name} has jobs waiting and no live worker (start \`sitrep worker\`)\n`);
    process.stdout.write(`dead letters: ${status.deadLetters}\n`);
    const limit = redis.maxBytes > 0 ? ` of ${mb(redis.maxBytes)} (${((redis.usedBytes / redis.maxBytes) * 100).toFixed(0)}%)` : ' (no maxmemory limit)';
    process.stdout.write(`redis memory: ${mb(redis.usedBytes)}${limit}\n`);
    process.stdout.write(`largest key families (${redis.sampledKeys} keys${redis.complete ? '' : ', a sample'}):\n`);
    for (const f of redis.families) process.stdout.write(`  ${mb(f.bytes).padStart(10)}  ${String(f.keys).padStart(7)} keys  ${f.family}\n`);
    return 0;
  } finally {
    await rt.close();
  }
}
