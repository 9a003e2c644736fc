import { SitrepError } from '../../errors/sitrep-error.js';
import { STAGES, type StageName } from '../../queues/job-data.js';
import { startService } from '../../workers/start-service.js';
import { openRuntime, type GlobalOptions } from '../runtime.js';

export interface WorkerCommandOptions extends GlobalOptions {
  /** Comma-separated stage names. Default: all. */
  stages?: string;
  concurrency?: string;
}

function parseStages(value: string | undefined): StageName[] {
  if (!value) return [...STAGES];
  const stages = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = stages.filter((s) => !(STAGES as readonly string[]).includes(s));
  if (unknown.length) throw new SitrepError('SITREP_ERR_INVALID_INPUT', `unknown stage(s) ${unknown.join(', ')}: choose from ${STAGES.join(', ')}`);
  return stages as StageName[];
}

/** Long-running workers; SIGINT/SIGTERM close them gracefully (active jobs finish first). */
export async function workerCommand(options: WorkerCommandOptions): Promise<number> {
  const stages = parseStages(options.stages);
  const concurrency = options.concurrency === undefined ? undefined : Number(options.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) {
    throw new SitrepError('SITREP_ERR_INVALID_INPUT', `--concurrency must be a positive integer, got ${options.concurrency}`);
  }
  const rt = await openRuntime(options, undefined, { waitForRedis: true });
  const ctx = concurrency ? { ...rt, config: { ...rt.config, queue: { ...rt.config.queue, concurrency }, fetch: { ...rt.config.fetch, concurrency } } } : rt;
  const running = await startService(ctx, { stages });
  rt.logger.info({ stages, redis: rt.redis.embedded ? 'embedded' : 'configured' }, 'workers started');
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      rt.logger.info({ signal }, 'shutting down: letting active jobs finish');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  await rt.close();
  return 0;
}
