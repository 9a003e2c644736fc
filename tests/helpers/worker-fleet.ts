import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));

export interface WorkerFleet {
  /** Process id of each worker. */
  pids: number[];
  /** stderr of each process so far (logs). */
  logs(): string[];
  /** SIGTERM to each; resolves with their exit codes once all have stopped. */
  stop(): Promise<Array<number | null>>;
}

/**
 * `count` separate `sitrep worker` processes (from source, via tsx) with the given SITREP_*
 * settings, each with its own Redis connections and fetch pool: what several machines would be.
 * Resolves once each has logged "workers started".
 */
export async function startWorkerFleet(count: number, env: Record<string, string>, args: string[] = []): Promise<WorkerFleet> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SITREP_') && k !== 'REDIS_URL'));
  const children: ChildProcess[] = [];
  const logs: string[] = [];
  const started = Array.from({ length: count }, (_, i) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'worker', ...args], { env: { ...clean, SITREP_WORKER_METRICS_PORT: '0', SITREP_LOG_LEVEL: 'info', ...env } });
    children.push(child);
    logs[i] = '';
    return new Promise<void>((resolve, reject) => {
      child.stderr?.on('data', (d: Buffer) => {
        logs[i] += d.toString();
        if (logs[i].includes('workers started')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`worker ${i} exited (${code}) before starting: ${logs[i].slice(-500)}`)));
    });
  });
  try {
    await Promise.all(started);
  } catch (error) {
    for (const child of children) child.kill('SIGTERM');
    throw error;
  }
  return {
    pids: children.map((child) => child.pid ?? 0),
    logs: () => [...logs],
    stop: () =>
      Promise.all(
        children.map(
          (child) =>
            new Promise<number | null>((resolve) => {
              if (child.exitCode !== null) return resolve(child.exitCode);
              child.once('close', (code) => resolve(code));
              child.kill('SIGTERM');
            }),
        ),
      ),
  };
}
