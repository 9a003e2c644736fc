import { SitrepError } from '../../errors/sitrep-error.js';
import { STAGES, type StageName } from '../../queues/job-data.js';
import { startService } from '../../workers/start-service.js';
import { openRuntime, type GlobalOptions } from '../runtime.js';
import { closeOnSignal, shutdownSignal } from '../shutdown.js';

export interface WorkerCommandOptions extends GlobalOptions {
  /** Comma-separated stage names. Default: all. */
  stages?: string;
  /** Jobs at once per stage (validated by the option parser). Default: config. */
  concurrency?: number;
  /** Seconds active jobs get to finish at shutdown. Default 30. */
  grace?: number;
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
  const concurrency = options.concurrency;
  const rt = await openRuntime(options, { waitForRedis: true });
  const ctx = concurrency ? { ...rt, config: { ...rt.config, queue: { ...rt.config.queue, concurrency }, fetch: { ...rt.config.fetch, concurrency } } } : rt;
  const signal = shutdownSignal(rt.logger);
  const running = await startService(ctx, { stages });
  rt.logger.info({ stages, redis: rt.redis.embedded ? 'embedded' : 'configured' }, 'workers started');
  return closeOnSignal(signal, async () => {
    await running.close();
    await rt.close();
  }, (options.grace ?? 30) * 1000, rt.logger, 'sitrep worker');
}
